// A throwaway PostgreSQL server for tests, the soak and the bench: Debian's server binaries, a
// cluster in a temp folder on a free loopback port, removed afterwards. Vitest starts one per run
// through `setup` below (the `postgres` project's globalSetup) and hands its address to the test
// files with `inject('postgres')`.
import { type ChildProcess, execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** Where a running cluster answers: user `postgres`, no password (trust), loopback only. */
export interface PostgresAddress {
  host: string;
  port: number;
  user: string;
}

/** A running throwaway cluster. */
export interface PostgresCluster extends PostgresAddress {
  /** The temp folder holding the data directory, the socket and the server log. */
  dir: string;
  /** The server's log so far (startup, errors): scanned by the soak for leaked secrets. */
  readLog(): string;
  /** Stops the server (`-m fast`) and removes the folder; safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * Durability off (`fsync`, `synchronous_commit`, `full_page_writes`): a test database that is
   * thrown away needs none, and the machine is shared. The bench keeps the defaults.
   */
  durable?: boolean;
  /** `max_connections`; default 200 (several handler processes, each with a pool). */
  maxConnections?: number;
}

const INSTALL_HINT =
  "Install Debian's PostgreSQL server (`apt-get install -y postgresql`; .ci/run does this when initdb is missing).";

/** The folder holding `initdb` and `pg_ctl`: on PATH, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBin(): string {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl'))) {
      return folder;
    }
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `PostgreSQL's initdb and pg_ctl were not found on PATH or in ${root}. ${INSTALL_HINT}`,
    );
  }
  return join(root, newest, 'bin');
}

/** A port nobody listens on right now (the kernel picks it; freed before the server takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The server refuses to run as root: then every command runs as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  const [file, argv] = asServerUser(command, args);
  return new Promise((resolve, reject) => {
    const child: ChildProcess = execFile(
      file,
      argv,
      { cwd, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const output = `${String(stdout)}${String(stderr)}`
          .trim()
          .split('\n')
          .slice(-12)
          .join('\n');
        reject(
          new Error(
            `${command} ${args[0] ?? ''} failed (${error.message.split('\n')[0]}):\n${output}`,
          ),
        );
      },
    );
    child.stdin?.end();
  });
}

/**
 * Creates a cluster in a fresh temp folder (`initdb -A trust -U postgres`, as the `postgres` user
 * when running as root), starts it on a free port of 127.0.0.1 and waits until it accepts
 * connections. Throws a plain message with the server's own output when it cannot start: callers
 * fail, they never skip. The folder is removed on failure, on `stop()`, and when the process exits.
 *
 * @example
 * const cluster = await startPostgresCluster();
 * const pool = new pg.Pool({ ...cluster, database: 'postgres' });
 * await cluster.stop();
 */
export async function startPostgresCluster(
  options: PostgresClusterOptions = {},
): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'sfc-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const root = process.getuid?.() === 0;
  if (root) {
    const id = (name: string) =>
      Number(spawnSync('id', [name, 'postgres']).stdout.toString().trim());
    const uid = id('-u');
    const gid = id('-g');
    if (!Number.isInteger(uid) || uid <= 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `Running as root, but there is no "postgres" user to run the server as. ${INSTALL_HINT}`,
      );
    }
    chownSync(dir, uid, gid);
  }
  const pgCtl = join(bin, 'pg_ctl');
  let started = false;
  const stopNow = () => {
    if (started) {
      const [file, argv] = asServerUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      spawnSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A run that dies (an uncaught error, process.exit) still takes its cluster with it.
  process.once('exit', stopNow);

  try {
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'],
      dir,
    );
    const settings = [
      `-c max_connections=${options.maxConnections ?? 200}`,
      // Only loopback TCP and a socket inside the temp folder: nothing else on the machine.
      `-k ${dir}`,
      '-h 127.0.0.1',
      ...(options.durable
        ? []
        : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ];
    let lastError: unknown;
    // The port is free when picked; another process may take it before the server binds.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        await run(
          pgCtl,
          [
            '-D',
            data,
            '-o',
            `${settings.join(' ')} -p ${port}`,
            '-l',
            log,
            '-w',
            '-t',
            '90',
            'start',
          ],
          dir,
        );
        started = true;
        const cluster: PostgresCluster = {
          host: '127.0.0.1',
          port,
          user: 'postgres',
          dir,
          readLog: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
          async stop() {
            process.removeListener('exit', stopNow);
            if (started) {
              await run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'], dir).catch(
                () => undefined,
              );
            }
            stopNow();
          },
        };
        return cluster;
      } catch (error) {
        lastError = error;
      }
    }
    const serverLog = existsSync(log)
      ? readFileSync(log, 'utf8').trim().split('\n').slice(-8).join('\n')
      : '';
    throw new Error(
      `PostgreSQL did not start: ${lastError instanceof Error ? lastError.message : String(lastError)}${serverLog ? `\nserver log:\n${serverLog}` : ''}`,
    );
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not start a throwaway PostgreSQL server for the tests (as ${root ? 'postgres via runuser' : userInfo().username}, binaries in ${bin}). ${message}`,
    );
  }
}

/**
 * A fresh, empty database in the cluster, so files and runs never see each other's tables.
 *
 * @example
 * const { pool, drop } = await createDatabase(cluster, 'soak');
 */
export async function createDatabase(
  address: PostgresAddress,
  label: string,
): Promise<{ database: string; drop(): Promise<void> }> {
  const database = `${label.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ ...address, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return {
    database,
    async drop() {
      const client = new pg.Client({ ...address, database: 'postgres' });
      await client.connect();
      try {
        // A pool's end() resolves once its clients are told to close, not once they have: wait
        // for their backends to leave, so FORCE never cuts a closing client (which a pool would
        // report as an uncaught "terminating connection due to administrator command").
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [database],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAddress;
  }
}

/**
 * Vitest globalSetup of the `postgres` project: one cluster for the whole run, shared by its
 * files, stopped when the run ends (passed or failed). A cluster that cannot start fails the run.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  project.provide('postgres', { host: cluster.host, port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
