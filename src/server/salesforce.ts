import * as oauth from 'oauth4webapi';
import { fromSalesforceErrorInFlow } from '../core/client-credentials-errors.js';
import { abortedError, ConnectError, isAbortError, throwIfAborted } from '../core/errors.js';
import { SALESFORCE_PATHS } from '../core/oauth.js';
import { fromSalesforceError, type SalesforceErrorBody } from '../core/salesforce-errors.js';
import type { ConnectionFlow } from '../core/types.js';

/** The app the admin created in Salesforce, as the server uses it (the secret in the clear). */
export interface SalesforceApp {
  /** Normalized login URL: `https://login.salesforce.com`, a My Domain, or an allowed host. */
  loginUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

/** What Salesforce's token endpoint gave back, read into the kit's terms. */
export interface SalesforceTokenSet {
  accessToken: string;
  /** Only with the `refresh_token` scope, and on refresh only when rotation is on. */
  refreshToken?: string;
  instanceUrl?: string;
  /** The identity URL, `…/id/<orgId>/<userId>`. */
  identityUrl?: string;
  scopes?: string[];
}

/** Who connected, from the identity URL or the userinfo endpoint. */
export interface SalesforceIdentity {
  orgId: string;
  userId: string;
  username?: string;
  displayName?: string;
}

/** Options of {@link createSalesforceClient}. */
export interface SalesforceClientOptions {
  /** The `fetch` used to reach Salesforce. */
  fetch: typeof fetch;
  /** Give up on a Salesforce request after this long. */
  timeoutMs: number;
}

/**
 * Calls Salesforce's OAuth endpoints for the reference server, through oauth4webapi: code
 * exchange with PKCE and the client secret (`client_secret_post`), refresh, revoke and identity.
 * Every failure is a `ConnectError` from core's Salesforce error mapping; no error carries a
 * token, a code or the secret.
 *
 * @example
 * const salesforce = createSalesforceClient({ fetch, timeoutMs: 10_000 });
 * const tokens = await salesforce.exchangeCode({ app, code, codeVerifier, redirectUri });
 */
export interface SalesforceClient {
  exchangeCode(input: {
    app: SalesforceApp;
    code: string;
    /**
     * The PKCE verifier of the authorize request's challenge; undefined when that request sent no
     * challenge, for Salesforce refuses a verifier it did not expect (forcedotcom/sfdx-core#166).
     */
    codeVerifier: string | undefined;
    redirectUri: string;
    signal?: AbortSignal | undefined;
  }): Promise<SalesforceTokenSet>;
  refresh(input: {
    app: SalesforceApp;
    refreshToken: string;
    signal?: AbortSignal | undefined;
  }): Promise<SalesforceTokenSet>;
  revoke(input: {
    app: SalesforceApp;
    token: string;
    signal?: AbortSignal | undefined;
  }): Promise<void>;
  /**
   * The client credentials grant (`grant_type=client_credentials`, key and secret in the body):
   * a token of the app's Run As user, without a refresh token. Refusals are mapped for that flow
   * (`run_as_user_missing`, `generic_login_host`, …).
   */
  clientCredentials(input: {
    app: SalesforceApp;
    signal?: AbortSignal | undefined;
  }): Promise<SalesforceTokenSet>;
  identity(input: {
    app: SalesforceApp;
    accessToken: string;
    identityUrl?: string | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<SalesforceIdentity>;
  /** The org's name and sandbox flag from the REST API (needs the `api` or `full` scope). */
  organization(input: {
    app: SalesforceApp;
    accessToken: string;
    instanceUrl: string;
    /** The connection's flow, for reading refusals (`run_as_user_no_api` in client credentials). */
    flow?: ConnectionFlow | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<SalesforceOrganization>;
}

/** What the REST API says about the org. */
export interface SalesforceOrganization {
  name?: string;
  isSandbox?: boolean;
}

/** The REST API version the server reads the org with (Winter '25, available in every org). */
export const SALESFORCE_API_VERSION = '62.0';

/**
 * Salesforce's endpoints are fixed paths on the login host, so the authorization server is
 * described directly rather than discovered (one request fewer, and it works for hosts without a
 * discovery document).
 */
function authorizationServer(loginUrl: string): oauth.AuthorizationServer {
  return {
    issuer: loginUrl,
    authorization_endpoint: `${loginUrl}${SALESFORCE_PATHS.authorize}`,
    token_endpoint: `${loginUrl}${SALESFORCE_PATHS.token}`,
    revocation_endpoint: `${loginUrl}${SALESFORCE_PATHS.revoke}`,
    userinfo_endpoint: `${loginUrl}${SALESFORCE_PATHS.userinfo}`,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The kit's error for anything a Salesforce call threw. Built from Salesforce's `error` and
 * `error_description` and the HTTP status only: oauth4webapi's own errors can hold the whole
 * response body (tokens included), so they are never kept as the cause.
 */
export function toSalesforceFailure(
  error: unknown,
  what: string,
  timedOut: boolean,
  flow?: ConnectionFlow,
): ConnectError {
  if (ConnectError.is(error)) return error;
  if (error instanceof oauth.ResponseBodyError) {
    return fromSalesforceErrorInFlow(
      { error: error.error, error_description: error.error_description },
      { status: error.status, flow },
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new ConnectError(
      'unknown',
      `Salesforce refused the access token for the ${what} (HTTP ${error.status}).`,
      { status: error.status },
    );
  }
  if (timedOut) {
    return new ConnectError(
      'salesforce_unavailable',
      `Salesforce did not answer the ${what} in time.`,
    );
  }
  if (isAbortError(error)) return abortedError(error);
  if (error instanceof oauth.OperationProcessingError) {
    const response = error.cause;
    const status = response instanceof Response ? response.status : undefined;
    if (status !== undefined && (status >= 500 || status === 429)) {
      return fromSalesforceError(null, { status });
    }
    return new ConnectError(
      'unknown',
      status === undefined
        ? `Salesforce's answer to the ${what} could not be read (${error.code ?? 'unexpected answer'}).`
        : `Salesforce answered the ${what} with HTTP ${status} and no OAuth error.`,
      status === undefined ? {} : { status },
    );
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return new ConnectError('unknown', `Salesforce's answer to the ${what} is not supported.`);
  }
  return new ConnectError(
    'salesforce_unavailable',
    `Salesforce could not be reached for the ${what}. Check the login URL and the server's network.`,
  );
}

/**
 * Reads Salesforce's token response: `instance_url` and `id` beside the OAuth fields. Its
 * `issued_at` is not kept: the connection service dates tokens by its own clock.
 */
function readTokenSet(response: oauth.TokenEndpointResponse): SalesforceTokenSet {
  return {
    accessToken: response.access_token,
    ...(nonEmpty(response.refresh_token) ? { refreshToken: response.refresh_token } : {}),
    ...(nonEmpty(response.instance_url) ? { instanceUrl: response.instance_url } : {}),
    ...(nonEmpty(response.id) ? { identityUrl: response.id } : {}),
    ...(nonEmpty(response.scope) ? { scopes: response.scope.split(' ').filter(Boolean) } : {}),
  };
}

/** `/id/<orgId>/<userId>` in an identity URL. */
export function idsFromIdentityUrl(url: string | undefined) {
  const match = url ? /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(url) : null;
  return match ? { orgId: match[1] as string, userId: match[2] as string } : undefined;
}

/** Both shapes: the identity URL's (`username`, `display_name`) and userinfo's (OIDC claims). */
function readIdentity(
  json: unknown,
  identityUrl: string | undefined,
): SalesforceIdentity | undefined {
  if (!isObject(json)) return undefined;
  const ids =
    idsFromIdentityUrl(identityUrl) ?? idsFromIdentityUrl(String(json.id ?? json.sub ?? ''));
  const orgId = nonEmpty(json.organization_id) ? json.organization_id : ids?.orgId;
  const userId = nonEmpty(json.user_id) ? json.user_id : ids?.userId;
  if (!orgId || !userId) return undefined;
  const username = [json.username, json.preferred_username].find(nonEmpty);
  const displayName = [json.display_name, json.name].find(nonEmpty);
  return {
    orgId,
    userId,
    ...(username ? { username } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

/**
 * The identity service refuses in plain text (`Bad_OAuth_Token`, `Insufficient_Scope`), the OAuth
 * endpoints in JSON: either way, Salesforce's word becomes the error's `error`.
 */
async function readRefusal(response: Response): Promise<SalesforceErrorBody | null> {
  const text = (await response.text().catch(() => '')).trim();
  if (/^[A-Za-z_]{3,64}$/.test(text)) return { error: text };
  try {
    const json: unknown = JSON.parse(text);
    return isObject(json) ? (json as SalesforceErrorBody) : null;
  } catch {
    return null;
  }
}

/** The identity service's answer for a valid token that lacks the `id` (or `openid`) scope. */
export const INSUFFICIENT_SCOPE = 'Insufficient_Scope';

/**
 * A signal that fires when the caller's does or after `timeoutMs`, and a way to tell which.
 * Built by hand because `AbortSignal.any` is missing from some runtimes still in use.
 */
export function deadline(signal: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('Salesforce did not answer in time.', 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    },
  };
}

/**
 * The Salesforce client of the reference server (see {@link SalesforceClient}). http is allowed
 * only for a login URL that is itself http — which `normalizeLoginUrl` permits only for hosts the
 * integrator listed (the simulator) — and only towards that same host name (its login and instance
 * origins).
 *
 * @example
 * const salesforce = createSalesforceClient({ fetch: loggingFetch, timeoutMs: 10_000 });
 */
export function createSalesforceClient(options: SalesforceClientOptions): SalesforceClient {
  const { timeoutMs, fetch: fetchImpl } = options;

  // oauth4webapi types its fetch per call; one loose signature serves all of them.
  const customFetch = (url: string, init: { body?: unknown }) =>
    fetchImpl(url, init as RequestInit);
  const requestOptions = (app: SalesforceApp, url: string, signal: AbortSignal) => {
    // The org's API lives on its instance (`instance_url`), which is another origin than the login
    // host; for an http login host (the simulator on loopback) its instance shares the host name.
    const insecure =
      app.loginUrl.startsWith('http:') && new URL(url).hostname === new URL(app.loginUrl).hostname;
    return {
      [oauth.customFetch]: customFetch,
      [oauth.allowInsecureRequests]: insecure,
      signal,
    };
  };

  async function call<T>(
    what: string,
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
    flow?: ConnectionFlow,
  ): Promise<T> {
    const limit = deadline(signal, timeoutMs);
    try {
      return await run(limit.signal);
    } catch (error) {
      throwIfAborted(signal);
      throw toSalesforceFailure(error, what, limit.timedOut(), flow);
    } finally {
      limit.done();
    }
  }

  return {
    exchangeCode({ app, code, codeVerifier, redirectUri, signal }) {
      return call('code exchange', signal, async (bounded) => {
        const as = authorizationServer(app.loginUrl);
        const client: oauth.Client = { client_id: app.consumerKey };
        // The state was already checked (and spent) by the server; only the code goes on.
        const parameters = oauth.validateAuthResponse(
          as,
          client,
          new URLSearchParams({ code }),
          oauth.expectNoState,
        );
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          oauth.ClientSecretPost(app.consumerSecret),
          parameters,
          redirectUri,
          codeVerifier ?? oauth.nopkce,
          requestOptions(app, as.token_endpoint as string, bounded),
        );
        return readTokenSet(await oauth.processAuthorizationCodeResponse(as, client, response));
      });
    },

    refresh({ app, refreshToken, signal }) {
      return call('token refresh', signal, async (bounded) => {
        const as = authorizationServer(app.loginUrl);
        const client: oauth.Client = { client_id: app.consumerKey };
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          oauth.ClientSecretPost(app.consumerSecret),
          refreshToken,
          requestOptions(app, as.token_endpoint as string, bounded),
        );
        return readTokenSet(await oauth.processRefreshTokenResponse(as, client, response));
      });
    },

    clientCredentials({ app, signal }) {
      return call(
        'client credentials token request',
        signal,
        async (bounded) => {
          const as = authorizationServer(app.loginUrl);
          const client: oauth.Client = { client_id: app.consumerKey };
          const response = await oauth.clientCredentialsGrantRequest(
            as,
            client,
            oauth.ClientSecretPost(app.consumerSecret),
            new URLSearchParams(),
            requestOptions(app, as.token_endpoint as string, bounded),
          );
          const tokens = readTokenSet(
            await oauth.processClientCredentialsResponse(as, client, response),
          );
          // The flow has no refresh token; one sent anyway is not kept (it is never used).
          delete tokens.refreshToken;
          return tokens;
        },
        'client-credentials',
      );
    },

    revoke({ app, token, signal }) {
      return call('token revocation', signal, async (bounded) => {
        const as = authorizationServer(app.loginUrl);
        const client: oauth.Client = { client_id: app.consumerKey };
        const response = await oauth.revocationRequest(
          as,
          client,
          oauth.ClientSecretPost(app.consumerSecret),
          token,
          requestOptions(app, as.revocation_endpoint as string, bounded),
        );
        await oauth.processRevocationResponse(response);
      });
    },

    organization({ app, accessToken, instanceUrl, flow, signal }) {
      return call('organization lookup', signal, async (bounded) => {
        const url = new URL(
          `/services/data/v${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent('SELECT Name, IsSandbox FROM Organization')}`,
          instanceUrl,
        );
        const response = await oauth.protectedResourceRequest(
          accessToken,
          'GET',
          url,
          new Headers({ accept: 'application/json' }),
          null,
          requestOptions(app, url.href, bounded),
        );
        if (!response.ok) {
          // The REST API refuses with `[{ errorCode, message }]`: a Run As user without "API
          // Enabled" reads as run_as_user_no_api in the client credentials flow.
          const refusal: unknown = await response.json().catch(() => null);
          const failure = fromSalesforceErrorInFlow(refusal as SalesforceErrorBody | null, {
            status: response.status,
            flow,
          });
          if (failure.code !== 'unknown') throw failure;
          throw new ConnectError(
            'unknown',
            `Salesforce answered the organization lookup with HTTP ${response.status}.`,
            { status: response.status },
          );
        }
        const json: unknown = await response.json();
        const record = isObject(json) && Array.isArray(json.records) ? json.records[0] : undefined;
        if (!isObject(record)) return {};
        return {
          ...(nonEmpty(record.Name) ? { name: record.Name } : {}),
          ...(typeof record.IsSandbox === 'boolean' ? { isSandbox: record.IsSandbox } : {}),
        };
      });
    },

    identity({ app, accessToken, identityUrl, signal }) {
      return call('identity lookup', signal, async (bounded) => {
        const as = authorizationServer(app.loginUrl);
        const client: oauth.Client = { client_id: app.consumerKey };
        // The identity URL from the token response when there is one, else the userinfo
        // endpoint (both need the `id` scope or one like it). The token goes only to https, or to
        // the login host the integrator allowed as http.
        const response =
          identityUrl && /^https?:\/\//.test(identityUrl)
            ? await oauth.protectedResourceRequest(
                accessToken,
                'GET',
                new URL(identityUrl),
                new Headers({ accept: 'application/json' }),
                null,
                requestOptions(app, identityUrl, bounded),
              )
            : await oauth.userInfoRequest(
                as,
                client,
                accessToken,
                requestOptions(app, as.userinfo_endpoint as string, bounded),
              );
        if (!response.ok) {
          throw fromSalesforceError(await readRefusal(response), { status: response.status });
        }
        const identity = readIdentity(await response.json(), identityUrl);
        if (identity) return identity;
        throw new ConnectError('unknown', 'Salesforce did not say which org and user connected.');
      });
    },
  };
}
