import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import { createConnectHandler } from '../../src/server/handler.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { ConnectionRecord, ConnectStore } from '../../src/server/stores/types.js';
import { INSTANCE_URL, ORG_ID } from './fake-salesforce.js';
import { APP_ORIGIN, createHarness, PUBLIC_URL, TEST_KEY } from './handler-harness.js';

const MINUTE = 60_000;
const salesforceCalls = (h: ReturnType<typeof createHarness>) =>
  h.salesforce.requests.filter((r) => r.path !== '/services/oauth2/authorize').length;

describe('GET /connection while connected', () => {
  it('answers from the store between checks: polling does not reach Salesforce', async () => {
    const h = createHarness();
    await h.connect();
    const before = salesforceCalls(h);
    for (let i = 0; i < 20; i++) {
      h.clock.now += 10_000;
      expect((await h.getConnection()).status).toBe('connected');
    }
    expect(salesforceCalls(h)).toBe(before);
  });

  it('confirms the connection with Salesforce once the check interval has passed', async () => {
    const h = createHarness();
    await h.connect();
    h.clock.now += 5 * MINUTE;
    const before = salesforceCalls(h);
    const connection = await h.getConnection();
    expect(connection.status).toBe('connected');
    const identity = h.salesforce.requests.slice(-1)[0];
    expect(identity?.path).toBe(`/id/${ORG_ID}/0055g000000XyzwAAC`);
    expect(identity?.authorization).toMatch(/^Bearer 00D5g!AQ/);
    expect(salesforceCalls(h)).toBe(before + 1);
    // The check does not change what the kit sees, so answers stay identical.
    expect(await h.getConnection()).toEqual(connection);
  });

  it('turns needs_reauth when the admin revoked the app in Salesforce', async () => {
    const h = createHarness();
    await h.connect();
    h.salesforce.revokeAll();
    h.clock.now += 5 * MINUTE;
    const connection = await h.getConnection();
    expect(connection.status).toBe('needs_reauth');
    expect(connection.error).toMatchObject({
      code: 'invalid_grant',
      salesforceError: 'invalid_grant',
    });
    expect(connection.org?.id).toBe(ORG_ID);
    const record = await h.store.getConnection('acme');
    expect(record?.refreshToken).toBeUndefined();
    expect(record?.accessToken).toBeUndefined();
    // Reconnecting repairs it.
    const start = await h.start();
    await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('refreshes an old access token before checking, and stays connected', async () => {
    const h = createHarness();
    await h.connect();
    h.clock.now += 20 * MINUTE;
    expect((await h.getConnection()).status).toBe('connected');
    const grants = h.salesforce.requests.map((r) => r.form?.get('grant_type')).filter(Boolean);
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('stays connected when Salesforce is down, and tries again only after the next interval', async () => {
    const h = createHarness();
    await h.connect();
    h.clock.now += 5 * MINUTE;
    h.salesforce.setFault('identity_fails', 10);
    h.salesforce.setFault('token_unavailable', 10);
    const connection = await h.getConnection();
    expect(connection.status).toBe('connected');
    const calls = salesforceCalls(h);
    h.clock.now += MINUTE;
    await h.getConnection();
    expect(salesforceCalls(h)).toBe(calls);
    expect(
      h.logs.some((l) => l.level === 'warn' && l.details?.code === 'salesforce_unavailable'),
    ).toBe(true);
  });

  it('counts a token refused only for lacking the identity scope as alive', async () => {
    const h = createHarness();
    await h.connect();
    h.clock.now += 5 * MINUTE;
    h.salesforce.setFault('identity_insufficient_scope', 2);
    const before = salesforceCalls(h);
    expect((await h.getConnection()).status).toBe('connected');
    // One identity call, answered "Insufficient_Scope": no refresh, no second try.
    expect(salesforceCalls(h)).toBe(before + 1);
  });

  it('does not bring back a connection disconnected while it was being checked', async () => {
    let disconnectDuringCheck: (() => Promise<unknown>) | undefined;
    const h = createHarness({
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const run = disconnectDuringCheck;
        if (run && url.includes('/id/')) {
          disconnectDuringCheck = undefined;
          await run();
        }
        return h.salesforce.fetch(input, init);
      },
    });
    await h.connect();
    h.clock.now += 5 * MINUTE;
    disconnectDuringCheck = () => h.request('DELETE', '/connection');
    expect((await h.getConnection()).status).toBe('disconnected');
    const record = await h.store.getConnection('acme');
    expect(record?.status).toBe('disconnected');
    expect(record?.accessToken).toBeUndefined();
  });

  it('can be told never to check', async () => {
    const h = createHarness({ connectionCheckIntervalMs: 0 });
    await h.connect();
    h.salesforce.revokeAll();
    h.clock.now += 60 * MINUTE;
    expect((await h.getConnection()).status).toBe('connected');
  });
});

describe('getSalesforceSession (refresh on use)', () => {
  it('hands out the stored access token while it is young', async () => {
    const h = createHarness();
    await h.connect();
    const session = await h.handler.getSalesforceSession({ tenant: 'acme' });
    expect(session.accessToken).toMatch(/^00D5g!AQ/);
    expect(session).toMatchObject({ instanceUrl: INSTANCE_URL, orgId: ORG_ID });
    expect(h.salesforce.issued).toContain(session.accessToken);
  });

  it('refreshes an old token, and stores the rotated refresh token Salesforce sends', async () => {
    const h = createHarness({ rotate: true });
    await h.connect();
    const first = await h.handler.getSalesforceSession({ tenant: 'acme' });
    h.clock.now += 16 * MINUTE;
    const second = await h.handler.getSalesforceSession({ tenant: 'acme' });
    expect(second.accessToken).not.toBe(first.accessToken);
    // The first refresh token is spent; the rotated one must have been kept to refresh again.
    h.clock.now += 16 * MINUTE;
    const third = await h.handler.getSalesforceSession({ tenant: 'acme' });
    expect(third.accessToken).not.toBe(second.accessToken);
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('refreshes once for many concurrent callers (rotation would fail the others)', async () => {
    const h = createHarness({ rotate: true });
    await h.connect();
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
      ),
    );
    expect(new Set(sessions.map((s) => s.accessToken)).size).toBe(1);
    const refreshes = h.salesforce.requests.filter(
      (r) => r.form?.get('grant_type') === 'refresh_token',
    );
    expect(refreshes).toHaveLength(1);
  });

  it('uses the token another server rotated a moment ago instead of giving up', async () => {
    const shared = createMemoryStore();
    // This server's view lags once: it reads the record from before the other server's rotation.
    let lagging: ConnectionRecord | undefined;
    const store: ConnectStore = {
      ...shared,
      getConnection: async (tenant) => {
        const stale = lagging;
        lagging = undefined;
        return stale ?? shared.getConnection(tenant);
      },
    };
    const h = createHarness({ rotate: true, store });
    await h.connect();
    const other = createConnectHandler({
      store: shared,
      encryptionKey: TEST_KEY,
      publicUrl: PUBLIC_URL,
      allowedOrigins: [APP_ORIGIN],
      resolveTenant: () => 'acme',
      fetch: h.salesforce.fetch,
      clock: () => h.clock.now,
    });
    lagging = await shared.getConnection('acme');
    const rotated = await other.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    const session = await h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    expect(session.accessToken).toBe(rotated.accessToken);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('marks needs_reauth and throws invalid_grant when Salesforce refuses the refresh token', async () => {
    const h = createHarness();
    await h.connect();
    h.salesforce.setFault('refresh_invalid_grant');
    const failure = await h.handler
      .getSalesforceSession({ tenant: 'acme', forceRefresh: true })
      .catch((error: unknown) => error);
    expect(ConnectError.is(failure) && failure.code).toBe('invalid_grant');
    expect((await h.getConnection()).status).toBe('needs_reauth');
    const again = await h.handler.getSalesforceSession({ tenant: 'acme' }).catch((e: unknown) => e);
    expect(ConnectError.is(again) && again.code).toBe('invalid_grant');
  });

  it('throws not_configured for a tenant without a connection', async () => {
    const h = createHarness();
    const failure = await h.handler
      .getSalesforceSession({ tenant: 'nobody' })
      .catch((e: unknown) => e);
    expect(ConnectError.is(failure) && failure.code).toBe('not_configured');
  });

  it('without the refresh_token scope, says reconnecting is needed and why', async () => {
    const h = createHarness({ scopes: ['api'] });
    await h.connect();
    const failure = await h.handler
      .getSalesforceSession({ tenant: 'acme', forceRefresh: true })
      .catch((e: unknown) => e);
    expect(ConnectError.is(failure) && failure.message).toMatch(/refresh_token\) scope/);
    expect((await h.getConnection()).status).toBe('needs_reauth');
  });
});

describe('secrets at rest and in transit', () => {
  it('stores only ciphertext: no secret, token or verifier in any stored record', async () => {
    const h = createHarness();
    await h.connect();
    await h.start();
    const record = await h.store.getConnection('acme');
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(h.app.consumerSecret);
    for (const token of h.salesforce.issued) expect(stored).not.toContain(token);
    expect(record?.consumerSecret).toMatch(/^v1\./);
    expect(record?.refreshToken).toMatch(/^v1\./);
    expect(record?.accessToken).toMatch(/^v1\./);
  });

  it('explains an encryption key that no longer matches the stored secrets', async () => {
    const store = createMemoryStore();
    const h = createHarness({ store });
    await h.save();
    const other = createConnectHandler({
      store,
      encryptionKey: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=',
      publicUrl: PUBLIC_URL,
      allowedOrigins: [APP_ORIGIN],
      resolveTenant: () => 'acme',
      fetch: h.salesforce.fetch,
    });
    const start = await other(
      new Request(`${PUBLIC_URL}/connection/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'salesforce-connect' },
        body: JSON.stringify({ returnOrigin: APP_ORIGIN }),
      }),
    );
    const landed = await h.salesforce.approve(
      ((await start.json()) as { authorizeUrl: string }).authorizeUrl,
    );
    const page = await other(new Request(landed));
    // The popup gets the failure page (never a JSON 500), and the advice fixes it.
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('adapter_error');
    expect(html).toContain('save the credentials again, typing the Consumer Secret');
    const record = await store.getConnection('acme');
    expect(record?.status).toBe('error');
    expect(record?.error?.code).toBe('adapter_error');
  });

  it('never puts the secret, a token or a code in an answer or a log line, on any path', async () => {
    const h = createHarness({ rotate: true, salesforceTimeoutMs: 20 });
    const { landed } = await h.connect();
    const codes = [new URL(landed).searchParams.get('code') as string];
    h.clock.now += 20 * MINUTE;
    await h.getConnection();
    await h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    for (const fault of ['token_invalid_client', 'token_unavailable', 'token_slow'] as const) {
      const start = await h.start();
      const url = await h.salesforce.approve(start.json.authorizeUrl);
      codes.push(new URL(url).searchParams.get('code') as string);
      h.salesforce.setFault(fault);
      await h.callback(url);
      await h.callback(url);
    }
    await h.save({ ...h.credentials(), consumerSecret: '' });
    await h.save({ ...h.credentials(), consumerKey: 'bad key' });
    h.salesforce.setFault('revoke_fails');
    await h.request('DELETE', '/connection');

    const everything = [...h.bodies, ...h.logs.map((line) => JSON.stringify(line))].join('\n');
    expect(h.bodies.length).toBeGreaterThan(10);
    expect(h.logs.length).toBeGreaterThan(5);
    const secrets = [h.app.consumerSecret, ...h.salesforce.issued, ...codes];
    expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
  });
});
