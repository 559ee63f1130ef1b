// The stack the runtime measures run against, all on loopback: the Salesforce simulator, the
// demo's reference server and app (demo/stack.ts: createDemoHandler, registerDemoApp) over PGlite
// in memory, and, for the browser section, the app page, served by the same origin as the API
// like a real app's. Not the demo's Vite page: the bench serves its own built pages.
// Run directly (`tsx bench/demo-stack.ts`) it prints one `READY {json}` line and serves until its
// stdin closes, so the throughput section can load it from another process.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createDemoHandler, DEMO_APP, registerDemoApp } from '../demo/stack.js';
import { toNodeListener } from '../src/server/node.js';
import { startSalesforceSimulator } from '../src/simulator/index.js';

/** A file the stack serves at the app origin (the harness page and its script). */
export interface StaticPage {
  contentType: string;
  body: string;
}

/** Where the running stack is, and what to type into the credentials form. */
export interface DemoStackInfo {
  /** The app's origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** `${origin}/api/salesforce`, where the reference server answers. */
  publicUrl: string;
  /** The simulator's base URL: the Login URL an admin types. */
  simulatorUrl: string;
  credentials: { loginUrl: string; consumerKey: string; consumerSecret: string };
}

export interface DemoStack extends DemoStackInfo {
  close(): Promise<void>;
}

/**
 * Starts the simulator, then the app server (API under `/api/salesforce`, `pages` at their paths),
 * with one External Client App whose callback URL is the server's. Tenants come from the
 * `x-tenant` header, as an app's session would name them.
 *
 * @example
 * const stack = await startDemoStack();
 * const adapter = createFetchAdapter({ baseUrl: stack.publicUrl, headers: { 'x-tenant': 'a' } });
 * await adapter.saveCredentials(stack.credentials);
 * await stack.close();
 */
export async function startDemoStack(
  options: { pages?: Record<string, StaticPage> } = {},
): Promise<DemoStack> {
  const db = new PGlite();
  await db.waitReady;
  const simulator = await startSalesforceSimulator({ port: 0 });
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const api = toNodeListener(async (request) =>
    handler ? handler(request) : new Response('starting', { status: 503 }),
  );
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const page = options.pages?.[path];
    if (!page) return api(request, response);
    response.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-store' });
    response.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicUrl = `${origin}/api/salesforce`;
  // The demo's app and handler (demo/stack.ts), on an in-memory database and a throwaway key;
  // tenants come from a header so each measured client can be its own.
  const callbackUrl = `${publicUrl}/oauth/callback`;
  registerDemoApp(simulator, callbackUrl);
  handler = createDemoHandler({
    db,
    encryptionKey: randomBytes(32).toString('base64'),
    apiUrl: publicUrl,
    origin,
    loginHosts: [new URL(simulator.url).host],
    resolveTenant: (request) => request.headers.get('x-tenant'),
  });
  return {
    origin,
    publicUrl,
    simulatorUrl: simulator.url,
    credentials: {
      loginUrl: simulator.url,
      consumerKey: DEMO_APP.consumerKey,
      consumerSecret: DEMO_APP.consumerSecret,
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await simulator.close();
      await db.close();
    },
  };
}

async function serveUntilStdinCloses() {
  const stack = await startDemoStack();
  const { close: _close, ...info } = stack;
  process.stdout.write(`READY ${JSON.stringify(info satisfies DemoStackInfo)}\n`);
  process.stdin.resume();
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve);
    process.stdin.on('close', resolve);
    process.on('SIGTERM', resolve);
  });
  await stack.close();
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveUntilStdinCloses();
}
