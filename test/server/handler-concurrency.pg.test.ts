import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ConnectHandler, createConnectHandler } from '../../src/server/handler.js';
import { createPostgresStore } from '../../src/server/stores/postgres.js';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import type { SalesforceSimulator, SimulatorApp } from '../../src/simulator/types.js';
import { relayData } from '../helpers/relay-page.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { createDatabase } from '../setup/postgres.js';

// Two reference servers (two handlers, each with its own pg pool, as two processes would have)
// on one real PostgreSQL database, against the simulator with refresh token rotation and reuse
// detection: a refresh token spent twice revokes the whole grant, as at Salesforce.

const PUBLIC_URL = 'http://127.0.0.1/api/salesforce';
const APP_ORIGIN = 'http://app.localhost:5173';
const KEY = 'Lm3dB9rT2vLq7Ws1Nc8Hk3Jy6Pf0Ue5Za2Mi4Gb7Rt8=';

const address = inject('postgres');
let database: string;
let drop: () => Promise<void>;
let simulator: SalesforceSimulator;
const pools: pg.Pool[] = [];
let prefixes = 0;

beforeAll(async () => {
  const created = await createDatabase(address, 'handlers');
  database = created.database;
  drop = created.drop;
  simulator = await startSalesforceSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator?.close();
  await Promise.all(pools.map((pool) => pool.end()));
  await drop?.();
});

/** Holds Salesforce's answer to a token request of one grant type until the test lets it go. */
function gate(grantType: string) {
  let sent: () => void = () => {};
  let release: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let armed = true;
  const fetchThrough: typeof fetch = async (input, init) => {
    const body = init?.body instanceof URLSearchParams ? init.body : undefined;
    const held = armed && body?.get('grant_type') === grantType;
    const response = await fetch(input, init);
    if (held) {
      armed = false;
      sent();
      await released;
    }
    return response;
  };
  return { fetch: fetchThrough, started, release };
}

/** Two servers on one database (tables of their own for this test), one app with rotation. */
function twoServers(options: { fetchA?: typeof fetch; checkIntervalMs?: number } = {}) {
  const tablePrefix = `sfc_handlers_${++prefixes}`;
  const app: SimulatorApp = simulator.addApp({
    name: `Two servers ${prefixes}`,
    callbackUrls: [`${PUBLIC_URL}/oauth/callback`],
    scopes: ['api', 'refresh_token', 'id'],
    refreshTokenRotation: true,
    refreshTokenReuseDetection: true,
  });
  const server = (fetchImpl?: typeof fetch): ConnectHandler => {
    const pool = new pg.Pool({ ...address, database, max: 4 });
    pools.push(pool);
    return createConnectHandler({
      store: createPostgresStore(pool, { tablePrefix }),
      encryptionKey: KEY,
      publicUrl: PUBLIC_URL,
      allowedOrigins: [APP_ORIGIN],
      allowedLoginHosts: [new URL(simulator.url).host],
      resolveTenant: (request) => request.headers.get('x-tenant'),
      preflightTimeoutMs: 0,
      connectionCheckIntervalMs: options.checkIntervalMs ?? 5 * 60_000,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  };
  const a = server(options.fetchA);
  const b = server();
  const call = async (handler: ConnectHandler, method: string, path: string, body?: unknown) => {
    const response = await handler(
      new Request(`${PUBLIC_URL}${path}`, {
        method,
        headers: {
          'x-tenant': 'acme',
          'x-requested-with': 'salesforce-connect',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const raw = async () => {
    const pool = pools.at(-1) as pg.Pool;
    const { rows } = await pool.query(
      `SELECT status, access_token, refresh_token FROM ${tablePrefix}_connections WHERE tenant = 'acme'`,
    );
    return rows[0] as
      | { status: string; access_token: string | null; refresh_token: string | null }
      | undefined;
  };
  /** Saves credentials on A and logs in at the simulator: the callback URL, not yet delivered. */
  const signIn = async () => {
    await call(a, 'PUT', '/connection/credentials', {
      loginUrl: simulator.url,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    const start = await call(a, 'POST', '/connection/authorize', { returnOrigin: APP_ORIGIN });
    const landed = await authorizeAtSimulator(String(start.json.authorizeUrl));
    if (landed.kind !== 'callback') throw new Error(`no callback: ${landed.error}`);
    return landed.url;
  };
  const deliver = async (handler: ConnectHandler, url: string) => {
    const page = await (await handler(new Request(url))).text();
    return relayData(page).message as { type?: string; error?: string };
  };
  /** A REST call with the token a server hands out: 200 while the grant lives. */
  const apiWith = async (handler: ConnectHandler) => {
    const session = await handler.getSalesforceSession({ tenant: 'acme' });
    const response = await fetch(`${session.instanceUrl}/services/data/v62.0/`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    await response.body?.cancel();
    return response.status;
  };
  return { a, b, app, call, raw, signIn, deliver, apiWith };
}

describe('two servers on one PostgreSQL database', () => {
  it('refresh one grant once, however many status checks and sessions race on both', async () => {
    const s = twoServers({ checkIntervalMs: 1 });
    const landed = await s.signIn();
    expect((await s.deliver(s.a, landed)).type).toBe('oauth_complete');

    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([
        s.a.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
        s.b.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
        s.call(s.a, 'GET', '/connection'),
        s.call(s.b, 'GET', '/connection'),
        s.b.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
      ]);
      for (const result of results) {
        if (result.status === 'rejected') throw result.reason;
      }
      const statuses = results.slice(2, 4).map((result) => {
        const value = (result as PromiseFulfilledResult<{ json: Record<string, unknown> }>).value;
        return value.json.status;
      });
      expect(statuses).toEqual(['connected', 'connected']);
    }
    // Reuse detection would have revoked the grant after any double refresh: it still works.
    expect(await s.apiWith(s.a)).toBe(200);
    expect(await s.apiWith(s.b)).toBe(200);
    expect((await s.raw())?.status).toBe('connected');
  }, 60_000);

  it('keep a disconnect made on one server while the other was exchanging a code', async () => {
    const held = gate('authorization_code');
    const s = twoServers({ fetchA: held.fetch });
    const landed = await s.signIn();
    const callback = s.deliver(s.a, landed);
    await held.started;
    // The code is at Salesforce; meanwhile the admin disconnects on the other server.
    expect((await s.call(s.b, 'DELETE', '/connection')).json.status).toBe('disconnected');
    held.release();
    const message = await callback;
    expect(message.error).toBe('state_mismatch');
    const row = await s.raw();
    expect(row?.status).toBe('disconnected');
    expect(row?.access_token ?? null).toBeNull();
    expect(row?.refresh_token ?? null).toBeNull();
    expect((await s.call(s.b, 'GET', '/connection')).json.status).toBe('disconnected');
  }, 60_000);

  it('leave no tokens when a disconnect on one server lands during a refresh on the other', async () => {
    const held = gate('refresh_token');
    const s = twoServers({ fetchA: held.fetch });
    expect((await s.deliver(s.a, await s.signIn())).type).toBe('oauth_complete');
    const refreshing = s.a.getSalesforceSession({ tenant: 'acme', forceRefresh: true }).then(
      () => 'session',
      (error: unknown) => (error as { code?: string }).code ?? 'thrown',
    );
    await held.started;
    expect((await s.call(s.b, 'DELETE', '/connection')).json.status).toBe('disconnected');
    held.release();
    expect(await refreshing).not.toBe('thrown');
    const row = await s.raw();
    expect(row?.status).toBe('disconnected');
    expect(row?.access_token ?? null).toBeNull();
    expect(row?.refresh_token ?? null).toBeNull();
    await expect(s.b.getSalesforceSession({ tenant: 'acme' })).rejects.toMatchObject({
      code: expect.any(String),
    });
  }, 60_000);
});
