import { Connection, OAuth2 } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import { Browser, CALLBACK, followAuthorization, refresh } from '../simulator/drive.js';

// jsforce 3 — the Salesforce client of the Node world, and the library under the Salesforce CLI's
// web login — run against the simulator exactly as an integrator's backend would run it.

const SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;

let simulator: SalesforceSimulator;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
});
afterEach(() => simulator.close());

/** jsforce's own web-server flow with its own PKCE (`useVerifier`), through the simulator's pages. */
async function connectWithJsforce(app: SimulatorApp) {
  const oauth2 = new OAuth2({
    loginUrl: simulator.url,
    clientId: app.consumerKey,
    clientSecret: app.consumerSecret,
    redirectUri: CALLBACK,
    useVerifier: true,
  });
  const authorizeUrl = oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state: 's-1' });
  // jsforce sends a challenge with no code_challenge_method; Salesforce reads it as S256.
  expect(new URL(authorizeUrl).searchParams.has('code_challenge_method')).toBe(false);
  const callback = await followAuthorization(simulator, new Browser(), authorizeUrl);
  const code = callback.searchParams.get('code');
  expect(code, callback.search).toBeTruthy();
  const connection = new Connection({ oauth2 });
  const refreshed: Array<{ refresh_token?: string }> = [];
  connection.on('refresh', (_accessToken: string, response: { refresh_token?: string }) => {
    refreshed.push(response);
  });
  const userInfo = await connection.authorize(code ?? '');
  return { connection, userInfo, refreshed };
}

describe('jsforce against the simulator', () => {
  it('authorizes with its own PKCE, reads the identity, and queries on the instance', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { connection, userInfo } = await connectWithJsforce(app);
    expect(userInfo.organizationId).toBe(simulator.org.id);
    expect(connection.instanceUrl).toBe(simulator.instanceUrl);
    expect(connection.version).toBe('50.0');

    const identity = await connection.identity();
    expect(identity).toMatchObject({
      organization_id: simulator.org.id,
      username: simulator.users[0]?.username,
    });

    const accounts = await connection.query<{ Name: string }>(
      "SELECT Id, Name FROM Account WHERE Name LIKE 'G%' ORDER BY Name",
    );
    expect(accounts.records.map((record) => record.Name)).toEqual(['Globex Inc']);
  });

  it('refreshes by itself on a 401 when the session times out (no rotation)', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { connection, refreshed } = await connectWithJsforce(app);
    const before = connection.accessToken;
    for (let round = 0; round < 2; round++) {
      simulator.advanceTime(SESSION_TIMEOUT_MS);
      const result = await connection.query('SELECT Id FROM Opportunity');
      expect(result.totalSize).toBe(5);
    }
    expect(refreshed).toHaveLength(2);
    expect(connection.accessToken).not.toBe(before);
  });

  it('under rotation, a second automatic refresh reuses the spent token and loses the grant', async () => {
    // jsforce keeps the refresh token it was given and ignores the rotated one: Salesforce treats
    // the second refresh as token reuse and revokes everything (sfdx-core PR 1340 tells that story).
    const app = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const { connection, refreshed } = await connectWithJsforce(app);
    simulator.advanceTime(SESSION_TIMEOUT_MS);
    expect((await connection.query('SELECT Id FROM Contact')).totalSize).toBe(6);
    const rotated = refreshed[0]?.refresh_token;
    expect(rotated).toMatch(/^5Aep861/);

    simulator.advanceTime(SESSION_TIMEOUT_MS);
    await expect(connection.query('SELECT Id FROM Contact')).rejects.toThrow(
      'Unable to refresh session due to: expired access/refresh token',
    );
    // The rotated token, which a careful client would have kept, died with the grant.
    expect((await refresh(simulator, app, rotated ?? '')).body.error).toBe('invalid_grant');
  });

  it('logs out by revoking, and reads Salesforce’s URL-encoded revoke error', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { connection } = await connectWithJsforce(app);
    const refreshToken = connection.refreshToken ?? '';
    await connection.logout(true);
    expect((await refresh(simulator, app, refreshToken)).body.error).toBe('invalid_grant');

    const oauth2 = new OAuth2({ loginUrl: simulator.url, clientId: app.consumerKey });
    // jsforce parses revoke errors as a query string, as Salesforce writes them.
    await expect(oauth2.revokeToken(refreshToken)).rejects.toMatchObject({
      name: 'unsupported_token_type',
      message: 'this token type is not supported',
    });
  });
});
