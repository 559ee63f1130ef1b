import { CSRF_HEADER } from '../core/csrf.js';
import { ConnectError, toConnectError } from '../core/errors.js';
import type { OAuthDisplay, OAuthPrompt } from '../core/oauth.js';
import { DEFAULT_SCOPES, grantsRefreshToken } from '../core/scopes.js';
import type { SetupInfo } from '../core/types.js';
import {
  type CompletionResult,
  type ConnectionService,
  createConnectionService,
  type SalesforceSession,
} from './connections.js';
import { createSecretBox, DecryptionError, type EncryptionKeyInput } from './crypto.js';
import { errorResponse, HttpError, jsonResponse, readJsonBody } from './http.js';
import { type ConnectLogger, safeLogger } from './logger.js';
import { renderRelayPage } from './relay-page.js';
import { createSalesforceClient } from './salesforce.js';
import type { ConnectStore } from './stores/types.js';

/**
 * Name of the CSRF header the REST contract requires on mutating requests (the fetch adapter
 * sends it; a cross-site form cannot).
 *
 * @example
 * await fetch('/api/salesforce/connection', {
 *   method: 'DELETE',
 *   headers: { [CSRF_HEADER_NAME]: CSRF_HEADER_VALUE },
 * });
 */
export const CSRF_HEADER_NAME = CSRF_HEADER.name;

/**
 * Value of the CSRF header; see {@link CSRF_HEADER_NAME}.
 *
 * @example
 * headers.set(CSRF_HEADER_NAME, CSRF_HEADER_VALUE); // X-Requested-With: salesforce-connect
 */
export const CSRF_HEADER_VALUE = CSRF_HEADER.value;

/**
 * Options of {@link createConnectHandler}.
 *
 * @example
 * const options: ConnectHandlerOptions = {
 *   store: createPostgresStore(pool),
 *   encryptionKey: process.env.SALESFORCE_CONNECT_KEY ?? '',
 *   publicUrl: 'https://app.example.com/api/salesforce',
 *   allowedOrigins: ['https://app.example.com'],
 *   resolveTenant: async (request) => (await getSession(request))?.workspaceId ?? null,
 *   scopes: ['api', 'refresh_token'],
 * };
 */
export interface ConnectHandlerOptions {
  /** Where connections and pending authorizations live. */
  store: ConnectStore;
  /**
   * 32 random bytes that encrypt the consumer secret and tokens at rest, written unambiguously:
   * `base64:…` or `hex:…`, or bare as 44 padded base64 or 64 hex characters (a passphrase is
   * refused). A list rotates keys (the first encrypts, all decrypt; `reencryptAll` finishes a
   * rotation). Missing, malformed or weak keys make `createConnectHandler` throw at startup.
   * Make one: `openssl rand -base64 32`.
   */
  encryptionKey: EncryptionKeyInput;
  /**
   * The absolute URL where this handler is reachable from browsers and from Salesforce, e.g.
   * `https://app.example.com/api/salesforce`. Routes live under its path (the handler also
   * accepts requests whose prefix a framework already stripped); the OAuth callback URL is
   * `${publicUrl}/oauth/callback`, exactly.
   */
  publicUrl: string;
  /**
   * Origins of the app pages allowed to use the handler: cross-origin mutating requests from them
   * pass the CSRF check (and get CORS headers), and they are the only `returnOrigin`s an
   * authorization may post its result to. The origin of `publicUrl` is always allowed.
   */
  allowedOrigins: readonly string[];
  /**
   * Who is asking: your workspace/account id for this request, from your own session. Return
   * `null` (or throw) for an anonymous or unauthorized request: it gets 401. Every connection and
   * authorization is scoped to the tenant it returns.
   */
  resolveTenant: (
    request: Request,
  ) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * OAuth scopes to request; default `['api', 'refresh_token', 'id']`: API access, a refresh
   * token to stay connected, and the identity service so the status can name the user.
   */
  scopes?: readonly string[];
  /**
   * Hosts accepted as login URLs besides Salesforce's, such as the local simulator
   * (`'localhost:4010'`). These may use http; Salesforce hosts always use https.
   */
  allowedLoginHosts?: readonly string[];
  /** `prompt` on the authorize URL, e.g. `'login'` to always ask for the user. Default none. */
  prompt?: OAuthPrompt | readonly OAuthPrompt[];
  /** `display` on the authorize URL; default `'popup'` (Salesforce's compact login page). */
  display?: OAuthDisplay | null;
  /** How long a started authorization stays valid; default 10 minutes. */
  stateTtlMs?: number;
  /**
   * `GET /connection` confirms a connected tenant with Salesforce (identity lookup, refreshing
   * the token when refused) at most this often; default 5 minutes, `0` to never check. Polling
   * the status in between answers from the store without calling Salesforce.
   */
  connectionCheckIntervalMs?: number;
  /**
   * Access tokens older than this are refreshed before use (Salesforce sends no expiry; sessions
   * last from 15 minutes to 24 hours depending on the org); default 15 minutes.
   */
  accessTokenMaxAgeMs?: number;
  /** Time limit of the credentials preflight; default 5000 ms, `0` to skip the preflight. */
  preflightTimeoutMs?: number;
  /** Time limit of each token, revoke or identity call to Salesforce; default 15 000 ms. */
  salesforceTimeoutMs?: number;
  /** Largest accepted request body in bytes; default 16 KB. */
  maxBodyBytes?: number;
  /** Shown in the setup guide: the name to give the app in Salesforce. */
  appName?: string;
  /** Shown in the setup guide: your product's name. */
  vendorName?: string;
  /** The `fetch` used to reach Salesforce; default the global one. */
  fetch?: typeof fetch;
  /** Current time in epoch ms, for tests; default `Date.now`. */
  clock?: () => number;
  /** Where to report events and failures; never given a secret, token or code. */
  logger?: ConnectLogger;
}

/**
 * The reference server: a Fetch-API handler speaking the kit's REST contract, plus a way for
 * your own backend code to use the connection.
 *
 * @example
 * const handler = createConnectHandler(options);
 * const response = await handler(request);
 * const { accessToken, instanceUrl } = await handler.getSalesforceSession({ tenant: 'acme' });
 */
export interface ConnectHandler {
  (request: Request): Promise<Response>;
  /**
   * A usable access token for a connected tenant, refreshed when older than
   * `accessTokenMaxAgeMs` (or when `forceRefresh` is set: do so after Salesforce answered 401).
   * Throws `ConnectError` only (`not_configured`, `invalid_grant`…); the connection turns
   * `needs_reauth` when Salesforce refuses the refresh token or the stored tokens cannot be
   * decrypted any more. Refreshes are coordinated across server instances sharing the store:
   * one spends the refresh token, the others use its result.
   */
  getSalesforceSession(input: {
    tenant: string;
    forceRefresh?: boolean;
    signal?: AbortSignal;
  }): Promise<SalesforceSession>;
  /** The callback URL to register in the Salesforce app: `${publicUrl}/oauth/callback`. */
  readonly callbackUrl: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      `${what} "${value}" is not an absolute URL such as https://app.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${what} "${value}" must be an http(s) URL.`);
  }
  return url.origin;
}

function readPublicUrl(value: unknown): { url: string; origin: string; path: string } {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(
      'publicUrl is missing: give the absolute URL where this handler is reachable, e.g. https://app.example.com/api/salesforce.',
    );
  }
  const origin = originOf(value.trim(), 'publicUrl');
  const url = new URL(value.trim());
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError('publicUrl must not contain a query, a fragment or credentials.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { url: `${origin}${path}`, origin, path };
}

function readAllowedOrigins(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      'allowedOrigins must be a list of the app origins that may use this handler, e.g. ["https://app.example.com"].',
    );
  }
  return value.map((entry: unknown) => {
    if (entry === '*') throw new TypeError('allowedOrigins must list origins; "*" is not allowed.');
    const origin = originOf(String(entry), 'allowedOrigins entry');
    if (String(entry).replace(/\/$/, '') !== origin) {
      throw new TypeError(
        `allowedOrigins entry "${String(entry)}" must be an origin only (scheme, host, port), like ${origin}.`,
      );
    }
    return origin;
  });
}

function positive(value: number | undefined, fallback: number, name: string, allowZero = false) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number.`);
  }
  return value;
}

/**
 * Creates the reference server's request handler: `(request: Request) => Promise<Response>`.
 * Runs wherever the Fetch API does — Node (through `toNodeListener`), Next.js route handlers,
 * Hono, Bun, Deno, workers. Validates its options at once and throws a plain-words error for a
 * missing or weak `encryptionKey`, a bad `publicUrl` or `allowedOrigins`.
 *
 * Routes, under `publicUrl`'s path (all JSON; errors `{ error: { code, message } }`):
 * - `GET /connection` → `Connection` (secret and tokens never included)
 * - `PUT /connection/credentials` → `Connection` (preflight findings in `error`, saved anyway)
 * - `POST /connection/authorize` `{ returnOrigin }` → `AuthorizationStart`
 * - `GET /oauth/callback` → HTML page relaying the result to the opener, then closing
 * - `POST /connection/complete` `{ code, state }` → `Connection`
 * - `POST /connection/client-credentials` → `Connection` (a `client-credentials` connection:
 *   the server asks Salesforce for a token, no popup; Salesforce's refusal as its error code)
 * - `POST /connection/org-change` `{ choice: 'keep_new' | 'keep_previous' }` → `Connection`
 *   (resolves a reconnect that landed in another org: error `org_changed`)
 * - `DELETE /connection[?forgetCredentials=true]` → `Connection` (revokes and forgets the
 *   tokens: `disconnected`, credentials kept unless `forgetCredentials`)
 * - `GET /setup` → `SetupInfo`
 *
 * Mutating requests need `X-Requested-With: salesforce-connect` or an `Origin` listed in
 * `allowedOrigins` (a CSRF guard); a request from an unlisted origin is refused either way.
 *
 * @example
 * // app/api/salesforce/[...path]/route.ts (Next.js)
 * import { createConnectHandler, createPostgresStore } from 'salesforce-connect/server';
 * const handler = createConnectHandler({
 *   store: createPostgresStore(pool),
 *   encryptionKey: process.env.SALESFORCE_CONNECT_KEY ?? '',
 *   publicUrl: 'https://app.example.com/api/salesforce',
 *   allowedOrigins: ['https://app.example.com'],
 *   resolveTenant: async (request) => (await auth(request))?.orgId ?? null,
 *   scopes: ['api', 'refresh_token'],
 * });
 * export { handler as GET, handler as POST, handler as PUT, handler as DELETE };
 */
export function createConnectHandler(options: ConnectHandlerOptions): ConnectHandler {
  if (!options || typeof options !== 'object') {
    throw new TypeError('createConnectHandler needs an options object.');
  }
  const box = createSecretBox(options.encryptionKey);
  const store = options.store;
  if (!store || typeof store.getConnection !== 'function') {
    throw new TypeError(
      'store is missing: pass createMemoryStore() or createPostgresStore(client).',
    );
  }
  if (typeof options.resolveTenant !== 'function') {
    throw new TypeError(
      'resolveTenant is missing: give a function that returns the tenant (workspace) id of a request, or null.',
    );
  }
  const publicUrl = readPublicUrl(options.publicUrl);
  const allowedOrigins = new Set([publicUrl.origin, ...readAllowedOrigins(options.allowedOrigins)]);
  const scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
  const callbackUrl = `${publicUrl.url}/oauth/callback`;
  const maxBodyBytes = positive(options.maxBodyBytes, 16 * 1024, 'maxBodyBytes');
  const clock = options.clock ?? Date.now;
  const logger = safeLogger(options.logger);
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const salesforceTimeoutMs = positive(options.salesforceTimeoutMs, 15_000, 'salesforceTimeoutMs');

  if (!grantsRefreshToken(scopes)) {
    logger.warn(
      'the scopes include neither refresh_token nor offline_access: Salesforce will issue no refresh token, and connections will end with the session',
    );
  }

  const service: ConnectionService = createConnectionService({
    store,
    box,
    salesforce: createSalesforceClient({ fetch: fetchImpl, timeoutMs: salesforceTimeoutMs }),
    clock,
    logger,
    fetch: fetchImpl,
    redirectUri: callbackUrl,
    scopes,
    allowedLoginHosts: options.allowedLoginHosts ?? [],
    prompt: options.prompt,
    display: options.display === null ? undefined : (options.display ?? 'popup'),
    stateTtlMs: positive(options.stateTtlMs, 10 * 60_000, 'stateTtlMs'),
    connectionCheckIntervalMs: positive(
      options.connectionCheckIntervalMs,
      5 * 60_000,
      'connectionCheckIntervalMs',
      true,
    ),
    accessTokenMaxAgeMs: positive(options.accessTokenMaxAgeMs, 15 * 60_000, 'accessTokenMaxAgeMs'),
    preflightTimeoutMs: positive(options.preflightTimeoutMs, 5000, 'preflightTimeoutMs', true),
    // Longer than any refresh call can take (each is cut off at salesforceTimeoutMs).
    refreshLeaseMs: 2 * salesforceTimeoutMs + 5000,
  });

  const setupInfo: SetupInfo = {
    callbackUrls: [callbackUrl],
    scopes,
    ...(options.appName ? { appName: options.appName } : {}),
    ...(options.vendorName ? { vendorName: options.vendorName } : {}),
    // The form reads these from GET /setup: one setting accepts the simulator in both places.
    ...(options.allowedLoginHosts?.length
      ? { allowedLoginHosts: [...options.allowedLoginHosts] }
      : {}),
  };

  /** CORS headers for an allowed cross-origin caller; nothing for anyone else. */
  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || origin === publicUrl.origin || !allowedOrigins.has(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    };
  }

  /**
   * CSRF guard for mutating routes: a foreign Origin is always refused; otherwise the custom
   * header (which a cross-site form cannot send) or an allowed Origin lets the request through.
   */
  function checkCsrf(request: Request) {
    const origin = request.headers.get('origin');
    if (origin !== null && !allowedOrigins.has(origin)) {
      throw new HttpError(403, 'unauthorized', `Requests from ${origin} are not allowed.`);
    }
    const header = request.headers.get(CSRF_HEADER_NAME);
    if (header !== CSRF_HEADER_VALUE && origin === null) {
      throw new HttpError(
        403,
        'unauthorized',
        `Add the header "${CSRF_HEADER_NAME}: ${CSRF_HEADER_VALUE}" to requests that change the connection.`,
      );
    }
  }

  async function tenantOf(request: Request): Promise<string> {
    let tenant: string | null | undefined;
    try {
      tenant = await options.resolveTenant(request);
    } catch (error) {
      if (ConnectError.is(error)) throw new HttpError(401, error.code, error.message);
      throw new HttpError(401, 'unauthorized', 'Sign in to manage the Salesforce connection.');
    }
    if (typeof tenant !== 'string' || tenant === '') {
      throw new HttpError(401, 'unauthorized', 'Sign in to manage the Salesforce connection.');
    }
    return tenant;
  }

  /** The tenant when the caller has a session, else undefined (the callback may lack one). */
  function optionalTenant(request: Request): Promise<string | undefined> {
    return tenantOf(request).catch(() => undefined);
  }

  function stringField(body: Record<string, unknown>, name: string, label: string): string {
    const value = body[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new HttpError(400, 'invalid_input', `${label} is missing from the request body.`);
    }
    return value.trim();
  }

  /** An optional string or list of strings (`scopes`, `prompt`); anything else is a 400. */
  function optionalStringList(body: Record<string, unknown>, name: string): string[] | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    const list = typeof value === 'string' ? value.split(' ') : value;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item === '')) {
      throw new HttpError(400, 'invalid_input', `${name} must be a string or a list of strings.`);
    }
    return list as string[];
  }

  function checkReturnOrigin(value: string): string {
    let origin: string | undefined;
    try {
      origin = new URL(value).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin !== value.replace(/\/$/, '')) {
      throw new HttpError(
        400,
        'invalid_input',
        'returnOrigin must be the origin of the app page, like https://app.example.com.',
      );
    }
    if (!allowedOrigins.has(origin)) {
      throw new HttpError(
        403,
        'unauthorized',
        `${origin} is not in allowedOrigins, so the result cannot be sent there.`,
      );
    }
    return origin;
  }

  type Route = (request: Request, url: URL) => Promise<Response>;
  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/connection': {
      GET: async (request) => jsonResponse(await service.getConnection(await tenantOf(request))),
      DELETE: async (request, url) => {
        const tenant = await tenantOf(request);
        const forgetCredentials = url.searchParams.get('forgetCredentials') === 'true';
        return jsonResponse(await service.disconnect(tenant, { forgetCredentials }));
      },
    },
    '/connection/credentials': {
      PUT: async (request) => {
        const tenant = await tenantOf(request);
        const body = await readJsonBody(request, maxBodyBytes);
        return jsonResponse(await service.saveCredentials(tenant, body, request.signal));
      },
    },
    '/connection/authorize': {
      POST: async (request) => {
        const tenant = await tenantOf(request);
        const body = await readJsonBody(request, maxBodyBytes);
        const returnOrigin = checkReturnOrigin(stringField(body, 'returnOrigin', 'returnOrigin'));
        return jsonResponse(
          await service.startAuthorization(tenant, returnOrigin, {
            scopes: optionalStringList(body, 'scopes'),
            prompt: optionalStringList(body, 'prompt'),
          }),
        );
      },
    },
    '/connection/complete': {
      POST: async (request) => {
        const tenant = await tenantOf(request);
        const body = await readJsonBody(request, maxBodyBytes);
        const result = await service.complete({
          tenant,
          code: stringField(body, 'code', 'code'),
          state: stringField(body, 'state', 'state'),
        });
        if (!result.ok) throw result.error;
        return jsonResponse(result.connection);
      },
    },
    '/connection/client-credentials': {
      POST: async (request) => {
        const tenant = await tenantOf(request);
        return jsonResponse(await service.connectWithClientCredentials(tenant, request.signal));
      },
    },
    '/connection/org-change': {
      POST: async (request) => {
        const tenant = await tenantOf(request);
        const body = await readJsonBody(request, maxBodyBytes);
        return jsonResponse(
          await service.resolveOrgChange(tenant, stringField(body, 'choice', 'choice')),
        );
      },
    },
    '/oauth/callback': {
      GET: async (request, url) => {
        const params = url.searchParams;
        const result = await service
          .complete({
            tenant: await optionalTenant(request),
            state: params.get('state'),
            code: params.get('code'),
            error: params.get('error'),
            errorDescription: params.get('error_description'),
          })
          .catch((error: unknown): CompletionResult => {
            // The state could not even be looked up (the store failed): a page, never a JSON
            // 500 inside the popup, and nothing posted anywhere.
            logger.error('the callback failed before its state was known', {
              error: error instanceof Error ? error.name : typeof error,
            });
            return {
              ok: false,
              error: new ConnectError(
                'adapter_error',
                'The server could not finish this sign-in. Close this window and try again.',
              ),
            };
          });
        const page = result.ok
          ? renderRelayPage({
              outcome: 'connected',
              state: params.get('state') ?? '',
              targetOrigin: result.returnOrigin,
            })
          : result.returnOrigin
            ? renderRelayPage({
                outcome: 'failed',
                state: params.get('state') ?? '',
                targetOrigin: result.returnOrigin,
                error: result.error.toJSON(),
              })
            : renderRelayPage({ outcome: 'unknown_state', error: result.error.toJSON() });
        return new Response(page.body, { status: page.status, headers: page.headers });
      },
    },
    '/setup': {
      GET: async () => jsonResponse(setupInfo),
    },
  };

  function routePath(url: URL): string {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (publicUrl.path && (path === publicUrl.path || path.startsWith(`${publicUrl.path}/`))) {
      return path.slice(publicUrl.path.length) || '/';
    }
    return path;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = routePath(url);
    const methods = routes[path];
    if (!methods) {
      throw new HttpError(404, 'invalid_input', `There is no ${path} here.`);
    }
    const allow = Object.keys(methods).join(', ');
    if (request.method === 'OPTIONS') {
      // The CORS headers themselves are added to every response by `handler` below.
      return new Response(null, {
        status: 204,
        headers: {
          allow: `${allow}, OPTIONS`,
          ...(corsHeaders(request)['access-control-allow-origin']
            ? {
                'access-control-allow-methods': `${allow}, OPTIONS`,
                'access-control-allow-headers': `content-type, authorization, ${CSRF_HEADER_NAME.toLowerCase()}`,
                'access-control-max-age': '600',
              }
            : {}),
        },
      });
    }
    const route = methods[request.method];
    if (!route) {
      throw new HttpError(405, 'invalid_input', `${path} does not accept ${request.method}.`, {
        allow,
      });
    }
    if (MUTATING.has(request.method)) checkCsrf(request);
    return route(request, url);
  }

  const handler = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      if (error instanceof HttpError) {
        response = error.toResponse();
      } else if (error instanceof DecryptionError) {
        logger.error('stored secrets cannot be decrypted', { reason: error.message });
        response = errorResponse(
          new ConnectError(
            'adapter_error',
            'The server cannot read the saved Salesforce credentials (its encryption key changed). Save the credentials again, then reconnect.',
          ),
          409,
        );
      } else if (ConnectError.is(error)) {
        response = errorResponse(error);
      } else {
        const failure = toConnectError(error, 'adapter_error');
        logger.error('request failed', {
          method: request.method,
          error: error instanceof Error ? error.name : typeof error,
          message: failure.message,
        });
        response = errorResponse(
          new ConnectError('adapter_error', 'The server could not complete the request.'),
          500,
        );
      }
    }
    const cors = corsHeaders(request);
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  };

  return Object.assign(handler, {
    callbackUrl,
    getSalesforceSession: (input: {
      tenant: string;
      forceRefresh?: boolean;
      signal?: AbortSignal;
    }) =>
      service.getSession(input.tenant, {
        ...(input.forceRefresh === undefined ? {} : { forceRefresh: input.forceRefresh }),
        ...(input.signal === undefined ? {} : { signal: input.signal }),
      }),
  });
}
