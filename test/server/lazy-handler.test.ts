import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectHandlerOptions } from '../../src/server/handler.js';
import { createLazyConnectHandler } from '../../src/server/lazy-handler.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import { PUBLIC_URL, TEST_KEY } from './handler-harness.js';

/** The options a route reads from its environment, which a build machine does not have. */
const fromEnvironment = (env: Record<string, string | undefined>) => (): ConnectHandlerOptions => ({
  store: createMemoryStore(),
  encryptionKey: env.SALESFORCE_CONNECT_KEY ?? '',
  publicUrl: PUBLIC_URL,
  allowedOrigins: ['https://app.example.com'],
  resolveTenant: () => 'acme',
});

const get = (path: string) => new Request(`${PUBLIC_URL}${path}`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLazyConnectHandler', () => {
  it('reads nothing at creation: a module that creates it loads without the key', () => {
    const getOptions = vi.fn(fromEnvironment({}));
    createLazyConnectHandler(getOptions);
    expect(getOptions).not.toHaveBeenCalled();
  });

  it('builds the handler on the first request, once, even for requests that arrive together', async () => {
    const getOptions = vi.fn(fromEnvironment({ SALESFORCE_CONNECT_KEY: TEST_KEY }));
    const handler = createLazyConnectHandler(getOptions);
    const answers = await Promise.all([handler(get('/connection')), handler(get('/setup'))]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await answers[0]?.json()).toMatchObject({ status: 'disconnected' });
    await handler(get('/connection'));
    expect(getOptions).toHaveBeenCalledTimes(1);
    expect((await handler.handler()).callbackUrl).toBe(`${PUBLIC_URL}/oauth/callback`);
  });

  it('without the key answers not_configured, says why only in the server log, and tries again next time', async () => {
    const env: Record<string, string | undefined> = {};
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = createLazyConnectHandler(fromEnvironment(env));
    const refused = await handler(get('/connection'));
    expect(refused.status).toBe(500);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_configured');
    expect(body.error.message).not.toMatch(/encryptionKey/);
    expect(String(log.mock.calls[0]?.join(' '))).toMatch(/encryptionKey is missing/);

    env.SALESFORCE_CONNECT_KEY = TEST_KEY;
    expect((await handler(get('/connection'))).status).toBe(200);
  });

  it('reaches getSalesforceSession through the same handler', async () => {
    const handler = createLazyConnectHandler(fromEnvironment({ SALESFORCE_CONNECT_KEY: TEST_KEY }));
    await expect(handler.getSalesforceSession({ tenant: 'acme' })).rejects.toMatchObject({
      code: 'not_configured',
    });
  });
});
