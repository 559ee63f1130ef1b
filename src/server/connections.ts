import { createCredentialsSchema } from '../core/credentials.js';
import { ConnectError, type ConnectErrorCode, type ConnectErrorJSON } from '../core/errors.js';
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
import type { AuthorizationStart, Connection, CredentialsInput } from '../core/types.js';
import { DecryptionError, type SecretBox } from './crypto.js';
import { constantTimeEqual, randomBase64Url, sha256Base64Url } from './encoding.js';
import type { ConnectLogger } from './logger.js';
import { preflightCredentials } from './preflight.js';
import {
  INSUFFICIENT_SCOPE,
  idsFromIdentityUrl,
  type SalesforceApp,
  type SalesforceClient,
  type SalesforceIdentity,
  type SalesforceOrganization,
  type SalesforceTokenSet,
} from './salesforce.js';
import type { ConnectionRecord, ConnectStore } from './stores/types.js';

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
]);

const KEPT_USED_STATES_MS = 24 * 60 * 60 * 1000;

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
    ...kept
  } = record;
  return kept;
}

/**
 * The reference server's connection logic, independent of HTTP: credentials, authorization with
 * PKCE and single-use states, token exchange, refresh on use, disconnect. One instance serves
 * every tenant; every method takes the tenant the handler resolved.
 */
export function createConnectionService(config: ConnectionServiceConfig) {
  const { store, box, salesforce, clock, logger } = config;
  // One refresh or check per tenant at a time within this process: with refresh token rotation,
  // two parallel refreshes would spend the same refresh token and one would fail.
  const inFlight = new Map<string, Promise<ConnectionRecord | undefined>>();

  const singleFlight = (key: string, run: () => Promise<ConnectionRecord | undefined>) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };

  function view(record: ConnectionRecord | undefined): Connection {
    if (!record) return { status: 'disconnected' };
    const hint = keyHint(record.consumerKey);
    const connection: Connection = {
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
    return connection;
  }

  const decrypt = (record: ConnectionRecord, field: string, envelope: string) =>
    box.decrypt(envelope, { tenant: record.tenant, field });
  const encrypt = (tenant: string, field: string, plaintext: string) =>
    box.encrypt(plaintext, { tenant, field });

  async function appOf(record: ConnectionRecord): Promise<SalesforceApp> {
    return {
      loginUrl: record.loginUrl,
      consumerKey: record.consumerKey,
      consumerSecret: await decrypt(record, 'consumer_secret', record.consumerSecret),
    };
  }

  /** Stores a token set on a record, encrypted; keeps the old refresh token when none came. */
  async function withTokens(
    record: ConnectionRecord,
    tokens: SalesforceTokenSet,
    now: number,
  ): Promise<ConnectionRecord> {
    const next: ConnectionRecord = {
      ...record,
      accessToken: await encrypt(record.tenant, 'access_token', tokens.accessToken),
      // The server's own clock, not Salesforce's issued_at: ages are then immune to clock skew.
      tokenIssuedAt: now,
    };
    if (tokens.refreshToken) {
      next.refreshToken = await encrypt(record.tenant, 'refresh_token', tokens.refreshToken);
    }
    if (tokens.instanceUrl) next.instanceUrl = tokens.instanceUrl;
    if (tokens.identityUrl) next.identityUrl = tokens.identityUrl;
    if (tokens.scopes) next.scopes = tokens.scopes;
    return next;
  }

  /** The connection after Salesforce refused its tokens for good (or after another failure). */
  function failed(record: ConnectionRecord, error: ConnectError, now: number): ConnectionRecord {
    const status = REAUTH_CODES.has(error.code) ? 'needs_reauth' : 'error';
    const { accessToken: _a, refreshToken: _r, tokenIssuedAt: _t, ...rest } = record;
    return { ...rest, status, error: error.toJSON(), updatedAt: now };
  }

  /**
   * Refreshes the tokens. When Salesforce says the refresh token is spent, the record is read
   * again first: another server (or request) may have rotated it a moment ago.
   */
  async function refreshTokens(record: ConnectionRecord, signal?: AbortSignal) {
    const now = clock();
    if (!record.refreshToken) {
      throw new ConnectError(
        'invalid_grant',
        'The Salesforce session ended and there is no refresh token to renew it: reconnect. To stay connected, the app needs the "Perform requests at any time" (refresh_token) scope.',
      );
    }
    const refreshToken = await decrypt(record, 'refresh_token', record.refreshToken);
    try {
      const tokens = await salesforce.refresh({ app: await appOf(record), refreshToken, signal });
      const next = await withTokens(record, tokens, now);
      const saved = await saveUnlessChanged(record, next);
      // Another server refreshed first: its tokens are as good as these.
      if (
        saved !== next &&
        saved?.status === 'connected' &&
        saved.credentialsId === record.credentialsId
      ) {
        return saved;
      }
      if (saved !== next) {
        throw new ConnectError(
          'not_configured',
          'The connection changed while its token was being refreshed; try again.',
        );
      }
      logger.info('refreshed the access token', {
        tenant: record.tenant,
        rotated: tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken,
      });
      return next;
    } catch (error) {
      if (ConnectError.is(error) && REAUTH_CODES.has(error.code)) {
        const latest = await store.getConnection(record.tenant);
        if (latest?.refreshToken && latest.refreshToken !== record.refreshToken) return latest;
      }
      throw error;
    }
  }

  /**
   * Saves what a refresh or check produced, unless the record changed meanwhile (a disconnect,
   * new credentials, or another server's refresh): then the newer record wins and is returned.
   * Read-compare-write, not atomic, but it narrows the window to one store round trip.
   */
  async function saveUnlessChanged(
    before: ConnectionRecord,
    next: ConnectionRecord,
  ): Promise<ConnectionRecord | undefined> {
    const latest = await store.getConnection(before.tenant);
    if (
      !latest ||
      latest.credentialsId !== before.credentialsId ||
      latest.refreshToken !== before.refreshToken ||
      latest.status !== before.status
    ) {
      return latest;
    }
    await store.saveConnection(next);
    return next;
  }

  /** Whether a Salesforce failure means the stored authorization is finished. */
  const isFinal = (error: ConnectError) =>
    REAUTH_CODES.has(error.code) || BROKEN_CODES.has(error.code);

  /**
   * The liveness check behind `GET /connection`: asks Salesforce who the token belongs to,
   * refreshing once when the access token is old or refused. Runs at most once per
   * `connectionCheckIntervalMs` per tenant, so polling the status does not poll Salesforce.
   */
  async function checkConnection(record: ConnectionRecord): Promise<ConnectionRecord | undefined> {
    let current = record;
    try {
      const stale = clock() - (current.tokenIssuedAt ?? 0) >= config.accessTokenMaxAgeMs;
      // Without a refresh token an old access token may still work: let Salesforce decide.
      if (!current.accessToken || (stale && current.refreshToken)) {
        current = await refreshTokens(current);
      }
      let identity: SalesforceIdentity | undefined;
      const lookup = async (r: ConnectionRecord) => {
        try {
          return await salesforce.identity({
            app: await appOf(r),
            accessToken: await decrypt(r, 'access_token', r.accessToken as string),
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
        current = await refreshTokens(current);
        identity = await lookup(current);
      }
      const now = clock();
      const changed =
        identity !== undefined &&
        (identity.username !== current.username || identity.displayName !== current.displayName);
      const next: ConnectionRecord = {
        ...current,
        ...(identity?.username ? { username: identity.username } : {}),
        ...(identity?.displayName ? { displayName: identity.displayName } : {}),
        checkedAt: now,
        ...(changed ? { updatedAt: now } : {}),
      };
      return await saveUnlessChanged(current, next);
    } catch (error) {
      if (error instanceof DecryptionError) throw error;
      const failure = ConnectError.is(error) ? error : fromSalesforceError(null);
      const now = clock();
      if (isFinal(failure)) {
        logger.warn('Salesforce no longer accepts the connection', {
          tenant: record.tenant,
          code: failure.code,
        });
        return saveUnlessChanged(current, failed(current, failure, now));
      }
      // Salesforce down or slow: keep the connection as it was, and try again next interval.
      logger.warn('could not check the connection with Salesforce', {
        tenant: record.tenant,
        code: failure.code,
      });
      return saveUnlessChanged(current, { ...current, checkedAt: now });
    }
  }

  /** Revokes a record's refresh (or access) token; failures are logged, never thrown. */
  function revokeQuietly(record: ConnectionRecord, why: string): Promise<void> {
    const envelope = record.refreshToken ?? record.accessToken;
    if (!envelope) return Promise.resolve();
    const field = record.refreshToken ? 'refresh_token' : 'access_token';
    return (async () => {
      try {
        const token = await decrypt(record, field, envelope);
        await salesforce.revoke({ app: await appOf(record), token });
        logger.info('revoked the Salesforce token', { tenant: record.tenant, why });
      } catch (error) {
        logger.warn('could not revoke the Salesforce token', {
          tenant: record.tenant,
          why,
          code: ConnectError.is(error) ? error.code : 'unknown',
        });
      }
    })();
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
    throw new ConnectError(
      loginIssue ? 'invalid_login_url' : 'invalid_input',
      message || first?.message || 'The credentials are not valid.',
    );
  }

  return {
    async getConnection(tenant: string): Promise<Connection> {
      const record = await store.getConnection(tenant);
      if (
        record?.status !== 'connected' ||
        config.connectionCheckIntervalMs <= 0 ||
        clock() - (record.checkedAt ?? 0) < config.connectionCheckIntervalMs
      ) {
        return view(record);
      }
      return view(await singleFlight(`check:${tenant}`, () => checkConnection(record)));
    },

    async saveCredentials(
      tenant: string,
      input: unknown,
      signal?: AbortSignal,
    ): Promise<Connection> {
      const existing = await store.getConnection(tenant);
      const values = parseCredentials(input, existing !== undefined);
      const login = normalizeLoginUrl(values.loginUrl, { allowedHosts: config.allowedLoginHosts });
      const loginUrl = login.ok ? login.url : values.loginUrl;
      const now = clock();
      const sameApp =
        existing !== undefined &&
        existing.loginUrl === loginUrl &&
        existing.consumerKey === values.consumerKey;
      const consumerSecret = values.consumerSecret
        ? await encrypt(tenant, 'consumer_secret', values.consumerSecret)
        : (existing?.consumerSecret as string);

      let record: ConnectionRecord;
      if (existing && sameApp) {
        // Same app: a new secret (or none) keeps the tokens, which stay valid at Salesforce.
        record = {
          ...existing,
          consumerSecret,
          status:
            existing.status === 'error' || existing.status === 'disconnected'
              ? 'configured'
              : existing.status,
          updatedAt: now,
        };
        if (record.status === 'configured' || record.status === 'connected') delete record.error;
      } else {
        record = {
          ...(existing ? withoutTokens(existing) : {}),
          tenant,
          status: 'configured',
          loginUrl,
          consumerKey: values.consumerKey,
          consumerSecret,
          credentialsId: randomId(),
          updatedAt: now,
        };
      }

      if (config.preflightTimeoutMs > 0) {
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
          record.error = result.error.toJSON();
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

      await store.saveConnection(record);
      logger.info('saved credentials', { tenant, sameApp });
      // Tokens of the old app are worthless to the new one: revoke them at Salesforce too.
      // Awaited (it never throws) so the answer means the old tokens are gone, as far as possible.
      if (existing && !sameApp) await revokeQuietly(existing, 'credentials replaced');
      return view(record);
    },

    /**
     * `request.scopes` may narrow the configured scopes, never widen them; `request.prompt`
     * replaces the configured prompt for this attempt.
     */
    async startAuthorization(
      tenant: string,
      returnOrigin: string,
      request: {
        scopes?: readonly string[] | undefined;
        prompt?: readonly string[] | undefined;
      } = {},
    ): Promise<AuthorizationStart> {
      const scopes = narrowScopes(config.scopes, request.scopes);
      const record = await store.getConnection(tenant);
      if (!record) {
        throw new ConnectError(
          'not_configured',
          'Save the Login URL, Consumer Key and Consumer Secret before connecting.',
        );
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
        codeVerifier: await encrypt(tenant, `code_verifier:${stateHash}`, pkce.verifier),
        returnOrigin,
        credentialsId: record.credentialsId,
        createdAt: now,
        expiresAt,
      });
      // Housekeeping: spent and expired states are kept a day (to say "already used"), then go.
      void store.deleteExpiredAuthorizations(now - KEPT_USED_STATES_MS).catch(() => {});
      logger.info('started an authorization', { tenant });
      return { authorizeUrl, state, expiresAt: new Date(expiresAt).toISOString() };
    },

    /**
     * Spends the state and, when Salesforce sent a code, exchanges it. `tenant` is the caller's
     * tenant when known: a state of another tenant is then refused without being spent. The
     * callback page calls this without a tenant when the session is unknown there (the state
     * itself is bound to its tenant).
     */
    async complete(input: {
      state: string | null | undefined;
      code?: string | null | undefined;
      error?: string | null | undefined;
      errorDescription?: string | null | undefined;
      tenant?: string | undefined;
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
      const record = await store.getConnection(tenant);
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

      const report = async (error: ConnectError): Promise<CompletionResult> => {
        // A working connection survives a failed attempt to replace it.
        if (record.status !== 'connected') {
          const latest = (await store.getConnection(tenant)) ?? record;
          await store.saveConnection({
            ...latest,
            status: 'error',
            error: error.toJSON(),
            updatedAt: clock(),
          });
        }
        logger.warn('authorization failed', { tenant, code: error.code });
        return { ok: false, error, returnOrigin };
      };

      if (input.error || !input.code) {
        return report(
          input.error
            ? fromSalesforceError({ error: input.error, error_description: input.errorDescription })
            : new ConnectError('invalid_input', 'Salesforce answered without a code or an error.'),
        );
      }

      try {
        const app = await appOf(record);
        const codeVerifier = await decrypt(
          record,
          `code_verifier:${stateHash}`,
          pending.codeVerifier,
        );
        const tokens = await salesforce.exchangeCode({
          app,
          code: input.code,
          codeVerifier,
          redirectUri: config.redirectUri,
        });
        const { refreshToken: previousRefresh, ...withoutRefresh } = record;
        let next = await withTokens(withoutRefresh, tokens, now);
        try {
          const identity = await salesforce.identity({
            app,
            accessToken: tokens.accessToken,
            identityUrl: tokens.identityUrl,
          });
          next = {
            ...next,
            orgId: identity.orgId,
            userId: identity.userId,
            username: identity.username,
            displayName: identity.displayName,
          };
        } catch (error) {
          // The identity URL itself names the org and user; only the names are missing.
          const ids = idsFromIdentityUrl(tokens.identityUrl);
          next = {
            ...next,
            orgId: ids?.orgId,
            userId: ids?.userId,
            username: undefined,
            displayName: undefined,
          };
          logger.warn('could not look up who connected', {
            tenant,
            code: ConnectError.is(error) ? error.code : 'unknown',
          });
        }
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
        const login = normalizeLoginUrl(record.loginUrl, {
          allowedHosts: config.allowedLoginHosts,
        });
        const sandbox = (login.ok && login.sandbox) || isSandboxHost(next.instanceUrl);
        const nowDone = clock();
        next = {
          ...next,
          status: 'connected',
          orgName: organization.name,
          isSandbox:
            organization.isSandbox ??
            (login.ok && login.kind !== 'custom' ? sandbox : sandbox || undefined),
          error: undefined,
          connectedAt: nowDone,
          checkedAt: nowDone,
          updatedAt: nowDone,
        };
        delete next.error;
        await store.saveConnection(next);
        logger.info('connected', { tenant, orgId: next.orgId });
        // Each approval adds a token pair at Salesforce (five per user and app): let go of the
        // one this replaces.
        if (previousRefresh) {
          const previous = await decrypt(record, 'refresh_token', previousRefresh).catch(() => '');
          if (previous && previous !== tokens.refreshToken) {
            await revokeQuietly(record, 'replaced by a new connection');
          }
        }
        return { ok: true, connection: view(next), returnOrigin };
      } catch (error) {
        if (error instanceof DecryptionError) throw error;
        return report(ConnectError.is(error) ? error : fromSalesforceError(null));
      }
    },

    /**
     * Revokes the tokens at Salesforce (best effort) and forgets them. The credentials stay, so
     * connecting again needs no retyping (status `disconnected` with the key hint); with
     * `forgetCredentials` the whole record goes. Authorizations started before are voided.
     */
    async disconnect(tenant: string, options: { forgetCredentials?: boolean } = {}) {
      const record = await store.getConnection(tenant);
      if (!record) return view(undefined);
      await revokeQuietly(record, 'disconnect');
      if (options.forgetCredentials) {
        await store.deleteConnection(tenant);
        logger.info('disconnected and forgot the credentials', { tenant });
        return view(undefined);
      }
      const hasTokens = record.accessToken !== undefined || record.refreshToken !== undefined;
      if (record.status === 'disconnected' && !hasTokens) return view(record);
      const kept: ConnectionRecord = {
        ...withoutTokens(record),
        status: 'disconnected',
        credentialsId: randomId(),
        updatedAt: clock(),
      };
      await store.saveConnection(kept);
      logger.info('disconnected, credentials kept', { tenant });
      return view(kept);
    },

    /** A fresh enough access token for the integrator's own Salesforce calls. */
    async getSession(
      tenant: string,
      options: { forceRefresh?: boolean; signal?: AbortSignal } = {},
    ): Promise<SalesforceSession> {
      let record: ConnectionRecord | undefined = await store.getConnection(tenant);
      if (!record) {
        throw new ConnectError('not_configured', 'This tenant has not connected Salesforce.');
      }
      if (record.status !== 'connected' || !record.accessToken || !record.instanceUrl) {
        const error: ConnectErrorJSON = record.error ?? {
          code: 'not_configured',
          message: 'Salesforce is not connected for this tenant.',
        };
        throw ConnectError.fromJSON(error);
      }
      const stale = clock() - (record.tokenIssuedAt ?? 0) >= config.accessTokenMaxAgeMs;
      if (options.forceRefresh || (stale && record.refreshToken)) {
        const current = record;
        record = await singleFlight(`refresh:${tenant}`, async () => {
          try {
            return await refreshTokens(current, options.signal);
          } catch (error) {
            if (ConnectError.is(error) && isFinal(error)) {
              await saveUnlessChanged(current, failed(current, error, clock()));
              logger.warn('Salesforce no longer accepts the connection', {
                tenant,
                code: error.code,
              });
            }
            throw error;
          }
        });
      }
      if (record?.status !== 'connected' || !record.accessToken || !record.instanceUrl) {
        throw new ConnectError('invalid_grant', 'Salesforce is no longer connected; reconnect.');
      }
      return {
        accessToken: await decrypt(record, 'access_token', record.accessToken),
        instanceUrl: record.instanceUrl,
        orgId: record.orgId,
        userId: record.userId,
      };
    },
  };
}

/** The connection logic's interface, as the handler uses it. */
export type ConnectionService = ReturnType<typeof createConnectionService>;
