import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectHandler } from '../../src/server/handler.js';
import {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  SchemaVersionError,
  type SqlClient,
} from '../../src/server/stores/postgres.js';
import type { ConnectionRecord } from '../../src/server/stores/types.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { APP_ORIGIN, createHarness, PUBLIC_URL, TEST_KEY } from './handler-harness.js';
import { LIVE_APP_ORIGIN, startLiveServer } from './live-harness.js';
import { expectSchema3Upgrade } from './postgres-schema-3.js';
import {
  asStored,
  configuredRecord,
  fullRecord,
  runStoreConformance,
} from './store-conformance.js';

// Starting PGlite costs seconds on a busy machine (initdb): one file-backed database in a temp
// directory serves the whole file — each check gets tables of its own through a fresh prefix —
// and the last test restarts it from the same directory.
let dir: string;
let db: PGlite;
let prefixes = 0;
const freshPrefix = () => `sfc_test_${++prefixes}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sfc-pglite-'));
  db = new PGlite(dir);
  await db.waitReady;
}, 120_000);

afterAll(async () => {
  if (db && !db.closed) await db.close();
  if (dir) await rm(dir, { recursive: true, force: true });
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
    const afterFirst = statements.length;
    await store.getConnection('acme');
    const creates = statements.filter((s) => s.includes('CREATE TABLE IF NOT EXISTS'));
    // The meta table, then one locked step per schema version; the second call migrates nothing.
    expect(creates).toHaveLength(2);
    expect(statements.filter((s) => s.startsWith('DO $migrate$'))).toHaveLength(
      1 + POSTGRES_SCHEMA_VERSION,
    );
    expect(statements.length - afterFirst).toBe(1);
    const version = await db.query<{ value: string }>(
      `SELECT value FROM ${tablePrefix}_meta WHERE key = 'schema_version'`,
    );
    expect(version.rows[0]?.value).toBe(String(POSTGRES_SCHEMA_VERSION));
  });

  it('runs against tables another store already created, keeping their rows', async () => {
    const tablePrefix = freshPrefix();
    await createPostgresStore(db, { tablePrefix }).saveConnection(fullRecord('acme'));
    const again = createPostgresStore(db, { tablePrefix });
    expect(await again.getConnection('acme')).toEqual(asStored(fullRecord('acme'), 1));
  });

  it('upgrades a database created with schema version 1 in place, keeping its rows', async () => {
    const tablePrefix = freshPrefix();
    // The tables exactly as version 0.1.0 of the kit created them.
    await db.exec(`
      CREATE TABLE ${tablePrefix}_meta (key text PRIMARY KEY, value text NOT NULL);
      INSERT INTO ${tablePrefix}_meta VALUES ('schema_version', '1');
      CREATE TABLE ${tablePrefix}_connections (
        tenant text PRIMARY KEY, status text NOT NULL, login_url text NOT NULL,
        consumer_key text NOT NULL, consumer_secret text NOT NULL, credentials_id text NOT NULL,
        access_token text, refresh_token text, token_issued_at timestamptz, instance_url text,
        identity_url text, org_id text, org_name text, is_sandbox boolean, user_id text,
        username text, display_name text, scopes text, error jsonb, connected_at timestamptz,
        checked_at timestamptz, updated_at timestamptz NOT NULL);
      CREATE TABLE ${tablePrefix}_authorizations (
        state_hash text PRIMARY KEY, tenant text NOT NULL, code_verifier text NOT NULL,
        return_origin text NOT NULL, credentials_id text NOT NULL, created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL, used_at timestamptz);
      INSERT INTO ${tablePrefix}_connections
        (tenant, status, login_url, consumer_key, consumer_secret, credentials_id, refresh_token, updated_at)
        VALUES ('acme', 'connected', 'https://login.salesforce.com', '3MVG9old', 'v1.kid.iv.s',
                'cred-old', 'v1.kid.iv.r', '2025-01-01T00:00:00Z');
    `);
    const store = createPostgresStore(db, { tablePrefix });
    const read = await store.getConnection('acme');
    expect(read).toMatchObject({
      consumerKey: '3MVG9old',
      refreshToken: 'v1.kid.iv.r',
      revision: 1,
    });
    const version = await db.query<{ value: string }>(
      `SELECT value FROM ${tablePrefix}_meta WHERE key = 'schema_version'`,
    );
    expect(version.rows[0]?.value).toBe(String(POSTGRES_SCHEMA_VERSION));
    // Conditional writes work on the upgraded rows.
    const lost = await store.saveConnection(
      { ...(read as ConnectionRecord), username: 'late' },
      { expectedRevision: 7 },
    );
    expect(lost.saved).toBe(false);
    const won = await store.saveConnection(
      { ...(read as ConnectionRecord), username: 'now', refreshingUntil: 1_700_000_000_000 },
      { expectedRevision: 1 },
    );
    expect(won).toEqual({ saved: true, revision: 2 });
    expect(await store.getConnection('acme')).toMatchObject({
      username: 'now',
      refreshingUntil: 1_700_000_000_000,
      revision: 2,
    });
  });

  it('upgrades a schema-3 database (one connection per tenant): each row becomes the default connection, nothing lost', async () => {
    await expectSchema3Upgrade(db, freshPrefix());
  });

  it('migrates once when several stores start together on an empty database', async () => {
    const tablePrefix = freshPrefix();
    const stores = Array.from({ length: 4 }, () => createPostgresStore(db, { tablePrefix }));
    await Promise.all(stores.map((store, i) => store.saveConnection(configuredRecord(`t${i}`))));
    expect(await stores[0]?.listTenants({ limit: 10 })).toEqual(['t0', 't1', 't2', 't3']);
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
    expect(await store.getConnection('acme')).toEqual(asStored(configuredRecord('acme'), 1));
  });

  it('refuses a table prefix that is not a plain SQL identifier', () => {
    for (const tablePrefix of ['x; DROP TABLE y', 'Upper', '1starts_with_digit', '', 'a-b']) {
      expect(() => createPostgresStore(db, { tablePrefix })).toThrow(/tablePrefix/);
    }
    expect(() => createPostgresStore({} as SqlClient)).toThrow(/query\(text, params\)/);
  });
});

describe('the handler on Postgres (issue 14)', () => {
  it('two instances on one database refresh a rotating token once between them', async () => {
    const tablePrefix = freshPrefix();
    const store = createPostgresStore(db, { tablePrefix });
    const h = createHarness({ store, rotate: true, reuseDetection: true });
    await h.connect();
    const other = createConnectHandler({
      // Another instance: a store object of its own on the same tables.
      store: createPostgresStore(db, { tablePrefix }),
      encryptionKey: TEST_KEY,
      publicUrl: PUBLIC_URL,
      allowedOrigins: [APP_ORIGIN],
      resolveTenant: () => 'acme',
      fetch: h.salesforce.fetch,
      clock: () => h.clock.now,
    });
    h.clock.now += 20 * 60_000;
    const sessions = await Promise.all([
      h.handler.getSalesforceSession({ tenant: 'acme' }),
      other.getSalesforceSession({ tenant: 'acme' }),
      other.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
      h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
    ]);
    const refreshes = h.salesforce.requests.filter(
      (r) => r.form?.get('grant_type') === 'refresh_token',
    );
    expect(refreshes).toHaveLength(1);
    expect(h.salesforce.reuses()).toBe(0);
    for (const session of sessions) expect(h.salesforce.isLive(session.accessToken)).toBe(true);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('stores a callback error whose description holds a NUL byte (Postgres text refuses NUL)', async () => {
    const h = createHarness({ store: createPostgresStore(db, { tablePrefix: freshPrefix() }) });
    await h.save();
    const start = await h.start();
    const denied = new URL(h.salesforce.deny(start.json.authorizeUrl));
    denied.searchParams.set('error_description', 'end-user\u0000denied');
    const page = await h.callback(denied.href);
    expect(page.status).toBe(200);
    expect(page.text).toContain('access_denied');
    const connection = await h.getConnection();
    expect(connection.status).toBe('error');
    expect(connection.error?.message).toContain('end-user denied');
  });
});

describe('restart', () => {
  it('keeps the connection, its tokens and a pending sign-in across a server and database restart', async () => {
    const tablePrefix = freshPrefix();
    const live = await startLiveServer({ store: createPostgresStore(db, { tablePrefix }) });
    try {
      const { adapter, simulator } = live;
      await adapter.saveCredentials(live.credentials);
      const start = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
      await fetch((await authorizeAtSimulator(start.authorizeUrl)).url);
      const before = await adapter.getConnection();
      expect(before.status).toBe('connected');
      // A sign-in begun before the restart, finished after it.
      const pending = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
      const pendingLanded = await authorizeAtSimulator(pending.authorizeUrl);
      await createPostgresStore(db, { tablePrefix: `${tablePrefix}_raw` }).saveConnection(
        fullRecord('acme'),
      );

      // At rest: ciphertext only, and states only as hashes.
      const rows = JSON.stringify(
        (await db.query(`SELECT * FROM ${tablePrefix}_connections`)).rows,
      );
      expect(rows).not.toContain(live.credentials.consumerSecret);
      for (const token of live.tokens) expect(rows).not.toContain(token);
      const states = JSON.stringify(
        (await db.query(`SELECT * FROM ${tablePrefix}_authorizations`)).rows,
      );
      expect(states).not.toContain(pending.state);

      await db.close();
      db = new PGlite(dir);
      live.restart({ store: createPostgresStore(db, { tablePrefix }) });

      expect(
        await createPostgresStore(db, { tablePrefix: `${tablePrefix}_raw` }).getConnection('acme'),
      ).toEqual(asStored(fullRecord('acme'), 1));
      expect(await adapter.getConnection()).toEqual(before);
      const session = await live.handler.getSalesforceSession({
        tenant: 'acme',
        forceRefresh: true,
      });
      const api = await fetch(`${session.instanceUrl}/services/data/v62.0/`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      expect(api.status).toBe(200);
      const page = await fetch(pendingLanded.url);
      expect(page.status).toBe(200);
      expect((await adapter.getConnection()).status).toBe('connected');
      expect(simulator.requests.some((r) => r.path === '/services/oauth2/revoke')).toBe(true);
    } finally {
      await live.close();
    }
  }, 120_000);
});
