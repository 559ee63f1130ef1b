import type { ConnectErrorJSON } from '../../core/errors.js';
import type { ConnectionStatus } from '../../core/types.js';

/**
 * Everything the server keeps about one tenant's Salesforce connection. Secrets are stored only
 * as encrypted envelopes (see `createSecretBox`): the store never sees a plain secret or token.
 * Times are epoch milliseconds.
 *
 * @example
 * const record: ConnectionRecord = {
 *   tenant: 'acme',
 *   status: 'configured',
 *   loginUrl: 'https://acme.my.salesforce.com',
 *   consumerKey: '3MVG9…',
 *   consumerSecret: 'v1.kid.iv.ciphertext',
 *   credentialsId: 'b3Jn…',
 *   updatedAt: Date.now(),
 * };
 */
export interface ConnectionRecord {
  tenant: string;
  status: ConnectionStatus;
  loginUrl: string;
  consumerKey: string;
  /** Encrypted envelope. */
  consumerSecret: string;
  /**
   * A random id, new whenever the consumer key or login URL changes: an authorization started
   * under other credentials is refused.
   */
  credentialsId: string;
  /** Encrypted envelope. */
  accessToken?: string | undefined;
  /** Encrypted envelope. */
  refreshToken?: string | undefined;
  /** When the server received the access token (by its own clock). */
  tokenIssuedAt?: number | undefined;
  instanceUrl?: string | undefined;
  /** The identity URL from the token response (`/id/<org>/<user>`). */
  identityUrl?: string | undefined;
  orgId?: string | undefined;
  orgName?: string | undefined;
  isSandbox?: boolean | undefined;
  userId?: string | undefined;
  username?: string | undefined;
  displayName?: string | undefined;
  /** Scopes Salesforce granted. */
  scopes?: string[] | undefined;
  error?: ConnectErrorJSON | undefined;
  connectedAt?: number | undefined;
  /** Last time the server confirmed the connection with Salesforce. */
  checkedAt?: number | undefined;
  updatedAt: number;
}

/**
 * One authorization in flight, filed under the SHA-256 of its state (the state itself is never
 * stored). Single use: {@link ConnectStore.consumeAuthorization} hands it out once.
 *
 * @example
 * const pending: PendingAuthorization = {
 *   stateHash, tenant: 'acme', codeVerifier: encryptedVerifier,
 *   returnOrigin: 'https://app.example.com', credentialsId: record.credentialsId,
 *   createdAt: now, expiresAt: now + 600_000,
 * };
 */
export interface PendingAuthorization {
  stateHash: string;
  tenant: string;
  /** Encrypted envelope of the PKCE verifier. */
  codeVerifier: string;
  /** Where the callback page posts its result. */
  returnOrigin: string;
  /** The connection's `credentialsId` when the authorization started. */
  credentialsId: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * What {@link ConnectStore.consumeAuthorization} found: the authorization (now spent), or why
 * there is none.
 *
 * @example
 * const taken = await store.consumeAuthorization({ stateHash, usedAt: Date.now() });
 * if (taken.status !== 'consumed') refuse(taken.status);
 */
export type ConsumeResult =
  | { status: 'consumed'; authorization: PendingAuthorization }
  | { status: 'already_used' }
  | { status: 'unknown' };

/**
 * Where the reference server keeps its state. Implementations: `createMemoryStore()` and
 * `createPostgresStore(client)`; write your own and prove it with the store conformance suite.
 * Every method may be called concurrently; `consumeAuthorization` must be atomic (two callers
 * with the same state: exactly one gets it).
 *
 * @example
 * const store: ConnectStore = createPostgresStore(new pg.Pool());
 * await store.saveConnection(record);
 */
export interface ConnectStore {
  getConnection(tenant: string): Promise<ConnectionRecord | undefined>;
  /** Creates or replaces the tenant's one connection record. */
  saveConnection(record: ConnectionRecord): Promise<void>;
  deleteConnection(tenant: string): Promise<void>;
  saveAuthorization(authorization: PendingAuthorization): Promise<void>;
  /**
   * Marks the authorization used and returns it, once. With `tenant`, an authorization of another
   * tenant is reported `unknown` and left unspent.
   */
  consumeAuthorization(input: {
    stateHash: string;
    tenant?: string | undefined;
    usedAt: number;
  }): Promise<ConsumeResult>;
  /** Forgets authorizations that expired before `before`; returns how many. */
  deleteExpiredAuthorizations(before: number): Promise<number>;
  /** Releases what the store holds (connections, file handles); optional. */
  close?(): Promise<void>;
}
