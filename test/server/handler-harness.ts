import type { Connection } from '../../src/core/types.js';
import { type ConnectHandlerOptions, createConnectHandler } from '../../src/server/handler.js';
import type { LogDetails } from '../../src/server/logger.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { ConnectStore } from '../../src/server/stores/types.js';
import { createFakeSalesforce } from './fake-salesforce.js';

export const PUBLIC_URL = 'https://app.example.com/api/salesforce';
export const CALLBACK_URL = `${PUBLIC_URL}/oauth/callback`;
export const APP_ORIGIN = 'https://app.example.com';
export const OTHER_APP_ORIGIN = 'https://admin.example.com';
export const TEST_KEY = 'q5b0Yp9u7m3V1xk2R8d4Jf6Lz0Wc3Hs9Ta1Ne5Gi7Ko=';
export const START_TIME = Date.parse('2025-05-01T09:00:00.000Z');

/** One logged line, as the server's logger received it. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  details?: LogDetails | undefined;
}

/**
 * A handler over the fake Salesforce with an adjustable clock, a captured log and a record of
 * every answer's body, so a test can search everything the server ever said.
 */
export function createHarness(
  options: Partial<ConnectHandlerOptions> & {
    rotate?: boolean;
    reuseDetection?: boolean;
    salesforce?: ReturnType<typeof createFakeSalesforce>;
  } = {},
) {
  const salesforce =
    options.salesforce ??
    createFakeSalesforce({
      rotateRefreshTokens: options.rotate === true,
      reuseDetection: options.reuseDetection === true,
    });
  const app = salesforce.addApp([CALLBACK_URL]);
  const clock = { now: START_TIME };
  const logs: LogLine[] = [];
  const bodies: string[] = [];
  const store: ConnectStore = options.store ?? createMemoryStore();
  const handler = createConnectHandler({
    store,
    encryptionKey: TEST_KEY,
    publicUrl: PUBLIC_URL,
    allowedOrigins: [APP_ORIGIN, OTHER_APP_ORIGIN],
    resolveTenant: (request) => request.headers.get('x-tenant') ?? 'acme',
    fetch: salesforce.fetch,
    clock: () => clock.now,
    logger: {
      info: (message, details) => logs.push({ level: 'info', message, details }),
      warn: (message, details) => logs.push({ level: 'warn', message, details }),
      error: (message, details) => logs.push({ level: 'error', message, details }),
    },
    ...options,
  });

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
  ) {
    const headers = new Headers(init.headers);
    if (method !== 'GET' && !headers.has('x-requested-with') && !init.headers?.['no-csrf']) {
      headers.set('x-requested-with', 'salesforce-connect');
    }
    headers.delete('no-csrf');
    let body: BodyInit | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const response = await handler(
      new Request(`${PUBLIC_URL}${path}`, { method, headers, ...(body ? { body } : {}) }),
    );
    const text = await response.text();
    bodies.push(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // Tests read whatever field they expect; a wrong guess fails the assertion, not the compiler.
    // biome-ignore lint/suspicious/noExplicitAny: answers are checked by the assertions.
    return { status: response.status, headers: response.headers, text, json: json as any };
  }

  const credentials = () => ({
    loginUrl: salesforce.loginUrl,
    consumerKey: app.consumerKey,
    consumerSecret: app.consumerSecret,
  });

  return {
    handler,
    salesforce,
    app,
    store,
    clock,
    logs,
    bodies,
    request,
    credentials,
    getConnection: async (tenant?: string) =>
      (await request('GET', '/connection', tenant ? { headers: { 'x-tenant': tenant } } : {}))
        .json as Connection,
    save: (values: Record<string, unknown> = credentials(), tenant?: string) =>
      request('PUT', '/connection/credentials', {
        body: values,
        ...(tenant ? { headers: { 'x-tenant': tenant } } : {}),
      }),
    start: (returnOrigin = APP_ORIGIN, tenant?: string) =>
      request('POST', '/connection/authorize', {
        body: { returnOrigin },
        ...(tenant ? { headers: { 'x-tenant': tenant } } : {}),
      }),
    /** Follows Salesforce's redirect to the server's callback page. */
    callback: (callbackUrl: string, headers: Record<string, string> = {}) =>
      request('GET', callbackUrl.slice(PUBLIC_URL.length), { headers }),
    /** Saves credentials, authorizes and lands on the callback: a connected tenant. */
    async connect(tenant?: string) {
      await request('PUT', '/connection/credentials', {
        body: credentials(),
        ...(tenant ? { headers: { 'x-tenant': tenant } } : {}),
      });
      const start = await request('POST', '/connection/authorize', {
        body: { returnOrigin: APP_ORIGIN },
        ...(tenant ? { headers: { 'x-tenant': tenant } } : {}),
      });
      const landed = await salesforce.approve(start.json.authorizeUrl);
      const page = await request('GET', landed.slice(PUBLIC_URL.length));
      return { start: start.json as { authorizeUrl: string; state: string }, page, landed };
    },
  };
}
