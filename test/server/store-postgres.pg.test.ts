import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStore, POSTGRES_SCHEMA_VERSION } from '../../src/server/stores/postgres.js';
import { createDatabase } from '../setup/postgres.js';
import { expectSchema3Upgrade } from './postgres-schema-3.js';
import {
  asStored,
  configuredRecord,
  fullRecord,
  runStoreConformance,
} from './store-conformance.js';

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

  it('migrates once when many servers start at the same moment on an empty database', async () => {
    const tablePrefix = freshPrefix();
    // Separate pools, as separate processes would have: the migrations race for real.
    const pools = Array.from(
      { length: 4 },
      () => new pg.Pool({ ...address, database: pool.options.database, max: 2 }),
    );
    try {
      const stores = pools.map((each) => createPostgresStore(each, { tablePrefix }));
      await Promise.all(
        stores.map((store, i) => store.saveConnection(configuredRecord(`tenant-${i}`))),
      );
      for (let i = 0; i < stores.length; i++) {
        expect(await stores[0]?.getConnection(`tenant-${i}`)).toEqual(
          asStored(configuredRecord(`tenant-${i}`), 1),
        );
      }
      const { rows } = await pool.query<{ value: string }>(
        `SELECT value FROM ${tablePrefix}_meta WHERE key = 'schema_version'`,
      );
      expect(rows).toEqual([{ value: String(POSTGRES_SCHEMA_VERSION) }]);
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
  });

  it('lets exactly one of many servers win a write against the same revision, each on its own connection', async () => {
    const tablePrefix = freshPrefix();
    await createPostgresStore(pool, { tablePrefix }).saveConnection(fullRecord('acme'));
    const pools = Array.from(
      { length: 6 },
      () => new pg.Pool({ ...address, database: pool.options.database, max: 1 }),
    );
    try {
      const stores = pools.map((each) => createPostgresStore(each, { tablePrefix }));
      // Each reads revision 1 first (a real round trip), then all write against it at once.
      const read = await Promise.all(stores.map((store) => store.getConnection('acme')));
      expect(read.map((record) => record?.revision)).toEqual([1, 1, 1, 1, 1, 1]);
      const results = await Promise.all(
        stores.map((store, i) =>
          store.saveConnection(
            { ...fullRecord('acme'), username: `writer-${i}@acme.example` },
            { expectedRevision: 1 },
          ),
        ),
      );
      const winners = results.flatMap((result, i) => (result.saved ? [i] : []));
      expect(winners).toHaveLength(1);
      const stored = await stores[0]?.getConnection('acme');
      expect(stored?.revision).toBe(2);
      expect(stored?.username).toBe(`writer-${winners[0]}@acme.example`);
      for (const result of results) {
        if (!result.saved) expect(result.current?.revision).toBe(2);
      }
      // A conditional delete at a revision that is gone deletes nothing.
      expect(await stores[1]?.deleteConnection('acme', { expectedRevision: 1 })).toBe(false);
      expect(await stores[1]?.deleteConnection('acme', { expectedRevision: 2 })).toBe(true);
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
  });

  it('upgrades a schema-3 database in place: each row becomes the default connection, nothing lost', async () => {
    await expectSchema3Upgrade(pool, freshPrefix());
  });

  it('keeps a record across pools: what one server wrote, another reads exactly', async () => {
    const tablePrefix = freshPrefix();
    const other = new pg.Pool({ ...address, database: pool.options.database, max: 1 });
    try {
      await createPostgresStore(pool, { tablePrefix }).saveConnection(fullRecord('acme'));
      expect(await createPostgresStore(other, { tablePrefix }).getConnection('acme')).toEqual(
        asStored(fullRecord('acme'), 1),
      );
    } finally {
      await other.end();
    }
  });
});
