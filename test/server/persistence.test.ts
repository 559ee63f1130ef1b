import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { createPostgresStore } from '../../src/server/stores/postgres.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { LIVE_APP_ORIGIN, startLiveServer } from './live-harness.js';

it('survives a restart on a file-backed database: connection, tokens and a pending sign-in', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sfc-restart-'));
  const first = new PGlite(dir);
  const live = await startLiveServer({ store: createPostgresStore(first) });
  try {
    const { adapter, simulator } = live;
    await adapter.saveCredentials(live.credentials);
    const start = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
    const landed = await authorizeAtSimulator(start.authorizeUrl);
    await fetch(landed.url);
    const before = await adapter.getConnection();
    expect(before.status).toBe('connected');
    // A sign-in begun before the restart, finished after it.
    const pending = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
    const pendingLanded = await authorizeAtSimulator(pending.authorizeUrl);

    // At rest: ciphertext only.
    const rows = await first.query('SELECT * FROM salesforce_connect_connections');
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain(live.credentials.consumerSecret);
    for (const token of live.tokens) expect(stored).not.toContain(token);
    const states = JSON.stringify(
      (await first.query('SELECT * FROM salesforce_connect_authorizations')).rows,
    );
    expect(states).not.toContain(pending.state);

    await first.close();
    const second = new PGlite(dir);
    live.restart({ store: createPostgresStore(second, { onClose: () => second.close() }) });

    expect(await adapter.getConnection()).toEqual(before);
    const session = await live.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    const api = await fetch(`${session.instanceUrl}/services/data/v62.0/`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(api.status).toBe(200);

    const page = await fetch(pendingLanded.url);
    expect(page.status).toBe(200);
    expect((await adapter.getConnection()).status).toBe('connected');
    expect(simulator.requests.some((r) => r.path === '/services/oauth2/revoke')).toBe(true);
    await second.close();
  } finally {
    await live.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
