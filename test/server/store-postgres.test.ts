import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  SchemaVersionError,
  type SqlClient,
} from '../../src/server/stores/postgres.js';
import { configuredRecord, fullRecord, runStoreConformance } from './store-conformance.js';

// Starting PGlite costs seconds on a busy machine: one in-memory database serves the whole file,
// and each check gets tables of its own through a fresh prefix.
let db: PGlite;
let prefixes = 0;
const freshPrefix = () => `sfc_test_${++prefixes}`;

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

runStoreConformance('PGlite (Postgres)', async () => ({
  store: createPostgresStore(db, { tablePrefix: freshPrefix() }),
}));

/** Records every statement a client runs, to see what the store asks of the database. */
function recording(client: SqlClient) {
  const statements: string[] = [];
  return {
    statements,
    client: {
      query: (text: string, params?: unknown[]) => {
        statements.push(text.replace(/\s+/g, ' ').trim());
        return client.query(text, params);
      },
    } satisfies SqlClient,
  };
}

describe('Postgres store', () => {
  it('creates its tables on first use, once, and records the schema version', async () => {
    const tablePrefix = freshPrefix();
    const { client, statements } = recording(db);
    const store = createPostgresStore(client, { tablePrefix });
    expect(statements).toEqual([]);
    await store.getConnection('acme');
    await store.getConnection('acme');
    const creates = statements.filter((s) => s.startsWith('CREATE TABLE'));
    expect(creates).toHaveLength(3);
    const version = await db.query<{ value: string }>(
      `SELECT value FROM ${tablePrefix}_meta WHERE key = 'schema_version'`,
    );
    expect(version.rows[0]?.value).toBe(String(POSTGRES_SCHEMA_VERSION));
  });

  it('runs against tables another store already created, keeping their rows', async () => {
    const tablePrefix = freshPrefix();
    await createPostgresStore(db, { tablePrefix }).saveConnection(fullRecord('acme'));
    const again = createPostgresStore(db, { tablePrefix });
    expect(await again.getConnection('acme')).toEqual(fullRecord('acme'));
  });

  it('refuses a database whose schema is newer than it understands', async () => {
    const tablePrefix = freshPrefix();
    await createPostgresStore(db, { tablePrefix }).getConnection('acme');
    await db.query(`UPDATE ${tablePrefix}_meta SET value = '99' WHERE key = 'schema_version'`);
    const store = createPostgresStore(db, { tablePrefix });
    await expect(store.getConnection('acme')).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(store.getConnection('acme')).rejects.toThrow(/schema version 99.*Upgrade/);
  });

  it('retries its migration after a failed first attempt', async () => {
    const tablePrefix = freshPrefix();
    let failOnce = true;
    const flaky: SqlClient = {
      query: (text, params) => {
        if (failOnce) {
          failOnce = false;
          return Promise.reject(new Error('connection reset'));
        }
        return db.query(text, params);
      },
    };
    const store = createPostgresStore(flaky, { tablePrefix });
    await expect(store.getConnection('acme')).rejects.toThrow('connection reset');
    await store.saveConnection(configuredRecord('acme'));
    expect(await store.getConnection('acme')).toEqual(configuredRecord('acme'));
  });

  it('refuses a table prefix that is not a plain SQL identifier', () => {
    for (const tablePrefix of ['x; DROP TABLE y', 'Upper', '1starts_with_digit', '', 'a-b']) {
      expect(() => createPostgresStore(db, { tablePrefix })).toThrow(/tablePrefix/);
    }
    expect(() => createPostgresStore({} as SqlClient)).toThrow(/query\(text, params\)/);
  });

  it('keeps everything across a restart of a file-backed database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sfc-pglite-'));
    try {
      const first = new PGlite(dir);
      const store = createPostgresStore(first, { onClose: () => first.close() });
      await store.saveConnection(fullRecord('acme'));
      await store.saveAuthorization({
        stateHash: 'hash-restart',
        tenant: 'acme',
        codeVerifier: 'v1.kid.iv.verifier',
        returnOrigin: 'https://app.example.com',
        credentialsId: 'cred-1',
        createdAt: 1_700_000_000_000,
        expiresAt: 1_700_000_600_000,
      });
      await store.close?.();
      expect(first.closed).toBe(true);

      const second = new PGlite(dir);
      const reopened = createPostgresStore(second, { onClose: () => second.close() });
      expect(await reopened.getConnection('acme')).toEqual(fullRecord('acme'));
      const taken = await reopened.consumeAuthorization({
        stateHash: 'hash-restart',
        usedAt: 1_700_000_001_000,
      });
      expect(taken.status).toBe('consumed');
      await reopened.close?.();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
