import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Instance, startInstance, stopChild, stopInstance } from '../scripts/soak/storm.js';
import { createFetchAdapter } from '../src/adapters/fetch.js';
import { createPostgresStore } from '../src/server/stores/postgres.js';
import { relayData } from '../test/helpers/relay-page.js';
import { authorizeAtSimulator } from '../test/helpers/simulator-login.js';
import { createDatabase, startPostgresCluster } from '../test/setup/postgres.js';
import { type LoadResult, runBoundedLoad } from './bounded-load.js';
import { EXCHANGES_PREPARED, SERVER_LOAD_LIMITS } from './server-throughput.js';
import type { SimulatorProcessInfo } from './simulator-process.js';

/** One configuration: this many handler processes on one PostgreSQL database. */
export interface PostgresRun {
  processes: number;
  getConnection: LoadResult;
  callbackExchange: LoadResult & { prepared: number };
}

export interface PostgresThroughput {
  setup: string;
  postgres: string;
  runs: PostgresRun[];
}

const APP_ORIGIN = 'http://app.localhost:5173';
// The handlers never receive a request at this address: the load client spreads requests over
// their own ports (a client-side round-robin), and the simulator only compares redirect URIs.
const PUBLIC_URL = 'http://127.0.0.1/api/salesforce';

/**
 * The reference server's throughput on a real PostgreSQL server through node-postgres: the same
 * two loops as the PGlite measure (`GET /connection` for a connected tenant, the callback's code
 * exchange with a new tenant each), with one handler process and then four on one database,
 * the load spread round-robin over them from this process, the simulator in a process of its
 * own. PostgreSQL keeps its durable defaults (fsync on).
 *
 * @example
 * const { runs } = await measurePostgresThroughput([1, 4]);
 */
export async function measurePostgresThroughput(
  processCounts: readonly number[] = [1, 4],
): Promise<PostgresThroughput> {
  const cluster = await startPostgresCluster({ durable: true });
  let simulator: ChildProcess | undefined;
  try {
    const started = await startSimulatorProcess(`${PUBLIC_URL}/oauth/callback`);
    simulator = started.child;
    const { info } = started;
    const admin = new pg.Client({ ...cluster, database: 'postgres' });
    await admin.connect();
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
      ?.server_version;
    await admin.end();
    const runs: PostgresRun[] = [];
    for (const processes of processCounts) {
      runs.push(await measureOne(processes, cluster, info));
    }
    return {
      setup:
        'handler processes (createConnectHandler + createPostgresStore over a pg Pool of 6) on one database; simulator in its own process; load client in this one, round-robin over the handlers; loopback',
      postgres: `PostgreSQL ${version ?? '?'}, throwaway cluster, default durability`,
      runs,
    };
  } finally {
    if (simulator) await stopChild(simulator);
    await cluster.stop();
  }
}

async function measureOne(
  processes: number,
  cluster: { host: string; port: number; user: string },
  info: SimulatorProcessInfo,
): Promise<PostgresRun> {
  const { database, drop } = await createDatabase(cluster, `bench_${processes}`);
  const address = { host: cluster.host, port: cluster.port, user: cluster.user, database };
  // The tables exist before the handlers start, as after a deployment's first start.
  const pool = new pg.Pool({ ...address, max: 1 });
  await createPostgresStore(pool).getConnection('warmup');
  await pool.end();
  const instances: Instance[] = [];
  // One key for all: each process reads what another wrote.
  const encryptionKey = randomBytes(32).toString('base64');
  try {
    instances.push(
      ...(await Promise.all(
        Array.from({ length: processes }, () =>
          startInstance({
            database: address,
            publicUrl: PUBLIC_URL,
            encryptionKey,
            allowedOrigin: APP_ORIGIN,
            allowedLoginHost: new URL(info.url).host,
            connectionCheckIntervalMs: 5 * 60_000,
            accessTokenMaxAgeMs: 15 * 60_000,
            poolSize: 6,
          }),
        ),
      )),
    );
    const base = (index: number) =>
      `http://127.0.0.1:${(instances[index % instances.length] as Instance).port}/api/salesforce`;
    const adapterFor = (tenant: string, index: number) =>
      createFetchAdapter({ baseUrl: base(index), headers: { 'x-tenant': tenant } });
    const credentials = {
      loginUrl: info.url,
      consumerKey: info.consumerKey,
      consumerSecret: info.consumerSecret,
    };
    const prepare = async (tenant: string, index: number) => {
      const adapter = adapterFor(tenant, index);
      await adapter.saveCredentials(credentials);
      const start = await adapter.startAuthorization({ returnOrigin: APP_ORIGIN });
      const landing = await authorizeAtSimulator(start.authorizeUrl);
      if (landing.kind !== 'callback' || !landing.code) {
        throw new Error(`The simulator did not hand back a code: ${landing.error ?? landing.kind}`);
      }
      return landing.url;
    };
    const deliver = async (url: string, index: number) => {
      const response = await fetch(url.replace(PUBLIC_URL, base(index)));
      return response.ok && isConnectedPage(await response.text());
    };

    if (!(await deliver(await prepare('bench', 0), 0))) {
      throw new Error(`Could not connect the first tenant with ${processes} process(es).`);
    }
    const getConnection = await runBoundedLoad(async ({ index }) => {
      const response = await fetch(`${base(index)}/connection`, {
        headers: { 'x-tenant': 'bench' },
      });
      const body = (await response.json()) as { status?: string };
      return response.ok && body.status === 'connected';
    }, SERVER_LOAD_LIMITS);

    const callbacks: string[] = [];
    await runBoundedLoad(
      async ({ index }) => {
        callbacks.push(await prepare(`tenant-${index}`, index));
        return true;
      },
      { maxRequests: EXCHANGES_PREPARED.max, maxMs: EXCHANGES_PREPARED.maxMs, concurrency: 8 },
    );
    const exchanged = await runBoundedLoad(
      async ({ index }) => {
        const url = callbacks[index];
        return url ? deliver(url, index) : false;
      },
      { ...SERVER_LOAD_LIMITS, maxRequests: callbacks.length },
    );
    return {
      processes,
      getConnection,
      callbackExchange: { ...exchanged, prepared: callbacks.length },
    };
  } finally {
    await Promise.all(instances.map(stopInstance));
    await drop();
  }
}

/** The relay page carries its message as JSON; success is `oauth_complete` without an error. */
function isConnectedPage(html: string): boolean {
  try {
    const message = relayData(html).message as Record<string, unknown> | undefined;
    return message?.type === 'oauth_complete' && message.error === undefined;
  } catch {
    return false;
  }
}

async function startSimulatorProcess(callbackUrl: string) {
  const tsxLoader = fileURLToPath(new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url));
  const entry = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, callbackUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const info = await new Promise<SimulatorProcessInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('The simulator process did not start within 60 s.'));
    }, 60_000);
    child.once('exit', (code) => reject(new Error(`The simulator exited early (code ${code}).`)));
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('READY '.length)) as SimulatorProcessInfo);
    });
  });
  return { child, info };
}
