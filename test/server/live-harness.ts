import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import {
  type ConnectHandler,
  type ConnectHandlerOptions,
  createConnectHandler,
} from '../../src/server/handler.js';
import { toNodeListener } from '../../src/server/node.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { ConnectStore } from '../../src/server/stores/types.js';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import type {
  SalesforceSimulator,
  SimulatorAppInput,
  SimulatorOptions,
} from '../../src/simulator/types.js';
import type { LogLine } from './handler-harness.js';

export const LIVE_APP_ORIGIN = 'http://app.localhost:5173';
export const LIVE_KEY = 'Xo4dB9rT2vLq7Ws1Nc8Hk3Jy6Pf0Ue5Za2Mi4Gb7Rt8=';

/**
 * The real thing, end to end on this machine: the Salesforce simulator on one port, the
 * reference server on another (node:http through `toNodeListener`), and the fetch adapter talking
 * to it. Every answer body, log line and token the simulator issued is recorded for leak checks.
 * The handler can be replaced (a restart) while the HTTP server keeps its port.
 */
export interface LiveServer {
  simulator: SalesforceSimulator;
  /** `http://127.0.0.1:<port>/api/salesforce` */
  publicUrl: string;
  handler: ConnectHandler;
  adapter: ReturnType<typeof createFetchAdapter>;
  logs: LogLine[];
  /** Every body the server answered with (JSON and HTML). */
  bodies: string[];
  /** Every access and refresh token the simulator's token endpoint returned to the server. */
  tokens: string[];
  /** Credentials of the simulator app made for this server. */
  credentials: { loginUrl: string; consumerKey: string; consumerSecret: string };
  /** Builds a new handler over `store` (or the same store): a server restart. */
  restart(options?: { store?: ConnectStore } & Partial<ConnectHandlerOptions>): ConnectHandler;
  close(): Promise<void>;
}

export async function startLiveServer(
  options: {
    store?: ConnectStore;
    handler?: Partial<ConnectHandlerOptions>;
    app?: Partial<SimulatorAppInput>;
    simulator?: SimulatorOptions;
  } = {},
): Promise<LiveServer> {
  const simulator = await startSalesforceSimulator({
    port: 0,
    slowResponseMs: 1500,
    ...options.simulator,
  });
  const logs: LogLine[] = [];
  const bodies: string[] = [];
  const tokens: string[] = [];

  let current: ConnectHandler | undefined;
  const server: Server = createServer(
    toNodeListener(async (request) => {
      if (!current) return new Response('not ready', { status: 503 });
      const response = await current(request);
      const text = await response.clone().text();
      bodies.push(text);
      return response;
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const publicUrl = `http://127.0.0.1:${port}/api/salesforce`;

  const app = simulator.addApp({
    name: 'Acme Sync',
    callbackUrls: [`${publicUrl}/oauth/callback`],
    scopes: ['api', 'refresh_token', 'id'],
    ...options.app,
  });

  // The server's way out to Salesforce, watched: token answers are read for the leak checks.
  const watchingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/services/oauth2/token') && response.ok) {
      const json = (await response.clone().json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof json[key] === 'string') tokens.push(json[key] as string);
      }
    }
    return response;
  };

  let store = options.store ?? createMemoryStore();
  const build = (overrides: Partial<ConnectHandlerOptions> = {}) =>
    createConnectHandler({
      store,
      encryptionKey: LIVE_KEY,
      publicUrl,
      allowedOrigins: [LIVE_APP_ORIGIN],
      allowedLoginHosts: [new URL(simulator.url).host],
      // The app's session: a tenant header here. The popup's callback request carries none.
      resolveTenant: (request) => request.headers.get('x-tenant'),
      scopes: ['api', 'refresh_token', 'id'],
      appName: 'Acme Sync',
      vendorName: 'Acme',
      fetch: watchingFetch,
      logger: {
        info: (message, details) => logs.push({ level: 'info', message, details }),
        warn: (message, details) => logs.push({ level: 'warn', message, details }),
        error: (message, details) => logs.push({ level: 'error', message, details }),
      },
      ...options.handler,
      ...overrides,
    });
  current = build();

  const live: LiveServer = {
    simulator,
    publicUrl,
    handler: current,
    adapter: createFetchAdapter({ baseUrl: publicUrl, headers: { 'x-tenant': 'acme' } }),
    logs,
    bodies,
    tokens,
    credentials: {
      loginUrl: simulator.url,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    },
    restart({ store: nextStore, ...overrides } = {}) {
      if (nextStore) store = nextStore;
      current = build(overrides);
      live.handler = current;
      return current;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await simulator.close();
    },
  };
  return live;
}
