import type { ConnectErrorJSON } from '../../core/errors.js';
import {
  type ConnectionFieldValues,
  type ConnectionFlow,
  type ConnectionStatus,
  DEFAULT_CONNECTION_ID,
} from '../../core/types.js';
import type {
  ConnectionRecord,
  ConnectStore,
  ConsumeResult,
  PendingAuthorization,
  PendingOrgChange,
  SaveConnectionResult,
  WriteCondition,
} from './types.js';

/**
 * Anything that runs a parameterised SQL query and answers its rows: a node-postgres `Pool` or
 * `Client`, PGlite, or a wrapper of your own.
 *
 * @example
 * import pg from 'pg';
 * const client: SqlClient = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 */
export interface SqlClient {
  // biome-ignore lint/suspicious/noExplicitAny: pg and PGlite type their params and rows loosely.
  query(text: string, params?: any[]): Promise<{ rows: any[] }>;
}

/**
 * Options of {@link createPostgresStore}.
 *
 * @example
 * createPostgresStore(pool, { tablePrefix: 'crm_salesforce', onClose: () => pool.end() });
 */
export interface PostgresStoreOptions {
  /**
   * Prefix of the tables the store creates: `<prefix>_connections`, `<prefix>_authorizations` and
   * `<prefix>_meta`. Lower-case letters, digits and underscores; default `salesforce_connect`.
   */
  tablePrefix?: string;
  /** Called by `close()`, e.g. `() => pool.end()`; the store does not own the client otherwise. */
  onClose?: () => Promise<void> | void;
}

/**
 * The schema this code writes and reads; bumped with each migration. The database records it in
 * `<prefix>_meta` (key `schema_version`).
 *
 * @example
 * const { rows } = await pool.query("SELECT value FROM salesforce_connect_meta WHERE key = 'schema_version'");
 * if (Number(rows[0]?.value) !== POSTGRES_SCHEMA_VERSION) console.warn('migration pending');
 */
export const POSTGRES_SCHEMA_VERSION = 4;

/**
 * Thrown when the database holds a newer schema than this version of the kit understands (an
 * older deployment running beside a newer one).
 *
 * @example
 * catch (error) { if (error instanceof SchemaVersionError) alertOps(error.message); }
 */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
}

function migrations(prefix: string): string[][] {
  return [
    // Version 1.
    [
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
    ],
    // Version 2: a revision per record for conditional writes, and the refresh lease. Existing
    // rows start at revision 1.
    [
      `ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS revision bigint NOT NULL DEFAULT 1`,
      `ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS refreshing_until timestamptz`,
    ],
    // Version 3: a sign-in parked because it landed in another org (its tokens encrypted).
    [`ALTER TABLE ${prefix}_connections ADD COLUMN IF NOT EXISTS pending_org_change jsonb`],
    // Version 4: several connections per tenant. The existing row of each tenant becomes its
    // default connection; the key grows to (tenant, connection_id). Each connection gets a name,
    // a flow, the integrator's fields (non-secret ones as jsonb, secret ones as one encrypted
    // envelope), its creation time and a sequence number (the list order: two connections added
    // within one clock tick still list in the order they were added); authorizations name their
    // connection.
    [
      `ALTER TABLE ${prefix}_connections
        ADD COLUMN IF NOT EXISTS connection_id text NOT NULL DEFAULT 'default',
        ADD COLUMN IF NOT EXISTS name text,
        ADD COLUMN IF NOT EXISTS flow text,
        ADD COLUMN IF NOT EXISTS fields jsonb,
        ADD COLUMN IF NOT EXISTS secret_fields text,
        ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN IF NOT EXISTS created_order bigserial`,
      // Idempotent: only while the primary key is still the tenant alone.
      `IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conrelid = '${prefix}_connections'::regclass AND contype = 'p'
          AND array_length(conkey, 1) = 2
      ) THEN
        IF EXISTS (
          SELECT 1 FROM pg_constraint
          WHERE conrelid = '${prefix}_connections'::regclass AND contype = 'p'
        ) THEN
          EXECUTE (
            SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', '${prefix}_connections', conname)
            FROM pg_constraint
            WHERE conrelid = '${prefix}_connections'::regclass AND contype = 'p'
          );
        END IF;
        ALTER TABLE ${prefix}_connections ADD PRIMARY KEY (tenant, connection_id);
      END IF`,
      `ALTER TABLE ${prefix}_authorizations
        ADD COLUMN IF NOT EXISTS connection_id text NOT NULL DEFAULT 'default'`,
    ],
  ];
}

const CONNECTION_COLUMNS = [
  'tenant',
  'connection_id',
  'name',
  'flow',
  'fields',
  'secret_fields',
  'status',
  'login_url',
  'consumer_key',
  'consumer_secret',
  'credentials_id',
  'access_token',
  'refresh_token',
  'token_issued_at',
  'instance_url',
  'identity_url',
  'org_id',
  'org_name',
  'is_sandbox',
  'user_id',
  'username',
  'display_name',
  'scopes',
  'error',
  'connected_at',
  'checked_at',
  'refreshing_until',
  'pending_org_change',
  'updated_at',
] as const;

type Row = Record<string, unknown>;

const toTime = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function fromTime(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const time = value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
  return Number.isNaN(time) ? undefined : time;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function connectionParams(record: ConnectionRecord): unknown[] {
  return [
    record.tenant,
    record.connectionId ?? DEFAULT_CONNECTION_ID,
    record.name ?? null,
    record.flow ?? null,
    record.fields === undefined ? null : JSON.stringify(record.fields),
    record.secretFields ?? null,
    record.status,
    record.loginUrl,
    record.consumerKey,
    record.consumerSecret,
    record.credentialsId,
    record.accessToken ?? null,
    record.refreshToken ?? null,
    toTime(record.tokenIssuedAt),
    record.instanceUrl ?? null,
    record.identityUrl ?? null,
    record.orgId ?? null,
    record.orgName ?? null,
    record.isSandbox ?? null,
    record.userId ?? null,
    record.username ?? null,
    record.displayName ?? null,
    record.scopes === undefined ? null : record.scopes.join(' '),
    record.error === undefined ? null : JSON.stringify(record.error),
    toTime(record.connectedAt),
    toTime(record.checkedAt),
    toTime(record.refreshingUntil),
    record.pendingOrgChange === undefined ? null : JSON.stringify(record.pendingOrgChange),
    toTime(record.updatedAt),
  ];
}

function readError(value: unknown): ConnectErrorJSON | undefined {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === 'object' ? (parsed as ConnectErrorJSON) : undefined;
}

function readFields(value: unknown): ConnectionFieldValues | undefined {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as ConnectionFieldValues)
    : undefined;
}

function readFlow(value: unknown): ConnectionFlow | undefined {
  return value === 'authorization-code' || value === 'client-credentials' ? value : undefined;
}

function readPendingOrgChange(value: unknown): PendingOrgChange | undefined {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === 'object' ? (parsed as PendingOrgChange) : undefined;
}

/** Drops undefined fields, so a record read back equals the one written. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function connectionFromRow(row: Row): ConnectionRecord {
  const scopes = text(row.scopes);
  return compact({
    tenant: String(row.tenant),
    connectionId: text(row.connection_id) ?? DEFAULT_CONNECTION_ID,
    name: text(row.name),
    flow: readFlow(row.flow),
    fields: readFields(row.fields),
    secretFields: text(row.secret_fields),
    status: String(row.status) as ConnectionStatus,
    loginUrl: String(row.login_url),
    consumerKey: String(row.consumer_key),
    consumerSecret: String(row.consumer_secret),
    credentialsId: String(row.credentials_id),
    accessToken: text(row.access_token),
    refreshToken: text(row.refresh_token),
    tokenIssuedAt: fromTime(row.token_issued_at),
    instanceUrl: text(row.instance_url),
    identityUrl: text(row.identity_url),
    orgId: text(row.org_id),
    orgName: text(row.org_name),
    isSandbox: typeof row.is_sandbox === 'boolean' ? row.is_sandbox : undefined,
    userId: text(row.user_id),
    username: text(row.username),
    displayName: text(row.display_name),
    scopes: scopes === undefined ? undefined : scopes.split(' ').filter(Boolean),
    error: readError(row.error),
    connectedAt: fromTime(row.connected_at),
    checkedAt: fromTime(row.checked_at),
    refreshingUntil: fromTime(row.refreshing_until),
    pendingOrgChange: readPendingOrgChange(row.pending_org_change),
    updatedAt: fromTime(row.updated_at) ?? 0,
    createdAt: fromTime(row.created_at),
    // pg answers bigint as a string, PGlite as a number.
    revision:
      row.revision === null || row.revision === undefined ? undefined : Number(row.revision),
  });
}

function authorizationFromRow(row: Row): PendingAuthorization {
  return {
    stateHash: String(row.state_hash),
    tenant: String(row.tenant),
    codeVerifier: String(row.code_verifier),
    returnOrigin: String(row.return_origin),
    credentialsId: String(row.credentials_id),
    connectionId: text(row.connection_id) ?? DEFAULT_CONNECTION_ID,
    createdAt: fromTime(row.created_at) ?? 0,
    expiresAt: fromTime(row.expires_at) ?? 0,
  };
}

/**
 * A {@link ConnectStore} in PostgreSQL, through any client with `query(text, params)`:
 * node-postgres in production, PGlite (embedded, file-backed) for demos and tests. Creates its
 * tables on first use (and upgrades older ones in place) with idempotent statements under an
 * advisory lock, so several servers starting at once migrate once; records the schema version;
 * refuses to run against a newer schema. States are consumed with one `UPDATE … WHERE used_at IS
 * NULL RETURNING`, and conditional writes are one `UPDATE … WHERE tenant = $1 AND connection_id = $2
 * AND revision = $n RETURNING`, so two servers racing cannot both win. A record's key is
 * (tenant, connection id); tables from before several connections (schema 3 and older) are
 * upgraded in place, each tenant's row becoming its default connection.
 *
 * The secret and tokens arrive already encrypted (AES-256-GCM by the handler); this store never
 * sees them in the clear.
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = createPostgresStore(pool, { onClose: () => pool.end() });
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * const db = new PGlite('./.data/salesforce-connect');
 * const store = createPostgresStore(db, { onClose: () => db.close() });
 */
export function createPostgresStore(
  client: SqlClient,
  options: PostgresStoreOptions = {},
): ConnectStore {
  if (!client || typeof client.query !== 'function') {
    throw new TypeError(
      'createPostgresStore needs a client with query(text, params), such as a pg Pool or PGlite.',
    );
  }
  const prefix = options.tablePrefix ?? 'salesforce_connect';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new TypeError(
      `tablePrefix "${prefix}" must be lower-case letters, digits and underscores, starting with a letter or underscore.`,
    );
  }
  const connections = `${prefix}_connections`;
  const authorizations = `${prefix}_authorizations`;
  const meta = `${prefix}_meta`;

  // One transaction per step, holding a lock named after the prefix: servers starting together
  // wait for each other instead of racing on CREATE TABLE.
  const locked = (statements: readonly string[]) =>
    `DO $migrate$ BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('salesforce-connect migration ${prefix}'));
      ${statements.map((statement) => `${statement};`).join('\n      ')}
    END $migrate$`;

  async function migrate() {
    await client.query(
      locked([`CREATE TABLE IF NOT EXISTS ${meta} (key text PRIMARY KEY, value text NOT NULL)`]),
    );
    const found = await client.query(`SELECT value FROM ${meta} WHERE key = 'schema_version'`);
    const current = Number(found.rows[0]?.value ?? 0);
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new SchemaVersionError(
        `The ${prefix} tables use schema version ${current}, newer than this version of salesforce-connect understands (${POSTGRES_SCHEMA_VERSION}). Upgrade the package.`,
      );
    }
    const steps = migrations(prefix);
    for (let version = current + 1; version <= steps.length; version++) {
      await client.query(
        locked([
          ...(steps[version - 1] ?? []),
          // Never lowers the version another server may have written meanwhile.
          `INSERT INTO ${meta} (key, value) VALUES ('schema_version', '${version}')
           ON CONFLICT (key) DO UPDATE SET value = GREATEST(${meta}.value::int, ${version})::text`,
        ]),
      );
    }
  }

  let ready: Promise<void> | undefined;
  /** Runs the migrations once; a failed attempt is retried on the next call. */
  const ensureReady = () => {
    ready ??= migrate().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  const columns = CONNECTION_COLUMNS.join(', ');
  const placeholders = CONNECTION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const isKey = (column: string) => column === 'tenant' || column === 'connection_id';
  const updates = CONNECTION_COLUMNS.filter((column) => !isKey(column))
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ');
  const assignments = CONNECTION_COLUMNS.map((column, i) => ({ column, i }))
    .filter(({ column }) => !isKey(column))
    .map(({ column, i }) => `${column} = $${i + 1}`)
    .join(', ');
  const revisionParam = `$${CONNECTION_COLUMNS.length + 1}`;

  async function read(
    tenant: string,
    connectionId: string = DEFAULT_CONNECTION_ID,
  ): Promise<ConnectionRecord | undefined> {
    const result = await client.query(
      `SELECT * FROM ${connections} WHERE tenant = $1 AND connection_id = $2`,
      [tenant, connectionId],
    );
    const row = result.rows[0] as Row | undefined;
    return row ? connectionFromRow(row) : undefined;
  }

  async function write(
    record: ConnectionRecord,
    condition: WriteCondition | undefined,
  ): Promise<SaveConnectionResult> {
    const params = connectionParams(record);
    let result: { rows: Row[] };
    if (!condition) {
      result = await client.query(
        `INSERT INTO ${connections} AS t (${columns}, revision) VALUES (${placeholders}, 1)
         ON CONFLICT (tenant, connection_id) DO UPDATE SET ${updates}, revision = t.revision + 1
         RETURNING revision`,
        params,
      );
    } else if (condition.expectedRevision === 0) {
      result = await client.query(
        `INSERT INTO ${connections} (${columns}, revision) VALUES (${placeholders}, 1)
         ON CONFLICT (tenant, connection_id) DO NOTHING RETURNING revision`,
        params,
      );
    } else {
      // The comparison and the write are one statement: atomic under concurrent writers.
      result = await client.query(
        `UPDATE ${connections} SET ${assignments}, revision = revision + 1
         WHERE tenant = $1 AND connection_id = $2 AND revision = ${revisionParam}::bigint
         RETURNING revision`,
        [...params, condition.expectedRevision],
      );
    }
    const row = result.rows[0];
    if (row) return { saved: true, revision: Number(row.revision) };
    return { saved: false, current: await read(record.tenant, record.connectionId) };
  }

  return {
    async getConnection(tenant, connectionId) {
      await ensureReady();
      return read(tenant, connectionId);
    },

    async saveConnection(record, condition) {
      await ensureReady();
      return write(record, condition);
    },

    async deleteConnection(tenant, condition, connectionId = DEFAULT_CONNECTION_ID) {
      await ensureReady();
      const removed = await client.query(
        `DELETE FROM ${connections}
         WHERE tenant = $1 AND connection_id = $3
           AND ($2::bigint IS NULL OR revision = $2::bigint)
         RETURNING tenant`,
        [tenant, condition?.expectedRevision ?? null, connectionId],
      );
      return removed.rows.length > 0;
    },

    async listConnections(tenant) {
      await ensureReady();
      const found = await client.query(
        `SELECT * FROM ${connections} WHERE tenant = $1
         ORDER BY connection_id <> $2, created_order`,
        [tenant, DEFAULT_CONNECTION_ID],
      );
      return found.rows.map((row: Row) => connectionFromRow(row));
    },

    async listTenants({ after, limit }) {
      await ensureReady();
      // Byte order, so paging does not depend on the database's collation; one row per tenant
      // whatever its number of connections.
      const found = await client.query(
        `SELECT tenant FROM ${connections}
         WHERE $1::text IS NULL OR tenant COLLATE "C" > $1::text COLLATE "C"
         GROUP BY tenant
         ORDER BY tenant COLLATE "C" LIMIT $2`,
        [after ?? null, limit],
      );
      return found.rows.map((row: Row) => String(row.tenant));
    },

    async saveAuthorization(authorization) {
      await ensureReady();
      await client.query(
        `INSERT INTO ${authorizations}
           (state_hash, tenant, code_verifier, return_origin, credentials_id, created_at, expires_at,
            connection_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          authorization.stateHash,
          authorization.tenant,
          authorization.codeVerifier,
          authorization.returnOrigin,
          authorization.credentialsId,
          toTime(authorization.createdAt),
          toTime(authorization.expiresAt),
          authorization.connectionId ?? DEFAULT_CONNECTION_ID,
        ],
      );
    },

    async consumeAuthorization({ stateHash, tenant, usedAt }): Promise<ConsumeResult> {
      await ensureReady();
      const taken = await client.query(
        `UPDATE ${authorizations} SET used_at = $3
         WHERE state_hash = $1 AND used_at IS NULL AND ($2::text IS NULL OR tenant = $2::text)
         RETURNING *`,
        [stateHash, tenant ?? null, toTime(usedAt)],
      );
      const row = taken.rows[0] as Row | undefined;
      if (row) return { status: 'consumed', authorization: authorizationFromRow(row) };
      // Only to word the refusal: the consumption above already decided.
      const seen = await client.query(
        `SELECT used_at FROM ${authorizations}
         WHERE state_hash = $1 AND ($2::text IS NULL OR tenant = $2::text)`,
        [stateHash, tenant ?? null],
      );
      return seen.rows.length > 0 ? { status: 'already_used' } : { status: 'unknown' };
    },

    async deleteExpiredAuthorizations(before) {
      await ensureReady();
      const removed = await client.query(
        `DELETE FROM ${authorizations} WHERE expires_at < $1 RETURNING state_hash`,
        [toTime(before)],
      );
      return removed.rows.length;
    },

    async close() {
      await options.onClose?.();
    },
  };
}
