import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SalesforceSimulator } from '../../src/simulator/index.js';
import { createDatabase } from '../setup/postgres.js';
import { clientCredentialsConnect } from './scenarios/client-credentials.js';
import {
  duplicateOrgRefused,
  sandboxNextToProduction,
  startSandbox,
} from './scenarios/connections.js';
import { fieldsSavedAndRefused } from './scenarios/fields.js';
import type { E2eWorld } from './scenarios/world.js';
import {
  type E2eStack,
  launchChromium,
  openSession,
  type Session,
  startE2eStack,
} from './support/session.js';

// Issue 17's three features end to end in Chromium on real PostgreSQL: the demo stack (the
// simulator, the reference server, the Vite page) with its store on a `pg.Pool` to a fresh
// database of the `postgres` project's throwaway cluster, running the same scenarios as the
// PGlite files (fields, connections, client-credentials .e2e.test.ts). One stack and one
// Chromium for the file; each scenario opens its own browser context on a workspace of its own.

/** Chromium, Vite and the servers share two busy cores: an e2e scenario takes its time. */
const E2E_TIMEOUT = 120_000;

const address = inject('postgres');
let pool: pg.Pool | undefined;
let drop: (() => Promise<void>) | undefined;
let sandbox: SalesforceSimulator | undefined;
let e2e: E2eStack | undefined;
let browser: Browser | undefined;
const sessions: Session[] = [];

beforeAll(async () => {
  const database = await createDatabase(address, 'e2e');
  drop = database.drop;
  pool = new pg.Pool({ ...address, database: database.database, max: 8 });
  const started = await startSandbox();
  sandbox = started.sandbox;
  [e2e, browser] = await Promise.all([
    startE2eStack({ sql: pool, extraLoginHosts: started.loginHosts }),
    launchChromium(),
  ]);
}, E2E_TIMEOUT);

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close().catch(() => {})));
  await browser?.close();
  await e2e?.close();
  await sandbox?.close();
  await pool?.end();
  await drop?.();
}, E2E_TIMEOUT);

const world: E2eWorld = {
  get stack() {
    if (!e2e) throw new Error('The stack starts in beforeAll.');
    return e2e.stack;
  },
  async session(options) {
    if (!e2e || !browser) throw new Error('The stack starts in beforeAll.');
    const opened = await openSession(browser, e2e.stack, options);
    sessions.push(opened);
    return opened;
  },
};

describe('the demo stack on a PostgreSQL server', { timeout: E2E_TIMEOUT }, () => {
  it('keeps its connections in PostgreSQL, not in PGlite', async () => {
    const { rows } = await (pool as pg.Pool).query<{ version: string }>(
      'SELECT version() AS version',
    );
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    // The scenarios below write here; the store made its tables on the first request.
    const { page } = await world.session();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    const { rows: tables } = await (pool as pg.Pool).query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'salesforce_connect%' ORDER BY 1",
    );
    expect(tables.map((table) => table.name)).toContain('salesforce_connect_connections');
  });

  it('integrator fields: bad input refused beside its box and kept, values shown back after a reload, an unknown field refused by the server', () =>
    fieldsSavedAndRefused(world));

  it('several connections: a sandbox next to production, one removed, the other connected', () =>
    sandboxNextToProduction(world, sandbox as SalesforceSimulator));

  it('several connections: the same org twice refused with duplicate_org', () =>
    duplicateOrgRefused(world));

  it('client credentials: login.salesforce.com refused with the values kept, then a connection without a popup', () =>
    clientCredentialsConnect(world));

  it('after the scenarios above: their names, fields, statuses and flows are rows in PostgreSQL', async () => {
    const { rows } = await (pool as pg.Pool).query<{
      name: string | null;
      flow: string | null;
      fields: unknown;
      status: string;
    }>('SELECT name, flow, fields, status FROM salesforce_connect_connections ORDER BY name');
    const byName = (name: string) => rows.find((row) => row.name === name);
    // From the fields scenario: the name and the normalized companies, as jsonb.
    expect(byName('Acme Production')).toMatchObject({
      fields: { companies: ['Acme GmbH', 'Acme Inc'] },
      status: 'configured',
    });
    // From the duplicate org scenario: the first connected, the second kept, refused.
    expect(byName('Production')).toMatchObject({ status: 'connected' });
    expect(byName('Second login')).toMatchObject({ status: 'configured' });
    // From the client credentials scenario: its flow is stored.
    expect(rows.filter((row) => row.flow === 'client-credentials')).toHaveLength(1);
  });
});
