import { describe, expect, it } from 'vitest';
import { createConnectHandler } from '../../src/server/handler.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import {
  APP_ORIGIN,
  CALLBACK_URL,
  createHarness,
  PUBLIC_URL,
  TEST_KEY,
} from './handler-harness.js';

const baseOptions = () => ({
  store: createMemoryStore(),
  encryptionKey: TEST_KEY,
  publicUrl: PUBLIC_URL,
  allowedOrigins: [APP_ORIGIN],
  resolveTenant: () => 'acme',
});

describe('startup checks', () => {
  it('refuses a missing or weak encryption key with a clear message', () => {
    expect(() => createConnectHandler({ ...baseOptions(), encryptionKey: '' })).toThrow(
      /encryptionKey is missing.*openssl rand -base64 32/,
    );
    expect(() => createConnectHandler({ ...baseOptions(), encryptionKey: '0'.repeat(64) })).toThrow(
      /not random enough/,
    );
    expect(() =>
      createConnectHandler({ ...baseOptions(), encryptionKey: 'my-password-123' }),
    ).toThrow(/passphrase will not do.*openssl rand -base64 32/);
  });

  it('refuses a publicUrl that is missing, relative or carries a query', () => {
    for (const publicUrl of ['', '/api/salesforce', 'https://app.example.com/api?x=1']) {
      expect(() => createConnectHandler({ ...baseOptions(), publicUrl })).toThrow(/publicUrl/);
    }
  });

  it('refuses "*" and non-origins in allowedOrigins, and a missing resolveTenant or store', () => {
    expect(() => createConnectHandler({ ...baseOptions(), allowedOrigins: ['*'] })).toThrow(/"\*"/);
    expect(() =>
      createConnectHandler({ ...baseOptions(), allowedOrigins: ['https://app.example.com/path'] }),
    ).toThrow(/origin only/);
    expect(() =>
      createConnectHandler({ ...baseOptions(), resolveTenant: undefined as never }),
    ).toThrow(/resolveTenant is missing/);
    expect(() => createConnectHandler({ ...baseOptions(), store: undefined as never })).toThrow(
      /store is missing/,
    );
  });

  it('warns at startup when no scope yields a refresh token', () => {
    const lines: string[] = [];
    createConnectHandler({
      ...baseOptions(),
      scopes: ['api'],
      logger: { info() {}, warn: (message) => lines.push(message), error() {} },
    });
    expect(lines.join('\n')).toMatch(/neither refresh_token nor offline_access/);
  });

  it('tells the integrator its exact callback URL', () => {
    expect(createConnectHandler(baseOptions()).callbackUrl).toBe(CALLBACK_URL);
    expect(
      createConnectHandler({ ...baseOptions(), publicUrl: 'https://app.example.com/api/sf/' })
        .callbackUrl,
    ).toBe('https://app.example.com/api/sf/oauth/callback');
  });
});

describe('routing', () => {
  it('answers under the publicUrl path and also when a framework stripped the prefix', async () => {
    const h = createHarness();
    const full = await h.handler(new Request(`${PUBLIC_URL}/connection`));
    const stripped = await h.handler(new Request('https://app.example.com/connection'));
    expect(await full.json()).toEqual({ status: 'disconnected' });
    expect(await stripped.json()).toEqual({ status: 'disconnected' });
  });

  it('answers 404 JSON for an unknown route and 405 with Allow for a wrong method', async () => {
    const h = createHarness();
    const missing = await h.request('GET', '/nothing');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('invalid_input');
    const wrong = await h.request('PUT', '/connection');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect(wrong.json.error.message).toMatch(/does not accept PUT/);
  });

  it('serves the setup information with the exact callback URL and scopes', async () => {
    const h = createHarness({
      appName: 'Acme Sync',
      vendorName: 'Acme',
      scopes: ['api', 'refresh_token', 'id'],
    });
    const setup = await h.request('GET', '/setup');
    expect(setup.json).toEqual({
      callbackUrls: [CALLBACK_URL],
      scopes: ['api', 'refresh_token', 'id'],
      appName: 'Acme Sync',
      vendorName: 'Acme',
    });
  });

  it('never lets JSON answers be cached', async () => {
    const h = createHarness();
    const answer = await h.request('GET', '/connection');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('CSRF guard', () => {
  it('refuses a mutating request with neither the header nor an allowed Origin', async () => {
    const h = createHarness();
    const answer = await h.request('PUT', '/connection/credentials', {
      body: h.credentials(),
      headers: { 'no-csrf': '1' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toEqual({
      code: 'unauthorized',
      message:
        'Add the header "X-Requested-With: salesforce-connect" to requests that change the connection.',
    });
    expect((await h.getConnection()).status).toBe('disconnected');
  });

  it('refuses a foreign Origin even when it sends the header', async () => {
    const h = createHarness();
    const answer = await h.request('DELETE', '/connection', {
      headers: { origin: 'https://evil.example', 'x-requested-with': 'salesforce-connect' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error.message).toMatch(/evil\.example/);
  });

  it('accepts an allowed Origin without the header, with CORS headers for it', async () => {
    const h = createHarness();
    const answer = await h.request('PUT', '/connection/credentials', {
      body: h.credentials(),
      headers: { 'no-csrf': '1', origin: 'https://admin.example.com' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('answers a CORS preflight for allowed origins only', async () => {
    const h = createHarness();
    const allowed = await h.handler(
      new Request(`${PUBLIC_URL}/connection/credentials`, {
        method: 'OPTIONS',
        headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'PUT' },
      }),
    );
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('PUT, OPTIONS');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-requested-with/);
    const foreign = await h.handler(
      new Request(`${PUBLIC_URL}/connection/credentials`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
      }),
    );
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets GET requests through without the header (they change nothing)', async () => {
    const h = createHarness();
    const answer = await h.request('GET', '/connection');
    expect(answer.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses a body over the limit with 413, whether or not Content-Length says so', async () => {
    const h = createHarness();
    const big = { ...h.credentials(), consumerSecret: 'x'.repeat(17 * 1024) };
    const declared = await h.save(big);
    expect(declared.status).toBe(413);
    expect(declared.json.error.message).toBe('The request body is larger than 16 KB.');
    const text = JSON.stringify(big);
    const streamed = await h.handler(
      new Request(`${PUBLIC_URL}/connection/credentials`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'salesforce-connect' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
  });

  it('asks for JSON: wrong content type 415, broken JSON 400, a non-object 400', async () => {
    const h = createHarness();
    const form = await h.request('PUT', '/connection/credentials', {
      raw: 'loginUrl=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const broken = await h.request('PUT', '/connection/credentials', {
      raw: '{"loginUrl":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toEqual({
      code: 'invalid_input',
      message: 'The request body is not valid JSON.',
    });
    const list = await h.request('POST', '/connection/authorize', { body: ['x'] });
    expect(list.json.error.message).toBe('The request body must be a JSON object.');
  });
});

describe('tenants', () => {
  it('answers 401 when resolveTenant returns nothing or throws', async () => {
    for (const resolveTenant of [
      () => null,
      () => '',
      () => {
        throw new Error('no session');
      },
    ]) {
      const h = createHarness({ resolveTenant });
      const answer = await h.request('GET', '/connection');
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe('unauthorized');
    }
  });

  it('keeps each tenant to its own connection', async () => {
    const h = createHarness();
    await h.connect('acme');
    expect((await h.getConnection('acme')).status).toBe('connected');
    expect((await h.getConnection('globex')).status).toBe('disconnected');
    const start = await h.start(APP_ORIGIN, 'globex');
    expect(start.status).toBe(409);
    expect(start.json.error.code).toBe('not_configured');
  });
});
