import type { ConnectErrorJSON } from '../../core/errors.js';
import type { ConnectionFieldValues, ConnectionFlow, ConnectionStatus } from '../../core/types.js';

/**
 * Which connection a store call is about: a tenant and the connection's id within it
 * (`DEFAULT_CONNECTION_ID` for the one every single-connection route addresses).
 *
 * @example
 * const key: ConnectionKey = { tenant: 'acme', connectionId: 'sandbox' };
 * const record = await store.getConnection(key.tenant, key.connectionId);
 */
export interface ConnectionKey {
  tenant: string;
  connectionId: string;
}

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
  /**
   * The connection's id within its tenant; absent or `DEFAULT_CONNECTION_ID` for the default
   * connection (records written before several connections existed have none).
   */
  connectionId?: string | undefined;
  /** The connection's name, as the admin gave it. */
  name?: string | undefined;
  /** How the connection signs in; absent means `authorization-code`. */
  flow?: ConnectionFlow | undefined;
  /** The integrator's non-secret field values (validated against the handler's definitions). */
  fields?: ConnectionFieldValues | undefined;
  /**
   * Encrypted envelope of the secret field values, as one JSON object (field `secret_fields`).
   */
  secretFields?: string | undefined;
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
  /**
   * A refresh lease: until this time one server instance holds the right to spend the refresh
   * token (Salesforce revokes the whole grant when a rotated refresh token is used twice). Others
   * wait for its result instead of refreshing too.
   */
  refreshingUntil?: number | undefined;
  /**
   * A sign-in that landed in another org than `orgId`, parked until the person connecting chooses
   * (see `Connection.orgChange`). Its tokens are encrypted envelopes like the record's own.
   */
  pendingOrgChange?: PendingOrgChange | undefined;
  updatedAt: number;
  /**
   * When the store first saved this connection (epoch ms): set by the store, kept by every later
   * write, and what orders a tenant's connections in `listConnections`. What a caller passes is
   * ignored.
   */
  createdAt?: number | undefined;
  /**
   * The store's revision of this record: set by the store on every read, bumped by every write.
   * What a caller passes in `saveConnection` is ignored; the condition goes in `expectedRevision`.
   */
  revision?: number | undefined;
}

/**
 * A new grant parked on a {@link ConnectionRecord} because it belongs to another org. Stores keep
 * it as one JSON value (PostgreSQL: the `pending_org_change` jsonb column).
 *
 * @example
 * const parked: PendingOrgChange = {
 *   accessToken: 'v1.kid.iv.ciphertext', orgId: '00D…', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
 *   identityUrl: 'https://test.salesforce.com/id/00D…/005…', tokenIssuedAt: now, detectedAt: now,
 * };
 */
export interface PendingOrgChange {
  /** Encrypted envelope (field `pending_access_token`). */
  accessToken: string;
  /** Encrypted envelope (field `pending_refresh_token`). */
  refreshToken?: string | undefined;
  tokenIssuedAt: number;
  instanceUrl: string;
  identityUrl?: string | undefined;
  scopes?: string[] | undefined;
  orgId: string;
  orgName?: string | undefined;
  isSandbox?: boolean | undefined;
  userId?: string | undefined;
  username?: string | undefined;
  displayName?: string | undefined;
  detectedAt: number;
}

/**
 * A condition on a write: it succeeds only while the stored record is at this revision (`0`: only
 * while the tenant has no record at all).
 *
 * @example
 * const read = await store.getConnection('acme');
 * await store.saveConnection(next, { expectedRevision: read?.revision ?? 0 });
 */
export interface WriteCondition {
  expectedRevision: number;
}

/**
 * What {@link ConnectStore.saveConnection} did: saved at a new revision, or lost to a newer
 * write (then `current` is the record as stored now, or undefined when it was deleted).
 *
 * @example
 * const result = await store.saveConnection(next, { expectedRevision: read.revision ?? 0 });
 * if (!result.saved) retryWith(result.current);
 */
export type SaveConnectionResult =
  | { saved: true; revision: number }
  | { saved: false; current: ConnectionRecord | undefined };

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
  /**
   * The connection the authorization completes; absent (authorizations stored before several
   * connections existed) means the default one.
   */
  connectionId?: string | undefined;
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
 * Every method may be called concurrently, from several server instances. Two operations must be
 * atomic: `consumeAuthorization` (two callers with the same state: exactly one gets it) and a
 * conditional `saveConnection`/`deleteConnection` (compare the revision and write in one step,
 * e.g. `UPDATE … WHERE tenant = $1 AND connection_id = $2 AND revision = $3`): every write the
 * server makes is conditional on the revision it read, so a slow writer never overwrites a newer
 * state.
 *
 * A record is addressed by its tenant and its connection id (`DEFAULT_CONNECTION_ID` when
 * omitted, so code written for one connection per tenant keeps working): `getConnection` and
 * `deleteConnection` take the id as their last argument, `saveConnection` reads it from
 * `record.connectionId`. Records read back always carry `connectionId`, `createdAt` and
 * `revision`.
 *
 * @example
 * const store: ConnectStore = createPostgresStore(new pg.Pool());
 * const read = await store.getConnection('acme'); // the default connection
 * const result = await store.saveConnection(next, { expectedRevision: read?.revision ?? 0 });
 *
 * @example
 * // Another connection of the same tenant:
 * const sandbox = await store.getConnection('acme', 'sandbox');
 * await store.deleteConnection('acme', { expectedRevision: sandbox?.revision ?? 0 }, 'sandbox');
 * const all = await store.listConnections('acme'); // default first, then by createdAt
 */
export interface ConnectStore {
  /**
   * The connection's record with its current `revision` (a positive integer), or undefined.
   * `connectionId` defaults to `DEFAULT_CONNECTION_ID`.
   */
  getConnection(tenant: string, connectionId?: string): Promise<ConnectionRecord | undefined>;
  /**
   * Creates or replaces the record of connection (`record.tenant`, `record.connectionId`, absent
   * meaning the default one) and bumps its revision. With a condition, atomically: only when the
   * stored revision equals `expectedRevision` (`0`: only when there is no record); otherwise
   * nothing is written and the current record comes back. `createdAt` is kept from the first
   * write.
   */
  saveConnection(
    record: ConnectionRecord,
    condition?: WriteCondition,
  ): Promise<SaveConnectionResult>;
  /**
   * Deletes the connection's record; with a condition, only at that revision. Answers whether a
   * record was deleted (deleting a missing record is not an error: `false`). `connectionId`
   * defaults to `DEFAULT_CONNECTION_ID`.
   */
  deleteConnection(
    tenant: string,
    condition?: WriteCondition,
    connectionId?: string,
  ): Promise<boolean>;
  /**
   * Every connection record of the tenant: the default connection first, then the others by
   * `createdAt` (ties by id). Empty when the tenant has none.
   */
  listConnections(tenant: string): Promise<ConnectionRecord[]>;
  /**
   * Tenants that have at least one record, each once, in ascending order, after `after`
   * (exclusive), at most `limit`: how `reencryptAll` walks every record (with
   * `listConnections` for each tenant).
   */
  listTenants(options: { after?: string | undefined; limit: number }): Promise<string[]>;
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
