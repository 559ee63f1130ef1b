import { describe, expect, it } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import {
  MEMORY_CLIENT_CREDENTIALS_OUTCOMES,
  MEMORY_CLIENT_CREDENTIALS_SCENARIOS,
  MEMORY_SCENARIOS,
} from '../../src/adapters/memory-scenarios.js';
import { fromSalesforceErrorInFlow } from '../../src/core/client-credentials-errors.js';
import { rejection } from '../helpers/rejection.js';

const credentials = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey: '3MVG9MemoryClientCredentialsKeyForTests',
  consumerSecret: 'A'.repeat(64),
  flow: 'client-credentials' as const,
};

describe('memory adapter: the client credentials flow', () => {
  it('saves the flow and connects without a popup as the Run As user, with no refresh scope', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const saved = await adapter.saveCredentials(credentials);
    expect(saved).toMatchObject({ status: 'configured', flow: 'client-credentials' });
    const connected = await adapter.connectWithClientCredentials();
    expect(connected).toMatchObject({
      status: 'connected',
      flow: 'client-credentials',
      user: { username: 'integration@acme.example.com', displayName: 'Integration User' },
      org: { instanceUrl: 'https://acme.my.salesforce.com' },
    });
    expect(connected.scopes).not.toContain('refresh_token');
    expect(JSON.stringify(connected)).not.toContain(credentials.consumerSecret);
  });

  it('refuses a generic login host on the loginUrl field, and keeps nothing', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    for (const loginUrl of ['https://login.salesforce.com', 'test.salesforce.com']) {
      const error = await rejection(adapter.saveCredentials({ ...credentials, loginUrl }));
      expect(error).toMatchObject({ code: 'generic_login_host', field: 'loginUrl' });
    }
    expect(await adapter.getConnection()).toEqual({ status: 'disconnected' });
  });

  it('refuses startAuthorization for it, and client credentials for a popup connection', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    await adapter.saveCredentials(credentials);
    expect(
      (await rejection(adapter.startAuthorization({ returnOrigin: 'https://app.example.com' })))
        .code,
    ).toBe('invalid_input');
    await adapter.saveCredentials({ ...credentials, flow: 'authorization-code' });
    expect((await rejection(adapter.connectWithClientCredentials())).code).toBe('invalid_input');
    expect(
      (await rejection(createMemoryAdapter({ latencyMs: 0 }).connectWithClientCredentials())).code,
    ).toBe('not_configured');
  });

  it.each(MEMORY_CLIENT_CREDENTIALS_SCENARIOS)(
    '%s refuses Connect with its code and shows it on the connection',
    async (scenario) => {
      const adapter = createMemoryAdapter({ latencyMs: 0, scenario });
      await adapter.saveCredentials(credentials);
      const error = await rejection(adapter.connectWithClientCredentials());
      expect(error.code).toBe(MEMORY_CLIENT_CREDENTIALS_OUTCOMES[scenario].code);
      expect(await adapter.getConnection()).toMatchObject({
        status: 'error',
        error: { code: error.code },
      });
      adapter.setScenario('happy');
      expect((await adapter.connectWithClientCredentials()).status).toBe('connected');
    },
  );

  it.each(MEMORY_CLIENT_CREDENTIALS_SCENARIOS)(
    '%s: what its Salesforce says maps to the same code in this flow',
    (scenario) => {
      const outcome = MEMORY_CLIENT_CREDENTIALS_OUTCOMES[scenario];
      expect(
        fromSalesforceErrorInFlow(
          { error: outcome.salesforceError, error_description: outcome.salesforceDescription },
          { flow: 'client-credentials' },
        ).code,
      ).toBe(outcome.code);
    },
  );

  it('keeps the popup scenarios list as it was (the client credentials ones are listed apart)', () => {
    for (const scenario of MEMORY_CLIENT_CREDENTIALS_SCENARIOS) {
      expect(MEMORY_SCENARIOS).not.toContain(scenario);
    }
  });

  it('the popup flow’s secret and org refusals refuse this Connect too', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0, scenario: 'invalid_client' });
    await adapter.saveCredentials(credentials);
    expect((await rejection(adapter.connectWithClientCredentials())).code).toBe('invalid_client');
  });

  it('can start configured for the flow (stories)', async () => {
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial: {
        status: 'configured',
        flow: 'client-credentials',
        loginUrl: 'https://acme.my.salesforce.com',
      },
    });
    expect((await adapter.connectWithClientCredentials()).status).toBe('connected');
  });

  it('a change of flow for the same app starts over', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    await adapter.saveCredentials(credentials);
    await adapter.connectWithClientCredentials();
    const resaved = await adapter.saveCredentials({ ...credentials, flow: 'authorization-code' });
    expect(resaved.status).toBe('configured');
    expect(resaved.user).toBeUndefined();
  });
});
