import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay } from '../core/cancellation.js';
import {
  AUTHORIZE_PATH,
  CONSENT_PATH,
  consumerKeyOfPage,
  ERROR_PAGE_PATH,
  handleAuthorize,
  handleConsent,
  handleErrorPage,
  handleLogin,
  LOGIN_PATH,
} from './authorize-flow.js';
import { BrowserSessions } from './browser-sessions.js';
import type { Fidelity, SimRequest, SimulatorContext } from './context.js';
import { DISCOVERY_PATH, handleDiscovery, handleJwks, JWKS_PATH } from './discovery.js';
import { FaultBoard } from './fault-board.js';
import {
  formFields,
  htmlResponse,
  readBody,
  readCookies,
  type SimResponse,
  textResponse,
} from './http-exchange.js';
import { IdTokenSigner } from './id-token-signer.js';
import {
  consumerKeyOfBearer,
  handleIdentity,
  handleUserInfo,
  IDENTITY_PATH_PATTERN,
  USERINFO_PATH,
} from './identity-endpoints.js';
import { checkDuration, OrgDirectory } from './org-directory.js';
import { renderSetupPage, renderUnavailablePage } from './pages.js';
import { DATA_PATH_PATTERN, handleData, loginHostApiRefusal } from './rest-api.js';
import { toId18 } from './salesforce-ids.js';
import {
  appInputOf,
  createStateSaver,
  readStateFile,
  type StateSaver,
  stateOf,
} from './state-file.js';
import {
  consumerKeyOfRevokeRequest,
  consumerKeyOfTokenRequest,
  handleIntrospect,
  handleRevoke,
  handleToken,
  INTROSPECT_PATH,
  REVOKE_PATH,
  TOKEN_PATH,
} from './token-endpoint.js';
import { TokenLedger } from './token-ledger.js';
import type { SalesforceSimulator, SimulatorOptions, SimulatorRequestRecord } from './types.js';

/** Where the setup guide's deep links point (Lightning Setup pages). */
const SETUP_PATH_PREFIX = '/lightning/setup/';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);
const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
const DEFAULT_SLOW_RESPONSE_MS = 2000;
const MAX_RECORDED_REQUESTS = 5000;
// Changes within this window share one write of the state file.
const STATE_SAVE_DELAY_MS = 100;

function positiveDuration(value: number | undefined, fallback: number, what: string): number {
  checkDuration(value, what);
  return value ?? fallback;
}

const methodNotAllowed = () => textResponse(405, 'Method Not Allowed');

/** Sends a request to the route that answers it. */
async function route(
  context: SimulatorContext,
  request: SimRequest,
  apiCalls: { count: number },
): Promise<SimResponse> {
  const { method, path } = request;
  const allow = (...methods: string[]) => methods.includes(method);
  switch (path) {
    case AUTHORIZE_PATH:
      return allow('GET', 'POST') ? handleAuthorize(context, request) : methodNotAllowed();
    case LOGIN_PATH:
      return allow('GET', 'POST') ? handleLogin(context, request) : methodNotAllowed();
    case CONSENT_PATH:
      return allow('GET', 'POST') ? handleConsent(context, request) : methodNotAllowed();
    case ERROR_PAGE_PATH:
      return allow('GET') ? handleErrorPage(request) : methodNotAllowed();
    case TOKEN_PATH:
      return handleToken(context, request);
    case REVOKE_PATH:
      return allow('GET', 'POST') ? handleRevoke(context, request) : methodNotAllowed();
    case INTROSPECT_PATH:
      return allow('POST') ? handleIntrospect(context, request) : methodNotAllowed();
    case USERINFO_PATH:
      return allow('GET', 'POST') ? handleUserInfo(context, request) : methodNotAllowed();
    case DISCOVERY_PATH:
      return allow('GET') ? handleDiscovery(context) : methodNotAllowed();
    case JWKS_PATH:
      return allow('GET') ? handleJwks(context) : methodNotAllowed();
  }
  const identity = IDENTITY_PATH_PATTERN.exec(path);
  if (identity?.[1] && identity[2]) {
    return allow('GET', 'POST')
      ? handleIdentity(context, request, identity[1], identity[2])
      : methodNotAllowed();
  }
  const data = DATA_PATH_PATTERN.exec(path);
  if (data) {
    // The API lives on the instance; the login host does not hold the org's sessions.
    if (
      request.origin === 'login' &&
      context.instanceUrl !== context.baseUrl &&
      context.fidelity.refuseApiOnLoginHost
    ) {
      return loginHostApiRefusal();
    }
    return allow('GET')
      ? handleData(context, request, data[1], data[2], apiCalls)
      : methodNotAllowed();
  }
  if (path.startsWith(SETUP_PATH_PREFIX)) {
    return allow('GET')
      ? htmlResponse(
          200,
          renderSetupPage({ orgName: context.directory.org.name, apps: context.directory.apps }),
        )
      : methodNotAllowed();
  }
  return textResponse(404, 'Not Found');
}

/** The app a request concerns, when it can be told, so that faults scoped to one app find it. */
function consumerKeyOf(context: SimulatorContext, request: SimRequest): string | undefined {
  switch (request.path) {
    case AUTHORIZE_PATH:
      return request.query.get('client_id') ?? request.form.get('client_id') ?? undefined;
    case TOKEN_PATH:
    case INTROSPECT_PATH:
      return consumerKeyOfTokenRequest(request) || undefined;
    case REVOKE_PATH:
      return consumerKeyOfRevokeRequest(context, request);
    case LOGIN_PATH:
    case CONSENT_PATH:
      return consumerKeyOfPage(context, request);
    default:
      return consumerKeyOfBearer(context, request);
  }
}

/**
 * Starts a local Salesforce on loopback: OAuth 2.0 web server flow with PKCE (authorize, login page,
 * "Allow Access?" consent page, token, revoke, introspect, userinfo, identity URL, OpenID
 * discovery) on the login host, a sliver of the REST API with a small data set on a separate
 * instance origin (`instanceUrl`), Salesforce's response shapes and error texts, and fault
 * injection per app and per request. For the kit's tests, the demo, and integrators' own tests: no
 * internet needed. docs/simulator.md lists what it reproduces and what it does not.
 *
 * Errors Salesforce shows on its own page (unknown or not yet active client id, redirect URI not
 * among the callback URLs) answer the authorize request with a 302 to
 * `/setup/secur/RemoteAccessErrorPage.apexp?display=page&error=invalid_client_id&error_description=client%20identifier%20invalid`,
 * a page that shows that `error=…&error_description=…` text.
 *
 * @example
 * import { startSalesforceSimulator, SIMULATOR_DEMO_USER } from 'salesforce-connect/simulator';
 *
 * const salesforce = await startSalesforceSimulator();
 * const app = salesforce.addApp({
 *   name: 'Acme Sync',
 *   callbackUrls: ['http://127.0.0.1:3000/oauth/callback'],
 * });
 * // The admin's login URL is salesforce.url; app.consumerKey and app.consumerSecret go into the
 * // credentials form; log in as SIMULATOR_DEMO_USER.
 * salesforce.setFault('refresh_revoked', { consumerKey: app.consumerKey, times: 1 });
 * // … the next refresh for this app fails with invalid_grant, as after an admin's revocation.
 * await salesforce.close();
 */
export async function startSalesforceSimulator(
  options: SimulatorOptions = {},
): Promise<SalesforceSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) {
    throw new TypeError(
      `The simulator listens on loopback only: use 127.0.0.1, localhost or ::1 (got "${host}").`,
    );
  }
  const port = options.port ?? 0;
  const instancePort = options.instancePort ?? 0;
  for (const [name, value] of [
    ['port', port],
    ['instancePort', instancePort],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      throw new TypeError(
        `The simulator's ${name} must be a whole number from 0 to 65535 (got ${value}).`,
      );
    }
  }
  const sharedInstanceHost = options.sharedInstanceHost ?? false;
  const fidelity: Fidelity = {
    rejectUnexpectedCodeVerifier: options.fidelity?.rejectUnexpectedCodeVerifier ?? true,
    refuseApiOnLoginHost: options.fidelity?.refuseApiOnLoginHost ?? true,
    urlEncodedRevokeErrors: options.fidelity?.urlEncodedRevokeErrors ?? true,
  };
  const sessionTimeoutMs = positiveDuration(
    options.sessionTimeoutMs,
    DEFAULT_SESSION_TIMEOUT_MS,
    'sessionTimeoutMs',
  );
  const slowResponseMs = positiveDuration(
    options.slowResponseMs,
    DEFAULT_SLOW_RESPONSE_MS,
    'slowResponseMs',
  );
  const clock = options.now ?? Date.now;
  let offset = 0;
  const now = () => clock() + offset;
  const log = options.log ?? (() => {});

  const saved = options.stateFile ? await readStateFile(options.stateFile) : undefined;
  if (saved && options.org?.id !== undefined && toId18(options.org.id) !== saved.org.id) {
    throw new TypeError(
      `The state file ${options.stateFile} belongs to org ${saved.org.id}, but org.id is ${options.org.id}. Remove org.id or delete the file.`,
    );
  }
  let saver: StateSaver | undefined;
  const changed = () => saver?.schedule();
  const directory = new OrgDirectory({
    org: saved
      ? {
          id: saved.org.id,
          name: options.org?.name ?? saved.org.name,
          isSandbox: options.org?.isSandbox ?? saved.org.isSandbox,
        }
      : options.org,
    users: options.users,
    savedUserIds:
      saved && new Map(saved.users.map((user) => [user.username.toLowerCase(), user.id])),
    onChange: changed,
  });
  // Apps in the options are configuration and win over their saved copies; apps added at run
  // time come back from the file.
  for (const app of options.apps ?? []) directory.addApp(app);
  for (const app of saved?.apps ?? []) {
    if (!directory.getApp(app.consumerKey)) directory.addApp(appInputOf(app));
  }
  const ledger = new TokenLedger(directory.org.id, sessionTimeoutMs, changed);
  if (saved) {
    ledger.restore(
      saved.ledger,
      (grant) =>
        directory.getApp(grant.consumerKey) !== undefined &&
        directory.userById(grant.userId) !== undefined,
    );
  }
  if (options.stateFile) {
    saver = createStateSaver({
      path: options.stateFile,
      delayMs: STATE_SAVE_DELAY_MS,
      log,
      read: () =>
        stateOf({
          org: directory.org,
          users: directory.users,
          apps: directory.apps,
          ledger: ledger.snapshot(now()),
        }),
    });
    // Written once at start, so an unwritable path fails here, in plain words, not at close.
    await saver.flush().catch((error: unknown) => {
      throw new Error(
        `The simulator cannot write its state file ${options.stateFile}: ${(error as Error).message}`,
      );
    });
  }
  const faults = new FaultBoard((fault, stage) => log(`fault ${fault} at ${stage}`));
  const closing = new AbortController();
  const requests: SimulatorRequestRecord[] = [];
  // Filled in once the ports are known.
  let baseUrl = '';
  let instanceUrl = '';
  const apiCalls = { count: 0 };

  const context: SimulatorContext = {
    get baseUrl() {
      return baseUrl;
    },
    get instanceUrl() {
      return instanceUrl;
    },
    fidelity,
    directory,
    ledger,
    faults,
    signer: new IdTokenSigner(),
    browser: new BrowserSessions(sessionTimeoutMs),
    now,
  };

  async function answer(
    incoming: IncomingMessage,
    method: string,
    url: URL,
    origin: SimRequest['origin'],
  ): Promise<SimResponse> {
    let body = '';
    try {
      body = method === 'POST' ? await readBody(incoming) : '';
    } catch {
      return textResponse(413, 'Request Entity Too Large');
    }
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      form: formFields(incoming, body),
      cookies: readCookies(incoming),
      raw: incoming,
      origin,
    };
    const consumerKey = consumerKeyOf(context, request);
    if (faults.take('request', consumerKey, ['slow'])) await delay(slowResponseMs, closing.signal);
    if (faults.take('request', consumerKey, ['server_error'])) {
      return htmlResponse(503, renderUnavailablePage());
    }
    return route(context, request, apiCalls);
  }

  function record(method: string, path: string, status: number) {
    requests.push({ method, path, status });
    if (requests.length > MAX_RECORDED_REQUESTS) requests.shift();
    // Only the method, the path (never the query: it carries codes and states) and the status.
    log(`${method} ${path} ${status}`);
  }

  async function listener(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    origin: SimRequest['origin'],
  ) {
    const method = incoming.method ?? 'GET';
    const url = new URL(incoming.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    let response: SimResponse;
    try {
      response = await answer(incoming, method, url, origin);
    } catch (error) {
      if (closing.signal.aborted) {
        outgoing.destroy();
        return;
      }
      log(`internal error on ${method} ${path}: ${error instanceof Error ? error.name : 'error'}`);
      response = textResponse(500, 'Internal Server Error');
    }
    if (outgoing.destroyed) return;
    record(method, path, response.status);
    outgoing.writeHead(response.status, response.headers);
    outgoing.end(response.body);
  }

  // One server per origin: the login host, and (unless shared) the org's instance, on its own
  // port of the same loopback address. Both answer every route; only the API tells them apart.
  const origins: Array<SimRequest['origin']> = sharedInstanceHost
    ? ['login']
    : ['login', 'instance'];
  const servers = origins.map((origin) =>
    createServer((incoming, outgoing) => {
      void listener(incoming, outgoing, origin);
    }),
  );
  const listen = (server: Server, on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const urlOf = (server: Server) =>
    `http://${host === '::1' ? '[::1]' : host}:${(server.address() as AddressInfo).port}`;
  try {
    await Promise.all(
      servers.map((server, index) => listen(server, index === 0 ? port : instancePort)),
    );
  } catch (error) {
    for (const server of servers) if (server.listening) server.close();
    throw error;
  }
  const [loginServer, instanceServer = loginServer] = servers as [Server, Server?];
  baseUrl = urlOf(loginServer);
  instanceUrl = urlOf(instanceServer);

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    instanceUrl,
    get org() {
      return directory.org;
    },
    refreshSandbox(newOrgId) {
      const org = directory.refreshSandbox(newOrgId);
      context.ledger.changeOrg(org.id);
      context.browser.endAll();
      log(`sandbox refreshed: the org is now ${org.id}`);
      return org;
    },
    addApp: (app) => directory.addApp(app),
    getApp: (consumerKey) => directory.getApp(consumerKey),
    updateApp: (consumerKey, changes) => directory.updateApp(consumerKey, changes),
    get users() {
      return directory.users;
    },
    updateUser: (username, changes) => directory.updateUser(username, changes),
    setFault: (fault, scope) => faults.set(fault, scope),
    advanceTime(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new TypeError(`advanceTime takes a number of milliseconds, 0 or more (got ${ms}).`);
      }
      offset += ms;
    },
    now,
    revokeAll: (consumerKey) => context.ledger.revokeAll(consumerKey),
    get requests() {
      return requests.slice();
    },
    close() {
      closing.abort(new Error('The Salesforce simulator closed.'));
      closed ??= Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve, reject) => {
              server.close((error) => (error ? reject(error) : resolve()));
              server.closeAllConnections();
            }),
        ),
      ).then(() => saver?.flush());
      return closed;
    },
  };
}
