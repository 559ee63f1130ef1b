import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { runAdapterConformance } from '../../src/testing/conformance.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { LIVE_APP_ORIGIN, type LiveServer, startLiveServer } from './live-harness.js';

// The adapter conformance suite against the real reference server (node:http) and the Salesforce
// simulator, through the fetch adapter. Each check gets a tenant of its own, so each starts empty.
// Run twice: once with the server's own callback page exchanging the code (the popup lands on
// it), once as an app-origin callback route would (the code goes to completeAuthorization).

let live: LiveServer;
let tenants = 0;

beforeAll(async () => {
  // Two connections per tenant at least: the suite checks that connection ids keep apart.
  live = await startLiveServer({ handler: { connections: { max: 3 } } });
});

afterAll(async () => {
  await live?.close();
});

const freshAdapter = () =>
  createFetchAdapter({
    baseUrl: live.publicUrl,
    headers: { 'x-tenant': `conformance-${++tenants}` },
  });

/** The suite registers its checks before beforeAll runs: credentials are read when a check runs. */
const suiteOptions = (name: string) => ({
  name,
  timeoutMs: 30_000,
  returnOrigin: LIVE_APP_ORIGIN,
  get credentials() {
    return live.credentials;
  },
});

describe('reference server', () => {
  runAdapterConformance(
    () => ({
      adapter: freshAdapter(),
      async simulateAuthorization(start) {
        const landed = await authorizeAtSimulator(start.authorizeUrl);
        if (landed.kind !== 'callback')
          throw new Error(`Salesforce showed its error page: ${landed.url}`);
        const page = await fetch(landed.url);
        if (page.status !== 200) throw new Error(`callback page answered ${page.status}`);
      },
    }),
    { describe, it, expect },
    suiteOptions('reference server, its own callback page'),
  );

  runAdapterConformance(
    () => ({
      adapter: freshAdapter(),
      async simulateAuthorization(start) {
        const landed = await authorizeAtSimulator(start.authorizeUrl);
        if (landed.kind !== 'callback' || !landed.code || !landed.state) {
          throw new Error(`no code came back: ${landed.url}`);
        }
        return { code: landed.code, state: landed.state };
      },
    }),
    { describe, it, expect },
    suiteOptions('reference server, app-origin callback route'),
  );
});
