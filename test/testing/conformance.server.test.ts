import { afterAll, describe, expect, it } from 'vitest';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { createConnectHandler } from '../../src/server/handler.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import { type ConformanceSubject, runAdapterConformance } from '../../src/testing/conformance.js';
import { Browser, followAuthorization } from '../simulator/drive.js';
import { inProcessFetch } from './in-process-fetch.js';

// The fetch adapter against the reference server and the Salesforce simulator over real HTTP:
// the whole chain the kit's users run, proven by the same suite integrators run.

const PUBLIC_URL = 'https://app.example.com/api/salesforce';
const ENCRYPTION_KEY = 'q5b0Yp9u7m3V1xk2R8d4Jf6Lz0Wc3Hs9Ta1Ne5Gi7Ko=';

const simulator = await startSalesforceSimulator();
afterAll(() => simulator.close());

/**
 * A fresh reference server (memory store) and a fresh app in the simulated org, whose callback
 * URL is the server's own. `callback` says who receives Salesforce's redirect: an app route that
 * hands the code to `completeAuthorization`, or the server's `/oauth/callback` page.
 */
function referenceServer(callback: 'app-route' | 'server-page'): ConformanceSubject {
  const handler = createConnectHandler({
    store: createMemoryStore(),
    encryptionKey: ENCRYPTION_KEY,
    publicUrl: PUBLIC_URL,
    allowedOrigins: ['https://app.example.com'],
    // The instance origin is the simulated org's My Domain: the client credentials flow's host.
    allowedLoginHosts: [new URL(simulator.url).host, new URL(simulator.instanceUrl).host],
    resolveTenant: () => 'acme',
  });
  const app = simulator.addApp({
    callbackUrls: [handler.callbackUrl],
    clientCredentials: { enabled: true, runAsUsername: simulator.users[0]?.username },
  });
  return {
    adapter: createFetchAdapter({ baseUrl: PUBLIC_URL, fetch: inProcessFetch(handler) }),
    credentials: {
      loginUrl: simulator.url,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    },
    async simulateAuthorization(start) {
      // The admin logs in and allows access; Salesforce redirects to the callback URL.
      const landed = await followAuthorization(simulator, new Browser(), start.authorizeUrl);
      if (`${landed.origin}${landed.pathname}` !== handler.callbackUrl) {
        throw new Error(`Salesforce sent the admin to ${landed.pathname}, not the callback`);
      }
      const code = landed.searchParams.get('code');
      const state = landed.searchParams.get('state');
      if (!code || !state) throw new Error('Salesforce sent no code');
      if (callback === 'app-route') return { code, state };
      const page = await handler(new Request(landed));
      if (page.status !== 200) throw new Error(`the callback page answered ${page.status}`);
      return undefined;
    },
    changeOrg: () => {
      simulator.refreshSandbox();
    },
    clientCredentials: {
      loginUrl: simulator.instanceUrl,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    },
  };
}

runAdapterConformance(
  () => referenceServer('app-route'),
  { describe, it, expect },
  { name: 'fetch adapter + reference server + simulator (code completed by the kit)' },
);

runAdapterConformance(
  () => referenceServer('server-page'),
  { describe, it, expect },
  { name: 'fetch adapter + reference server + simulator (code exchanged by the server page)' },
);
