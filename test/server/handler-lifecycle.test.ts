import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import { createSecretBox } from '../../src/server/crypto.js';
import { type ConnectHandlerOptions, createConnectHandler } from '../../src/server/handler.js';
import { reencryptAll } from '../../src/server/reencrypt.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { ConnectionRecord, ConnectStore } from '../../src/server/stores/types.js';
import { APP_ORIGIN, createHarness, PUBLIC_URL, TEST_KEY } from './handler-harness.js';

// The token lifecycle under concurrency, failures and key changes (issue 14): each test here
// failed against the server before that work.

const MINUTE = 60_000;
const OTHER_KEY = 'base64:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=';
const THIRD_KEY = 'hex:8f1c2e3d4a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5';

const refreshCount = (h: ReturnType<typeof createHarness>) =>
  h.salesforce.requests.filter((r) => r.form?.get('grant_type') === 'refresh_token').length;

/** A second server instance on the same store and the same Salesforce. */
function secondInstance(
  h: ReturnType<typeof createHarness>,
  store: ConnectStore,
  options: Partial<ConnectHandlerOptions> = {},
) {
  return createConnectHandler({
    store,
    encryptionKey: TEST_KEY,
    publicUrl: PUBLIC_URL,
    allowedOrigins: [APP_ORIGIN],
    resolveTenant: () => 'acme',
    fetch: h.salesforce.fetch,
    clock: () => h.clock.now,
    ...options,
  });
}

/** Runs `action` (once) when the server asks Salesforce for the token of an authorization code. */
function duringCodeExchange(action: () => Promise<unknown>) {
  let pending: (() => Promise<unknown>) | undefined = action;
  return {
    arm: () => {
      pending = action;
    },
    wrap:
      (salesforceFetch: () => typeof fetch): typeof fetch =>
      async (input, init) => {
        const body = typeof init?.body === 'string' ? init.body : String(init?.body ?? '');
        const run = pending;
        if (run && body.includes('grant_type=authorization_code')) {
          pending = undefined;
          await run();
        }
        return salesforceFetch()(input, init);
      },
  };
}

describe('one refresh per grant (item 1)', () => {
  it('a status check and getSalesforceSession racing spend the rotating refresh token once', async () => {
    const h = createHarness({ rotate: true, reuseDetection: true });
    await h.connect();
    h.clock.now += 20 * MINUTE;
    const [connection, session] = await Promise.all([
      h.getConnection(),
      h.handler.getSalesforceSession({ tenant: 'acme' }),
      h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
    ]);
    expect(refreshCount(h)).toBe(1);
    expect(h.salesforce.reuses()).toBe(0);
    expect(connection.status).toBe('connected');
    expect(h.salesforce.isLive(session.accessToken)).toBe(true);
    expect((await h.store.getConnection('acme'))?.refreshingUntil).toBeUndefined();
  });

  it('two server instances on one store refresh once between them, and both stay connected', async () => {
    const store = createMemoryStore();
    const h = createHarness({ rotate: true, reuseDetection: true, store });
    await h.connect();
    const other = secondInstance(h, store);
    h.clock.now += 20 * MINUTE;
    const sessions = await Promise.all([
      h.handler.getSalesforceSession({ tenant: 'acme' }),
      other.getSalesforceSession({ tenant: 'acme' }),
      h.getConnection(),
      other.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
      h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true }),
    ]);
    expect(refreshCount(h)).toBe(1);
    expect(h.salesforce.reuses()).toBe(0);
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
    for (const session of sessions.filter((s) => 'accessToken' in s)) {
      expect(h.salesforce.isLive((session as { accessToken: string }).accessToken)).toBe(true);
    }
    expect((await h.getConnection()).status).toBe('connected');
    // Still refreshable afterwards: the rotated token was kept.
    h.clock.now += 20 * MINUTE;
    await other.getSalesforceSession({ tenant: 'acme' });
    expect(h.salesforce.reuses()).toBe(0);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('waits for a refresh another instance holds the lease for, then uses its tokens', async () => {
    const store = createMemoryStore();
    const h = createHarness({ rotate: true, reuseDetection: true, store });
    await h.connect();
    h.clock.now += 20 * MINUTE;
    // The other instance's refresh is slow at Salesforce: this one must not refresh meanwhile.
    let release: (() => void) | undefined;
    let entered: (() => void) | undefined;
    const insideRefresh = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slowFetch: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : String(init?.body ?? '');
      if (body.includes('grant_type=refresh_token') && release === undefined) {
        await new Promise<void>((resolve) => {
          release = resolve;
          entered?.();
        });
      }
      return h.salesforce.fetch(input, init);
    };
    const other = secondInstance(h, store, { fetch: slowFetch });
    const theirs = other.getSalesforceSession({ tenant: 'acme' });
    await insideRefresh;
    const mine = h.handler.getSalesforceSession({ tenant: 'acme' });
    release?.();
    const [a, b] = await Promise.all([theirs, mine]);
    expect(b.accessToken).toBe(a.accessToken);
    expect(refreshCount(h)).toBe(1);
    expect(h.salesforce.reuses()).toBe(0);
  });

  it('marks needs_reauth only after re-reading: a refusal of a token already rotated elsewhere is not final', async () => {
    const store = createMemoryStore();
    const h = createHarness({ rotate: true, store });
    await h.connect();
    const box = createSecretBox(TEST_KEY);
    // An older server that ignores the lease rotates the token just before this one's refresh
    // reaches Salesforce, and overwrites the record unconditionally.
    let olderServerFirst = true;
    const racing = secondInstance(h, store, {
      fetch: async (input, init) => {
        const body = typeof init?.body === 'string' ? init.body : String(init?.body ?? '');
        if (olderServerFirst && body.includes('grant_type=refresh_token')) {
          olderServerFirst = false;
          const answer = await h.salesforce.fetch(input, init);
          const tokens = (await answer.json()) as { access_token: string; refresh_token: string };
          const record = (await store.getConnection('acme')) as ConnectionRecord;
          const context = (field: string) => ({ tenant: 'acme', field });
          await store.saveConnection({
            ...record,
            refreshingUntil: undefined,
            accessToken: await box.encrypt(tokens.access_token, context('access_token')),
            refreshToken: await box.encrypt(tokens.refresh_token, context('refresh_token')),
            tokenIssuedAt: h.clock.now + 1,
          });
        }
        return h.salesforce.fetch(input, init);
      },
    });
    const session = await racing.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    expect(refreshCount(h)).toBe(2);
    expect(h.salesforce.isLive(session.accessToken)).toBe(true);
    expect((await h.getConnection()).status).toBe('connected');
  });
});

describe('callbacks that finish late (item 2)', () => {
  for (const [name, act, check] of [
    [
      'a disconnect',
      (h: ReturnType<typeof createHarness>) => h.request('DELETE', '/connection'),
      (record: Awaited<ReturnType<ConnectStore['getConnection']>>) => {
        expect(record?.status).toBe('disconnected');
        expect(record?.accessToken).toBeUndefined();
      },
    ],
    [
      'forgetting the credentials',
      (h: ReturnType<typeof createHarness>) =>
        h.request('DELETE', '/connection?forgetCredentials=true'),
      (record: Awaited<ReturnType<ConnectStore['getConnection']>>) => {
        expect(record).toBeUndefined();
      },
    ],
    [
      'new credentials for another app',
      (h: ReturnType<typeof createHarness>) => {
        const app = h.salesforce.addApp([`${PUBLIC_URL}/oauth/callback`]);
        return h.save({
          ...h.credentials(),
          consumerKey: app.consumerKey,
          consumerSecret: app.consumerSecret,
        });
      },
      (record: Awaited<ReturnType<ConnectStore['getConnection']>>) => {
        expect(record?.status).toBe('configured');
        expect(record?.accessToken).toBeUndefined();
      },
    ],
  ] as const) {
    it(`do not undo ${name} made during the code exchange, and revoke their fresh tokens`, async () => {
      let h!: ReturnType<typeof createHarness>;
      const hook = duringCodeExchange(() => act(h));
      h = createHarness({ rotate: true, fetch: hook.wrap(() => h.salesforce.fetch) });
      await h.save();
      const start = await h.start();
      const page = await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
      expect(page.status).toBe(200);
      expect(page.text).toContain('state_mismatch');
      expect(page.text).toContain('The connection changed while this sign-in was finishing');
      check(await h.store.getConnection('acme'));
      // The tokens the late exchange produced were revoked at Salesforce.
      expect(h.salesforce.liveRefreshTokens()).toBe(0);
      expect(h.salesforce.liveAccessTokens()).toBe(0);
    });
  }

  it('still wins over a background write of the same connection (a status check) meanwhile', async () => {
    let h!: ReturnType<typeof createHarness>;
    const hook = duringCodeExchange(async () => {
      const record = await h.store.getConnection('acme');
      if (record) await h.store.saveConnection({ ...record, checkedAt: h.clock.now });
    });
    h = createHarness({ fetch: hook.wrap(() => h.salesforce.fetch) });
    await h.save();
    const start = await h.start();
    await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect((await h.getConnection()).status).toBe('connected');
  });
});

describe('store failures during the callback (item 6)', () => {
  function failingStore(failures: number) {
    const inner = createMemoryStore();
    let left = 0;
    const store: ConnectStore = {
      ...inner,
      saveConnection: (record, condition) => {
        if (left > 0) {
          left--;
          const error = Object.assign(new Error('unsupported Unicode escape sequence'), {
            code: '22P05',
          });
          return Promise.reject(error);
        }
        return inner.saveConnection(record, condition);
      },
    };
    return { store, failNext: () => (left = failures) };
  }

  for (const failures of [1, 2]) {
    it(`${failures} failed save(s): a failure page with the server's code, logged, fresh tokens revoked`, async () => {
      const { store, failNext } = failingStore(failures);
      const h = createHarness({ store, rotate: true });
      await h.save();
      const start = await h.start();
      const landed = await h.salesforce.approve(start.json.authorizeUrl);
      failNext();
      const page = await h.callback(landed);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.text).toContain('adapter_error');
      expect(page.text).not.toContain('Salesforce refused');
      expect(page.text).toContain(APP_ORIGIN);
      const logged = h.logs.find((l) => l.level === 'error');
      expect(logged?.details).toMatchObject({ tenant: 'acme', dbCode: '22P05' });
      expect(h.salesforce.liveRefreshTokens()).toBe(0);
      expect(h.salesforce.liveAccessTokens()).toBe(0);
    });
  }

  it('a store that fails before the state is known still answers with a page', async () => {
    const inner = createMemoryStore();
    let broken = false;
    const store: ConnectStore = {
      ...inner,
      consumeAuthorization: (input) =>
        broken ? Promise.reject(new Error('connection lost')) : inner.consumeAuthorization(input),
    };
    const h = createHarness({ store });
    await h.save();
    const start = await h.start();
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    broken = true;
    const page = await h.callback(landed);
    expect(page.status).toBeLessThan(500);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('could not finish this sign-in');
    expect(h.logs.some((l) => l.level === 'error')).toBe(true);
  });

  it('strips control characters from error_description and caps it before storing or echoing', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const denied = new URL(h.salesforce.deny(start.json.authorizeUrl));
    denied.searchParams.set('error_description', `bad\u0000thing\u001b[31m${'x'.repeat(5000)}`);
    const page = await h.callback(denied.href);
    expect(page.status).toBe(200);
    const record = await h.store.getConnection('acme');
    const message = record?.error?.message ?? '';
    expect(message).toContain('bad thing');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they are gone.
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message.length).toBeLessThan(1200);
    expect(page.text).not.toContain('x'.repeat(1001));
  });
});

describe('encryption key rotation (item 3)', () => {
  it('re-encrypts under the new key on the next write, and reencryptAll finishes the rotation', async () => {
    const store = createMemoryStore();
    const h = createHarness({ store, rotate: true });
    await h.connect();
    await h.save(h.credentials(), 'globex');
    const rotated = secondInstance(h, store, { encryptionKey: [OTHER_KEY, TEST_KEY] });
    const newBox = createSecretBox(OTHER_KEY);
    // The next write (a refresh) moves acme's envelopes to the new key.
    h.clock.now += 20 * MINUTE;
    await rotated.getSalesforceSession({ tenant: 'acme' });
    const acme = await store.getConnection('acme');
    for (const envelope of [acme?.consumerSecret, acme?.accessToken, acme?.refreshToken]) {
      expect(await newBox.isCurrent(envelope as string)).toBe(true);
    }
    expect(
      await newBox.isCurrent((await store.getConnection('globex'))?.consumerSecret ?? ''),
    ).toBe(false);
    const report = await reencryptAll(store, [OTHER_KEY, TEST_KEY]);
    expect(report).toEqual({ scanned: 2, reencrypted: 1, unreadable: 0 });
    expect(await reencryptAll(store, [OTHER_KEY, TEST_KEY])).toEqual({
      scanned: 2,
      reencrypted: 0,
      unreadable: 0,
    });
    // The old key can go.
    const retired = secondInstance(h, store, { encryptionKey: OTHER_KEY });
    h.clock.now += 20 * MINUTE;
    const session = await retired.getSalesforceSession({ tenant: 'acme' });
    expect(h.salesforce.isLive(session.accessToken)).toBe(true);
  });

  it('unreadable tokens: needs_reauth with "reconnect", a ConnectError (never a DecryptionError or a 500)', async () => {
    const store = createMemoryStore();
    const h = createHarness({ store });
    await h.connect();
    const lost = secondInstance(h, store, { encryptionKey: THIRD_KEY });
    const failure = await lost
      .getSalesforceSession({ tenant: 'acme' })
      .catch((error: unknown) => error);
    expect(ConnectError.is(failure)).toBe(true);
    expect((failure as ConnectError).code).toBe('invalid_grant');
    expect((failure as ConnectError).message).toMatch(/reconnect/);
    const answer = await lost(new Request(`${PUBLIC_URL}/connection`));
    expect(answer.status).toBe(200);
    const connection = (await answer.json()) as { status: string; error?: { message: string } };
    expect(connection.status).toBe('needs_reauth');
    expect(connection.error?.message).toMatch(/reconnect/);
    expect((await store.getConnection('acme'))?.refreshToken).toBeUndefined();
  });

  it('re-saving the same app drops token envelopes no key can read, and connecting works again', async () => {
    const store = createMemoryStore();
    const h = createHarness({ store });
    await h.connect();
    // Tokens written under a key that is gone; the secret under the current one.
    const lostBox = createSecretBox(THIRD_KEY);
    const record = await store.getConnection('acme');
    await store.saveConnection({
      ...(record as NonNullable<typeof record>),
      refreshToken: await lostBox.encrypt('x', { tenant: 'acme', field: 'refresh_token' }),
      accessToken: await lostBox.encrypt('y', { tenant: 'acme', field: 'access_token' }),
    });
    const saved = await h.save();
    expect(saved.status).toBe(200);
    expect(saved.json.status).toBe('configured');
    const after = await store.getConnection('acme');
    expect(after?.refreshToken).toBeUndefined();
    expect(after?.accessToken).toBeUndefined();
    const start = await h.start();
    await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('counts records no key can read in reencryptAll, and drops their tokens', async () => {
    const store = createMemoryStore();
    const h = createHarness({ store });
    await h.connect();
    const report = await reencryptAll(store, [THIRD_KEY, OTHER_KEY]);
    expect(report).toEqual({ scanned: 1, reencrypted: 1, unreadable: 1 });
    const record = await store.getConnection('acme');
    expect(record?.status).toBe('needs_reauth');
    expect(record?.accessToken).toBeUndefined();
  });
});

describe('keeping the saved secret (item 4)', () => {
  it('keeps it only for the same Consumer Key and Login URL; otherwise asks for it (400)', async () => {
    const h = createHarness({ allowedLoginHosts: ['login.example.test'] });
    await h.save();
    const before = await h.store.getConnection('acme');
    const other = h.salesforce.addApp([`${PUBLIC_URL}/oauth/callback`]);
    const newKey = await h.save({
      ...h.credentials(),
      consumerKey: other.consumerKey,
      consumerSecret: '',
    });
    expect(newKey.status).toBe(400);
    expect(newKey.json.error.code).toBe('invalid_input');
    expect(newKey.json.error.message).toMatch(/Type the Consumer Secret/);
    const newHost = await h.save({
      ...h.credentials(),
      loginUrl: 'https://test.salesforce.com',
      consumerSecret: '',
    });
    expect(newHost.status).toBe(400);
    expect(await h.store.getConnection('acme')).toEqual(before);
    // Same key and host: kept.
    expect((await h.save({ ...h.credentials(), consumerSecret: '' })).status).toBe(200);
  });
});
