// `npm run soak`: the multi-instance soak in full, on a throwaway PostgreSQL server of its own.
// Prints the figures and exits non-zero when an invariant broke. Everything runs on loopback and
// stops by itself (counts and times are ceilings).
//
//   npm run soak                                  4 processes, 300 tenants, 6000 operations
//   npm run soak -- --instances 6 --tenants 500 --operations 10000 --seed 7
import { parseArgs } from 'node:util';
import { createDatabase, startPostgresCluster } from '../test/setup/postgres.js';
import { formatSoakFigures, runSoak } from './soak/storm.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '4' },
    tenants: { type: 'string', default: '300' },
    operations: { type: 'string', default: '6000' },
    concurrency: { type: 'string', default: '32' },
    'max-seconds': { type: 'string', default: '180' },
    'session-timeout-ms': { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});

const number = (name: keyof typeof values, min: number) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be a whole number of at least ${min}.`);
  }
  return value;
};

const options = {
  instances: number('instances', 2),
  tenants: number('tenants', 2),
  operations: number('operations', 1),
  concurrency: number('concurrency', 1),
  maxStormMs: number('max-seconds', 1) * 1000,
  sessionTimeoutMs: number('session-timeout-ms', 100),
  seed: number('seed', 0),
};

console.log('Starting a throwaway PostgreSQL server…');
const cluster = await startPostgresCluster();
const stop = () => void cluster.stop().finally(() => process.exit(130));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  const { database } = await createDatabase(cluster, 'soak');
  console.log(
    `PostgreSQL on 127.0.0.1:${cluster.port}; ${options.instances} handler processes, ${options.tenants} tenants, up to ${options.operations} operations (${options.concurrency} at once, ${options.maxStormMs / 1000} s at most).`,
  );
  const figures = await runSoak({
    ...options,
    database: { host: cluster.host, port: cluster.port, user: cluster.user, database },
    readServerLog: cluster.readLog,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`\nSoak figures\n============\n${formatSoakFigures(figures)}`);
  if (values.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  }
  if (figures.violations.length > 0 || figures.operations.total === 0) process.exitCode = 1;
} catch (error) {
  console.error(
    `\nThe soak could not run: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await cluster.stop();
}
