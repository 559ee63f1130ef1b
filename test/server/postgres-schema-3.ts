import { expect } from 'vitest';
import {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  type SqlClient,
} from '../../src/server/stores/postgres.js';
import type { ConnectionRecord, PendingAuthorization } from '../../src/server/stores/types.js';

// A database as version 3 of the Postgres store left it (before several connections per
// tenant), for the schema 4 migration tests on PGlite and on a real PostgreSQL server. The DDL is
// the three migration steps of `createPostgresStore` at schema 3 (git show 9dc9ace:src/server/
// stores/postgres.ts), verbatim; the rows are written with plain SQL, as that store wrote them.

/** The statements, in order, that build a schema-3 database with one tenant's data in it. */
export function schema3Database(prefix: string): string[] {
  return [
    `CREATE TABLE ${prefix}_meta (key text PRIMARY KEY, value text NOT NULL)`,
    // Version 1.
    `CREATE TABLE IF NOT EXISTS ${prefix}_connections (
        tenant text PRIMARY KEY,
        status text NOT NULL,
        login_url text NOT NULL,
        consumer_key text NOT NULL,
        consumer_secret text NOT NULL,
        credentials_id text NOT NULL,
        access_token text,
        refresh_token text,
        token_issued_at timestamptz,
        instance_url text,
        identity_url text,
        org_id text,
        org_name text,
        is_sandbox boolean,
        user_id text,
        username text,
        display_name text,
        scopes text,
        error jsonb,
        connected_at timestamptz,
        checked_at timestamptz,
        updated_at timestamptz NOT NULL
      )`,
    `CREATE TABLE IF NOT EXISTS ${prefix}_authorizations (
        state_hash text PRIMARY KEY,
        tenant text NOT NULL,
        code_verifier text NOT NULL,
        return_origin text NOT NULL,
        credentials_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
    `CREATE INDEX IF NOT EXISTS ${prefix}_authorizations_expires_at
        ON ${prefix}_authorizations (expires_at)`,
    // Version 2.
    `ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS revision bigint NOT NULL DEFAULT 1`,
    `ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS refreshing_until timestamptz`,
    // Version 3.
    `ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS pending_org_change jsonb`,
    `INSERT INTO ${prefix}_meta (key, value) VALUES ('schema_version', '3')`,
    // Data: a connected tenant with a parked org change at revision 5, a configured one, and a
    // sign-in in flight.
    `INSERT INTO ${prefix}_connections (tenant, status, login_url, consumer_key, consumer_secret,
        credentials_id, access_token, refresh_token, token_issued_at, instance_url, identity_url,
        org_id, org_name, is_sandbox, user_id, username, display_name, scopes, error,
        connected_at, checked_at, updated_at, revision, refreshing_until, pending_org_change)
      VALUES ('acme', 'connected', 'https://acme.my.salesforce.com', '3MVG9old',
        'v1.kid.iv.secret', 'cred-old', 'v1.kid.iv.access', 'v1.kid.iv.refresh',
        '2025-03-01T10:00:00.123Z', 'https://acme.my.salesforce.com',
        'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA',
        '00D000000000001AAA', 'Acme, Inc.', false, '005000000000001AAA', 'admin@acme.example',
        'Ada Admin', 'api refresh_token', '{"code":"invalid_grant","message":"Reconnect."}',
        '2025-03-01T10:00:01.456Z', '2025-03-01T10:05:00.789Z', '2025-03-01T10:05:00.789Z', 5,
        '2025-03-01T10:05:30.001Z',
        '{"accessToken":"v1.kid.iv.pending","tokenIssuedAt":1740909600000,"instanceUrl":"https://acme--uat.sandbox.my.salesforce.com","orgId":"00D000000000002AAA","detectedAt":1740909600500}')`,
    `INSERT INTO ${prefix}_connections (tenant, status, login_url, consumer_key, consumer_secret,
        credentials_id, updated_at)
      VALUES ('globex', 'configured', 'https://login.salesforce.com', '3MVG9globex',
        'v1.kid.iv.globex', 'cred-globex', '2025-04-02T08:00:00.000Z')`,
    `INSERT INTO ${prefix}_authorizations (state_hash, tenant, code_verifier, return_origin,
        credentials_id, created_at, expires_at)
      VALUES ('hash-in-flight', 'acme', 'v1.kid.iv.verifier', 'https://app.example.com',
        'cred-old', '2025-03-01T10:00:00.000Z', '2999-01-01T00:00:00.000Z')`,
  ];
}

/** The connected tenant's row, as the schema-4 store must read it: the default connection. */
export const schema3Acme: ConnectionRecord = {
  tenant: 'acme',
  connectionId: 'default',
  status: 'connected',
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey: '3MVG9old',
  consumerSecret: 'v1.kid.iv.secret',
  credentialsId: 'cred-old',
  accessToken: 'v1.kid.iv.access',
  refreshToken: 'v1.kid.iv.refresh',
  tokenIssuedAt: Date.parse('2025-03-01T10:00:00.123Z'),
  instanceUrl: 'https://acme.my.salesforce.com',
  identityUrl: 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA',
  orgId: '00D000000000001AAA',
  orgName: 'Acme, Inc.',
  isSandbox: false,
  userId: '005000000000001AAA',
  username: 'admin@acme.example',
  displayName: 'Ada Admin',
  scopes: ['api', 'refresh_token'],
  error: { code: 'invalid_grant', message: 'Reconnect.' },
  connectedAt: Date.parse('2025-03-01T10:00:01.456Z'),
  checkedAt: Date.parse('2025-03-01T10:05:00.789Z'),
  refreshingUntil: Date.parse('2025-03-01T10:05:30.001Z'),
  pendingOrgChange: {
    accessToken: 'v1.kid.iv.pending',
    tokenIssuedAt: 1740909600000,
    instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    orgId: '00D000000000002AAA',
    detectedAt: 1740909600500,
  },
  updatedAt: Date.parse('2025-03-01T10:05:00.789Z'),
  revision: 5,
};

/** The sign-in in flight, as the schema-4 store must hand it out: for the default connection. */
export const schema3Authorization: PendingAuthorization = {
  stateHash: 'hash-in-flight',
  tenant: 'acme',
  connectionId: 'default',
  codeVerifier: 'v1.kid.iv.verifier',
  returnOrigin: 'https://app.example.com',
  credentialsId: 'cred-old',
  createdAt: Date.parse('2025-03-01T10:00:00.000Z'),
  expiresAt: Date.parse('2999-01-01T00:00:00.000Z'),
};

/**
 * Builds a schema-3 database under `prefix` on `client`, opens it with today's store, and checks
 * that nothing is lost: each tenant's row is its default connection (every field, the revision),
 * the sign-in in flight completes the default connection, the key is (tenant, connection id), a
 * second connection can be added beside the old one, and a migration run again (two servers
 * racing) changes nothing. Shared by the PGlite and the PostgreSQL server tests.
 */
export async function expectSchema3Upgrade(client: SqlClient, prefix: string): Promise<void> {
  for (const statement of schema3Database(prefix)) await client.query(statement);
  const store = createPostgresStore(client, { tablePrefix: prefix });

  const acme = await store.getConnection('acme');
  expect(acme).toEqual({ ...schema3Acme, createdAt: expect.any(Number) });
  expect(await store.getConnection('acme', 'default')).toEqual(acme);
  expect(await store.getConnection('globex')).toMatchObject({
    connectionId: 'default',
    status: 'configured',
    consumerKey: '3MVG9globex',
    revision: 1,
  });
  expect(await store.listTenants({ limit: 10 })).toEqual(['acme', 'globex']);
  const version = await client.query(
    `SELECT value FROM ${prefix}_meta WHERE key = 'schema_version'`,
  );
  expect(version.rows[0]?.value).toBe(String(POSTGRES_SCHEMA_VERSION));

  // The sign-in started before the upgrade completes the default connection.
  expect(
    await store.consumeAuthorization({ stateHash: 'hash-in-flight', tenant: 'acme', usedAt: 1 }),
  ).toEqual({ status: 'consumed', authorization: schema3Authorization });

  // Conditional writes go on from the old revision.
  expect(
    (await store.saveConnection({ ...schema3Acme, username: 'late' }, { expectedRevision: 4 }))
      .saved,
  ).toBe(false);
  expect(
    await store.saveConnection({ ...schema3Acme, name: 'Production' }, { expectedRevision: 5 }),
  ).toEqual({ saved: true, revision: 6 });

  // A second connection beside the old one: the key is (tenant, connection_id) now.
  const sandbox: ConnectionRecord = {
    tenant: 'acme',
    connectionId: 'sandbox',
    status: 'configured',
    loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    consumerKey: '3MVG9uat',
    consumerSecret: 'v1.kid.iv.uat',
    credentialsId: 'cred-uat',
    updatedAt: Date.parse('2025-05-01T00:00:00.000Z'),
  };
  expect(await store.saveConnection(sandbox, { expectedRevision: 0 })).toEqual({
    saved: true,
    revision: 1,
  });
  const list = await store.listConnections('acme');
  expect(list.map((record) => [record.connectionId, record.name, record.revision])).toEqual([
    ['default', 'Production', 6],
    ['sandbox', undefined, 1],
  ]);
  const key = await client.query(
    `SELECT a.attname AS column FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = '${prefix}_connections'::regclass AND i.indisprimary ORDER BY a.attname`,
  );
  expect(key.rows.map((row: { column: string }) => row.column)).toEqual([
    'connection_id',
    'tenant',
  ]);

  // Another server that read version 3 before this one migrated runs step 4 again: no change.
  await client.query(`UPDATE ${prefix}_meta SET value = '3' WHERE key = 'schema_version'`);
  const racing = createPostgresStore(client, { tablePrefix: prefix });
  expect((await racing.listConnections('acme')).map((record) => record.connectionId)).toEqual([
    'default',
    'sandbox',
  ]);
  expect(await racing.getConnection('acme')).toMatchObject({ name: 'Production', revision: 6 });
}
