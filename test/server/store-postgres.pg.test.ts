import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../../src/server/stores/postgres.js';
import { createDatabase } from '../setup/postgres.js';
import { fullRecord, runStoreConformance } from './store-conformance.js';

// The store conformance suite on a real PostgreSQL server through node-postgres (the driver a
// production deployment uses), beside memory and PGlite. The cluster comes from the `postgres`
// project's globalSetup; this file gets a database of its own, and each check tables of its own.

const address = inject('postgres');
let pool: pg.Pool;
let drop: () => Promise<void>;
let prefixes = 0;
const freshPrefix = () => `sfc_pg_${++prefixes}`;

beforeAll(async () => {
  const database = await createDatabase(address, 'store');
  drop = database.drop;
  pool = new pg.Pool({ ...address, database: database.database, max: 8 });
});

afterAll(async () => {
  await pool?.end();
  await drop?.();
});

runStoreConformance('PostgreSQL server (pg)', async () => ({
  store: createPostgresStore(pool, { tablePrefix: freshPrefix() }),
}));

describe('Postgres store on a PostgreSQL server', () => {
  it('is talking to a real server, not an embedded one', async () => {
    const { rows } = await pool.query<{ version: string }>('SELECT version() AS version');
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    const { rows: settings } = await pool.query<{ setting: string }>(
      "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'",
    );
    expect(settings[0]?.setting).toBe('127.0.0.1');
  });

  it('keeps a record across pools: what one server wrote, another reads exactly', async () => {
    const tablePrefix = freshPrefix();
    const other = new pg.Pool({ ...address, database: pool.options.database, max: 1 });
    try {
      await createPostgresStore(pool, { tablePrefix }).saveConnection(fullRecord('acme'));
      expect(await createPostgresStore(other, { tablePrefix }).getConnection('acme')).toEqual(
        fullRecord('acme'),
      );
    } finally {
      await other.end();
    }
  });
});
