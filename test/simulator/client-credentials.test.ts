import { afterEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  type SimulatorFault,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';

const RUN_AS = 'integration@acme.example';
const CALLBACK = 'http://127.0.0.1:3000/oauth/callback';

let simulator: SalesforceSimulator;
afterEach(() => simulator?.close());

async function start(options: Parameters<typeof startSalesforceSimulator>[0] = {}) {
  simulator = await startSalesforceSimulator({
    users: [
      { username: 'admin@acme.example', password: 'pw-admin-1' },
      { username: RUN_AS, password: 'pw-integration-1', displayName: 'Integration User' },
    ],
    ...options,
  });
  return simulator;
}

function addApp(clientCredentials?: SimulatorApp['clientCredentials']): SimulatorApp {
  return simulator.addApp({
    callbackUrls: [CALLBACK],
    scopes: ['api', 'refresh_token', 'id'],
    ...(clientCredentials
      ? { clientCredentials }
      : { clientCredentials: { enabled: true, runAsUsername: RUN_AS } }),
  });
}

/** A client credentials request, the secret in the body or (basic) in an Authorization header. */
async function requestToken(
  base: string,
  app: SimulatorApp,
  options: { secret?: string; basic?: boolean } = {},
) {
  const secret = options.secret ?? app.consumerSecret;
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (options.basic) {
    headers.authorization = `Basic ${btoa(`${app.consumerKey}:${secret}`)}`;
  } else {
    body.set('client_id', app.consumerKey);
    body.set('client_secret', secret);
  }
  const response = await fetch(`${base}/services/oauth2/token`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, string> };
}

describe('the client credentials grant', () => {
  it("issues the Run As user's token on the org's own host, with Salesforce's fields and no refresh token", async () => {
    await start();
    const app = addApp();
    const { status, json } = await requestToken(simulator.instanceUrl, app);
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(
      [
        'access_token',
        'id',
        'instance_url',
        'issued_at',
        'scope',
        'signature',
        'token_type',
      ].sort(),
    );
    expect(json.token_type).toBe('Bearer');
    expect(json.instance_url).toBe(simulator.instanceUrl);
    expect(json.scope?.split(' ').sort()).toEqual(['api', 'id']);
    const runAs = simulator.users.find((user) => user.username === RUN_AS)!;
    expect(json.id).toMatch(new RegExp(`/id/${simulator.org.id}/${runAs.id}$`));

    const identity = await fetch(json.id as string, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(((await identity.json()) as { username: string }).username).toBe(RUN_AS);
  });

  it('takes the key and secret in an HTTP Basic header too', async () => {
    await start();
    const app = addApp();
    expect((await requestToken(simulator.instanceUrl, app, { basic: true })).status).toBe(200);
  });

  it('serves the login origin too when it is the My Domain (sharedInstanceHost)', async () => {
    await start({ sharedInstanceHost: true });
    const app = addApp();
    expect((await requestToken(simulator.url, app)).status).toBe(200);
  });

  it('answers the generic login host with "request not supported on this domain"', async () => {
    await start();
    const app = addApp();
    expect(await requestToken(simulator.url, app)).toEqual({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'request not supported on this domain' },
    });
  });

  it('refuses a wrong secret, a flow switched off, and a missing Run As user', async () => {
    await start();
    const app = addApp();
    expect((await requestToken(simulator.instanceUrl, app, { secret: 'nope' })).json.error).toBe(
      'invalid_client',
    );
    const off = addApp({ enabled: false, runAsUsername: RUN_AS });
    expect((await requestToken(simulator.instanceUrl, off)).json).toEqual({
      error: 'invalid_grant',
      error_description: 'client credentials flow not enabled',
    });
    const noRunAs = addApp({ enabled: true });
    expect((await requestToken(simulator.instanceUrl, noRunAs)).json).toEqual({
      error: 'invalid_grant',
      error_description: 'no client credentials user enabled',
    });
  });

  it('refuses an inactive Run As user, and ends its tokens when it is deactivated', async () => {
    await start();
    const app = addApp();
    const { json } = await requestToken(simulator.instanceUrl, app);
    simulator.updateUser(RUN_AS, { active: false });
    expect((await requestToken(simulator.instanceUrl, app)).json.error).toBe('inactive_user');
    const api = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(api.status).toBe(401);
  });

  it('gives a Run As user without "API Enabled" a token the REST API refuses with API_DISABLED_FOR_ORG', async () => {
    await start();
    const app = addApp();
    simulator.updateUser(RUN_AS, { apiEnabled: false });
    const { status, json } = await requestToken(simulator.instanceUrl, app);
    expect(status).toBe(200);
    const api = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual([
      {
        errorCode: 'API_DISABLED_FOR_ORG',
        message: 'The REST API is not enabled for this Organization.',
      },
    ]);
  });

  it('lets the access token expire with the session timeout; asking again gives a new one', async () => {
    await start({ sessionTimeoutMs: 60_000 });
    const app = addApp();
    const first = (await requestToken(simulator.instanceUrl, app)).json;
    simulator.advanceTime(60_000);
    const expired = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
    expect(expired.status).toBe(401);
    const second = (await requestToken(simulator.instanceUrl, app)).json;
    expect(second.access_token).not.toBe(first.access_token);
    const fresh = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${second.access_token}` },
    });
    expect(fresh.status).toBe(200);
  });

  it('revokes a client credentials access token', async () => {
    await start();
    const app = addApp();
    const { json } = await requestToken(simulator.instanceUrl, app);
    const revoked = await fetch(`${simulator.instanceUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: json.access_token as string }),
    });
    expect(revoked.status).toBe(200);
    const api = await fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(api.status).toBe(401);
  });
});

describe('client credentials faults', () => {
  const tokenFaults: Array<[SimulatorFault, { error: string; error_description: string }]> = [
    [
      'generic_login_host',
      { error: 'invalid_grant', error_description: 'request not supported on this domain' },
    ],
    [
      'client_credentials_disabled',
      { error: 'invalid_grant', error_description: 'client credentials flow not enabled' },
    ],
    [
      'run_as_user_missing',
      { error: 'invalid_grant', error_description: 'no client credentials user enabled' },
    ],
    ['run_as_user_inactive', { error: 'inactive_user', error_description: 'user is inactive' }],
    [
      'invalid_client',
      { error: 'invalid_client', error_description: 'invalid client credentials' },
    ],
    ['inactive_org', { error: 'inactive_org', error_description: 'organization is inactive' }],
    ['rate_limited', { error: 'rate_limit_exceeded', error_description: 'rate limit exceeded' }],
  ];

  it.each(tokenFaults)('%s answers the grant as Salesforce would, once', async (fault, body) => {
    await start();
    const app = addApp();
    simulator.setFault(fault, { consumerKey: app.consumerKey, times: 1 });
    expect(await requestToken(simulator.instanceUrl, app)).toEqual({ status: 400, json: body });
    expect((await requestToken(simulator.instanceUrl, app)).status).toBe(200);
  });

  it('run_as_user_no_api refuses REST API calls with the app’s tokens', async () => {
    await start();
    const app = addApp();
    const { json } = await requestToken(simulator.instanceUrl, app);
    simulator.setFault('run_as_user_no_api', { consumerKey: app.consumerKey, times: 1 });
    const call = () =>
      fetch(`${simulator.instanceUrl}/services/data/v62.0/limits`, {
        headers: { authorization: `Bearer ${json.access_token}` },
      });
    expect((await call()).status).toBe(403);
    expect((await call()).status).toBe(200);
  });

  it('leaves the web server flow alone', async () => {
    await start();
    const app = addApp();
    simulator.setFault('run_as_user_missing', { consumerKey: app.consumerKey });
    const refresh = await fetch(`${simulator.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'unknown',
        client_id: app.consumerKey,
        client_secret: app.consumerSecret,
      }),
    });
    // The refresh grant's own answer, not the fault's.
    expect(await refresh.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
  });
});

describe('client credentials settings', () => {
  it('keeps the app’s client credentials settings and the users’ flags across a restart', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'sim-cc-'));
    try {
      const stateFile = join(dir, 'state.json');
      await start({ stateFile });
      const app = addApp();
      await simulator.close();
      await start({ stateFile });
      expect(simulator.getApp(app.consumerKey)?.clientCredentials).toEqual({
        enabled: true,
        runAsUsername: RUN_AS,
      });
      expect((await requestToken(simulator.instanceUrl, app)).status).toBe(200);
    } finally {
      await simulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses malformed settings and unknown users in plain words', async () => {
    await start();
    expect(() =>
      simulator.addApp({
        callbackUrls: [CALLBACK],
        clientCredentials: { enabled: 'yes' } as unknown as SimulatorApp['clientCredentials'],
      }),
    ).toThrow(/clientCredentials needs/);
    expect(() => simulator.updateUser('nobody@acme.example', { active: false })).toThrow(
      /No simulator user/,
    );
  });
});
