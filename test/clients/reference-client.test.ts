import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSalesforceClient } from '../../src/server/salesforce.js';
import { type SalesforceSimulator, startSalesforceSimulator } from '../../src/simulator/index.js';
import { authorizeUrl, Browser, CALLBACK, followAuthorization } from '../simulator/drive.js';

// The reference server's own Salesforce client, held to the rules real Salesforce enforces and
// the older simulator did not: no verifier without a challenge, the API on instance_url.

let simulator: SalesforceSimulator;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
});
afterEach(() => simulator.close());

const salesforce = createSalesforceClient({ fetch, timeoutMs: 10_000 });

describe('the reference server’s Salesforce client', () => {
  it('exchanges a code that had no challenge without sending a verifier', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK], requirePkce: false });
    const callback = await followAuthorization(
      simulator,
      new Browser(),
      authorizeUrl(simulator, { clientId: app.consumerKey }),
    );
    const tokens = await salesforce.exchangeCode({
      app: { loginUrl: simulator.url, ...app },
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: undefined,
      redirectUri: CALLBACK,
    });
    expect(tokens.instanceUrl).toBe(simulator.instanceUrl);
  });

  it('reads the org on the instance origin the token response named', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK], requirePkce: false });
    const callback = await followAuthorization(
      simulator,
      new Browser(),
      authorizeUrl(simulator, { clientId: app.consumerKey }),
    );
    const salesforceApp = { loginUrl: simulator.url, ...app };
    const tokens = await salesforce.exchangeCode({
      app: salesforceApp,
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: undefined,
      redirectUri: CALLBACK,
    });
    const organization = await salesforce.organization({
      app: salesforceApp,
      accessToken: tokens.accessToken,
      instanceUrl: tokens.instanceUrl ?? '',
    });
    expect(organization).toEqual({ name: simulator.org.name, isSandbox: false });
  });
});
