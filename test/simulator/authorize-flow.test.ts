import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeLabelsFor } from '../../src/core/scopes.js';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import {
  answerConsent,
  authorizeAndApprove,
  authorizeUrl,
  Browser,
  CALLBACK,
  connect,
  exchangeCode,
  hiddenField,
  locationOf,
  logIn,
  pkcePair,
  refresh,
  revoke,
  withBearer,
} from './drive.js';

let simulator: SalesforceSimulator;
let app: SimulatorApp;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
  app = simulator.addApp({ name: 'Acme Sync', callbackUrls: [CALLBACK] });
});
afterEach(() => simulator.close());

describe('the whole web server flow', () => {
  it('goes authorize → login → consent → code → token → identity → REST → refresh → revoke', async () => {
    const browser = new Browser();
    const pkce = pkcePair();
    const start = await browser.request(
      authorizeUrl(simulator, {
        clientId: app.consumerKey,
        scope: 'api refresh_token id',
        state: 'opaque state/with+chars',
        challenge: pkce.challenge,
        extra: { display: 'popup' },
      }),
    );
    const loginUrl = new URL(locationOf(start.response, simulator.url));
    expect(loginUrl.pathname).toBe('/');
    expect(loginUrl.searchParams.get('startURL')).toMatch(
      /^\/setup\/secur\/RemoteAccessAuthorizationPage\.apexp\?source=/,
    );

    const loginPage = await browser.request(loginUrl.toString());
    expect(loginPage.text).toContain('<html lang="en">');
    expect(loginPage.text).toMatch(/<label for="username">Username<\/label>/);
    expect(loginPage.text).toMatch(/<label for="password">Password<\/label>/);
    expect(loginPage.text).toMatch(/<button type="submit" class="primary">Log In<\/button>/);

    const consentUrl = await logIn(simulator, browser, loginUrl.toString());
    const { callback, consentPage } = await answerConsent(simulator, browser, consentUrl, 'allow');
    expect(consentPage).toContain('<title>Allow Access? | Salesforce (Simulated)</title>');
    expect(consentPage).toContain('<strong>Acme Sync</strong> is asking to:');
    for (const label of scopeLabelsFor(['api', 'refresh_token', 'id']).labels) {
      expect(consentPage).toContain(`<li>${label}</li>`);
    }
    expect(consentPage).toMatch(/>Allow<\/button>/);
    expect(consentPage).toMatch(/>Deny<\/button>/);

    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('opaque state/with+chars');
    const code = callback.searchParams.get('code') ?? '';
    expect(code).toMatch(/^aPrx[A-Za-z0-9._]{76}==$/);

    const token = await exchangeCode(simulator, app, code, pkce.verifier);
    expect(token.status).toBe(200);
    expect(token.contentType).toMatch(/^application\/json/);
    const body = token.body;
    const user = simulator.users[0]!;
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'id',
        'instance_url',
        'issued_at',
        'refresh_token',
        'scope',
        'signature',
        'token_type',
      ].sort(),
    );
    expect(body).not.toHaveProperty('expires_in');
    expect(body.token_type).toBe('Bearer');
    expect(body.instance_url).toBe(simulator.instanceUrl);
    expect(body.id).toBe(`${simulator.url}/id/${simulator.org.id}/${user.id}`);
    expect(body.scope!.split(' ').sort()).toEqual(['api', 'id', 'refresh_token']);
    expect(typeof body.issued_at).toBe('string');
    expect(Math.abs(Number(body.issued_at) - Date.now())).toBeLessThan(60_000);
    expect(body.access_token!.startsWith(`${simulator.org.id.slice(0, 15)}!`)).toBe(true);
    expect(body.refresh_token).toMatch(/^5Aep861/);

    const identity = await withBearer(simulator, new URL(body.id!).pathname, body.access_token!);
    expect(identity.status).toBe(200);
    const identityJson = (await identity.json()) as Record<string, unknown>;
    expect(identityJson).toMatchObject({
      id: body.id,
      user_id: user.id,
      organization_id: simulator.org.id,
      username: 'admin@acme-demo.example',
      display_name: 'Ada Admin',
      email: 'admin@acme-demo.example',
      active: true,
    });
    expect((identityJson.urls as Record<string, string>).rest).toBe(
      `${simulator.instanceUrl}/services/data/v{version}/`,
    );

    const userinfo = await withBearer(simulator, '/services/oauth2/userinfo', body.access_token!);
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: body.id,
      user_id: user.id,
      organization_id: simulator.org.id,
      preferred_username: 'admin@acme-demo.example',
      name: 'Ada Admin',
      email: 'admin@acme-demo.example',
    });

    const org = await withBearer(
      simulator,
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Name, IsSandbox FROM Organization')}`,
      body.access_token!,
    );
    expect(org.status).toBe(200);
    expect(await org.json()).toMatchObject({
      totalSize: 1,
      records: [{ Id: simulator.org.id, Name: 'Acme (Simulated)', IsSandbox: false }],
    });

    const refreshed = await refresh(simulator, app, body.refresh_token!);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refresh_token');
    expect(refreshed.body.access_token).not.toBe(body.access_token);
    expect(refreshed.body.id).toBe(body.id);

    expect((await revoke(simulator, body.refresh_token!)).status).toBe(200);
    const afterRevoke = await refresh(simulator, app, body.refresh_token!);
    expect(afterRevoke).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    });
    const restAfterRevoke = await withBearer(
      simulator,
      '/services/data/v62.0/',
      refreshed.body.access_token!,
    );
    expect(restAfterRevoke.status).toBe(401);
  });

  it('keeps the username and says what went wrong after a wrong password', async () => {
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkcePair().challenge }),
    );
    const loginUrl = locationOf(start.response, simulator.url);
    const page = await browser.request(loginUrl);
    const startURL = hiddenField(page.text, 'startURL');
    const wrong = await browser.request(`${simulator.url}/`, {
      form: { username: 'admin@acme-demo.example', pw: 'not-the-password', startURL },
    });
    expect(wrong.response.status).toBe(200);
    expect(wrong.text).toContain('role="alert"');
    expect(wrong.text).toContain('Check your username and password.');
    expect(wrong.text).toContain('value="admin@acme-demo.example"');
    expect(hiddenField(wrong.text, 'startURL')).toBe(startURL);
    expect(browser.cookies.has('sid')).toBe(false);

    const consentUrl = await logIn(simulator, browser, loginUrl);
    expect(new URL(consentUrl).pathname).toBe('/setup/secur/RemoteAccessAuthorizationPage.apexp');
  });

  it('refuses an inactive user at the login page', async () => {
    await simulator.close();
    simulator = await startSalesforceSimulator({
      users: [{ username: 'gone@acme.example', password: 'pw-123456', active: false }],
    });
    app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkcePair().challenge }),
    );
    const page = await browser.request(locationOf(start.response, simulator.url));
    const refused = await browser.request(`${simulator.url}/`, {
      form: {
        username: 'gone@acme.example',
        pw: 'pw-123456',
        startURL: hiddenField(page.text, 'startURL'),
      },
    });
    expect(refused.response.status).toBe(200);
    expect(refused.text).toContain('Check your username and password.');
  });

  it('sends Deny back to the callback as access_denied, encoded the way Salesforce does', async () => {
    const { callback } = await authorizeAndApprove(simulator, app, { decision: 'deny' });
    expect(callback.search).toBe(
      '?error=access_denied&error_description=end-user%20denied%20authorization&state=state-123',
    );
  });

  it('skips login and consent for a user with a session who approved the app before', async () => {
    const { browser } = await connect(simulator, app);
    const again = await authorizeAndApprove(simulator, app, { browser });
    expect(again.callback.searchParams.get('code')).toBeTruthy();
    const hops = simulator.requests.slice(-3).map((request) => request.path);
    // authorize → consent (skipped: straight to the callback); no login page in between.
    expect(hops).toEqual([
      '/services/oauth2/token',
      '/services/oauth2/authorize',
      '/setup/secur/RemoteAccessAuthorizationPage.apexp',
    ]);
  });

  it('shows the consent page again with prompt=consent, and the login page with prompt=login', async () => {
    const { browser } = await connect(simulator, app);
    const pkce = pkcePair();
    const consentAgain = await browser.request(
      authorizeUrl(simulator, {
        clientId: app.consumerKey,
        challenge: pkce.challenge,
        prompt: 'consent',
      }),
    );
    const consentUrl = locationOf(consentAgain.response, simulator.url);
    const consentPage = await browser.request(consentUrl);
    expect(consentPage.response.status).toBe(200);
    expect(consentPage.text).toContain('Allow Access?');

    const loginAgain = await browser.request(
      authorizeUrl(simulator, {
        clientId: app.consumerKey,
        challenge: pkce.challenge,
        prompt: 'login consent',
      }),
    );
    const loginUrl = locationOf(loginAgain.response, simulator.url);
    expect(new URL(loginUrl).pathname).toBe('/');
    // Going straight to the consent page does not get around the required login.
    const startURL = new URL(loginUrl).searchParams.get('startURL') ?? '';
    const sneaky = await browser.request(`${simulator.url}${startURL}`);
    expect(new URL(locationOf(sneaky.response, simulator.url)).pathname).toBe('/');
  });

  it('answers prompt=none with login_required when there is no session', async () => {
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, {
        clientId: app.consumerKey,
        challenge: pkcePair().challenge,
        prompt: 'none',
      }),
    );
    const callback = new URL(locationOf(start.response, simulator.url));
    expect(callback.searchParams.get('error')).toBe('login_required');
  });

  it('lets an attempt be answered once only', async () => {
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkcePair().challenge }),
    );
    const consentUrl = await logIn(simulator, browser, locationOf(start.response, simulator.url));
    const page = await browser.request(consentUrl);
    const source = hiddenField(page.text, 'source');
    const consentPost = `${simulator.url}/setup/secur/RemoteAccessAuthorizationPage.apexp`;
    const first = await browser.request(consentPost, { form: { source, decision: 'allow' } });
    expect(first.response.status).toBe(302);
    const replay = await browser.request(consentPost, { form: { source, decision: 'allow' } });
    expect(replay.response.status).toBe(400);
  });

  it('does not accept a consent answer from a browser without the session', async () => {
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkcePair().challenge }),
    );
    const consentUrl = await logIn(simulator, browser, locationOf(start.response, simulator.url));
    const source = hiddenField((await browser.request(consentUrl)).text, 'source');
    const stranger = new Browser();
    const forged = await stranger.request(
      `${simulator.url}/setup/secur/RemoteAccessAuthorizationPage.apexp`,
      { form: { source, decision: 'allow' } },
    );
    expect(new URL(locationOf(forged.response, simulator.url)).pathname).toBe('/');
  });

  it('ignores a startURL that leaves the authorization pages (no open redirect)', async () => {
    const browser = new Browser();
    const login = await browser.request(`${simulator.url}/`, {
      form: {
        username: 'admin@acme-demo.example',
        pw: 'demo-password-1',
        startURL: 'https://evil.example/steal',
      },
    });
    expect(locationOf(login.response, simulator.url)).toBe(`${simulator.url}/`);
    const home = await browser.request(`${simulator.url}/`);
    expect(home.text).toContain('Welcome, Ada Admin');
  });
});

describe("Salesforce's own error page", () => {
  const errorPagePath = '/setup/secur/RemoteAccessErrorPage.apexp';

  it('answers an unknown client id with a 302 to the error page carrying invalid_client_id', async () => {
    const browser = new Browser();
    const start = await browser.request(
      authorizeUrl(simulator, { clientId: '3MVG9unknown', challenge: pkcePair().challenge }),
    );
    expect(start.response.status).toBe(302);
    expect(start.response.headers.get('location')).toBe(
      `${simulator.url}${errorPagePath}?display=page&error=invalid_client_id&error_description=client%20identifier%20invalid`,
    );
    const page = await browser.request(locationOf(start.response, simulator.url));
    expect(page.response.status).toBe(200);
    expect(page.text).toContain(
      'error=invalid_client_id&amp;error_description=client%20identifier%20invalid',
    );
  });

  it('answers a redirect_uri that is not exactly a callback URL with redirect_uri_mismatch', async () => {
    for (const redirectUri of [`${CALLBACK}/`, CALLBACK.replace('http:', 'https:')]) {
      const start = await fetch(
        authorizeUrl(simulator, {
          clientId: app.consumerKey,
          redirectUri,
          challenge: pkcePair().challenge,
        }),
        { redirect: 'manual' },
      );
      expect(start.headers.get('location')).toBe(
        `${simulator.url}${errorPagePath}?display=page&error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration`,
      );
    }
  });

  it('keeps display=popup on the error page', async () => {
    const start = await fetch(
      authorizeUrl(simulator, { clientId: 'nope', extra: { display: 'popup' } }),
      { redirect: 'manual' },
    );
    expect(start.headers.get('location')).toContain('?display=popup&error=invalid_client_id&');
  });
});

describe('authorize request checks that go back to the callback', () => {
  const errorOf = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(locationOf(response, simulator.url));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    return [location.searchParams.get('error'), location.searchParams.get('error_description')];
  };

  it('requires a PKCE challenge when the app requires PKCE', async () => {
    expect(await errorOf(authorizeUrl(simulator, { clientId: app.consumerKey }))).toEqual([
      'invalid_request',
      'missing required code challenge',
    ]);
  });

  it('refuses the plain PKCE method and a malformed challenge', async () => {
    const { challenge } = pkcePair();
    expect(
      (
        await errorOf(
          authorizeUrl(simulator, { clientId: app.consumerKey, challenge, method: 'plain' }),
        )
      )[0],
    ).toBe('invalid_request');
    expect(
      (
        await errorOf(authorizeUrl(simulator, { clientId: app.consumerKey, challenge: 'short' }))
      )[1],
    ).toBe('invalid code challenge');
  });

  it('refuses scopes the app does not have and response types other than code', async () => {
    const { challenge } = pkcePair();
    expect(
      (
        await errorOf(
          authorizeUrl(simulator, { clientId: app.consumerKey, challenge, scope: 'api full' }),
        )
      )[0],
    ).toBe('invalid_scope');
    expect(
      (
        await errorOf(
          authorizeUrl(simulator, {
            clientId: app.consumerKey,
            challenge,
            extra: { response_type: 'token' },
          }),
        )
      )[0],
    ).toBe('unsupported_response_type');
  });

  it('lets an app without required PKCE authorize without a challenge', async () => {
    const noPkce = simulator.addApp({ callbackUrls: [CALLBACK], requirePkce: false });
    const response = await fetch(authorizeUrl(simulator, { clientId: noPkce.consumerKey }), {
      redirect: 'manual',
    });
    expect(new URL(locationOf(response, simulator.url)).pathname).toBe('/');
  });
});

describe('the 10-minute activation of a new app', () => {
  it('answers invalid_client_id until createdAt + activationDelayMs on the simulator clock', async () => {
    await simulator.close();
    let clock = 1_700_000_000_000;
    simulator = await startSalesforceSimulator({ now: () => clock });
    const fresh = simulator.addApp({ callbackUrls: [CALLBACK], createdAt: clock });
    const { challenge } = pkcePair();
    const url = authorizeUrl(simulator, { clientId: fresh.consumerKey, challenge });
    const locationAt = async () =>
      (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';

    expect(await locationAt()).toContain('error=invalid_client_id');
    clock += 9 * 60 * 1000;
    expect(await locationAt()).toContain('error=invalid_client_id');
    simulator.advanceTime(60 * 1000);
    expect(await locationAt()).toContain('/?startURL=');
  });

  it('refuses the token endpoint too while the app is not yet active', async () => {
    const pending = simulator.addApp({ callbackUrls: [CALLBACK], createdAt: simulator.now() });
    const token = await exchangeCode(simulator, pending, 'aPrx-whatever', 'v'.repeat(43));
    expect(token).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
  });
});
