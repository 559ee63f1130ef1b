import { checkClientCredentialsLoginUrl } from '../core/client-credentials-login-url.js';
import { parseConnectionName } from '../core/connection-name.js';
import {
  assertConnectionAllowed,
  duplicateOrgError,
  type ResolvedConnectionPolicy,
} from '../core/connection-policy.js';
import { createCredentialsSchema, SECRET_FOR_OTHER_APP } from '../core/credentials.js';
import { ConnectError, type ConnectErrorCode, type ConnectErrorJSON } from '../core/errors.js';
import type { ConnectionFieldDefinitions } from '../core/fields.js';
import { normalizeLoginUrl } from '../core/login-url.js';
import {
  buildAuthorizeUrl,
  createPkcePair,
  createState,
  type OAuthDisplay,
  type OAuthPrompt,
} from '../core/oauth.js';
import { fromSalesforceError } from '../core/salesforce-errors.js';
import { narrowScopes } from '../core/scopes.js';
import { keyHint } from '../core/secret-display.js';
import {
  type AuthorizationStart,
  type Connection,
  type ConnectionFlow,
  type CredentialsInput,
  DEFAULT_CONNECTION_ID,
  type OrgChangeChoice,
} from '../core/types.js';
import { fieldsView, parseFieldsSave, withFieldsSave } from './connection-fields.js';
import { DecryptionError, type SecretBox } from './crypto.js';
import { constantTimeEqual, randomBase64Url, sha256Base64Url } from './encoding.js';
import type { ConnectLogger } from './logger.js';
import { preflightCredentials } from './preflight.js';
import {
  reencryptRecord,
  UNREADABLE_TOKENS,
  withoutGrantTokens,
  withoutUnreadableTokens,
} from './reencrypt.js';
import {
  INSUFFICIENT_SCOPE,
  idsFromIdentityUrl,
  type SalesforceApp,
  type SalesforceClient,
  type SalesforceIdentity,
  type SalesforceOrganization,
  type SalesforceTokenSet,
} from './salesforce.js';
import type {
  ConnectionKey,
  ConnectionRecord,
  ConnectStore,
  PendingOrgChange,
} from './stores/types.js';

/** What the connection logic needs; the handler builds it from `ConnectHandlerOptions`. */
export interface ConnectionServiceConfig {
  store: ConnectStore;
  box: SecretBox;
  salesforce: SalesforceClient;
  clock: () => number;
  logger: ConnectLogger;
  fetch: typeof fetch;
  /** `${publicUrl}/oauth/callback`, exactly. */
  redirectUri: string;
  scopes: readonly string[];
  allowedLoginHosts: readonly string[];
  prompt: OAuthPrompt | readonly OAuthPrompt[] | undefined;
  display: OAuthDisplay | undefined;
  stateTtlMs: number;
  /** 0 turns the check off. */
  connectionCheckIntervalMs: number;
  accessTokenMaxAgeMs: number;
  /** 0 turns the preflight off. */
  preflightTimeoutMs: number;
  /**
   * How long one instance may hold the right to spend a refresh token: longer than a refresh
   * call can take. Others wait for its result that long at most, then take over.
   */
  refreshLeaseMs: number;
  /** How many connections a tenant may have, and whether two may use one org. */
  connections: ResolvedConnectionPolicy;
  /** The integrator's connection fields, checked on every credentials save. */
  fields?: ConnectionFieldDefinitions | undefined;
}

/**
 * A usable Salesforce session for the integrator's own API calls.
 *
 * @example
 * const { accessToken, instanceUrl } = await handler.getSalesforceSession({ tenant: 'acme' });
 * await fetch(`${instanceUrl}/services/data/v62.0/limits`, {
 *   headers: { Authorization: `Bearer ${accessToken}` },
 * });
 */
export interface SalesforceSession {
  accessToken: string;
  instanceUrl: string;
  orgId?: string | undefined;
  userId?: string | undefined;
}

/** How a callback or a completion ended: the connection, or an error to report to the opener. */
export type CompletionResult =
  | { ok: true; connection: Connection; returnOrigin: string }
  /** `returnOrigin` is absent when the state was not ours: then nothing may be posted anywhere. */
  | { ok: false; error: ConnectError; returnOrigin?: string };

// Salesforce's answers that mean "these tokens are finished, sign in again".
const REAUTH_CODES: ReadonlySet<ConnectErrorCode> = new Set(['invalid_grant']);
// Answers about the app, org or user: reconnecting unchanged will not help; the admin must act.
const BROKEN_CODES: ReadonlySet<ConnectErrorCode> = new Set([
  'invalid_client',
  'invalid_client_id',
  'app_not_approved',
  'app_not_found',
  'app_not_installed',
  'inactive_user',
  'inactive_org',
  'ip_restricted',
  'flow_not_enabled',
  'client_credentials_disabled',
  'run_as_user_missing',
  'run_as_user_inactive',
  'run_as_user_no_api',
  'generic_login_host',
]);

/** Whether a connection gets its tokens with the client credentials flow (no popup). */
const usesClientCredentials = (record: ConnectionRecord | undefined) =>
  record?.flow === 'client-credentials';

/** `flow` of a credentials request body: absent, or one of the two flows (else `invalid_input`). */
function flowOf(input: unknown): ConnectionFlow | undefined {
  const flow =
    typeof input === 'object' && input !== null ? (input as { flow?: unknown }).flow : undefined;
  if (flow === undefined || flow === null) return undefined;
  if (flow === 'authorization-code' || flow === 'client-credentials') return flow;
  throw new ConnectError(
    'invalid_input',
    'flow must be "authorization-code" (sign in through the Salesforce window) or "client-credentials" (connect without one).',
    { field: 'flow' },
  );
}

const NOT_CLIENT_CREDENTIALS =
  'This connection signs in through the Salesforce window. To connect without one, save its credentials with the flow "client-credentials" first.';
const CLIENT_CREDENTIALS_ONLY =
  'This connection connects without a Salesforce window (client credentials flow): use Connect, which asks Salesforce for a token directly, instead of starting a sign-in.';

const KEPT_USED_STATES_MS = 24 * 60 * 60 * 1000;
// A write that keeps losing to newer writes gives up after this many tries: the store is busy
// with this tenant, and the caller may try again.
const MAX_WRITE_ATTEMPTS = 8;
const MAX_ERROR_DESCRIPTION = 1000;
const MAX_ERROR_VALUE = 200;

/**
 * What may be kept and echoed of a text Salesforce (or anyone forging a callback URL) put in the
 * callback's query: no control characters (a NUL breaks Postgres text), and a bounded length.
 */
export function cleanCallbackText(value: string | null | undefined, max: number) {
  if (typeof value !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  if (cleaned === '') return undefined;
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

const UNREADABLE_SECRET =
  'The server can no longer read the saved Consumer Secret (its encryption key changed): save the credentials again, typing the Consumer Secret.';
/**
 * Said when a reconnect lands in another org. Salesforce: a refreshed sandbox is a new org id
 * behind the same My Domain (help.salesforce.com, xcloud.external_client_apps.htm, as collected
 * in the project's SALESFORCE.md facts).
 */
const ORG_CHANGED =
  'This is a different Salesforce org than before: its org id changed. A refreshed sandbox gets a new org id behind the same address. Choose whether to keep the new org or go back to the previous connection.';
const NO_ORG_CHANGE =
  'There is no change of org waiting for a choice (it was resolved already, or the connection changed). Reload to see the connection.';

const CHANGED_DURING_SIGN_IN =
  'The connection changed while this sign-in was finishing (it was disconnected, or its credentials were replaced). Connect again.';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const randomId = () => randomBase64Url(16);

function isSandboxHost(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return /\.sandbox\.my\.salesforce\.com$|^cs\d+\.|^test\.salesforce\.com$/.test(host);
  } catch {
    return false;
  }
}

/** Removes the token-related facts of a record: what "forgetting the tokens" leaves. */
function withoutTokens(record: ConnectionRecord): ConnectionRecord {
  const {
    accessToken: _a,
    refreshToken: _r,
    tokenIssuedAt: _t,
    instanceUrl: _i,
    identityUrl: _id,
    orgId: _o,
    orgName: _on,
    isSandbox: _s,
    userId: _u,
    username: _un,
    displayName: _d,
    scopes: _sc,
    connectedAt: _c,
    checkedAt: _ch,
    error: _e,
    refreshingUntil: _l,
    pendingOrgChange: _p,
    ...kept
  } = record;
  return kept;
}

/** The connection a record belongs to. */
const keyOf = (record: ConnectionRecord): ConnectionKey => ({
  tenant: record.tenant,
  connectionId: record.connectionId ?? DEFAULT_CONNECTION_ID,
});

/** The in-process single-flight key of one kind of work on one connection. */
const flightKey = (kind: string, key: ConnectionKey) =>
  JSON.stringify([kind, key.tenant, key.connectionId]);

const noSuchConnection = (connectionId: string) =>
  new ConnectError(
    'not_configured',
    `There is no Salesforce connection with the id "${connectionId}" (it was never added, or it was removed).`,
  );

/** Marks a record for deletion in {@link createConnectionService}'s conditional writes. */
const DELETE = Symbol('delete');

/**
 * The reference server's connection logic, independent of HTTP: credentials, authorization with
 * PKCE and single-use states, token exchange, refresh on use, disconnect. One instance serves
 * every tenant; every method takes the tenant the handler resolved.
 */
/**
 * The reference server's connection logic, independent of HTTP: credentials, authorization with
 * PKCE and single-use states, token exchange, refresh on use, disconnect. One instance serves
 * every tenant; every method takes the tenant the handler resolved.
 *
 * Every write is conditional on the revision of the record it was computed from, so several
 * server instances on one store never overwrite each other's newer state; and every refresh goes
 * through one lease per tenant, so a rotating refresh token is spent once.
 */
export function createConnectionService(config: ConnectionServiceConfig) {
  const { store, box, salesforce, clock, logger } = config;
  // One refresh or check per tenant at a time within this process; across processes the refresh
  // lease in the record does the same.
  const inFlight = new Map<string, Promise<unknown>>();

  const singleFlight = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(key);
    if (running) return running as Promise<T>;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };

  /**
   * What the REST contract answers for a connection: its id always (the handler leaves it out
   * on the single-connection routes, which answer as they did before ids existed), its name and
   * the facts the UI shows; never a secret or a token.
   */
  function view(record: ConnectionRecord | undefined, key: ConnectionKey): Connection {
    if (!record) return { id: key.connectionId, status: 'disconnected' };
    const hint = keyHint(record.consumerKey);
    const connection: Connection = {
      id: key.connectionId,
      ...(record.flow === undefined ? {} : { flow: record.flow }),
      ...fieldsView(config.fields ?? {}, record),
      status: record.status,
      loginUrl: record.loginUrl,
      ...(hint ? { consumerKeyHint: hint } : {}),
      hasConsumerSecret: true,
      updatedAt: new Date(record.updatedAt).toISOString(),
    };
    if (record.orgId && record.instanceUrl) {
      connection.org = {
        id: record.orgId,
        instanceUrl: record.instanceUrl,
        ...(record.orgName ? { name: record.orgName } : {}),
        ...(record.isSandbox === undefined ? {} : { isSandbox: record.isSandbox }),
      };
    }
    if (record.userId && record.username) {
      connection.user = {
        id: record.userId,
        username: record.username,
        ...(record.displayName ? { displayName: record.displayName } : {}),
      };
    }
    if (record.scopes) connection.scopes = [...record.scopes];
    const connectedAt = iso(record.connectedAt);
    if (connectedAt) connection.connectedAt = connectedAt;
    if (record.error) connection.error = { ...record.error };
    const parked = record.pendingOrgChange;
    if (parked) {
      connection.orgChange = {
        org: {
          id: parked.orgId,
          instanceUrl: parked.instanceUrl,
          ...(parked.orgName ? { name: parked.orgName } : {}),
          ...(parked.isSandbox === undefined ? {} : { isSandbox: parked.isSandbox }),
        },
        ...(parked.userId && parked.username
          ? {
              user: {
                id: parked.userId,
                username: parked.username,
                ...(parked.displayName ? { displayName: parked.displayName } : {}),
              },
            }
          : {}),
        detectedAt: new Date(parked.detectedAt).toISOString(),
      };
    }
    return connection;
  }

  // Envelopes are bound to the tenant, the field and (for any but the default connection) the
  // connection: one connection's secret does not decrypt as another's.
  const decrypt = (record: ConnectionRecord, field: string, envelope: string) =>
    box.decrypt(envelope, { tenant: record.tenant, field, connectionId: record.connectionId });
  const encrypt = (key: ConnectionKey, field: string, plaintext: string) =>
    box.encrypt(plaintext, { tenant: key.tenant, field, connectionId: key.connectionId });

  /** The app's credentials; an unreadable secret is a ConnectError that says what to do. */
  async function appOf(record: ConnectionRecord): Promise<SalesforceApp> {
    let consumerSecret: string;
    try {
      consumerSecret = await decrypt(record, 'consumer_secret', record.consumerSecret);
    } catch (error) {
      if (error instanceof DecryptionError) {
        logger.error('the saved consumer secret cannot be decrypted', { tenant: record.tenant });
        throw new ConnectError('adapter_error', UNREADABLE_SECRET, { cause: error });
      }
      throw error;
    }
    return { loginUrl: record.loginUrl, consumerKey: record.consumerKey, consumerSecret };
  }

  /** A token of the record, decrypted; undefined when it cannot be read (key changed). */
  async function readToken(record: ConnectionRecord, field: 'access_token' | 'refresh_token') {
    const envelope = field === 'access_token' ? record.accessToken : record.refreshToken;
    if (envelope === undefined) return undefined;
    try {
      return await decrypt(record, field, envelope);
    } catch (error) {
      if (error instanceof DecryptionError) return undefined;
      throw error;
    }
  }

  /** Finishes a key rotation one record at a time, on every write (see `reencryptRecord`). */
  const withCurrentKey = async (record: ConnectionRecord) =>
    (await reencryptRecord(box, record, clock())).record;

  const unreadableTokens = (record: ConnectionRecord) => withoutUnreadableTokens(record, clock());

  type Build = (
    latest: ConnectionRecord | undefined,
  ) => Promise<ConnectionRecord | typeof DELETE | undefined> | ConnectionRecord | undefined;

  /**
   * The one way this service writes: `build` turns the record as stored into the next one, the
   * write is conditional on the revision it was built from, and on a conflict `build` runs
   * again on the newer record. `build` answers undefined when its intent no longer applies to
   * the newer record: then nothing is written and the newer record wins.
   */
  async function commit(
    key: ConnectionKey,
    read: ConnectionRecord | undefined,
    build: Build,
  ): Promise<{ saved: boolean; record: ConnectionRecord | undefined }> {
    let current = read;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const next = await build(current);
      if (next === undefined) return { saved: false, record: current };
      const expectedRevision = current?.revision ?? 0;
      if (next === DELETE) {
        if (!current) return { saved: true, record: undefined };
        if (await store.deleteConnection(key.tenant, { expectedRevision }, key.connectionId)) {
          return { saved: true, record: undefined };
        }
        current = await store.getConnection(key.tenant, key.connectionId);
        continue;
      }
      const prepared = await withCurrentKey({
        ...next,
        tenant: key.tenant,
        connectionId: key.connectionId,
      });
      const result = await store.saveConnection(prepared, { expectedRevision });
      if (result.saved) return { saved: true, record: { ...prepared, revision: result.revision } };
      current = result.current;
    }
    throw new ConnectError(
      'adapter_error',
      'The connection kept changing while it was being saved; try again in a moment.',
    );
  }

  /** Stores a token set on a record, encrypted; keeps the old refresh token when none came. */
  async function withTokens(
    record: ConnectionRecord,
    tokens: SalesforceTokenSet,
    now: number,
  ): Promise<ConnectionRecord> {
    const next: ConnectionRecord = {
      ...record,
      accessToken: await encrypt(keyOf(record), 'access_token', tokens.accessToken),
      // The server's own clock, not Salesforce's issued_at: ages are then immune to clock skew.
      tokenIssuedAt: now,
    };
    delete next.refreshingUntil;
    if (tokens.refreshToken) {
      next.refreshToken = await encrypt(keyOf(record), 'refresh_token', tokens.refreshToken);
    }
    if (tokens.instanceUrl) next.instanceUrl = tokens.instanceUrl;
    if (tokens.identityUrl) next.identityUrl = tokens.identityUrl;
    if (tokens.scopes) next.scopes = tokens.scopes;
    return next;
  }

  /** The connection after Salesforce refused its tokens for good (or after another failure). */
  /**
   * Who a new token acts for: the identity lookup, or, when it fails, the org and user ids its
   * identity URL names (the names stay unknown). `who` says in the log whose identity it was.
   */
  async function identityOf(
    app: SalesforceApp,
    tokens: SalesforceTokenSet,
    tenant: string,
    who: string,
  ): Promise<Pick<ConnectionRecord, 'orgId' | 'userId' | 'username' | 'displayName'>> {
    try {
      const identity = await salesforce.identity({
        app,
        accessToken: tokens.accessToken,
        identityUrl: tokens.identityUrl,
      });
      return {
        orgId: identity.orgId,
        userId: identity.userId,
        username: identity.username,
        displayName: identity.displayName,
      };
    } catch (error) {
      const ids = idsFromIdentityUrl(tokens.identityUrl);
      logger.warn(`could not look up ${who}`, {
        tenant,
        code: ConnectError.is(error) ? error.code : 'unknown',
      });
      return { orgId: ids?.orgId, userId: ids?.userId };
    }
  }

  /** The record of a connection made just now, with the org's name and its sandbox flag. */
  function connectedRecord(
    next: ConnectionRecord,
    organization: SalesforceOrganization,
  ): ConnectionRecord {
    const login = normalizeLoginUrl(next.loginUrl, { allowedHosts: config.allowedLoginHosts });
    const sandbox = (login.ok && login.sandbox) || isSandboxHost(next.instanceUrl);
    const done = clock();
    return {
      ...next,
      status: 'connected',
      orgName: organization.name,
      isSandbox:
        organization.isSandbox ??
        (login.ok && login.kind !== 'custom' ? sandbox : sandbox || undefined),
      connectedAt: done,
      checkedAt: done,
      updatedAt: done,
    };
  }

  function failed(record: ConnectionRecord, error: ConnectError, now: number): ConnectionRecord {
    const status = REAUTH_CODES.has(error.code) ? 'needs_reauth' : 'error';
    return { ...withoutGrantTokens(record), status, error: error.toJSON(), updatedAt: now };
  }

  /** Whether a Salesforce failure means the stored authorization is finished. */
  const isFinal = (error: ConnectError) =>
    REAUTH_CODES.has(error.code) || BROKEN_CODES.has(error.code);

  /** Revokes one token at Salesforce; failures are logged, never thrown. */
  async function revokeTokenQuietly(
    tenant: string,
    app: SalesforceApp,
    token: string,
    why: string,
  ): Promise<void> {
    try {
      await salesforce.revoke({ app, token });
      logger.info('revoked the Salesforce token', { tenant, why });
    } catch (error) {
      logger.warn('could not revoke the Salesforce token', {
        tenant,
        why,
        code: ConnectError.is(error) ? error.code : 'unknown',
      });
    }
  }

  /** Revokes a record's refresh (or access) token; failures are logged, never thrown. */
  async function revokeQuietly(record: ConnectionRecord, why: string): Promise<void> {
    const field = record.refreshToken ? 'refresh_token' : 'access_token';
    let token: string | undefined;
    let app: SalesforceApp;
    try {
      token = await readToken(record, field);
      if (token === undefined) return;
      app = await appOf(record);
    } catch (error) {
      logger.warn('could not revoke the Salesforce token', {
        tenant: record.tenant,
        why,
        code: ConnectError.is(error) ? error.code : 'unknown',
      });
      return;
    }
    await revokeTokenQuietly(record.tenant, app, token, why);
  }

  /** Revokes the grant of a sign-in parked on an org change; never throws. */
  async function revokeParkedQuietly(record: ConnectionRecord, why: string): Promise<void> {
    const parked = record.pendingOrgChange;
    if (!parked) return;
    const [name, field] = parked.refreshToken
      ? (['refreshToken', 'pending_refresh_token'] as const)
      : (['accessToken', 'pending_access_token'] as const);
    try {
      const token = await decrypt(record, field, parked[name] as string);
      await revokeTokenQuietly(record.tenant, await appOf(record), token, why);
    } catch (error) {
      logger.warn('could not revoke the Salesforce token', {
        tenant: record.tenant,
        why,
        code: ConnectError.is(error) ? error.code : 'unknown',
      });
    }
  }

  /** Stores that the tokens are unreadable (when the record still holds them), then says so. */
  async function markUnreadable(record: ConnectionRecord): Promise<never> {
    logger.error('the saved tokens cannot be decrypted', { tenant: record.tenant });
    await commit(keyOf(record), record, (latest) =>
      latest &&
      latest.credentialsId === record.credentialsId &&
      latest.accessToken === record.accessToken &&
      latest.refreshToken === record.refreshToken
        ? unreadableTokens(latest)
        : undefined,
    );
    throw new ConnectError('invalid_grant', UNREADABLE_TOKENS);
  }

  /** Waits a moment (another instance holds the refresh lease), or throws when aborted. */
  function pause(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(done, 20 + Math.floor(Math.random() * 60));
      function done() {
        signal?.removeEventListener('abort', aborted);
        resolve();
      }
      function aborted() {
        clearTimeout(timer);
        reject(signal?.reason);
      }
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  const changedDuringRefresh = () =>
    new ConnectError(
      'not_configured',
      'The connection changed while its token was being refreshed (disconnected, or new credentials); connect again.',
    );

  /**
   * The one coordination point of every refresh (status check, `getSalesforceSession`, forced
   * refresh): one flight per tenant in this process, and across processes a lease claimed with a
   * conditional write, so a rotating refresh token is spent exactly once. `seen` is the record the
   * caller judged stale; when the stored tokens changed since, they are used as they are.
   */
  function refreshShared(seen: ConnectionRecord, signal?: AbortSignal) {
    return singleFlight(flightKey('refresh', keyOf(seen)), () => refreshCoordinated(seen, signal));
  }

  async function refreshCoordinated(
    seen: ConnectionRecord,
    signal: AbortSignal | undefined,
  ): Promise<ConnectionRecord> {
    const key = keyOf(seen);
    const waitUntil = Date.now() + config.refreshLeaseMs;
    for (;;) {
      const latest = await store.getConnection(key.tenant, key.connectionId);
      if (!latest || latest.credentialsId !== seen.credentialsId) throw changedDuringRefresh();
      if (latest.status !== 'connected') {
        throw ConnectError.fromJSON(
          latest.error ?? { code: 'not_configured', message: 'Salesforce is not connected.' },
        );
      }
      // Another request or instance refreshed (or reconnected) since the caller read the record.
      if (
        latest.accessToken !== undefined &&
        (latest.tokenIssuedAt !== seen.tokenIssuedAt || latest.accessToken !== seen.accessToken) &&
        (latest.refreshingUntil ?? 0) <= clock()
      ) {
        return latest;
      }
      const leased = (latest.refreshingUntil ?? 0) > clock();
      if (leased && Date.now() < waitUntil) {
        await pause(signal);
        continue;
      }
      if (!latest.refreshToken && !usesClientCredentials(latest)) {
        const failure = new ConnectError(
          'invalid_grant',
          'The Salesforce session ended and there is no refresh token to renew it: reconnect. To stay connected, the app needs the "Perform requests at any time" (refresh_token) scope.',
        );
        await commit(key, latest, (current) =>
          current?.status === 'connected' &&
          current.credentialsId === latest.credentialsId &&
          !current.refreshToken &&
          current.accessToken === latest.accessToken
            ? failed(current, failure, clock())
            : undefined,
        );
        throw failure;
      }
      // Claim the lease (or take over one its holder never released).
      const claim: ConnectionRecord = {
        ...latest,
        refreshingUntil: clock() + config.refreshLeaseMs,
      };
      const claimed = await store.saveConnection(claim, {
        expectedRevision: latest.revision ?? 0,
      });
      if (!claimed.saved) continue;
      return refreshHolding({ ...claim, revision: claimed.revision }, signal);
    }
  }

  /** Spends the refresh token; only the holder of the lease on `held` gets here. */
  async function refreshHolding(
    held: ConnectionRecord,
    signal: AbortSignal | undefined,
  ): Promise<ConnectionRecord> {
    if (usesClientCredentials(held)) return renewHolding(held, signal);
    const key = keyOf(held);
    const tenant = key.tenant;
    const refreshToken = await readToken(held, 'refresh_token');
    if (refreshToken === undefined) return markUnreadable(held);
    let app: SalesforceApp;
    try {
      app = await appOf(held);
    } catch (error) {
      // The secret cannot be read: say so on the connection, and hand the lease back at once
      // (others would wait for it otherwise).
      const failure = ConnectError.is(error)
        ? error
        : new ConnectError('adapter_error', UNREADABLE_SECRET);
      await commit(key, held, (latest) => {
        if (!latest || latest.refreshingUntil !== held.refreshingUntil) return undefined;
        const { refreshingUntil: _l, ...rest } = latest;
        return { ...rest, status: 'error', error: failure.toJSON(), updatedAt: clock() };
      }).catch(() => undefined);
      throw failure;
    }
    const now = clock();
    let tokens: SalesforceTokenSet;
    try {
      tokens = await salesforce.refresh({ app, refreshToken, signal });
    } catch (error) {
      const failure = ConnectError.is(error) ? error : fromSalesforceError(null, { cause: error });
      if (!isFinal(failure)) {
        // Salesforce down or slow: hand the lease back, keep everything else.
        await commit(key, held, (latest) => {
          if (!latest || latest.refreshingUntil !== held.refreshingUntil) return undefined;
          const { refreshingUntil: _l, ...rest } = latest;
          return rest;
        }).catch(() => undefined);
        throw failure;
      }
      // Before calling the grant finished: another writer may have rotated the token meanwhile
      // (an instance that took the lease over); its tokens are as good.
      const latest = await store.getConnection(key.tenant, key.connectionId);
      if (
        latest?.status === 'connected' &&
        latest.credentialsId === held.credentialsId &&
        latest.accessToken !== undefined &&
        latest.refreshToken !== held.refreshToken
      ) {
        return latest;
      }
      const marked = await commit(key, latest, (current) =>
        current &&
        current.credentialsId === held.credentialsId &&
        current.refreshToken === held.refreshToken
          ? failed(current, failure, clock())
          : undefined,
      );
      if (marked.saved) {
        logger.warn('Salesforce no longer accepts the connection', { tenant, code: failure.code });
        throw failure;
      }
      if (marked.record?.status === 'connected' && marked.record.accessToken) return marked.record;
      throw failure;
    }
    const saved = await commit(key, held, async (latest) => {
      if (
        latest?.status !== 'connected' ||
        latest.credentialsId !== held.credentialsId ||
        latest.refreshToken !== held.refreshToken
      ) {
        return undefined;
      }
      return withTokens(latest, tokens, now);
    });
    if (!saved.saved) {
      // A disconnect, new credentials or a reconnection won: these fresh tokens belong to nobody.
      await revokeTokenQuietly(
        tenant,
        app,
        tokens.refreshToken ?? tokens.accessToken,
        'refreshed tokens no longer needed',
      );
      const latest = saved.record;
      if (latest?.status === 'connected' && latest.accessToken) return latest;
      throw changedDuringRefresh();
    }
    logger.info('refreshed the access token', {
      tenant,
      rotated: tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken,
    });
    return saved.record as ConnectionRecord;
  }

  /**
   * A client-credentials connection's "refresh": there is no refresh token, so the lease holder
   * asks Salesforce for a new token with the app's key and secret. A final refusal (no Run As
   * user, flow switched off, …) marks the connection with its error; Salesforce down or slow
   * hands the lease back and keeps the connection.
   */
  async function renewHolding(
    held: ConnectionRecord,
    signal: AbortSignal | undefined,
  ): Promise<ConnectionRecord> {
    const key = keyOf(held);
    const tenant = key.tenant;
    const holdsLease = (latest: ConnectionRecord | undefined): latest is ConnectionRecord =>
      latest !== undefined &&
      latest.credentialsId === held.credentialsId &&
      latest.refreshingUntil === held.refreshingUntil;
    let app: SalesforceApp;
    let tokens: SalesforceTokenSet;
    const now = clock();
    try {
      app = await appOf(held);
      tokens = await salesforce.clientCredentials({ app, signal });
    } catch (error) {
      const failure = ConnectError.is(error) ? error : fromSalesforceError(null, { cause: error });
      const final = isFinal(failure) || failure.code === 'adapter_error';
      await commit(key, held, (latest) => {
        if (!holdsLease(latest)) return undefined;
        if (final) return failed(latest, failure, clock());
        const { refreshingUntil: _l, ...rest } = latest;
        return rest;
      }).catch(() => undefined);
      if (final) {
        logger.warn('Salesforce no longer gives the connection a token', {
          tenant,
          code: failure.code,
        });
      }
      throw failure;
    }
    const saved = await commit(key, held, async (latest) =>
      holdsLease(latest) && latest.status === 'connected'
        ? withTokens(latest, tokens, now)
        : undefined,
    );
    if (!saved.saved) {
      // A disconnect or new credentials won meanwhile: this token belongs to nobody.
      await revokeTokenQuietly(tenant, app, tokens.accessToken, 'renewed token no longer needed');
      const latest = saved.record;
      if (latest?.status === 'connected' && latest.accessToken) return latest;
      throw changedDuringRefresh();
    }
    logger.info('asked Salesforce for a new access token (client credentials)', { tenant });
    return saved.record as ConnectionRecord;
  }

  /**
   * The liveness check behind `GET /connection`: asks Salesforce who the token belongs to,
   * refreshing once when the access token is old or refused. Runs at most once per
   * `connectionCheckIntervalMs` per tenant, so polling the status does not poll Salesforce.
   */
  async function checkConnection(record: ConnectionRecord): Promise<ConnectionRecord | undefined> {
    let current = record;
    try {
      const stale = clock() - (current.tokenIssuedAt ?? 0) >= config.accessTokenMaxAgeMs;
      // Without a refresh token an old access token may still work: let Salesforce decide. A
      // client-credentials connection asks for a new token instead.
      if (
        !current.accessToken ||
        (stale && (current.refreshToken || usesClientCredentials(current)))
      ) {
        current = await refreshShared(current);
      }
      let identity: SalesforceIdentity | undefined;
      const lookup = async (r: ConnectionRecord) => {
        const accessToken = await readToken(r, 'access_token');
        if (accessToken === undefined) return markUnreadable(r);
        try {
          return await salesforce.identity({
            app: await appOf(r),
            accessToken,
            identityUrl: r.identityUrl,
          });
        } catch (error) {
          // The token was accepted, only the identity scope is missing: the connection is alive.
          if (ConnectError.is(error) && error.salesforceError === INSUFFICIENT_SCOPE)
            return undefined;
          throw error;
        }
      };
      try {
        identity = await lookup(current);
      } catch (error) {
        const refused = ConnectError.is(error) && (error.status === 401 || error.status === 403);
        if (!refused) throw error;
        current = await refreshShared(current);
        identity = await lookup(current);
      }
      const now = clock();
      const checked = current;
      const result = await commit(keyOf(checked), checked, (latest) => {
        // Only the facts about the tokens checked; anything newer stays as it is.
        if (
          !latest ||
          latest.credentialsId !== checked.credentialsId ||
          latest.accessToken !== checked.accessToken ||
          latest.status !== 'connected'
        ) {
          return undefined;
        }
        const changed =
          identity !== undefined &&
          (identity.username !== latest.username || identity.displayName !== latest.displayName);
        return {
          ...latest,
          ...(identity?.username ? { username: identity.username } : {}),
          ...(identity?.displayName ? { displayName: identity.displayName } : {}),
          checkedAt: now,
          ...(changed ? { updatedAt: now } : {}),
        };
      });
      return result.record;
    } catch (error) {
      const failure = ConnectError.is(error) ? error : fromSalesforceError(null);
      const now = clock();
      const base = current;
      if (isFinal(failure)) {
        logger.warn('Salesforce no longer accepts the connection', {
          tenant: record.tenant,
          code: failure.code,
        });
        const result = await commit(keyOf(base), base, (latest) =>
          latest &&
          latest.status === 'connected' &&
          latest.credentialsId === base.credentialsId &&
          latest.refreshToken === base.refreshToken &&
          latest.accessToken === base.accessToken
            ? failed(latest, failure, now)
            : undefined,
        );
        return result.record;
      }
      // Salesforce down or slow, or the connection changed meanwhile: keep it as it is, and try
      // again next interval.
      logger.warn('could not check the connection with Salesforce', {
        tenant: record.tenant,
        code: failure.code,
      });
      const result = await commit(keyOf(base), base, (latest) =>
        latest && latest.status === 'connected' && latest.credentialsId === base.credentialsId
          ? { ...latest, checkedAt: now }
          : undefined,
      );
      return result.record;
    }
  }

  function parseCredentials(input: unknown, secretAlreadySaved: boolean): CredentialsInput {
    const schema = createCredentialsSchema({
      loginUrl: { allowedHosts: config.allowedLoginHosts },
      secretAlreadySaved,
    });
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issues = result.error.issues;
    const loginIssue = issues.find((issue) => issue.path[0] === 'loginUrl');
    const first = loginIssue ?? issues[0];
    const message = issues.map((issue) => issue.message).join(' ');
    const field = first?.path[0];
    throw new ConnectError(
      loginIssue ? 'invalid_login_url' : 'invalid_input',
      message || first?.message || 'The credentials are not valid.',
      typeof field === 'string' ? { field } : {},
    );
  }

  const secretForOtherApp = () =>
    new ConnectError('invalid_input', SECRET_FOR_OTHER_APP, { field: 'consumerSecret' });

  /** Whether every token envelope of a record can be read with the configured keys. */
  async function tokensReadable(record: ConnectionRecord) {
    if (record.accessToken && (await readToken(record, 'access_token')) === undefined) return false;
    if (record.refreshToken && (await readToken(record, 'refresh_token')) === undefined)
      return false;
    return true;
  }

  /**
   * Another connection of the tenant that uses this org, when `onePerOrg` is on; else undefined.
   */
  async function otherUsing(
    key: ConnectionKey,
    orgId: string,
  ): Promise<ConnectionRecord | undefined> {
    if (!config.connections.onePerOrg) return undefined;
    const records = await store.listConnections(key.tenant);
    return records.find(
      (record) => keyOf(record).connectionId !== key.connectionId && record.orgId === orgId,
    );
  }

  /** Where a callback's work is applied: the fields a successful sign-in sets. */
  function connectedOn(latest: ConnectionRecord, made: ConnectionRecord): ConnectionRecord {
    const next: ConnectionRecord = {
      ...latest,
      status: 'connected',
      accessToken: made.accessToken,
      refreshToken: made.refreshToken,
      tokenIssuedAt: made.tokenIssuedAt,
      instanceUrl: made.instanceUrl,
      identityUrl: made.identityUrl,
      scopes: made.scopes,
      orgId: made.orgId,
      orgName: made.orgName,
      isSandbox: made.isSandbox,
      userId: made.userId,
      username: made.username,
      displayName: made.displayName,
      connectedAt: made.connectedAt,
      checkedAt: made.checkedAt,
      updatedAt: made.updatedAt,
    };
    delete next.error;
    delete next.refreshingUntil;
    delete next.pendingOrgChange;
    for (const key of Object.keys(next) as (keyof ConnectionRecord)[]) {
      if (next[key] === undefined) delete next[key];
    }
    return next;
  }

  return {
    async getConnection(key: ConnectionKey): Promise<Connection> {
      const record = await store.getConnection(key.tenant, key.connectionId);
      if (
        record?.status !== 'connected' ||
        config.connectionCheckIntervalMs <= 0 ||
        clock() - (record.checkedAt ?? 0) < config.connectionCheckIntervalMs
      ) {
        return view(record, key);
      }
      return view(await singleFlight(flightKey('check', key), () => checkConnection(record)), key);
    },

    /**
     * Every connection of the tenant, the default one first, then in the order they were added.
     * Answers from the store: it asks Salesforce nothing (`getConnection` checks one).
     */
    async listConnections(tenant: string): Promise<Connection[]> {
      const records = await store.listConnections(tenant);
      return records.map((record) => view(record, keyOf(record)));
    },

    /** Renames a connection (see `parseConnectionName`); a missing one is `not_configured`. */
    async renameConnection(key: ConnectionKey, rawName: unknown): Promise<Connection> {
      const name = parseConnectionName(rawName);
      const read = await store.getConnection(key.tenant, key.connectionId);
      if (!read) throw noSuchConnection(key.connectionId);
      const result = await commit(key, read, (latest) =>
        latest ? { ...latest, name, updatedAt: clock() } : undefined,
      );
      if (!result.saved) throw noSuchConnection(key.connectionId);
      logger.info('renamed the connection', { tenant: key.tenant, connectionId: key.connectionId });
      return view(result.record, key);
    },

    async saveCredentials(
      key: ConnectionKey,
      input: unknown,
      signal?: AbortSignal,
    ): Promise<Connection> {
      const { tenant } = key;
      const existing = await store.getConnection(key.tenant, key.connectionId);
      if (!existing) {
        // A new connection: within the integrator's limit, before anything else happens (there
        // is nothing to correct in the input when no connection may be added).
        const others = await store.listConnections(tenant);
        assertConnectionAllowed(
          others.map((record) => keyOf(record).connectionId),
          key.connectionId,
          config.connections.max,
        );
      }
      const rawName = (input as { name?: unknown } | null | undefined)?.name;
      const name = rawName === undefined ? undefined : parseConnectionName(rawName);
      const flow = flowOf(input);
      // Before anything else: the client credentials flow cannot work on a generic login host,
      // and the admin should read that beside the Login URL, not after a failed Connect.
      if (flow === 'client-credentials') {
        checkClientCredentialsLoginUrl(String((input as { loginUrl?: unknown }).loginUrl ?? ''), {
          allowedHosts: config.allowedLoginHosts,
        });
      }
      const values = parseCredentials(input, existing !== undefined);
      const fieldsSave = parseFieldsSave(config.fields ?? {}, input, existing);
      const login = normalizeLoginUrl(values.loginUrl, { allowedHosts: config.allowedLoginHosts });
      const loginUrl = login.ok ? login.url : values.loginUrl;
      const isSameApp = (record: ConnectionRecord | undefined): record is ConnectionRecord =>
        record !== undefined &&
        record.loginUrl === loginUrl &&
        record.consumerKey === values.consumerKey;
      // The saved secret goes only with the key and login host it was saved for: sent with
      // another app's key, or to another host, it would be another app's secret leaking.
      if (!values.consumerSecret && !isSameApp(existing)) throw secretForOtherApp();
      if (!values.consumerSecret && existing) {
        await appOf(existing).catch((error: unknown) => {
          throw ConnectError.is(error)
            ? new ConnectError('invalid_input', UNREADABLE_SECRET)
            : error;
        });
      }
      const typedSecret = values.consumerSecret
        ? await encrypt(key, 'consumer_secret', values.consumerSecret)
        : undefined;

      let preflightError: ConnectError | undefined;
      // The preflight asks the authorize endpoint about the callback URL: a client-credentials
      // app has none to check.
      if (config.preflightTimeoutMs > 0 && flow !== 'client-credentials') {
        const result = await preflightCredentials({
          loginUrl,
          consumerKey: values.consumerKey,
          redirectUri: config.redirectUri,
          scopes: config.scopes,
          fetch: config.fetch,
          timeoutMs: config.preflightTimeoutMs,
          signal,
        });
        if (result.outcome === 'problem') {
          preflightError = result.error;
          logger.info('preflight found a problem with the credentials', {
            tenant,
            code: result.error.code,
          });
        } else {
          logger.info('preflight saw no error (not a guarantee)', {
            tenant,
            reason: result.reason,
          });
        }
      }

      let replaced: ConnectionRecord | undefined;
      let sameApp = false;
      let flowChanged = false;
      const now = clock();
      const saved = await commit(key, existing, async (latest) => {
        replaced = latest;
        sameApp = isSameApp(latest);
        // Tokens of one flow are no use to the other (a Run As user's are not the person's).
        flowChanged =
          sameApp && (latest?.flow ?? 'authorization-code') !== (flow ?? 'authorization-code');
        const consumerSecret = typedSecret ?? (sameApp ? latest?.consumerSecret : undefined);
        // Another admin replaced the app meanwhile: the secret left empty is not theirs.
        if (consumerSecret === undefined) throw secretForOtherApp();
        let record: ConnectionRecord;
        if (latest && sameApp) {
          // Same app: a new secret (or none) keeps the tokens, which stay valid at Salesforce;
          // tokens no key can read any more are dropped, so connecting again repairs it.
          const readable = (await tokensReadable(latest)) && !flowChanged;
          record = {
            ...(readable ? latest : withoutTokens(latest)),
            consumerSecret,
            status:
              !readable || latest.status === 'error' || latest.status === 'disconnected'
                ? 'configured'
                : latest.status,
            updatedAt: now,
          };
          if (record.status === 'configured' || record.status === 'connected') delete record.error;
          // Sign-ins started for the other flow must not land on this one.
          if (flowChanged) record.credentialsId = randomId();
        } else {
          record = {
            ...(latest ? withoutTokens(latest) : {}),
            tenant,
            status: 'configured',
            loginUrl,
            consumerKey: values.consumerKey,
            consumerSecret,
            credentialsId: randomId(),
            updatedAt: now,
          };
          delete record.revision;
        }
        if (name !== undefined) record.name = name;
        if (preflightError) record.error = preflightError.toJSON();
        if (flow) record.flow = flow;
        else delete record.flow;
        // The secret fields' envelope is bound to this connection, like every other envelope.
        return withFieldsSave(
          config.fields ?? {},
          { ...record, connectionId: key.connectionId },
          latest,
          fieldsSave,
          box,
        );
      });
      logger.info('saved credentials', { tenant, connectionId: key.connectionId, sameApp });
      // Tokens of the old app are worthless to the new one: revoke them at Salesforce too.
      // Awaited (it never throws) so the answer means the old tokens are gone, as far as possible.
      if (replaced && (!sameApp || flowChanged)) {
        await revokeQuietly(replaced, 'credentials replaced');
        await revokeParkedQuietly(replaced, 'credentials replaced');
      }
      return view(saved.record, key);
    },

    /**
     * `request.scopes` may narrow the configured scopes, never widen them; `request.prompt`
     * replaces the configured prompt for this attempt.
     */
    async startAuthorization(
      key: ConnectionKey,
      returnOrigin: string,
      request: {
        scopes?: readonly string[] | undefined;
        prompt?: readonly string[] | undefined;
      } = {},
    ): Promise<AuthorizationStart> {
      const { tenant } = key;
      const scopes = narrowScopes(config.scopes, request.scopes);
      const record = await store.getConnection(key.tenant, key.connectionId);
      if (!record) {
        throw new ConnectError(
          'not_configured',
          'Save the Login URL, Consumer Key and Consumer Secret before connecting.',
        );
      }
      if (usesClientCredentials(record)) {
        throw new ConnectError('invalid_input', CLIENT_CREDENTIALS_ONLY);
      }
      const now = clock();
      const state = createState();
      const pkce = await createPkcePair();
      const stateHash = await sha256Base64Url(state);
      const authorizeUrl = buildAuthorizeUrl({
        loginUrl: record.loginUrl,
        clientId: record.consumerKey,
        redirectUri: config.redirectUri,
        scopes,
        state,
        codeChallenge: pkce.challenge,
        prompt: (request.prompt as OAuthPrompt[] | undefined) ?? config.prompt,
        display: config.display,
      });
      const expiresAt = now + config.stateTtlMs;
      await store.saveAuthorization({
        stateHash,
        tenant,
        codeVerifier: await encrypt(key, `code_verifier:${stateHash}`, pkce.verifier),
        returnOrigin,
        credentialsId: record.credentialsId,
        connectionId: key.connectionId,
        createdAt: now,
        expiresAt,
      });
      // Housekeeping: spent and expired states are kept a day (to say "already used"), then go.
      void store.deleteExpiredAuthorizations(now - KEPT_USED_STATES_MS).catch(() => {});
      logger.info('started an authorization', { tenant, connectionId: key.connectionId });
      return { authorizeUrl, state, expiresAt: new Date(expiresAt).toISOString() };
    },

    /**
     * Connects a `client-credentials` connection: asks Salesforce for a token with the saved key
     * and secret (no popup, no refresh token), reads who the token acts as (the app's Run As user)
     * and the org, and checks with the org lookup that the Run As user may use the API. Saves the
     * connection as `connected` (the access token encrypted) and revokes the token it replaces. A
     * refusal is recorded on the connection (unless it was connected: a working connection
     * survives a failed attempt) and thrown with its code.
     */
    async connectWithClientCredentials(
      key: ConnectionKey,
      signal?: AbortSignal,
    ): Promise<Connection> {
      const { tenant } = key;
      const record = await store.getConnection(key.tenant, key.connectionId);
      if (!record) {
        throw new ConnectError(
          'not_configured',
          'Save the My Domain URL, Consumer Key and Consumer Secret before connecting.',
        );
      }
      if (!usesClientCredentials(record)) {
        throw new ConnectError('invalid_input', NOT_CLIENT_CREDENTIALS);
      }
      // Refused before any request: a generic host would only earn Salesforce's refusal.
      checkClientCredentialsLoginUrl(record.loginUrl, { allowedHosts: config.allowedLoginHosts });
      const started = record;
      const report = async (error: ConnectError): Promise<never> => {
        await commit(key, started, (latest) =>
          latest && latest.credentialsId === started.credentialsId && latest.status !== 'connected'
            ? { ...latest, status: 'error', error: error.toJSON(), updatedAt: clock() }
            : undefined,
        ).catch(() => undefined);
        logger.warn('connecting with client credentials failed', { tenant, code: error.code });
        throw error;
      };
      const app = await appOf(record);
      const now = clock();
      let tokens: SalesforceTokenSet;
      try {
        tokens = await salesforce.clientCredentials({ app, signal });
      } catch (error) {
        return report(ConnectError.is(error) ? error : fromSalesforceError(null, { cause: error }));
      }
      // From here the token exists at Salesforce: whatever goes wrong, it is revoked.
      const abandon = (why: string) => revokeTokenQuietly(tenant, app, tokens.accessToken, why);
      // No refresh token in this flow (the client drops one sent anyway).
      const next = {
        ...(await withTokens({ ...withoutGrantTokens(record), tenant }, tokens, now)),
        ...(await identityOf(app, tokens, tenant, 'the Run As user')),
      };
      let organization: SalesforceOrganization = {};
      if (next.instanceUrl) {
        try {
          organization = await salesforce.organization({
            app,
            accessToken: tokens.accessToken,
            instanceUrl: next.instanceUrl,
            flow: 'client-credentials',
            signal,
          });
        } catch (error) {
          // A Run As user without "API Enabled" gets a token the API refuses: no use connecting.
          if (ConnectError.is(error) && error.code === 'run_as_user_no_api') {
            await abandon('the Run As user may not use the API');
            return report(error);
          }
          logger.info('could not read the org name', {
            tenant,
            code: ConnectError.is(error) ? error.code : 'unknown',
          });
        }
      }
      const made = connectedRecord(next, organization);
      // One org, one connection (`onePerOrg`), as for a sign-in through the popup.
      const holder =
        made.orgId !== undefined && started.orgId !== made.orgId
          ? await otherUsing(key, made.orgId)
          : undefined;
      if (holder) {
        await abandon('the org is already connected as another connection');
        return report(duplicateOrgError({ id: keyOf(holder).connectionId, name: holder.name }));
      }
      let replaced: ConnectionRecord | undefined;
      let result: Awaited<ReturnType<typeof commit>>;
      try {
        result = await commit(key, started, (latest) => {
          // Only onto the connection this attempt started from: a disconnect or new credentials
          // meanwhile win over it.
          if (
            !latest ||
            latest.credentialsId !== started.credentialsId ||
            !usesClientCredentials(latest)
          ) {
            return undefined;
          }
          replaced = latest;
          return connectedOn(latest, made);
        });
      } catch (error) {
        await abandon('the connection could not be saved');
        throw error;
      }
      if (!result.saved) {
        await abandon('the connection changed while connecting');
        throw new ConnectError(
          'not_configured',
          'The connection changed while connecting (it was disconnected, or its credentials were replaced). Connect again.',
        );
      }
      logger.info('connected with client credentials', { tenant, orgId: result.record?.orgId });
      // The token this one replaces is no longer needed.
      if (replaced?.accessToken && replaced.accessToken !== result.record?.accessToken) {
        await revokeQuietly(replaced, 'replaced by a new token');
      }
      return view(result.record, key);
    },

    /**
     * Spends the state and, when Salesforce sent a code, exchanges it. `tenant` is the caller's
     * tenant when known: a state of another tenant is then refused without being spent. The
     * callback page calls this without a tenant when the session is unknown there (the state
     * itself is bound to its tenant). Once the state is known, every failure (Salesforce's or
     * the store's) comes back as a result with its `returnOrigin`, never as a throw.
     */
    async complete(input: {
      state: string | null | undefined;
      code?: string | null | undefined;
      error?: string | null | undefined;
      errorDescription?: string | null | undefined;
      tenant?: string | undefined;
      /**
       * The connection the caller addressed (`/connections/:id/complete`); a state started for
       * another connection is then refused (and spent).
       */
      connectionId?: string | undefined;
    }): Promise<CompletionResult> {
      const now = clock();
      const mismatch = (message: string): CompletionResult => ({
        ok: false,
        error: new ConnectError('state_mismatch', message),
      });
      if (!input.state) return mismatch('The answer from Salesforce has no state.');
      const stateHash = await sha256Base64Url(input.state);
      const taken = await store.consumeAuthorization({
        stateHash,
        tenant: input.tenant,
        usedAt: now,
      });
      if (taken.status === 'already_used') {
        return mismatch('This sign-in was already used. Connect again to start a new one.');
      }
      if (taken.status === 'unknown') {
        return mismatch('This sign-in is not one this server started (or it is too old).');
      }
      const pending = taken.authorization;
      // Defence in depth beside the store's lookup.
      if (!constantTimeEqual(pending.stateHash, stateHash))
        return mismatch('The state does not match.');
      if (pending.expiresAt <= now) {
        return mismatch('This sign-in took longer than 10 minutes and expired. Connect again.');
      }
      const returnOrigin = pending.returnOrigin;
      const tenant = pending.tenant;
      // The connection the sign-in was started for (authorizations from before several
      // connections existed complete the default one).
      const key: ConnectionKey = {
        tenant,
        connectionId: pending.connectionId ?? DEFAULT_CONNECTION_ID,
      };
      if (input.connectionId !== undefined && input.connectionId !== key.connectionId) {
        return {
          ok: false,
          returnOrigin,
          error: new ConnectError(
            'state_mismatch',
            'This sign-in was started for another Salesforce connection. Connect again.',
          ),
        };
      }

      /** A failure that is not Salesforce's: logged (no secrets), reported as the server's. */
      const serverFailure = (error: unknown, what: string): CompletionResult => {
        logger.error(what, {
          tenant,
          error: error instanceof Error ? error.name : typeof error,
          // Database drivers put an SQLSTATE here (e.g. 22P05); never a value.
          dbCode:
            typeof (error as { code?: unknown })?.code === 'string'
              ? String((error as { code: string }).code).slice(0, 16)
              : undefined,
        });
        return {
          ok: false,
          returnOrigin,
          error: new ConnectError(
            'adapter_error',
            'The server could not save the Salesforce connection. Try connecting again; if it keeps failing, contact support.',
          ),
        };
      };

      let record: ConnectionRecord | undefined;
      try {
        record = await store.getConnection(key.tenant, key.connectionId);
      } catch (error) {
        return serverFailure(error, 'could not read the connection during the callback');
      }
      if (!record || record.credentialsId !== pending.credentialsId) {
        return {
          ok: false,
          returnOrigin,
          error: new ConnectError(
            'state_mismatch',
            'The connection changed after this sign-in started (new credentials, or a disconnect). Connect again.',
          ),
        };
      }
      const started = record;

      const report = async (error: ConnectError): Promise<CompletionResult> => {
        // A working connection survives a failed attempt to replace it.
        try {
          await commit(key, started, (latest) =>
            latest &&
            latest.credentialsId === pending.credentialsId &&
            latest.status !== 'connected'
              ? { ...latest, status: 'error', error: error.toJSON(), updatedAt: clock() }
              : undefined,
          );
        } catch (storeError) {
          serverFailure(storeError, 'could not record the failed authorization');
        }
        logger.warn('authorization failed', { tenant, code: error.code });
        return { ok: false, error, returnOrigin };
      };

      if (input.error || !input.code) {
        const error = cleanCallbackText(input.error, MAX_ERROR_VALUE);
        return report(
          error
            ? fromSalesforceError({
                error,
                error_description: cleanCallbackText(input.errorDescription, MAX_ERROR_DESCRIPTION),
              })
            : new ConnectError('invalid_input', 'Salesforce answered without a code or an error.'),
        );
      }

      let app: SalesforceApp;
      let codeVerifier: string;
      try {
        app = await appOf(record);
        codeVerifier = await decrypt(record, `code_verifier:${stateHash}`, pending.codeVerifier);
      } catch (error) {
        if (ConnectError.is(error)) return report(error);
        if (error instanceof DecryptionError) {
          logger.error('the sign-in verifier cannot be decrypted', { tenant });
          return report(
            new ConnectError(
              'adapter_error',
              'The server cannot read this sign-in (its encryption key changed meanwhile). Connect again.',
            ),
          );
        }
        return serverFailure(error, 'could not prepare the code exchange');
      }

      let tokens: SalesforceTokenSet;
      try {
        tokens = await salesforce.exchangeCode({
          app,
          code: input.code,
          codeVerifier,
          redirectUri: config.redirectUri,
        });
      } catch (error) {
        if (ConnectError.is(error)) return report(error);
        return serverFailure(error, 'the code exchange failed');
      }

      // From here the tokens exist at Salesforce: whatever goes wrong, they are revoked.
      const abandon = (why: string) =>
        revokeTokenQuietly(tenant, app, tokens.refreshToken ?? tokens.accessToken, why);
      let replaced: ConnectionRecord | undefined;
      let made: ConnectionRecord;
      let orgChanged = false;
      try {
        const { refreshToken: _previous, ...withoutRefresh } = record;
        // A failed lookup leaves no names of whoever connected before.
        const next: ConnectionRecord = {
          ...(await withTokens(withoutRefresh, tokens, now)),
          username: undefined,
          displayName: undefined,
          ...(await identityOf(app, tokens, tenant, 'who connected')),
        };
        const organization = next.instanceUrl
          ? await salesforce
              .organization({ app, accessToken: tokens.accessToken, instanceUrl: next.instanceUrl })
              .catch((error: unknown): SalesforceOrganization => {
                // Optional (it needs the api scope): the org's id is known without it.
                logger.info('could not read the org name', {
                  tenant,
                  code: ConnectError.is(error) ? error.code : 'unknown',
                });
                return {};
              })
          : {};
        made = connectedRecord(next, organization);
        // Parked (not applied) when the record already names another org: its tokens are
        // encrypted under their own fields until the person connecting chooses.
        const park = async (): Promise<PendingOrgChange> => ({
          accessToken: await encrypt(key, 'pending_access_token', tokens.accessToken),
          ...(tokens.refreshToken
            ? { refreshToken: await encrypt(key, 'pending_refresh_token', tokens.refreshToken) }
            : {}),
          tokenIssuedAt: now,
          instanceUrl: made.instanceUrl ?? '',
          ...(made.identityUrl ? { identityUrl: made.identityUrl } : {}),
          ...(made.scopes ? { scopes: made.scopes } : {}),
          orgId: made.orgId ?? '',
          ...(made.orgName ? { orgName: made.orgName } : {}),
          ...(made.isSandbox === undefined ? {} : { isSandbox: made.isSandbox }),
          ...(made.userId ? { userId: made.userId } : {}),
          ...(made.username ? { username: made.username } : {}),
          ...(made.displayName ? { displayName: made.displayName } : {}),
          detectedAt: made.updatedAt,
        });
        // One org, one connection (`onePerOrg`): a first sign-in into an org another connection
        // of the tenant already uses is refused, its grant revoked, and the connection stays
        // configured, saying which connection has the org.
        const holder =
          made.orgId !== undefined && started.orgId === undefined
            ? await otherUsing(key, made.orgId)
            : undefined;
        if (holder) {
          await abandon('the org is already connected as another connection');
          const error = duplicateOrgError({ id: keyOf(holder).connectionId, name: holder.name });
          await commit(key, started, (latest) =>
            latest &&
            latest.credentialsId === pending.credentialsId &&
            latest.status !== 'connected'
              ? { ...latest, status: 'configured', error: error.toJSON(), updatedAt: clock() }
              : undefined,
          );
          logger.warn('the sign-in landed in an org another connection uses', {
            tenant,
            connectionId: key.connectionId,
            otherConnectionId: keyOf(holder).connectionId,
          });
          return { ok: false, returnOrigin, error };
        }
        let parked: PendingOrgChange | undefined;
        const result = await commit(key, record, async (latest) => {
          // Only onto the connection this sign-in started from: a disconnect, forgotten or new
          // credentials meanwhile win over this late answer.
          if (!latest || latest.credentialsId !== pending.credentialsId) return undefined;
          replaced = latest;
          orgChanged =
            latest.orgId !== undefined &&
            made.orgId !== undefined &&
            made.instanceUrl !== undefined &&
            latest.orgId !== made.orgId;
          if (orgChanged) {
            parked ??= await park();
            return { ...latest, pendingOrgChange: parked, updatedAt: made.updatedAt };
          }
          return connectedOn(latest, made);
        });
        if (!result.saved) {
          await abandon('the connection changed during the sign-in');
          logger.warn('authorization lost to a newer change', { tenant });
          return {
            ok: false,
            returnOrigin,
            error: new ConnectError('state_mismatch', CHANGED_DURING_SIGN_IN),
          };
        }
        made = result.record as ConnectionRecord;
      } catch (error) {
        await abandon('the connection could not be saved');
        return serverFailure(error, 'could not save the connection');
      }
      if (orgChanged) {
        // A sign-in parked before and never chosen is superseded by this one.
        if (replaced?.pendingOrgChange) {
          await revokeParkedQuietly(replaced, 'superseded by a newer change of org');
        }
        logger.warn('the sign-in landed in another org; waiting for a choice', {
          tenant,
          orgId: replaced?.orgId,
          newOrgId: made.pendingOrgChange?.orgId,
        });
        return { ok: false, returnOrigin, error: new ConnectError('org_changed', ORG_CHANGED) };
      }
      logger.info('connected', { tenant, connectionId: key.connectionId, orgId: made.orgId });
      if (replaced?.pendingOrgChange) {
        await revokeParkedQuietly(replaced, 'a sign-in to the saved org replaced it');
      }
      // Each approval adds a token pair at Salesforce (five per user and app): let go of the
      // one this replaces.
      if (replaced?.refreshToken) {
        const previous = await readToken(replaced, 'refresh_token');
        if (previous && previous !== tokens.refreshToken) {
          await revokeQuietly(replaced, 'replaced by a new connection');
        }
      }
      return { ok: true, connection: view(made, key), returnOrigin };
    },

    /**
     * Revokes the tokens at Salesforce (best effort) and forgets them. The credentials stay, so
     * connecting again needs no retyping (status `disconnected` with the key hint); with
     * `forgetCredentials` the whole record goes. Authorizations started before are voided.
     */
    async disconnect(key: ConnectionKey, options: { forgetCredentials?: boolean } = {}) {
      const { tenant } = key;
      const read = await store.getConnection(key.tenant, key.connectionId);
      if (!read) return view(undefined, key);
      const revoked = new Set<string>();
      const result = await commit(key, read, async (latest) => {
        if (!latest) return undefined;
        // A write that won meanwhile (a refresh, a reconnection) brought tokens: revoke those too.
        const envelope = latest.refreshToken ?? latest.accessToken;
        if (envelope && !revoked.has(envelope)) {
          revoked.add(envelope);
          await revokeQuietly(latest, 'disconnect');
        }
        const parkedEnvelope =
          latest.pendingOrgChange?.refreshToken ?? latest.pendingOrgChange?.accessToken;
        if (parkedEnvelope && !revoked.has(parkedEnvelope)) {
          revoked.add(parkedEnvelope);
          await revokeParkedQuietly(latest, 'disconnect');
        }
        if (options.forgetCredentials) return DELETE;
        const hasTokens = latest.accessToken !== undefined || latest.refreshToken !== undefined;
        if (latest.status === 'disconnected' && !hasTokens) return undefined;
        return {
          ...withoutTokens(latest),
          status: 'disconnected',
          credentialsId: randomId(),
          updatedAt: clock(),
        };
      });
      if (options.forgetCredentials) {
        logger.info('disconnected and forgot the credentials', {
          tenant,
          connectionId: key.connectionId,
        });
        return view(undefined, key);
      }
      if (result.saved) {
        logger.info('disconnected, credentials kept', { tenant, connectionId: key.connectionId });
      }
      return view(result.record, key);
    },

    /**
     * Resolves a change of org (see `Connection.orgChange`): `keep_new` makes the parked sign-in
     * the connection and revokes the previous grant; `keep_previous` revokes the parked grant and
     * leaves the connection as it was. Without a parked sign-in: `invalid_input`.
     */
    async resolveOrgChange(key: ConnectionKey, choice: unknown): Promise<Connection> {
      const { tenant } = key;
      if (choice !== 'keep_new' && choice !== 'keep_previous') {
        throw new ConnectError('invalid_input', 'choice must be "keep_new" or "keep_previous".');
      }
      const read = await store.getConnection(key.tenant, key.connectionId);
      if (!read?.pendingOrgChange) throw new ConnectError('invalid_input', NO_ORG_CHANGE);
      // The new org is another connection's (`onePerOrg`): going back is the only way, and the
      // refusal names that connection.
      const holder =
        choice === 'keep_new' ? await otherUsing(key, read.pendingOrgChange.orgId) : undefined;
      const chosen: OrgChangeChoice = holder ? 'keep_previous' : choice;
      let before: ConnectionRecord | undefined;
      let unreadable = false;
      const result = await commit(key, read, async (latest) => {
        const parked = latest?.pendingOrgChange;
        if (!latest || !parked) return undefined;
        before = latest;
        const { pendingOrgChange: _p, ...rest } = latest;
        if (chosen === 'keep_previous') return { ...rest, updatedAt: clock() };
        let accessToken: string;
        let refreshToken: string | undefined;
        try {
          accessToken = await decrypt(latest, 'pending_access_token', parked.accessToken);
          refreshToken = parked.refreshToken
            ? await decrypt(latest, 'pending_refresh_token', parked.refreshToken)
            : undefined;
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          unreadable = true;
          return { ...rest, updatedAt: clock() };
        }
        const nowDone = clock();
        const made: ConnectionRecord = {
          ...rest,
          accessToken: await encrypt(key, 'access_token', accessToken),
          refreshToken: refreshToken
            ? await encrypt(key, 'refresh_token', refreshToken)
            : undefined,
          tokenIssuedAt: parked.tokenIssuedAt,
          instanceUrl: parked.instanceUrl,
          identityUrl: parked.identityUrl,
          scopes: parked.scopes,
          orgId: parked.orgId,
          orgName: parked.orgName,
          isSandbox: parked.isSandbox,
          userId: parked.userId,
          username: parked.username,
          displayName: parked.displayName,
          connectedAt: nowDone,
          checkedAt: nowDone,
          updatedAt: nowDone,
        };
        return connectedOn(rest, made);
      });
      if (!result.saved || !before) throw new ConnectError('invalid_input', NO_ORG_CHANGE);
      if (unreadable) {
        logger.error('the parked sign-in cannot be decrypted', { tenant });
        throw new ConnectError(
          'adapter_error',
          'The server can no longer read the new sign-in (its encryption key changed). Connect again.',
        );
      }
      if (chosen === 'keep_previous') {
        await revokeParkedQuietly(before, 'went back to the previous org');
        logger.info('kept the previous org', { tenant, orgId: before.orgId });
        if (holder) {
          throw duplicateOrgError({ id: keyOf(holder).connectionId, name: holder.name });
        }
      } else {
        if (before.accessToken || before.refreshToken) {
          await revokeQuietly(before, 'replaced by the new org');
        }
        logger.info('switched to the new org', { tenant, orgId: result.record?.orgId });
      }
      return view(result.record, key);
    },

    /** A fresh enough access token for the integrator's own Salesforce calls. */
    async getSession(
      key: ConnectionKey,
      options: { forceRefresh?: boolean; signal?: AbortSignal } = {},
    ): Promise<SalesforceSession> {
      let record: ConnectionRecord | undefined = await store.getConnection(
        key.tenant,
        key.connectionId,
      );
      if (!record) {
        throw key.connectionId === DEFAULT_CONNECTION_ID
          ? new ConnectError('not_configured', 'This tenant has not connected Salesforce.')
          : noSuchConnection(key.connectionId);
      }
      if (record.status !== 'connected' || !record.accessToken || !record.instanceUrl) {
        const error: ConnectErrorJSON = record.error ?? {
          code: 'not_configured',
          message: 'Salesforce is not connected for this tenant.',
        };
        throw ConnectError.fromJSON(error);
      }
      const stale = clock() - (record.tokenIssuedAt ?? 0) >= config.accessTokenMaxAgeMs;
      if (
        options.forceRefresh ||
        (stale && (record.refreshToken || usesClientCredentials(record)))
      ) {
        record = await refreshShared(record, options.signal);
      }
      if (record.status !== 'connected' || !record.accessToken || !record.instanceUrl) {
        throw new ConnectError('invalid_grant', 'Salesforce is no longer connected; reconnect.');
      }
      const accessToken = await readToken(record, 'access_token');
      if (accessToken === undefined) return markUnreadable(record);
      return {
        accessToken,
        instanceUrl: record.instanceUrl,
        orgId: record.orgId,
        userId: record.userId,
      };
    },
  };
}

/** The connection logic's interface, as the handler uses it. */
export type ConnectionService = ReturnType<typeof createConnectionService>;
