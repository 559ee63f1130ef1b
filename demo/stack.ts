// The demo's whole stack in one process, all on loopback: the Salesforce simulator, the reference
// server (createConnectHandler over PGlite, an embedded Postgres kept in the data folder) and a
// Vite page that embeds <SalesforceConnect/>, with the server mounted under /api/salesforce on the
// page's own origin — as an app would mount it, so no CORS is involved. `npm start` runs it
// (demo/start.ts); the end-to-end tests start the same stack on free ports with a temp data folder.
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  type Connect,
  createServer as createViteServer,
  type Plugin,
  preview as previewWithVite,
} from 'vite';
import { createConnectHandler } from '../src/server/handler.js';
import { toNodeListener } from '../src/server/node.js';
import { createPostgresStore, type SqlClient } from '../src/server/stores/postgres.js';
import {
  type SalesforceSimulator,
  SIMULATOR_DEMO_USER,
  SIMULATOR_FAULTS,
  type SimulatorAppInput,
  type SimulatorFault,
  startSalesforceSimulator,
} from '../src/simulator/index.js';
import {
  DEMO_COOKIE_TENANT,
  DEMO_FAULTS,
  type DemoValues,
  DEMO_LOGIN_HOSTS_GLOBAL as LOGIN_HOSTS_GLOBAL,
} from './demo-contract.js';
import { demoFields } from './demo-fields.js';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The demo app as created in the simulated org's Setup. Fixed values of Salesforce's shapes (a
 * `3MVG9…` key of 85 characters, a 64-hex secret) so that a second `npm start`, a README and a
 * person's notes all agree. They open nothing but the local simulator: demo values, not secrets.
 */
export const DEMO_APP = {
  name: 'Acme Analytics',
  consumerKey:
    '3MVG9RysAGBFpX1S96booQOdjp0nRIEPCBlBPMEVVIK7Obmgj_Ilmc3pr0Y_3tPtyQkZsRJ5ARXYjbroxDpXq',
  consumerSecret: 'DC887358236F648DC6A1399BF9E601D36AF4EA0AE0E587F1B158BE0CA33157B7',
  scopes: ['api', 'refresh_token', 'id'],
} as const;

/** The workspace every request belongs to unless its cookie names another (see `DEMO_COOKIE_TENANT`). */
const DEFAULT_TENANT = 'acme';

/** A port the stack could not listen on, with the setting that moves it. */
export class DemoPortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly envVar: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use. Stop whatever runs there, or choose another port: ${envVar}=${port + 1} npm start`,
    );
    this.name = 'DemoPortInUseError';
  }
}

export interface DemoStackOptions {
  /** The page's port; default 5173. `0` picks a free one. */
  port?: number;
  /** The simulator's login port; default 4010. `0` picks a free one. */
  simulatorPort?: number;
  /** The simulated org's instance port (its API); default the login port + 1, or free with `0`. */
  simulatorInstancePort?: number;
  /** Where the database, the encryption key and the simulator's state live; default `<repo>/.data`. */
  dataDir?: string;
  /** Progress lines (never a secret or token). Default: silent. */
  log?: (line: string) => void;
  /** Vite's file watching and hot reload, for someone editing the kit; default true. */
  watch?: boolean;
  /**
   * How often a status request re-checks a connection with the simulator; default 1000 ms, so a
   * revocation rehearsed from the page shows on the next reload. Tests pass 1: every request.
   */
  connectionCheckIntervalMs?: number;
  /**
   * More login hosts the server accepts (`host:port`), e.g. a second simulator standing for a
   * sandbox next to production. Default: only this stack's simulator.
   */
  extraLoginHosts?: readonly string[];
  /**
   * The database the reference server keeps connections in, instead of the PGlite one in
   * `dataDir` (e.g. a `pg.Pool` on a PostgreSQL server). Its owner closes it after `close()`.
   */
  sql?: SqlClient;
  /**
   * Serve the page from this folder, built once by `buildDemoPage` (demo/build-page.ts), instead of starting
   * Vite's dev server (which transforms the kit for each stack and serves it module by module).
   * The end-to-end tests build it once per run and every stack serves it; `npm start` keeps the
   * dev server, so an edit to the kit shows on reload.
   */
  builtPage?: string;
}

export interface DemoStack {
  /** The page, e.g. `http://localhost:5173/`. */
  pageUrl: string;
  /** The page's origin, which is also the API's and the OAuth callback's. */
  origin: string;
  /** Where the reference server answers: `${origin}/api/salesforce`. */
  apiUrl: string;
  simulator: SalesforceSimulator;
  /** What a person types: the login URL, the app's key and secret, the demo user's login. */
  values: DemoValues;
  /**
   * Makes the OAuth callback answer with this `Cross-Origin-Opener-Policy` (null: as the server
   * sends it), like an app whose framework adds COOP to every route. The popup then loses
   * `window.opener`, and the kit must finish through its BroadcastChannel.
   */
  setCallbackOpenerPolicy(policy: 'same-origin' | 'same-origin-allow-popups' | null): void;
  /** Stops the page, the server, the simulator (saving its state) and the database. */
  close(): Promise<void>;
}

const isLoopback = (address: string | undefined) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** The encryption key for secrets at rest: made once, kept owner-only next to the database. */
async function demoEncryptionKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'encryption-key');
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // The prefix makes the encoding unambiguous (the server refuses anything a passphrase could be).
  const key = `base64:${randomBytes(32).toString('base64')}`;
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** The demo's own database: PGlite in `databaseDir`, made on the first start. */
async function openPglite(databaseDir: string, log: (line: string) => void): Promise<PGlite> {
  const fresh = !(await stat(join(databaseDir, 'PG_VERSION')).catch(() => undefined));
  if (fresh) log(`Preparing the database in ${databaseDir} (first start only: a few seconds)…`);
  await mkdir(databaseDir, { recursive: true });
  const db = new PGlite(databaseDir);
  await db.waitReady;
  return db;
}

/** Replaces the response's Cross-Origin-Opener-Policy, whatever the handler sets. */
function withOpenerPolicy(response: ServerResponse, policy: string) {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) =>
    setHeader(name, name.toLowerCase() === 'cross-origin-opener-policy' ? policy : value);
  setHeader('cross-origin-opener-policy', policy);
}

/** The data folder is in use by another running stack (one PGlite folder, one process). */
export class DemoDataInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another demo (process ${pid}) is using ${dataDir}. Stop it first, or give this one its own folder: DEMO_DATA_DIR=/tmp/demo npm start`,
    );
    this.name = 'DemoDataInUseError';
  }
}

/** Claims the data folder for this process; a lock left by a process that died is taken over. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'demo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DemoDataInUseError(dataDir, pid);
    }
    await rm(file, { force: true });
  }
  throw new Error(`Could not claim ${dataDir}: its lock keeps coming back.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `localhost` when it resolves to the loopback address the page listens on, else that address. */
async function pageHostName(): Promise<string> {
  const addresses = await lookup('localhost', { all: true }).catch(() => []);
  return addresses.some((entry) => entry.address === '127.0.0.1') ? 'localhost' : '127.0.0.1';
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

async function readSmallBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 4096) throw new Error('too large');
  }
  return text;
}

/**
 * Creates the demo app in the simulated org (or updates it, on a later start) with `callbackUrl`
 * as its only callback URL.
 *
 * @example
 * registerDemoApp(simulator, `${apiUrl}/oauth/callback`);
 */
export function registerDemoApp(simulator: SalesforceSimulator, callbackUrl: string): void {
  const app: SimulatorAppInput = {
    ...DEMO_APP,
    scopes: [...DEMO_APP.scopes],
    callbackUrls: [callbackUrl],
    // Both flows work with the demo app: the popup, and connecting without one as the demo user.
    clientCredentials: { enabled: true, runAsUsername: SIMULATOR_DEMO_USER.username },
  };
  if (simulator.getApp(DEMO_APP.consumerKey)) simulator.updateApp(DEMO_APP.consumerKey, app);
  else simulator.addApp(app);
}

/** What {@link createDemoHandler} needs: the stack's database, key, addresses and tenants. */
export interface DemoHandlerOptions {
  /** The Postgres database: PGlite, a `pg.Pool` or any `SqlClient`. */
  db: SqlClient;
  encryptionKey: string;
  /** Where the handler is mounted, e.g. `${origin}/api/salesforce`. */
  apiUrl: string;
  /** The page's origin, the only one allowed to call the API. */
  origin: string;
  /** The simulator's `host:port` names, accepted as Login URLs. */
  loginHosts: readonly string[];
  resolveTenant: Parameters<typeof createConnectHandler>[0]['resolveTenant'];
  connectionCheckIntervalMs?: number;
  log?: (line: string) => void;
}

/**
 * The reference server as the demo (and the bench) mount it: Postgres store on `db`, the demo
 * app's scopes and names, the simulator's hosts allowed as Login URLs.
 *
 * @example
 * const handler = createDemoHandler({ db, encryptionKey, apiUrl, origin, loginHosts, resolveTenant });
 */
export function createDemoHandler(
  options: DemoHandlerOptions,
): (request: Request) => Promise<Response> {
  const log = options.log ?? (() => {});
  return createConnectHandler({
    store: createPostgresStore(options.db),
    encryptionKey: options.encryptionKey,
    publicUrl: options.apiUrl,
    allowedOrigins: [options.origin],
    allowedLoginHosts: [...options.loginHosts],
    resolveTenant: options.resolveTenant,
    scopes: [...DEMO_APP.scopes],
    // Up to three orgs per workspace (production and sandboxes), each connected once: the
    // page's `?view=connections` lists them.
    connections: { max: 3 },
    // The page's `?fields=1` asks for them; the server checks every save with the same ones
    // (a save without them gets the defaults: every company).
    fields: demoFields,
    ...(options.connectionCheckIntervalMs === undefined
      ? {}
      : { connectionCheckIntervalMs: options.connectionCheckIntervalMs }),
    appName: DEMO_APP.name,
    vendorName: 'Acme Analytics',
    logger: {
      info: (message) => log(`server: ${message}`),
      warn: (message, details) =>
        log(`server: ${message}${details?.code ? ` (${details.code})` : ''}`),
      error: (message) => log(`server error: ${message}`),
    },
  });
}

/**
 * Starts the demo stack. Ports default to 5173 (page) and 4010 (simulator); a busy port throws
 * {@link DemoPortInUseError}. The first start initialises the database (a few seconds); later
 * starts reopen it and find the connection where they left it.
 *
 * @example
 * const stack = await startDemoStack({ port: 0, simulatorPort: 0, dataDir: tmp });
 * // open stack.pageUrl, type stack.values into the form…
 * await stack.close();
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ?? join(repoRoot, '.data');
  const simulatorPort = options.simulatorPort ?? 4010;
  const port = options.port ?? 5173;
  const watch = options.watch ?? true;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  // Everything started so far, closed in reverse if a later step fails.
  const closers: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      await close().catch((error: unknown) => log(`while stopping: ${(error as Error).message}`));
    }
  };

  try {
    closers.push(await lockDataDir(dataDir));
    let simulator: SalesforceSimulator;
    try {
      simulator = await startSalesforceSimulator({
        port: simulatorPort,
        // The org's instance (where its API answers) has a fixed port like the login port:
        // connections saved in the demo's database keep their instance_url across restarts.
        instancePort:
          options.simulatorInstancePort ?? (simulatorPort === 0 ? 0 : simulatorPort + 1),
        stateFile: join(dataDir, 'simulator.json'),
        org: { name: 'Acme (Simulated)' },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        const busy = (error as { port?: number }).port ?? simulatorPort;
        const variable = busy === simulatorPort ? 'SIMULATOR_PORT' : 'SIMULATOR_INSTANCE_PORT';
        throw new DemoPortInUseError(busy, 'the Salesforce simulator', variable);
      }
      throw error;
    }
    closers.push(() => simulator.close());
    const simulatorPortUsed = new URL(simulator.url).port;
    // The instance origin is the simulated org's My Domain: the client credentials flow's host.
    const instancePortUsed = new URL(simulator.instanceUrl).port;
    const loginHosts = [
      `127.0.0.1:${simulatorPortUsed}`,
      `localhost:${simulatorPortUsed}`,
      `127.0.0.1:${instancePortUsed}`,
      `localhost:${instancePortUsed}`,
      ...(options.extraLoginHosts ?? []),
    ];

    const db = options.sql ?? (await openPglite(join(dataDir, 'pglite'), log));
    if (db instanceof PGlite) closers.push(() => db.close());
    const encryptionKey = await demoEncryptionKey(dataDir);

    // The handler needs the page's origin, known once Vite listens: until then, 503.
    let api: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
    let origin = '';
    let fault: SimulatorFault | null = null;
    let callbackOpenerPolicy: string | null = null;
    const pageHosts = () => {
      const { port: pagePort } = new URL(origin);
      return [`localhost:${pagePort}`, `127.0.0.1:${pagePort}`];
    };

    /** The built page's HTML with the login hosts the page reads (see `buildDemoPage`). */
    let builtIndex: Promise<string> | undefined;
    const sendBuiltIndex = async (response: ServerResponse) => {
      builtIndex ??= readFile(join(options.builtPage ?? '', 'index.html'), 'utf8').then((html) =>
        html.replace(
          '</head>',
          `<script>globalThis.${LOGIN_HOSTS_GLOBAL} = ${JSON.stringify(loginHosts)};</script></head>`,
        ),
      );
      const html = await builtIndex;
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(html);
    };

    const routes: Connect.NextHandleFunction = (request, response, next) => {
      const url = new URL(request.url ?? '/', 'http://demo.invalid');
      // Only this machine's names for the page: a DNS-rebound name never reaches the API.
      if (origin && !pageHosts().includes(request.headers.host ?? '')) {
        response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
        return response.end('This demo answers on localhost only.');
      }
      if (url.pathname === '/api/salesforce' || url.pathname.startsWith('/api/salesforce/')) {
        if (!api)
          return sendJson(response, 503, { error: { code: 'network', message: 'Starting.' } });
        if (callbackOpenerPolicy && url.pathname === '/api/salesforce/oauth/callback') {
          withOpenerPolicy(response, callbackOpenerPolicy);
        }
        return api(request, response);
      }
      if (url.pathname.startsWith('/demo/')) return demoEndpoint(request, response, url.pathname);
      // The page's origin is localhost: someone who typed 127.0.0.1 goes there (the server
      // only accepts its own origin, and the callback URL in Salesforce names it).
      const host = request.headers.host ?? '';
      if (
        request.method === 'GET' &&
        origin &&
        host !== new URL(origin).host &&
        request.headers.accept?.includes('text/html')
      ) {
        response.writeHead(302, { location: `${origin}${url.pathname}${url.search}` });
        return response.end();
      }
      // The built page: every navigation gets its HTML (an app's routes are the page's).
      if (
        options.builtPage &&
        request.method === 'GET' &&
        (url.pathname === '/' ||
          url.pathname === '/index.html' ||
          request.headers.accept?.includes('text/html'))
      ) {
        sendBuiltIndex(response).catch(next);
        return;
      }
      next();
    };
    const demoRoutes: Plugin = {
      name: 'acme-demo-backend',
      configureServer(server) {
        server.middlewares.use(routes);
      },
      configurePreviewServer(server) {
        server.middlewares.use(routes);
      },
    };

    /** `/demo/values` and `/demo/fault`: for this page on this machine only, never library code. */
    async function demoEndpoint(request: IncomingMessage, response: ServerResponse, path: string) {
      const sameOrigin =
        request.headers.host === new URL(origin).host &&
        (request.headers.origin === undefined || request.headers.origin === origin);
      if (!isLoopback(request.socket.remoteAddress) || !sameOrigin) {
        return sendJson(response, 403, { error: 'The demo endpoints answer this page only.' });
      }
      if (path === '/demo/values' && request.method === 'GET') {
        return sendJson(response, 200, values);
      }
      if (path === '/demo/fault' && request.method === 'GET') {
        return sendJson(response, 200, { fault });
      }
      if (path === '/demo/fault' && request.method === 'POST') {
        if (request.headers.origin !== origin) {
          return sendJson(response, 403, { error: 'Send this from the demo page.' });
        }
        let wanted: unknown;
        try {
          wanted = (JSON.parse(await readSmallBody(request)) as { fault?: unknown }).fault;
        } catch {
          return sendJson(response, 400, { error: 'Send JSON: { "fault": "invalid_client" }.' });
        }
        if (wanted !== null && !SIMULATOR_FAULTS.includes(wanted as SimulatorFault)) {
          return sendJson(response, 400, {
            error: `Unknown fault. Use null or one of: ${DEMO_FAULTS.map((f) => f.fault).join(', ')}.`,
          });
        }
        if (wanted === 'refresh_revoked') {
          // An act, not a state: every token of the app dies now, as when an admin revokes it.
          simulator.revokeAll(DEMO_APP.consumerKey);
          log('Rehearsing: an admin revoked every token of the demo app');
          return sendJson(response, 200, { fault, revoked: true });
        }
        fault = wanted as SimulatorFault | null;
        simulator.setFault(fault, { consumerKey: DEMO_APP.consumerKey });
        log(fault ? `Rehearsing a failure: ${fault}` : 'Rehearsal off: the simulator behaves');
        return sendJson(response, 200, { fault });
      }
      return sendJson(response, 404, { error: 'No such demo endpoint.' });
    }

    let httpServer: { address(): AddressInfo | string | null } | null;
    try {
      if (options.builtPage) {
        const page = await previewWithVite({
          configFile: join(demoRoot, 'vite.config.ts'),
          plugins: [demoRoutes],
          logLevel: 'warn',
          build: { outDir: options.builtPage },
          preview: { host: '127.0.0.1', port, strictPort: true, open: false },
        });
        closers.push(() => page.close());
        httpServer = page.httpServer;
      } else {
        const vite = await createViteServer({
          configFile: join(demoRoot, 'vite.config.ts'),
          plugins: [demoRoutes],
          define: { [LOGIN_HOSTS_GLOBAL]: JSON.stringify(loginHosts) },
          logLevel: 'warn',
          server: {
            host: '127.0.0.1',
            port,
            strictPort: true,
            ...(watch ? {} : { watch: null, hmr: false }),
          },
        });
        closers.push(() => vite.close());
        await vite.listen();
        httpServer = vite.httpServer;
      }
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ||
        /port .* is already in use/i.test((error as Error).message)
      ) {
        throw new DemoPortInUseError(port, 'the demo page', 'PORT');
      }
      throw error;
    }
    const address = httpServer?.address() as AddressInfo | null;
    if (!address) throw new Error('Vite did not report the port it listens on.');
    origin = `http://${await pageHostName()}:${address.port}`;
    const apiUrl = `${origin}/api/salesforce`;
    const callbackUrl = `${apiUrl}/oauth/callback`;

    registerDemoApp(simulator, callbackUrl);
    const handler = createDemoHandler({
      db,
      encryptionKey,
      apiUrl,
      origin,
      loginHosts,
      // One workspace, "acme"; a cookie can name another (the tests give each browser its own).
      resolveTenant: (request) =>
        readCookie(request.headers.get('cookie'), DEMO_COOKIE_TENANT) || DEFAULT_TENANT,
      // Ask the simulator on (almost) every status request: a revocation rehearsed from the
      // page shows on the next reload, not minutes later. Loopback calls cost nothing.
      connectionCheckIntervalMs: options.connectionCheckIntervalMs ?? 1000,
      log,
    });
    api = toNodeListener(handler, { origin });

    const values: DemoValues = {
      pageUrl: `${origin}/`,
      loginUrl: simulator.url,
      myDomainUrl: simulator.instanceUrl,
      runAsUsername: SIMULATOR_DEMO_USER.username,
      consumerKey: DEMO_APP.consumerKey,
      consumerSecret: DEMO_APP.consumerSecret,
      username: SIMULATOR_DEMO_USER.username,
      password: SIMULATOR_DEMO_USER.password,
      callbackUrl,
      loginHosts,
    };

    let closing: Promise<void> | undefined;
    return {
      pageUrl: `${origin}/`,
      origin,
      apiUrl,
      simulator,
      values,
      setCallbackOpenerPolicy(policy) {
        callbackOpenerPolicy = policy;
      },
      close() {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
