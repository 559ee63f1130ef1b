import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import {
  authorizeUrl,
  Browser,
  CALLBACK,
  connect,
  exchangeCode,
  followAuthorization,
  pkcePair,
  refresh,
  revoke,
  withBearer,
} from './drive.js';

// Where Salesforce's answers differ from a generic OAuth server's, real clients can tell: each test
// here pins one such answer (docs/simulator.md, "Fidelity", names the source of each).

let simulator: SalesforceSimulator;
let app: SimulatorApp;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
  app = simulator.addApp({ callbackUrls: [CALLBACK], scopes: ['api', 'refresh_token', 'id'] });
});
afterEach(() => simulator.close());

type RestError = Array<{ errorCode: string; message: string }>;

async function query(accessToken: string, soql: string, version = '66.0') {
  const response = await withBearer(
    simulator,
    `/services/data/v${version}/query?q=${encodeURIComponent(soql)}`,
    accessToken,
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the org has an instance of its own', () => {
  it('names a distinct instance origin in instance_url, on loopback', async () => {
    const { token } = await connect(simulator, app);
    expect(token.instance_url).toBe(simulator.instanceUrl);
    expect(new URL(simulator.instanceUrl).origin).not.toBe(new URL(simulator.url).origin);
    expect(new URL(simulator.instanceUrl).hostname).toBe('127.0.0.1');
    // The identity URL stays on the login host, as https://login.salesforce.com/id/… does.
    expect(new URL(token.id ?? '').origin).toBe(simulator.url);
  });

  it('answers API calls on the login host with 401 INVALID_SESSION_ID', async () => {
    const { token } = await connect(simulator, app);
    const onLogin = await fetch(`${simulator.url}/services/data/v66.0/`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(onLogin.status).toBe(401);
    expect(await onLogin.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const onInstance = await withBearer(simulator, '/services/data/v66.0/', token.access_token!);
    expect(onInstance.status).toBe(200);
  });

  it('points the identity response at the instance, and fills in a requested version', async () => {
    const { token } = await connect(simulator, app);
    const plain = (await (
      await withBearer(simulator, new URL(token.id ?? '').pathname, token.access_token!)
    ).json()) as { urls: Record<string, string> };
    expect(plain.urls.rest).toBe(`${simulator.instanceUrl}/services/data/v{version}/`);
    // The token in the query (oauth_token) instead of a header, and version=latest.
    const url = new URL(token.id ?? '');
    url.searchParams.set('oauth_token', token.access_token!);
    url.searchParams.set('version', 'latest');
    const latest = await fetch(url);
    expect(latest.status).toBe(200);
    const body = (await latest.json()) as { urls: Record<string, string> };
    expect(body.urls.query).toBe(`${simulator.instanceUrl}/services/data/v66.0/query/`);
    url.searchParams.set('version', '50.0');
    expect(((await (await fetch(url)).json()) as typeof body).urls.partner).toMatch(
      /\/services\/Soap\/u\/50\.0\//,
    );
  });

  it('can share one host, as a My Domain login does', async () => {
    const shared = await startSalesforceSimulator({ sharedInstanceHost: true });
    try {
      const sharedApp = shared.addApp({ callbackUrls: [CALLBACK] });
      const { token } = await connect(shared, sharedApp);
      expect(shared.instanceUrl).toBe(shared.url);
      expect(token.instance_url).toBe(shared.url);
      expect((await withBearer(shared, '/services/data/v66.0/', token.access_token!)).status).toBe(
        200,
      );
    } finally {
      await shared.close();
    }
  });
});

describe('authorize', () => {
  it('treats a challenge without code_challenge_method as S256, as jsforce sends it', async () => {
    const pkce = pkcePair();
    const url = new URL(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkce.challenge }),
    );
    url.searchParams.delete('code_challenge_method');
    const callback = await followAuthorization(simulator, new Browser(), url.toString());
    const code = callback.searchParams.get('code');
    expect(code, callback.search).toBeTruthy();
    expect((await exchangeCode(simulator, app, code ?? '', pkce.verifier)).status).toBe(200);
  });

  it('still refuses an explicit plain method', async () => {
    const pkce = pkcePair();
    const callback = await followAuthorization(
      simulator,
      new Browser(),
      authorizeUrl(simulator, {
        clientId: app.consumerKey,
        challenge: pkce.challenge,
        method: 'plain',
      }),
    );
    expect(callback.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('REST API', () => {
  it('serves an old version such as jsforce’s default 50.0', async () => {
    const { token } = await connect(simulator, app);
    const { status, body } = await query(token.access_token!, 'SELECT Name FROM Account', '50.0');
    expect(status).toBe(200);
    expect(body.totalSize).toBe(5);
  });

  it('advertises only the resources it serves, and serves each', async () => {
    const { token } = await connect(simulator, app);
    const root = (await (
      await withBearer(simulator, '/services/data/v66.0/', token.access_token!)
    ).json()) as Record<string, string>;
    expect(Object.keys(root).sort()).toEqual(['identity', 'limits', 'query', 'sobjects']);
    expect(root.identity).toBe(token.id);
    for (const path of [root.limits, root.sobjects]) {
      expect((await withBearer(simulator, path ?? '', token.access_token!)).status).toBe(200);
    }
    const limits = (await (
      await withBearer(simulator, root.limits ?? '', token.access_token!)
    ).json()) as Record<string, { Max: number; Remaining: number }>;
    expect(limits.DailyApiRequests?.Max).toBe(15_000);
    expect(limits.DailyApiRequests?.Remaining).toBeLessThan(15_000);
  });

  it('filters, sorts and limits the seeded records', async () => {
    const { token } = await connect(simulator, app);
    const { body } = await query(
      token.access_token!,
      "SELECT Name, Industry FROM Account WHERE Industry = 'technology' AND Name != 'Initech' ORDER BY Name DESC LIMIT 5",
    );
    expect(body.records).toEqual([
      {
        attributes: {
          type: 'Account',
          url: expect.stringMatching(/^\/services\/data\/v66\.0\/sobjects\/Account\/001/),
        },
        Name: 'Globex Inc',
        Industry: 'Technology',
      },
    ]);
    const like = await query(
      token.access_token!,
      "SELECT LastName FROM Contact WHERE Email LIKE '%@acme.example' ORDER BY LastName",
    );
    expect((like.body.records as Array<{ LastName: string }>).map((r) => r.LastName)).toEqual([
      'Coyote',
      'Runner',
    ]);
    const limited = await query(token.access_token!, 'SELECT Id FROM Opportunity LIMIT 2');
    expect(limited.body).toMatchObject({ totalSize: 2, done: true });
  });

  it('knows the org’s users and the Organization', async () => {
    const { token } = await connect(simulator, app);
    const users = await query(token.access_token!, 'SELECT Username, IsActive FROM User');
    expect(users.body.records).toEqual([
      expect.objectContaining({ Username: simulator.users[0]?.username, IsActive: true }),
    ]);
    const org = await query(token.access_token!, 'SELECT Id, Name FROM Organization');
    expect(org.body.records).toEqual([expect.objectContaining({ Id: simulator.org.id })]);
  });

  it('reads one record by id, and answers NOT_FOUND for one that does not exist', async () => {
    const { token } = await connect(simulator, app);
    const { body } = await query(
      token.access_token!,
      "SELECT Id FROM Account WHERE Name = 'Initech'",
    );
    const [initech] = body.records as Array<{ attributes: { url: string } }>;
    const record = await withBearer(simulator, initech?.attributes.url ?? '', token.access_token!);
    expect(await record.json()).toMatchObject({ Name: 'Initech', Type: 'Prospect' });
    const missing = await withBearer(
      simulator,
      '/services/data/v66.0/sobjects/Account/001000000000000AAA',
      token.access_token!,
    );
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as RestError)[0]?.errorCode).toBe('NOT_FOUND');
  });

  it('answers what it does not parse with MALFORMED_QUERY, naming the token', async () => {
    const { token } = await connect(simulator, app);
    const { status, body } = await query(
      token.access_token!,
      "SELECT Id FROM Account WHERE Name = 'A' OR Name = 'B'",
    );
    expect(status).toBe(400);
    expect((body as unknown as RestError)[0]).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'OR'",
    });
  });
});

describe('introspection', () => {
  const introspect = (
    token: string,
    client: SimulatorApp | { consumerKey: string; consumerSecret: string },
  ) =>
    fetch(`${simulator.url}/services/oauth2/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        client_id: client.consumerKey,
        client_secret: client.consumerSecret,
      }).toString(),
    });

  it('describes a live access token and a live refresh token to their app', async () => {
    const { token } = await connect(simulator, app);
    const access = (await (await introspect(token.access_token!, app)).json()) as Record<
      string,
      unknown
    >;
    expect(access).toMatchObject({
      active: true,
      scope: 'api refresh_token id',
      client_id: app.consumerKey,
      username: simulator.users[0]?.username,
      sub: token.id,
      token_type: 'access_token',
    });
    expect(access.exp).toBe((access.iat as number) + 2 * 60 * 60);
    expect(access.nbf).toBe(access.iat);
    const refreshInfo = (await (await introspect(token.refresh_token!, app)).json()) as Record<
      string,
      unknown
    >;
    expect(refreshInfo).toMatchObject({ active: true, token_type: 'refresh_token' });
  });

  it('answers active: false for revoked, unknown and other apps’ tokens', async () => {
    const { token } = await connect(simulator, app);
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    expect(await (await introspect(token.access_token!, other)).json()).toEqual({ active: false });
    expect(await (await introspect('nonsense', app)).json()).toEqual({ active: false });
    await revoke(simulator, token.refresh_token!);
    expect(await (await introspect(token.access_token!, app)).json()).toEqual({ active: false });
  });

  it('requires the client to authenticate', async () => {
    const { token } = await connect(simulator, app);
    const response = await introspect(token.access_token!, {
      ...app,
      consumerSecret: '0'.repeat(64),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe('revocation errors', () => {
  it('can answer in JSON when the URL-encoded rule is switched off', async () => {
    const json = await startSalesforceSimulator({ fidelity: { urlEncodedRevokeErrors: false } });
    try {
      const response = await revoke(json, 'unknown-token');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'unsupported_token_type',
        error_description: 'this token type is not supported',
      });
    } finally {
      await json.close();
    }
  });
});

describe('refresh under rotation', () => {
  it('keeps access tokens issued before a reuse from working afterwards', async () => {
    const rotating = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const { token } = await connect(simulator, rotating);
    const rotated = await refresh(simulator, rotating, token.refresh_token!);
    await refresh(simulator, rotating, token.refresh_token!);
    const api = await withBearer(simulator, '/services/data/v66.0/', rotated.body.access_token!);
    expect(api.status).toBe(401);
  });
});
