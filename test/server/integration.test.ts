import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { ConnectError } from '../../src/core/errors.js';
import { parseSalesforceErrorText } from '../../src/core/salesforce-errors.js';
import { keyHint } from '../../src/core/secret-display.js';
import { SIMULATOR_DEMO_USER } from '../../src/simulator/index.js';
import type { SimulatorFault } from '../../src/simulator/types.js';
import { relayData } from '../helpers/relay-page.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { LIVE_APP_ORIGIN, type LiveServer, startLiveServer } from './live-harness.js';

// The reference server on node:http, the fetch adapter, and the Salesforce simulator: every
// request below crosses real sockets. One server for the file; each test uses its own tenant.

let live: LiveServer;
let tenantCount = 0;

beforeAll(async () => {
  live = await startLiveServer({ handler: { salesforceTimeoutMs: 500 } });
});

afterAll(async () => {
  await live?.close();
});

afterEach(() => {
  live.simulator.setFault(null);
});

/** The fetch adapter, with the tenant header a real app's session would supply. */
function createTenantAdapter(tenant: string) {
  return createFetchAdapter({ baseUrl: live.publicUrl, headers: { 'x-tenant': tenant } });
}

/** A fetch adapter speaking for a fresh tenant. */
function tenantAdapter() {
  const tenant = `tenant-${++tenantCount}`;
  return { tenant, adapter: createTenantAdapter(tenant) };
}

/** Saves the simulator app's credentials and starts an authorization. */
async function configureAndStart(adapter: ReturnType<typeof createTenantAdapter>) {
  const saved = await adapter.saveCredentials(live.credentials);
  const start = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
  return { saved, start };
}

/** Follows Salesforce's redirect to the server's own callback page, as the popup would. */
async function openCallback(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, html: await response.text() };
}

describe('happy path, through the fetch adapter', () => {
  it('saves, authorizes at Salesforce, lands on the callback page and is connected', async () => {
    const { adapter } = tenantAdapter();
    expect(await adapter.getConnection()).toEqual({ status: 'disconnected' });
    expect(await adapter.getSetupInfo()).toEqual({
      callbackUrls: [`${live.publicUrl}/oauth/callback`],
      scopes: ['api', 'refresh_token', 'id'],
      appName: 'Acme Sync',
      vendorName: 'Acme',
      // The server's own allowlist reaches the form through GET /setup.
      allowedLoginHosts: [new URL(live.simulator.url).host],
    });

    const { saved, start } = await configureAndStart(adapter);
    expect(saved).toMatchObject({
      status: 'configured',
      loginUrl: live.simulator.url,
      consumerKeyHint: keyHint(live.credentials.consumerKey),
      hasConsumerSecret: true,
    });
    expect(saved.error).toBeUndefined();

    const landed = await authorizeAtSimulator(start.authorizeUrl);
    expect(landed.kind).toBe('callback');
    expect(landed.url.startsWith(`${live.publicUrl}/oauth/callback?`)).toBe(true);
    const page = await openCallback(landed.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(relayData(page.html)).toEqual({
      message: { source: 'salesforce-connect', v: 1, type: 'oauth_complete', state: start.state },
      targetOrigin: LIVE_APP_ORIGIN,
      channel: `salesforce-connect:${start.state}`,
    });

    const connection = await adapter.getConnection();
    expect(connection).toMatchObject({
      status: 'connected',
      org: {
        id: live.simulator.org.id,
        instanceUrl: live.simulator.instanceUrl,
        name: live.simulator.org.name,
        isSandbox: false,
      },
      user: {
        username: SIMULATOR_DEMO_USER.username,
        displayName: SIMULATOR_DEMO_USER.displayName,
      },
      scopes: ['api', 'refresh_token', 'id'],
    });
    expect(connection.user?.id).toMatch(/^005/);
  });

  it('completes through POST /connection/complete for an app-origin callback route', async () => {
    const { adapter } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    const landed = await authorizeAtSimulator(start.authorizeUrl);
    if (landed.kind !== 'callback' || !landed.code || !landed.state) throw new Error('no code');
    const connection = await adapter.completeAuthorization({
      code: landed.code,
      state: landed.state,
    });
    expect(connection.status).toBe('connected');
    const replay = await adapter
      .completeAuthorization({ code: landed.code, state: landed.state })
      .catch((error: unknown) => error);
    expect(ConnectError.is(replay) && replay.code).toBe('state_mismatch');
  });

  it('disconnects: revokes at Salesforce, then the refresh token no longer works', async () => {
    const { adapter, tenant } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    const issuedBefore = live.tokens.length;
    await openCallback(((await authorizeAtSimulator(start.authorizeUrl)) as { url: string }).url);
    const issued = live.tokens.slice(issuedBefore);
    expect(issued).toHaveLength(2);
    const before = live.simulator.requests.length;
    const answer = await adapter.disconnect();
    expect(answer).toMatchObject({
      status: 'disconnected',
      consumerKeyHint: keyHint(live.credentials.consumerKey),
    });
    expect(answer.org).toBeUndefined();
    const revoke = live.simulator.requests
      .slice(before)
      .find((r) => r.path === '/services/oauth2/revoke');
    expect(revoke?.status).toBe(200);
    expect(await adapter.getConnection()).toEqual(answer);
    const session = await live.handler.getSalesforceSession({ tenant }).catch((e: unknown) => e);
    expect(ConnectError.is(session) && session.code).toBe('not_configured');
    // Whichever of the two was the refresh token, Salesforce refuses it now.
    for (const token of issued) {
      const refresh = await fetch(`${live.simulator.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: live.credentials.consumerKey,
          client_secret: live.credentials.consumerSecret,
        }),
      });
      expect(refresh.status).toBe(400);
      expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    }
  });

  it('refreshes on use with rotation, and needs_reauth once the admin revokes the app', async () => {
    const rotating = live.simulator.addApp({
      callbackUrls: [`${live.publicUrl}/oauth/callback`],
      refreshTokenRotation: true,
    });
    const { adapter, tenant } = tenantAdapter();
    await adapter.saveCredentials({
      loginUrl: live.simulator.url,
      consumerKey: rotating.consumerKey,
      consumerSecret: rotating.consumerSecret,
    });
    const start = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
    await openCallback(((await authorizeAtSimulator(start.authorizeUrl)) as { url: string }).url);

    const first = await live.handler.getSalesforceSession({ tenant, forceRefresh: true });
    const second = await live.handler.getSalesforceSession({ tenant, forceRefresh: true });
    expect(second.accessToken).not.toBe(first.accessToken);
    // The session works against the org's REST API.
    const limits = await fetch(`${second.instanceUrl}/services/data/v62.0/`, {
      headers: { authorization: `Bearer ${second.accessToken}` },
    });
    expect(limits.status).toBe(200);

    live.simulator.revokeAll(rotating.consumerKey);
    const refused = await live.handler
      .getSalesforceSession({ tenant, forceRefresh: true })
      .catch((e: unknown) => e);
    expect(ConnectError.is(refused) && refused.code).toBe('invalid_grant');
    const connection = await adapter.getConnection();
    expect(connection.status).toBe('needs_reauth');
    expect(connection.error?.code).toBe('invalid_grant');
  });
});

describe('preflight on saving credentials', () => {
  it('catches an unknown Consumer Key before any popup, keeping what was typed', async () => {
    const { adapter } = tenantAdapter();
    const saved = await adapter.saveCredentials({
      ...live.credentials,
      consumerKey: `3MVG9${'n'.repeat(80)}`,
    });
    expect(saved.status).toBe('configured');
    expect(saved.consumerKeyHint).toBe('nnnn');
    expect(saved.error?.code).toBe('invalid_client_id');
  });

  it('catches an app created minutes ago (Salesforce needs up to 10 minutes)', async () => {
    const fresh = live.simulator.addApp({
      callbackUrls: [`${live.publicUrl}/oauth/callback`],
      createdAt: live.simulator.now(),
    });
    const { adapter } = tenantAdapter();
    const saved = await adapter.saveCredentials({
      ...live.credentials,
      consumerKey: fresh.consumerKey,
      consumerSecret: fresh.consumerSecret,
    });
    expect(saved.error?.code).toBe('invalid_client_id');
    expect(saved.error?.message).toMatch(/10 minutes/);
  });

  it('catches a callback URL that differs from the one in the app', async () => {
    const slash = live.simulator.addApp({ callbackUrls: [`${live.publicUrl}/oauth/callback/`] });
    const { adapter } = tenantAdapter();
    const saved = await adapter.saveCredentials({
      ...live.credentials,
      consumerKey: slash.consumerKey,
      consumerSecret: slash.consumerSecret,
    });
    expect(saved.error?.code).toBe('redirect_uri_mismatch');
  });

  it('reports the simulator faults at the authorize request', async () => {
    for (const fault of ['invalid_client_id', 'redirect_uri_mismatch'] as const) {
      const { adapter } = tenantAdapter();
      live.simulator.setFault(fault, { consumerKey: live.credentials.consumerKey, times: 1 });
      const saved = await adapter.saveCredentials(live.credentials);
      expect(saved.error?.code, fault).toBe(fault);
    }
  });

  it('catches an app that lacks a scope the server asks for', async () => {
    const narrow = live.simulator.addApp({
      callbackUrls: [`${live.publicUrl}/oauth/callback`],
      scopes: ['api', 'refresh_token'],
    });
    const { adapter } = tenantAdapter();
    const saved = await adapter.saveCredentials({
      ...live.credentials,
      consumerKey: narrow.consumerKey,
      consumerSecret: narrow.consumerSecret,
    });
    expect(saved.error).toMatchObject({
      code: 'scope_not_allowed',
      salesforceError: 'invalid_scope',
    });
    expect(saved.error?.message).toMatch(/select the scopes the setup guide lists/);
  });

  it('says nothing (not verified) for good values, and refuses non-Salesforce hosts outright', async () => {
    const { adapter } = tenantAdapter();
    expect((await adapter.saveCredentials(live.credentials)).error).toBeUndefined();
    const refused = await adapter
      .saveCredentials({ ...live.credentials, loginUrl: 'https://login.example.com' })
      .catch((e: unknown) => e);
    expect(ConnectError.is(refused) && refused.code).toBe('invalid_login_url');
  });

  it('reports a login URL without OAuth endpoints as not a Salesforce login server', async () => {
    // The reference server itself is an allowed host with no authorize endpoint: it answers 404.
    const other = await startLiveServer();
    try {
      const hostOnly = new URL(other.publicUrl).origin;
      other.restart({ allowedLoginHosts: [new URL(hostOnly).host] });
      const saved = await other.adapter.saveCredentials({
        ...other.credentials,
        loginUrl: hostOnly,
      });
      expect(saved.status).toBe('configured');
      expect(saved.error?.code).toBe('invalid_login_url');
    } finally {
      await other.close();
    }
  });
});

/** Faults that fire on the authorization code grant, and the code the kit reports for each. */
const tokenFaults: [SimulatorFault, string][] = [
  ['invalid_client', 'invalid_client'],
  ['app_not_approved', 'app_not_approved'],
  ['app_not_installed', 'app_not_installed'],
  ['pkce_required', 'pkce_required'],
  ['code_expired', 'invalid_grant'],
  ['ip_restricted', 'ip_restricted'],
  ['inactive_user', 'inactive_user'],
  ['inactive_org', 'inactive_org'],
  ['unsupported_grant_type', 'flow_not_enabled'],
  ['rate_limited', 'rate_limited'],
  ['invalid_client_id', 'invalid_client_id'],
  ['server_error', 'salesforce_unavailable'],
  ['slow', 'salesforce_unavailable'],
];

describe('faults at the token endpoint, relayed by the callback page', () => {
  for (const [fault, code] of tokenFaults) {
    it(`${fault} → ${code}`, async () => {
      const { adapter } = tenantAdapter();
      const { start } = await configureAndStart(adapter);
      const landed = await authorizeAtSimulator(start.authorizeUrl);
      if (landed.kind !== 'callback') throw new Error(`landed on ${landed.kind}`);
      live.simulator.setFault(fault, { consumerKey: live.credentials.consumerKey, times: 1 });
      const page = await openCallback(landed.url);
      expect(page.status).toBe(200);
      const data = relayData(page.html);
      expect(data.targetOrigin).toBe(LIVE_APP_ORIGIN);
      expect(data.message).toMatchObject({
        type: 'oauth_complete',
        state: start.state,
        error: code,
      });
      const connection = await adapter.getConnection();
      expect(connection.status).toBe('error');
      expect(connection.error?.code).toBe(code);
      // Connecting again works once the fault is gone.
      const retry = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
      await openCallback(((await authorizeAtSimulator(retry.authorizeUrl)) as { url: string }).url);
      expect((await adapter.getConnection()).status).toBe('connected');
    });
  }
});

describe('faults in the popup', () => {
  it('access_denied (the admin clicked Deny) is relayed and recorded', async () => {
    // A fresh app: Salesforce skips "Allow Access?" for an app the user approved before.
    const unseen = live.simulator.addApp({ callbackUrls: [`${live.publicUrl}/oauth/callback`] });
    const { adapter } = tenantAdapter();
    await adapter.saveCredentials({
      loginUrl: live.simulator.url,
      consumerKey: unseen.consumerKey,
      consumerSecret: unseen.consumerSecret,
    });
    const start = await adapter.startAuthorization({ returnOrigin: LIVE_APP_ORIGIN });
    const landed = await authorizeAtSimulator(start.authorizeUrl, { decision: 'deny' });
    const page = await openCallback(landed.url);
    expect(relayData(page.html).message?.error).toBe('access_denied');
    expect((await adapter.getConnection()).error?.code).toBe('access_denied');
  });

  it('access_denied injected after login is relayed the same way', async () => {
    const { adapter } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    live.simulator.setFault('access_denied', {
      consumerKey: live.credentials.consumerKey,
      times: 1,
    });
    const landed = await authorizeAtSimulator(start.authorizeUrl);
    const page = await openCallback(landed.url);
    expect(relayData(page.html).message?.error).toBe('access_denied');
  });

  it("app_not_found and app_not_installed stay on Salesforce's page: the kit explains the pasted text", async () => {
    for (const fault of ['app_not_found', 'app_not_installed'] as const) {
      const { adapter } = tenantAdapter();
      const { start } = await configureAndStart(adapter);
      live.simulator.setFault(fault, { consumerKey: live.credentials.consumerKey, times: 1 });
      const landed = await authorizeAtSimulator(start.authorizeUrl);
      expect(landed.kind).toBe('error_page');
      expect(parseSalesforceErrorText(landed.url)?.code).toBe(fault);
      // Nothing reached the server: still configured, and the state is still unused.
      expect((await adapter.getConnection()).status).toBe('configured');
    }
  });
});

describe('faults after connecting', () => {
  it('refresh_revoked → needs_reauth on use', async () => {
    const { adapter, tenant } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    await openCallback(((await authorizeAtSimulator(start.authorizeUrl)) as { url: string }).url);
    live.simulator.setFault('refresh_revoked', {
      consumerKey: live.credentials.consumerKey,
      times: 1,
    });
    const refused = await live.handler
      .getSalesforceSession({ tenant, forceRefresh: true })
      .catch((e: unknown) => e);
    expect(ConnectError.is(refused) && refused.code).toBe('invalid_grant');
    expect((await adapter.getConnection()).status).toBe('needs_reauth');
  });

  it('an outage during refresh leaves the connection standing', async () => {
    const { adapter, tenant } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    await openCallback(((await authorizeAtSimulator(start.authorizeUrl)) as { url: string }).url);
    live.simulator.setFault('server_error', {
      consumerKey: live.credentials.consumerKey,
      times: 1,
    });
    const failed = await live.handler
      .getSalesforceSession({ tenant, forceRefresh: true })
      .catch((e: unknown) => e);
    expect(ConnectError.is(failed) && failed.code).toBe('salesforce_unavailable');
    expect((await adapter.getConnection()).status).toBe('connected');
    expect(
      (await live.handler.getSalesforceSession({ tenant, forceRefresh: true })).accessToken,
    ).toBeTruthy();
  });
});

describe('secrecy', () => {
  it('no consumer secret, token or code in any response body, log line or relay page', async () => {
    // Everything the file did so far is in the record: every fault, refresh, revoke and page.
    const codes: string[] = [];
    const { adapter } = tenantAdapter();
    const { start } = await configureAndStart(adapter);
    const landed = await authorizeAtSimulator(start.authorizeUrl);
    if (landed.kind === 'callback' && landed.code) codes.push(landed.code);
    await openCallback(landed.url);
    await openCallback(landed.url);

    expect(live.tokens.length).toBeGreaterThan(10);
    expect(live.bodies.length).toBeGreaterThan(50);
    expect(live.logs.length).toBeGreaterThan(20);
    const said = [...live.bodies, ...live.logs.map((line) => JSON.stringify(line))].join('\n');
    const secrets = [live.credentials.consumerSecret, ...live.tokens, ...codes];
    expect(secrets.filter((secret) => said.includes(secret))).toEqual([]);
  });
});
