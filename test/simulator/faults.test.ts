import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  type SimulatorFault,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import {
  authorizeAndApprove,
  authorizeUrl,
  CALLBACK,
  connect,
  exchangeCode,
  locationOf,
  pkcePair,
  refresh,
} from './drive.js';

let simulator: SalesforceSimulator;
let app: SimulatorApp;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  simulator = await startSalesforceSimulator({ log: (line) => logLines.push(line) });
  app = simulator.addApp({ callbackUrls: [CALLBACK] });
});
afterEach(() => simulator.close());

const errorPage = '/setup/secur/RemoteAccessErrorPage.apexp';

async function authorizeLocation(target: SimulatorApp = app) {
  const response = await fetch(
    authorizeUrl(simulator, { clientId: target.consumerKey, challenge: pkcePair().challenge }),
    { redirect: 'manual' },
  );
  return new URL(locationOf(response, simulator.url));
}

/** Authorizes for real, then exchanges the code: the answer of the code grant under a fault. */
async function codeGrantUnder(fault: SimulatorFault) {
  const { callback, verifier } = await authorizeAndApprove(simulator, app);
  simulator.setFault(fault, { times: 1 });
  return exchangeCode(simulator, app, callback.searchParams.get('code')!, verifier);
}

async function refreshUnder(fault: SimulatorFault) {
  const { token } = await connect(simulator, app);
  simulator.setFault(fault, { times: 1 });
  return { result: await refresh(simulator, app, token.refresh_token!), token };
}

describe('faults on the authorize request (Salesforce’s error page)', () => {
  it('invalid_client_id sends a known, active app to the invalid_client_id page', async () => {
    simulator.setFault('invalid_client_id');
    const location = await authorizeLocation();
    expect(location.pathname).toBe(errorPage);
    expect(location.search).toContain(
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
    );
  });

  it('redirect_uri_mismatch sends a correct callback to the redirect_uri_mismatch page', async () => {
    simulator.setFault('redirect_uri_mismatch');
    const location = await authorizeLocation();
    expect(location.search).toContain(
      'error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration',
    );
  });
});

describe('faults when the user would be sent back with a code', () => {
  it('access_denied answers Allow as if the user had denied', async () => {
    simulator.setFault('access_denied');
    const { callback } = await authorizeAndApprove(simulator, app, { decision: 'allow' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('end-user denied authorization');
    expect(callback.searchParams.get('state')).toBe('state-123');
  });

  it.each([
    ['app_not_found', 'OAUTH_EC_APP_NOT_FOUND'],
    ['app_not_installed', 'OAUTH_APPROVAL_ERROR_GENERIC'],
  ] as const)('%s shows Salesforce’s page with %s after login', async (fault, error) => {
    simulator.setFault(fault);
    const { callback } = await authorizeAndApprove(simulator, app);
    expect(callback.pathname).toBe(errorPage);
    expect(callback.searchParams.get('error')).toBe(error);
  });
});

describe('faults at the token endpoint', () => {
  const codeGrantFaults: Array<[SimulatorFault, string, string]> = [
    ['invalid_client_id', 'invalid_client_id', 'client identifier invalid'],
    ['invalid_client', 'invalid_client', 'invalid client credentials'],
    ['app_not_approved', 'invalid_app_access', 'user is not admin approved to access this app'],
    ['app_not_installed', 'invalid_client', 'app must be installed into org'],
    ['pkce_required', 'invalid_request', 'missing required code challenge'],
    ['code_expired', 'invalid_grant', 'expired authorization code'],
    ['ip_restricted', 'invalid_grant', 'ip restricted'],
    ['inactive_user', 'inactive_user', 'user is inactive'],
    ['inactive_org', 'inactive_org', 'organization is inactive'],
    ['unsupported_grant_type', 'unsupported_grant_type', 'grant type not supported'],
    ['rate_limited', 'rate_limit_exceeded', 'rate limit exceeded'],
  ];

  it.each(codeGrantFaults)(
    '%s answers the code grant with 400 %s',
    async (fault, error, description) => {
      const result = await codeGrantUnder(fault);
      expect(result.status).toBe(400);
      expect(result.contentType).toMatch(/^application\/json/);
      expect(result.body).toEqual({ error, error_description: description });
    },
  );

  const refreshFaults = codeGrantFaults.filter(
    ([fault]) => fault !== 'pkce_required' && fault !== 'code_expired',
  );
  it.each([
    ...refreshFaults,
    ['refresh_revoked', 'invalid_grant', 'expired access/refresh token'] as [
      SimulatorFault,
      string,
      string,
    ],
  ])('%s answers the refresh grant with 400 %s', async (fault, error, description) => {
    const { result } = await refreshUnder(fault);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error, error_description: description });
  });

  it('code_expired uses the code up, as a real expiry would', async () => {
    const { callback, verifier } = await authorizeAndApprove(simulator, app);
    const code = callback.searchParams.get('code')!;
    simulator.setFault('code_expired', { times: 1 });
    expect((await exchangeCode(simulator, app, code, verifier)).status).toBe(400);
    expect((await exchangeCode(simulator, app, code, verifier)).status).toBe(400);
  });

  it('refresh_revoked revokes the refresh token for good, as an admin would', async () => {
    const { token } = await refreshUnder('refresh_revoked');
    expect((await refresh(simulator, app, token.refresh_token!)).body.error).toBe('invalid_grant');
  });

  it('a fault that only stands for a moment leaves the token working afterwards', async () => {
    const { token } = await refreshUnder('rate_limited');
    expect((await refresh(simulator, app, token.refresh_token!)).status).toBe(200);
  });
});

describe('slow and server_error', () => {
  it('server_error answers any request with a 503 page, then clears after `times`', async () => {
    simulator.setFault('server_error', { times: 2 });
    const discovery = await fetch(`${simulator.url}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(503);
    expect(discovery.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await discovery.text()).toContain('Service Unavailable');
    const token = await fetch(`${simulator.url}/services/oauth2/token`, { method: 'POST' });
    expect(token.status).toBe(503);
    const after = await fetch(`${simulator.url}/.well-known/openid-configuration`);
    expect(after.status).toBe(200);
  });

  it('slow holds the answer, which still arrives whole', async () => {
    await simulator.close();
    simulator = await startSalesforceSimulator({ slowResponseMs: 20 });
    simulator.setFault('slow', { times: 1 });
    const response = await fetch(`${simulator.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { issuer: string }).issuer).toBe(simulator.url);
  });

  it('slow holds only its app’s requests, and close() ends a held request at once', async () => {
    await simulator.close();
    let heard: () => void = () => {};
    const slowFired = new Promise<void>((resolve) => {
      heard = resolve;
    });
    simulator = await startSalesforceSimulator({
      slowResponseMs: 10 * 60 * 1000,
      log: (line) => {
        if (line === 'fault slow at request') heard();
      },
    });
    app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    simulator.setFault('slow', { consumerKey: app.consumerKey });

    let settled = false;
    const held = fetch(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkcePair().challenge }),
      { redirect: 'manual' },
    ).finally(() => {
      settled = true;
    });
    await slowFired;
    const unaffected = await fetch(
      authorizeUrl(simulator, { clientId: other.consumerKey, challenge: pkcePair().challenge }),
      { redirect: 'manual' },
    );
    expect(unaffected.status).toBe(302);
    expect(settled).toBe(false);

    await simulator.close();
    await expect(held).rejects.toThrow();
  });
});

describe('fault scopes', () => {
  it('times: 1 fires on the next matching request only; other requests do not use it up', async () => {
    const { token } = await connect(simulator, app);
    simulator.setFault('refresh_revoked', { times: 1 });
    // Neither the authorize request nor a code grant matches a refresh fault.
    expect((await authorizeLocation()).pathname).toBe('/');
    await connect(simulator, app);
    const second = (await connect(simulator, app)).token;
    expect((await refresh(simulator, app, token.refresh_token!)).status).toBe(400);
    expect((await refresh(simulator, app, second.refresh_token!)).status).toBe(200);
  });

  it('a fault for one app leaves the other apps alone', async () => {
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    simulator.setFault('invalid_client_id', { consumerKey: app.consumerKey });
    expect((await authorizeLocation(app)).pathname).toBe(errorPage);
    expect((await authorizeLocation(other)).pathname).toBe('/');
  });

  it('an app’s fault and a fault for every app both apply, each where it fires', async () => {
    const { callback, verifier } = await authorizeAndApprove(simulator, app);
    const code = callback.searchParams.get('code')!;
    simulator.setFault('invalid_client', { consumerKey: app.consumerKey });
    simulator.setFault('server_error', { times: 1 });
    expect((await exchangeCode(simulator, app, code, verifier)).status).toBe(503);
    expect((await exchangeCode(simulator, app, code, verifier)).body.error).toBe('invalid_client');
  });

  it('setting a fault replaces the one in the same scope; null clears', async () => {
    simulator.setFault('invalid_client_id');
    simulator.setFault('redirect_uri_mismatch');
    expect((await authorizeLocation()).searchParams.get('error')).toBe('redirect_uri_mismatch');
    simulator.setFault('invalid_client_id', { consumerKey: app.consumerKey });
    simulator.setFault(null, { consumerKey: app.consumerKey });
    expect((await authorizeLocation()).searchParams.get('error')).toBe('redirect_uri_mismatch');
    simulator.setFault(null);
    expect((await authorizeLocation()).pathname).toBe('/');
  });

  it('refuses an unknown fault and a bad count with plain words', () => {
    expect(() => simulator.setFault('teapot' as SimulatorFault)).toThrow(/Unknown simulator fault/);
    expect(() => simulator.setFault('slow', { times: 0 })).toThrow(/at least 1/);
  });

  it('logs each fault that fires, by name', async () => {
    simulator.setFault('server_error', { times: 1 });
    await fetch(`${simulator.url}/services/data/`);
    expect(logLines).toContain('fault server_error at request');
  });
});
