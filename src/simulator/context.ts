import type { IncomingMessage } from 'node:http';
import type { BrowserSessions } from './browser-sessions.js';
import type { FaultBoard } from './fault-board.js';
import type { IdTokenSigner } from './id-token-signer.js';
import type { OrgDirectory } from './org-directory.js';
import type { TokenLedger } from './token-ledger.js';

/** The simulated org's state, shared by every route. */
export interface SimulatorContext {
  /** e.g. `http://127.0.0.1:54321`: issuer, login URL and instance URL at once. */
  readonly baseUrl: string;
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
}

/** The identity URL of a user: Salesforce's `id` in token responses and `sub` in OpenID. */
export function identityUrl(context: SimulatorContext, userId: string): string {
  return `${context.baseUrl}/id/${context.directory.org.id}/${userId}`;
}
