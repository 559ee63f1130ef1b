import type { IncomingMessage } from 'node:http';
import type { BrowserSessions } from './browser-sessions.js';
import type { FaultBoard } from './fault-board.js';
import type { IdTokenSigner } from './id-token-signer.js';
import type { OrgDirectory } from './org-directory.js';
import type { TokenLedger } from './token-ledger.js';

/** The fidelity switches, resolved (see `SimulatorFidelityOptions`). */
export interface Fidelity {
  readonly rejectUnexpectedCodeVerifier: boolean;
  readonly refuseApiOnLoginHost: boolean;
  readonly urlEncodedRevokeErrors: boolean;
}

/** The simulated org's state, shared by every route. */
export interface SimulatorContext {
  /** e.g. `http://127.0.0.1:54321`: the login host, issuer of ID tokens, home of identity URLs. */
  readonly baseUrl: string;
  /** The org's instance (`instance_url`), where the REST API answers; may equal `baseUrl`. */
  readonly instanceUrl: string;
  readonly fidelity: Fidelity;
  readonly directory: OrgDirectory;
  readonly ledger: TokenLedger;
  readonly faults: FaultBoard;
  readonly signer: IdTokenSigner;
  readonly browser: BrowserSessions;
  now(): number;
}

/** A parsed request as the routes see it. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** URL-encoded POST fields (empty for other requests). */
  readonly form: URLSearchParams;
  readonly cookies: ReadonlyMap<string, string>;
  readonly raw: IncomingMessage;
  /** Which origin the request came to: the login host or the instance (the same with a shared host). */
  readonly origin: 'login' | 'instance';
}

/** The identity URL of a user: Salesforce's `id` in token responses and `sub` in OpenID. */
export function identityUrl(context: SimulatorContext, userId: string): string {
  return `${context.baseUrl}/id/${context.directory.org.id}/${userId}`;
}
