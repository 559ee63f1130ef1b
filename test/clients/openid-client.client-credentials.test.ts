import * as client from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';

// openid-client 6's clientCredentialsGrant against the simulator: a client nobody here wrote
// reads the grant's answer (and its refusal) the way it reads Salesforce's.

const RUN_AS = 'integration@acme.example';
let simulator: SalesforceSimulator;
let app: SimulatorApp;

beforeEach(async () => {
  simulator = await startSalesforceSimulator({
    users: [{ username: RUN_AS, password: 'pw-integration-1' }],
  });
  app = simulator.addApp({
    callbackUrls: ['https://example.com/unused'],
    scopes: ['api', 'refresh_token', 'id'],
    clientCredentials: { enabled: true, runAsUsername: RUN_AS },
  });
});
afterEach(() => simulator.close());

/** The org's endpoints described by hand, as for a My Domain without discovery. */
function configAt(host: string) {
  const config = new client.Configuration(
    { issuer: host, token_endpoint: `${host}/services/oauth2/token` },
    app.consumerKey,
    app.consumerSecret,
  );
  client.allowInsecureRequests(config);
  return config;
}

describe('openid-client: the client credentials grant', () => {
  it("gets the Run As user's token on the My Domain, with no refresh token", async () => {
    const tokens = await client.clientCredentialsGrant(configAt(simulator.instanceUrl));
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('api id');
    const identity = await fetch(String(tokens.id), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(((await identity.json()) as { username: string }).username).toBe(RUN_AS);
  });

  it("reads the generic host's refusal as Salesforce's error and description", async () => {
    const error = await client
      .clientCredentialsGrant(configAt(simulator.url))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(client.ResponseBodyError);
    expect(error).toMatchObject({
      error: 'invalid_grant',
      error_description: 'request not supported on this domain',
      status: 400,
    });
  });

  it('reads a missing Run As user the same way', async () => {
    simulator.updateApp(app.consumerKey, { clientCredentials: { enabled: true } });
    await expect(
      client.clientCredentialsGrant(configAt(simulator.instanceUrl)),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'no client credentials user enabled',
    });
  });
});
