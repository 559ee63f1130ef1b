import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createFetchAdapter } from '../src/adapters/fetch.js';
import { relayData } from '../test/helpers/relay-page.js';
import { authorizeAtSimulator } from '../test/helpers/simulator-login.js';
import { type LoadLimits, type LoadResult, runBoundedLoad } from './bounded-load.js';
import type { DemoStackInfo } from './demo-stack.js';

/** Limits of both loops: whichever comes first ends a loop. */
export const SERVER_LOAD_LIMITS: LoadLimits = { maxRequests: 2000, maxMs: 5000, concurrency: 8 };

/** Callback exchanges need a login at the simulator each, made before the clock starts. */
export const EXCHANGES_PREPARED = { max: 240, maxMs: 20_000 };

export interface ServerThroughput {
  setup: string;
  limits: LoadLimits;
  getConnection: LoadResult;
  callbackExchange: LoadResult & { prepared: number; prepareSeconds: number };
}

/**
 * Requests per second the reference server answers on loopback, measured from a separate
 * process (the load client must not share the server's event loop): `GET /connection` for a
 * connected tenant, and `GET /oauth/callback` with a fresh code each time, which spends the state,
 * exchanges the code at the simulator (PKCE), encrypts and stores the tokens and renders the relay
 * page. Each exchange is a different tenant (customers connecting at once); their logins at the
 * simulator happen before the clock starts.
 *
 * @example
 * const { getConnection } = await measureServerThroughput();
 * console.log(getConnection.perSecond);
 */
export async function measureServerThroughput(): Promise<ServerThroughput> {
  const { child, info } = await spawnStack();
  try {
    const adapterFor = (tenant: string) =>
      createFetchAdapter({ baseUrl: info.publicUrl, headers: { 'x-tenant': tenant } });

    const statusOf = async (tenant: string) => (await adapterFor(tenant).getConnection()).status;
    const landed = await prepareCallback(adapterFor('bench'), info);
    if (
      !isConnectedPage(await (await fetch(landed)).text()) ||
      (await statusOf('bench')) !== 'connected'
    ) {
      throw new Error('Could not connect the first tenant: the stack is not working.');
    }
    const getConnection = await runBoundedLoad(async () => {
      const response = await fetch(`${info.publicUrl}/connection`, {
        headers: { 'x-tenant': 'bench' },
      });
      const body = (await response.json()) as { status?: string };
      return response.ok && body.status === 'connected';
    }, SERVER_LOAD_LIMITS);

    const prepareStart = performance.now();
    const callbacks: string[] = [];
    await runBoundedLoad(
      async ({ index }) => {
        callbacks.push(await prepareCallback(adapterFor(`tenant-${index}`), info));
        return true;
      },
      { maxRequests: EXCHANGES_PREPARED.max, maxMs: EXCHANGES_PREPARED.maxMs, concurrency: 8 },
    );
    const prepareSeconds = (performance.now() - prepareStart) / 1000;

    const exchanged = await runBoundedLoad(
      async ({ index }) => {
        const url = callbacks[index];
        if (!url) return false;
        const response = await fetch(url);
        return response.ok && isConnectedPage(await response.text());
      },
      { ...SERVER_LOAD_LIMITS, maxRequests: callbacks.length },
    );
    // The pages said "connected"; the store must agree.
    if ((await statusOf('tenant-0')) !== 'connected') {
      throw new Error(
        'The first exchanged tenant is not connected: the exchange loop measured errors.',
      );
    }
    return {
      setup:
        'reference server + simulator in one Node process, PGlite (in-memory Postgres), load client in another; loopback',
      limits: SERVER_LOAD_LIMITS,
      getConnection,
      callbackExchange: { ...exchanged, prepared: callbacks.length, prepareSeconds },
    };
  } finally {
    await stopStack(child);
  }
}

/** Saves credentials, starts an authorization and logs in at the simulator: the callback URL. */
async function prepareCallback(
  adapter: ReturnType<typeof createFetchAdapter>,
  info: DemoStackInfo,
) {
  await adapter.saveCredentials(info.credentials);
  const start = await adapter.startAuthorization({ returnOrigin: info.origin });
  const landing = await authorizeAtSimulator(start.authorizeUrl);
  if (landing.kind !== 'callback' || !landing.code) {
    throw new Error(`The simulator did not hand back a code: ${landing.error ?? landing.kind}`);
  }
  return landing.url;
}

/** The relay page carries its message as JSON; success is `oauth_complete` without an error. */
function isConnectedPage(html: string): boolean {
  let message: Record<string, unknown> | undefined;
  try {
    message = relayData(html).message;
  } catch {
    return false;
  }
  return message?.type === 'oauth_complete' && message.error === undefined;
}

async function spawnStack(): Promise<{ child: ChildProcess; info: DemoStackInfo }> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const entry = fileURLToPath(new URL('./demo-stack.ts', import.meta.url));
  const child = spawn(tsx, [entry], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const info = await new Promise<DemoStackInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The stack did not start within 60 s.')),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`The stack exited early (code ${code}).`)));
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('READY '.length)) as DemoStackInfo);
    });
  });
  return { child, info };
}

/** Closing stdin asks the stack to close; a stack that hangs is ended after 10 s. */
async function stopStack(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
