import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/types.js';
import { type ConnectHandler, createConnectHandler } from '../../src/server/handler.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { ConnectStore } from '../../src/server/stores/types.js';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import type { LogLine } from './handler-harness.js';

// The reference server over a memory store, and the simulator as Salesforce: a client-credentials
// connection from saving its credentials to losing its token.

const PUBLIC_URL = 'https://app.example.com/api/salesforce';
const KEY = 'q5b0Yp9u7m3V1xk2R8d4Jf6Lz0Wc3Hs9Ta1Ne5Gi7Ko=';
const RUN_AS = 'integration@acme.example';
const HOUR = 60 * 60 * 1000;

let simulator: SalesforceSimulator;
let app: SimulatorApp;
let handler: ConnectHandler;
let store: ConnectStore;
let clock: { now: number };
let logs: LogLine[];
let bodies: string[];
let tokenRequests: string[];
let tokens: string[];

beforeEach(async () => {
  clock = { now: Date.now() };
  simulator = await startSalesforceSimulator({
    now: () => clock.now,
    sessionTimeoutMs: 2 * HOUR,
    users: [
      { username: 'admin@acme.example', password: 'pw-admin-1' },
      { username: RUN_AS, password: 'pw-integration-1', displayName: 'Integration User' },
    ],
  });
  app = simulator.addApp({
    name: 'Acme Sync',
    callbackUrls: ['https://app.example.com/unused'],
    scopes: ['api', 'refresh_token', 'id'],
    clientCredentials: { enabled: true, runAsUsername: RUN_AS },
  });
  store = createMemoryStore();
  logs = [];
  bodies = [];
  tokenRequests = [];
  tokens = [];
  const watchingFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/services/oauth2/token')) tokenRequests.push(url);
    const response = await fetch(input, init);
    if (url.endsWith('/services/oauth2/token') && response.ok) {
      tokens.push(((await response.clone().json()) as { access_token: string }).access_token);
    }
    return response;
  };
  handler = createConnectHandler({
    store,
    encryptionKey: KEY,
    publicUrl: PUBLIC_URL,
    allowedOrigins: ['https://app.example.com'],
    allowedLoginHosts: [new URL(simulator.url).host, new URL(simulator.instanceUrl).host],
    resolveTenant: () => 'acme',
    scopes: ['api', 'refresh_token', 'id'],
    fetch: watchingFetch,
    clock: () => clock.now,
    // The status check runs once the clock moved past the connection's last check.
    connectionCheckIntervalMs: 1,
    accessTokenMaxAgeMs: HOUR,
    logger: {
      info: (message, details) => logs.push({ level: 'info', message, details }),
      warn: (message, details) => logs.push({ level: 'warn', message, details }),
      error: (message, details) => logs.push({ level: 'error', message, details }),
    },
  });
});

afterEach(() => simulator.close());

async function call(method: string, path: string, body?: unknown) {
  const response = await handler(
    new Request(`${PUBLIC_URL}${path}`, {
      method,
      headers: {
        'x-requested-with': 'salesforce-connect',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  const text = await response.text();
  bodies.push(text);
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape.
  return { status: response.status, json: JSON.parse(text) as any };
}

/** The org's My Domain in the simulator: its instance origin. */
const myDomain = () => simulator.instanceUrl;

const save = (loginUrl = myDomain(), flow: string | undefined = 'client-credentials') =>
  call('PUT', '/connection/credentials', {
    loginUrl,
    consumerKey: app.consumerKey,
    consumerSecret: app.consumerSecret,
    ...(flow === undefined ? {} : { flow }),
  });
const connect = () => call('POST', '/connection/client-credentials');

describe('connecting with client credentials', () => {
  it('saves the flow, connects without a popup as the Run As user, and keeps no refresh token', async () => {
    const saved = await save();
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ status: 'configured', flow: 'client-credentials' });
    expect(saved.json.error).toBeUndefined();

    const connected = await connect();
    expect(connected.status).toBe(200);
    const runAs = simulator.users.find((user) => user.username === RUN_AS);
    expect(connected.json).toMatchObject({
      status: 'connected',
      flow: 'client-credentials',
      user: { id: runAs?.id, username: RUN_AS, displayName: 'Integration User' },
      org: { id: simulator.org.id, instanceUrl: simulator.instanceUrl, name: 'Acme (Simulated)' },
    });
    const record = await store.getConnection('acme');
    expect(record?.flow).toBe('client-credentials');
    expect(record?.accessToken).toBeDefined();
    expect(record?.refreshToken).toBeUndefined();
    // Encrypted at rest, and never in an answer.
    expect(JSON.stringify(record)).not.toContain(tokens[0]);
    for (const body of bodies) {
      for (const token of tokens) expect(body).not.toContain(token);
      expect(body).not.toContain(app.consumerSecret);
    }
    const session = await handler.getSalesforceSession({ tenant: 'acme' });
    expect(session.accessToken).toBe(tokens[0]);
  });

  it('refuses login.salesforce.com and test.salesforce.com when saving, on the loginUrl field, before any request', async () => {
    for (const loginUrl of ['https://login.salesforce.com', 'test.salesforce.com/']) {
      const saved = await save(loginUrl);
      expect(saved.status).toBe(400);
      expect(saved.json.error).toMatchObject({ code: 'generic_login_host', field: 'loginUrl' });
      expect(saved.json.error.message).toMatch(/My Domain URL/);
    }
    expect(tokenRequests).toEqual([]);
    expect(await store.getConnection('acme')).toBeUndefined();
  });

  it('accepts the same generic host for the popup flow', async () => {
    // No preflight here (it would need the internet): only the flow's own check is asked about.
    const saved = await call('PUT', '/connection/credentials', {
      loginUrl: 'https://login.salesforce.com',
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
      flow: 'authorization-code',
    });
    expect(saved.json.error?.code).not.toBe('generic_login_host');
  });

  it('refuses an unknown flow on the flow field', async () => {
    const saved = await save(myDomain(), 'password');
    expect(saved.status).toBe(400);
    expect(saved.json.error).toMatchObject({ code: 'invalid_input', field: 'flow' });
  });

  it('answers Salesforce’s refusal of the generic host when the simulator is asked on it', async () => {
    // The simulator's login origin plays login.salesforce.com; the kit cannot tell it apart (an
    // allowed custom host), so Salesforce's answer is what the admin reads.
    await save(simulator.url);
    const refused = await connect();
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('generic_login_host');
    expect((await call('GET', '/connection')).json).toMatchObject({
      status: 'error',
      error: { code: 'generic_login_host' },
    });
  });

  it.each([
    ['run_as_user_missing', { enabled: true }],
    ['client_credentials_disabled', { enabled: false, runAsUsername: RUN_AS }],
  ] as const)('explains %s from the app’s settings', async (code, clientCredentials) => {
    simulator.updateApp(app.consumerKey, { clientCredentials });
    await save();
    const refused = await connect();
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe(code);
    expect((await call('GET', '/connection')).json.status).toBe('error');
  });

  it('explains an inactive Run As user, and one without API access (revoking the useless token)', async () => {
    await save();
    simulator.updateUser(RUN_AS, { active: false });
    expect((await connect()).json.error.code).toBe('run_as_user_inactive');
    simulator.updateUser(RUN_AS, { active: true, apiEnabled: false });
    const noApi = await connect();
    expect(noApi.json.error.code).toBe('run_as_user_no_api');
    // The token Salesforce issued before the API refused it is revoked.
    const last = tokens.at(-1) as string;
    const api = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${last}` },
    });
    expect(api.status).toBe(401);
  });

  it('refuses startAuthorization on a client-credentials connection, in plain words', async () => {
    await save();
    const refused = await call('POST', '/connection/authorize', {
      returnOrigin: 'https://app.example.com',
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid_input');
    expect(refused.json.error.message).toMatch(/without a Salesforce window/);
  });

  it('refuses to connect a popup connection with client credentials', async () => {
    await call('PUT', '/connection/credentials', {
      loginUrl: simulator.url,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    const refused = await connect();
    expect(refused.json.error.code).toBe('invalid_input');
    expect(tokenRequests).toEqual([]);
    expect((await call('POST', '/connection/client-credentials')).status).toBe(400);
  });

  it('refuses to connect before credentials are saved', async () => {
    expect((await connect()).json.error.code).toBe('not_configured');
  });

  it('revokes the token it replaces, and the token on disconnect', async () => {
    await save();
    await connect();
    await connect();
    const [first, second] = tokens as [string, string];
    const limits = (token: string) =>
      fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await limits(first)).status).toBe(401);
    expect((await limits(second)).status).toBe(200);
    const disconnected = await call('DELETE', '/connection');
    expect(disconnected.json.status).toBe('disconnected');
    expect((await limits(second)).status).toBe(401);
  });

  it('a sign-in started before the flow changed to client credentials cannot land', async () => {
    await save(myDomain(), 'authorization-code');
    const started = await call('POST', '/connection/authorize', {
      returnOrigin: 'https://app.example.com',
    });
    expect(started.status).toBe(200);
    await save();
    const completed = await call('POST', '/connection/complete', {
      code: 'any-code',
      state: started.json.state,
    });
    expect(completed.json.error.code).toBe('state_mismatch');
  });

  it('changing the flow of the same app drops the other flow’s tokens', async () => {
    await save();
    await connect();
    const resaved = await save(myDomain(), 'authorization-code');
    expect(resaved.json.status).toBe('configured');
    expect(resaved.json.flow).toBe('authorization-code');
    expect((await store.getConnection('acme'))?.accessToken).toBeUndefined();
  });
});

describe('asking again when the token expires (there is no refresh token)', () => {
  it('getSalesforceSession requests a new token once the old one is stale', async () => {
    await save();
    await connect();
    clock.now += 3 * HOUR;
    const session = await handler.getSalesforceSession({ tenant: 'acme' });
    expect(tokens).toHaveLength(2);
    expect(session.accessToken).toBe(tokens[1]);
    const api = await fetch(`${session.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(api.status).toBe(200);
  });

  it('asks once for many concurrent callers (single flight)', async () => {
    await save();
    await connect();
    clock.now += 3 * HOUR;
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () => handler.getSalesforceSession({ tenant: 'acme' })),
    );
    expect(tokens).toHaveLength(2);
    expect(new Set(sessions.map((session) => session.accessToken)).size).toBe(1);
  });

  it('forceRefresh (after Salesforce said the session is invalid) asks for a new token', async () => {
    await save();
    await connect();
    const session = await handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    expect(tokens).toHaveLength(2);
    expect(session.accessToken).toBe(tokens[1]);
  });

  it('the status check asks again when Salesforce refuses the token', async () => {
    await save();
    await connect();
    // Salesforce ended the session early (an admin, a timeout shorter than the server thinks).
    simulator.revokeAll(app.consumerKey);
    clock.now += 10;
    const status = (await call('GET', '/connection')).json as Connection;
    expect(status.status).toBe('connected');
    expect(tokens).toHaveLength(2);
  });

  it('a refused request for a new token marks the connection with the mapped error', async () => {
    await save();
    await connect();
    simulator.updateApp(app.consumerKey, { clientCredentials: { enabled: true } });
    clock.now += 3 * HOUR;
    await expect(handler.getSalesforceSession({ tenant: 'acme' })).rejects.toMatchObject({
      code: 'run_as_user_missing',
    });
    const status = (await call('GET', '/connection')).json as Connection;
    expect(status).toMatchObject({ status: 'error', error: { code: 'run_as_user_missing' } });
    expect((await store.getConnection('acme'))?.accessToken).toBeUndefined();
    // Fixing the app and connecting again works.
    simulator.updateApp(app.consumerKey, {
      clientCredentials: { enabled: true, runAsUsername: RUN_AS },
    });
    expect((await connect()).json.status).toBe('connected');
  });

  it('Salesforce down while asking again keeps the connection as it was', async () => {
    await save();
    await connect();
    simulator.setFault('server_error', { times: 1 });
    clock.now += 3 * HOUR;
    await expect(handler.getSalesforceSession({ tenant: 'acme' })).rejects.toMatchObject({
      code: 'salesforce_unavailable',
    });
    expect((await store.getConnection('acme'))?.status).toBe('connected');
    expect((await handler.getSalesforceSession({ tenant: 'acme' })).accessToken).toBe(tokens[1]);
  });
});
