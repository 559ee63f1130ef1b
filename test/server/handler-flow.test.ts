import { describe, expect, it } from 'vitest';
import { keyHint } from '../../src/core/secret-display.js';
import { relayData } from '../helpers/relay-page.js';
import { INSTANCE_URL, ORG_ID, USER_ID } from './fake-salesforce.js';
import { APP_ORIGIN, CALLBACK_URL, createHarness, START_TIME } from './handler-harness.js';

describe('PUT /connection/credentials', () => {
  it('saves credentials: configured, key hint only, secret write-only', async () => {
    const h = createHarness();
    const saved = await h.save();
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({
      status: 'configured',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: keyHint(h.app.consumerKey),
      hasConsumerSecret: true,
      updatedAt: new Date(START_TIME).toISOString(),
    });
    expect(saved.text).not.toContain(h.app.consumerSecret);
    expect(await h.getConnection()).toEqual(saved.json);
  });

  it('normalizes the login URL the admin pasted', async () => {
    const h = createHarness();
    const saved = await h.save({
      ...h.credentials(),
      loginUrl: ' LOGIN.salesforce.com/?locale=us ',
    });
    expect(saved.json.loginUrl).toBe('https://login.salesforce.com');
  });

  it('preflights the key and callback URL at Salesforce without following redirects', async () => {
    const h = createHarness();
    await h.save();
    const authorize = h.salesforce.requests.find((r) => r.path === '/services/oauth2/authorize');
    expect(authorize?.method).toBe('GET');
    expect((await h.getConnection()).error).toBeUndefined();
  });

  it('reports an unknown Consumer Key from the preflight but keeps what the admin typed', async () => {
    const h = createHarness();
    const saved = await h.save({ ...h.credentials(), consumerKey: `3MVG9${'Z'.repeat(80)}` });
    expect(saved.status).toBe(200);
    expect(saved.json.status).toBe('configured');
    expect(saved.json.consumerKeyHint).toBe('ZZZZ');
    expect(saved.json.error).toMatchObject({
      code: 'invalid_client_id',
      salesforceError: 'invalid_client_id',
    });
    expect(saved.json.error.message).toMatch(/wait up to 10 minutes/);
    expect((await h.getConnection()).error?.code).toBe('invalid_client_id');
  });

  it('reports a callback URL missing from the app as redirect_uri_mismatch', async () => {
    const h = createHarness();
    const other = h.salesforce.addApp(['https://app.example.com/api/salesforce/oauth/callback/']);
    const saved = await h.save({
      ...h.credentials(),
      consumerKey: other.consumerKey,
      consumerSecret: other.consumerSecret,
    });
    expect(saved.json.error.code).toBe('redirect_uri_mismatch');
  });

  it('reads the error from the page body when there is no redirect', async () => {
    const h = createHarness();
    h.salesforce.setFault('authorize_error_in_body');
    const saved = await h.save({ ...h.credentials(), consumerKey: `3MVG9${'Y'.repeat(80)}` });
    expect(saved.json.error.code).toBe('invalid_client_id');
  });

  it('reports a host without OAuth endpoints as not a Salesforce login server', async () => {
    const h = createHarness();
    h.salesforce.setFault('authorize_404');
    const saved = await h.save();
    expect(saved.json.error.code).toBe('invalid_login_url');
    expect(saved.json.error.message).toMatch(/not a Salesforce login server/);
  });

  it('saves without a finding when Salesforce cannot be reached (not verified is no blocker)', async () => {
    const h = createHarness({ allowedLoginHosts: ['sf.unreachable.example'] });
    const saved = await h.save({ ...h.credentials(), loginUrl: 'https://sf.unreachable.example' });
    expect(saved.status).toBe(200);
    expect(saved.json.status).toBe('configured');
    expect(saved.json.error).toBeUndefined();
    expect(h.logs.some((l) => l.details?.reason === 'unreachable')).toBe(true);
  });

  it('refuses bad input with specific messages and saves nothing', async () => {
    const h = createHarness();
    const noKey = await h.save({ ...h.credentials(), consumerKey: '' });
    expect(noKey.status).toBe(400);
    // Each refusal names the box it is about, so the form shows it there.
    expect(noKey.json.error).toEqual({
      code: 'invalid_input',
      message: 'Enter the Consumer Key.',
      field: 'consumerKey',
    });
    const badUrl = await h.save({ ...h.credentials(), loginUrl: 'https://salesforce.com.evil.io' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.error.code).toBe('invalid_login_url');
    expect(badUrl.json.error.message).toMatch(/only looks like Salesforce/);
    expect(badUrl.json.error.field).toBe('loginUrl');
    const noSecret = await h.save({ ...h.credentials(), consumerSecret: '' });
    expect(noSecret.json.error).toEqual({
      code: 'invalid_input',
      message: 'Enter the Consumer Secret.',
      field: 'consumerSecret',
    });
    const missing = await h.save({ loginUrl: 'https://login.salesforce.com' });
    expect(missing.json.error.code).toBe('invalid_input');
    expect(await h.getConnection()).toEqual({ status: 'disconnected' });
  });

  it('keeps the saved secret when the secret is left empty, and still connects with it', async () => {
    const h = createHarness();
    await h.save();
    const again = await h.save({ ...h.credentials(), consumerSecret: '' });
    expect(again.json).toMatchObject({ status: 'configured', hasConsumerSecret: true });
    const start = await h.start();
    const page = await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect(relayData(page.text).message?.error).toBeUndefined();
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('keeps one record per tenant: a new key replaces the app, forgets and revokes old tokens', async () => {
    const h = createHarness();
    await h.connect();
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
    const other = h.salesforce.addApp([CALLBACK_URL]);
    const saved = await h.save({
      ...h.credentials(),
      consumerKey: other.consumerKey,
      consumerSecret: other.consumerSecret,
    });
    expect(saved.json).toEqual({
      status: 'configured',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: keyHint(other.consumerKey),
      hasConsumerSecret: true,
      updatedAt: new Date(START_TIME).toISOString(),
    });
    expect(h.salesforce.liveRefreshTokens()).toBe(0);
    const record = await h.store.getConnection('acme');
    expect(record?.refreshToken).toBeUndefined();
    expect(record?.accessToken).toBeUndefined();
  });

  it('keeps the connection when only the secret is replaced', async () => {
    const h = createHarness();
    await h.connect();
    const saved = await h.save({ ...h.credentials() });
    expect(saved.json.status).toBe('connected');
    expect(saved.json.org.id).toBe(ORG_ID);
  });
});

describe('POST /connection/authorize', () => {
  it('issues a PKCE S256 authorize URL with the exact callback, the scopes and a fresh state', async () => {
    const h = createHarness({ scopes: ['api', 'refresh_token', 'id'] });
    await h.save();
    const first = await h.start();
    const second = await h.start();
    expect(first.status).toBe(200);
    const url = new URL(first.json.authorizeUrl);
    expect(url.origin + url.pathname).toBe(
      'https://login.salesforce.com/services/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: h.app.consumerKey,
      redirect_uri: CALLBACK_URL,
      scope: 'api refresh_token id',
      state: first.json.state,
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
      display: 'popup',
    });
    expect(first.json.state).toMatch(/^[\w-]{43}$/);
    expect(first.json.state).not.toBe(second.json.state);
    expect(first.json.expiresAt).toBe(new Date(START_TIME + 10 * 60_000).toISOString());
    expect(first.text).not.toMatch(/verifier/i);
  });

  it('passes prompt and display as configured', async () => {
    const h = createHarness({ prompt: ['login', 'consent'], display: null });
    await h.save();
    const params = new URL((await h.start()).json.authorizeUrl).searchParams;
    expect(params.get('prompt')).toBe('login consent');
    expect(params.has('display')).toBe(false);
  });

  it('lets the page narrow the scopes and choose the prompt, never widen the scopes', async () => {
    const h = createHarness({ scopes: ['api', 'refresh_token', 'id'] });
    await h.save();
    const narrowed = await h.request('POST', '/connection/authorize', {
      body: { returnOrigin: APP_ORIGIN, scopes: ['api', 'refresh_token'], prompt: ['login'] },
    });
    expect(narrowed.status).toBe(200);
    const params = new URL(narrowed.json.authorizeUrl).searchParams;
    expect(params.get('scope')).toBe('api refresh_token');
    expect(params.get('prompt')).toBe('login');

    const widened = await h.request('POST', '/connection/authorize', {
      body: { returnOrigin: APP_ORIGIN, scopes: ['api', 'full'] },
    });
    expect(widened.status).toBe(400);
    expect(widened.json.error).toMatchObject({ code: 'invalid_input', message: /full/ });

    const badPrompt = await h.request('POST', '/connection/authorize', {
      body: { returnOrigin: APP_ORIGIN, prompt: ['now'] },
    });
    expect(badPrompt.status).toBe(400);
    expect(badPrompt.json.error.code).toBe('invalid_input');
  });

  it('answers not_configured before credentials exist', async () => {
    const h = createHarness();
    const answer = await h.start();
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('not_configured');
  });

  it('refuses a returnOrigin outside allowedOrigins (403) or that is not an origin (400)', async () => {
    const h = createHarness();
    await h.save();
    const foreign = await h.start('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('unauthorized');
    const path = await h.start('https://app.example.com/settings');
    expect(path.status).toBe(400);
    expect(path.json.error.code).toBe('invalid_input');
    const missing = await h.request('POST', '/connection/authorize', { body: {} });
    expect(missing.json.error.message).toBe('returnOrigin is missing from the request body.');
  });
});

describe('GET /oauth/callback', () => {
  it('exchanges the code, stores the connection and relays oauth_complete to the pinned origin', async () => {
    const h = createHarness();
    const { start, page, landed } = await h.connect();
    expect(page.status).toBe(200);
    const data = relayData(page.text);
    expect(data).toEqual({
      message: { source: 'salesforce-connect', v: 1, type: 'oauth_complete', state: start.state },
      targetOrigin: APP_ORIGIN,
      channel: `salesforce-connect:${start.state}`,
    });
    const code = new URL(landed).searchParams.get('code') as string;
    expect(page.text).not.toContain(code);
    const exchange = h.salesforce.requests.find(
      (r) => r.form?.get('grant_type') === 'authorization_code',
    );
    expect(exchange?.form?.get('redirect_uri')).toBe(CALLBACK_URL);
    expect(exchange?.form?.get('client_secret')).toBe(h.app.consumerSecret);
    expect(exchange?.form?.get('code_verifier')).toMatch(/^[\w-]{43}$/);

    expect(await h.getConnection()).toEqual({
      status: 'connected',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: keyHint(h.app.consumerKey),
      hasConsumerSecret: true,
      org: { id: ORG_ID, instanceUrl: INSTANCE_URL, name: 'Acme, Inc.', isSandbox: false },
      user: { id: USER_ID, username: 'admin@acme.example', displayName: 'Ada Admin' },
      scopes: ['api', 'refresh_token', 'id'],
      connectedAt: new Date(START_TIME).toISOString(),
      updatedAt: new Date(START_TIME).toISOString(),
    });
  });

  it('sends a strict, nonce-based CSP and keeps the opener only on this page', async () => {
    const h = createHarness();
    const { page } = await h.connect();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([\w-]+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[\w-]{22}$/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const json = await h.request('GET', '/connection');
    expect(json.headers.get('cross-origin-opener-policy')).toBeNull();
    // A second page gets a different nonce.
    const other = await h.callback(`${CALLBACK_URL}?state=unknown&code=x`);
    expect(other.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('refuses a replayed state with a page that posts nothing anywhere', async () => {
    const h = createHarness();
    const { landed } = await h.connect();
    const replay = await h.callback(landed);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This sign-in was already used.');
    expect(relayData(replay.text)).toEqual({});
    expect(replay.text).not.toContain(APP_ORIGIN);
    expect(
      h.salesforce.requests.filter((r) => r.form?.get('grant_type') === 'authorization_code'),
    ).toHaveLength(1);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('refuses an unknown state the same way', async () => {
    const h = createHarness();
    await h.save();
    const page = await h.callback(`${CALLBACK_URL}?code=abc&state=${'x'.repeat(43)}`);
    expect(page.status).toBe(400);
    expect(relayData(page.text)).toEqual({});
    expect(page.text).toMatch(/not one this server started/);
    const noState = await h.callback(`${CALLBACK_URL}?code=abc`);
    expect(noState.status).toBe(400);
  });

  it('refuses a state older than ten minutes', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    h.clock.now += 10 * 60_000 + 1;
    const page = await h.callback(landed);
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/expired/);
    expect((await h.getConnection()).status).toBe('configured');
  });

  it('relays "Deny" as access_denied and records it on the connection', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const page = await h.callback(h.salesforce.deny(start.json.authorizeUrl));
    expect(page.status).toBe(200);
    const data = relayData(page.text);
    expect(data.targetOrigin).toBe(APP_ORIGIN);
    expect(data.message).toMatchObject({
      type: 'oauth_complete',
      state: start.json.state,
      error: 'access_denied',
    });
    const connection = await h.getConnection();
    expect(connection.status).toBe('error');
    expect(connection.error).toMatchObject({
      code: 'access_denied',
      salesforceError: 'access_denied',
    });
  });

  it('maps a wrong secret at the token endpoint to invalid_client', async () => {
    const h = createHarness();
    await h.save({ ...h.credentials(), consumerSecret: 'F'.repeat(64) });
    const start = await h.start();
    const page = await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect(relayData(page.text).message?.error).toBe('invalid_client');
    expect(page.text).toContain('Salesforce did not connect');
    const connection = await h.getConnection();
    expect(connection.status).toBe('error');
    expect(connection.error?.code).toBe('invalid_client');
  });

  it('maps Salesforce outages, network failures and timeouts to salesforce_unavailable', async () => {
    for (const fault of ['token_unavailable', 'token_network', 'token_slow'] as const) {
      const h = createHarness({ salesforceTimeoutMs: 20 });
      await h.save();
      const start = await h.start();
      const landed = await h.salesforce.approve(start.json.authorizeUrl);
      h.salesforce.setFault(fault);
      const page = await h.callback(landed);
      expect(relayData(page.text).message?.error, fault).toBe('salesforce_unavailable');
      expect((await h.getConnection()).error?.code).toBe('salesforce_unavailable');
    }
  });

  it('works without a session in the popup: the state carries its tenant', async () => {
    const h = createHarness({ resolveTenant: (request) => request.headers.get('x-tenant') });
    await h.save(h.credentials(), 'acme');
    const start = await h.start(APP_ORIGIN, 'acme');
    const page = await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect(page.status).toBe(200);
    expect((await h.getConnection('acme')).status).toBe('connected');
  });

  it("does not let another tenant's session spend the state", async () => {
    const h = createHarness();
    await h.save(h.credentials(), 'acme');
    const start = await h.start(APP_ORIGIN, 'acme');
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    const wrong = await h.callback(landed, { 'x-tenant': 'globex' });
    expect(wrong.status).toBe(400);
    const right = await h.callback(landed, { 'x-tenant': 'acme' });
    expect(right.status).toBe(200);
    expect((await h.getConnection('acme')).status).toBe('connected');
    expect((await h.getConnection('globex')).status).toBe('disconnected');
  });

  it('refuses a state started under credentials that were replaced since', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    const other = h.salesforce.addApp([CALLBACK_URL]);
    await h.save({
      ...h.credentials(),
      consumerKey: other.consumerKey,
      consumerSecret: other.consumerSecret,
    });
    const page = await h.callback(landed);
    expect(relayData(page.text).message?.error).toBe('state_mismatch');
    expect(page.text).toMatch(/connection changed after this sign-in started/);
  });

  it('revokes the refresh token a reconnection replaces, so approvals do not pile up', async () => {
    const h = createHarness();
    await h.connect();
    const start = await h.start();
    await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
    expect((await h.getConnection()).status).toBe('connected');
  });

  it('keeps a working connection when a later attempt fails', async () => {
    const h = createHarness();
    await h.connect();
    const start = await h.start();
    await h.callback(h.salesforce.deny(start.json.authorizeUrl));
    const connection = await h.getConnection();
    expect(connection.status).toBe('connected');
    expect(connection.error).toBeUndefined();
  });
});

describe('POST /connection/complete', () => {
  it('exchanges a code relayed by an app-origin callback route', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const landed = new URL(await h.salesforce.approve(start.json.authorizeUrl));
    const body = { code: landed.searchParams.get('code'), state: landed.searchParams.get('state') };
    const done = await h.request('POST', '/connection/complete', { body });
    expect(done.status).toBe(200);
    expect(done.json.status).toBe('connected');
    const again = await h.request('POST', '/connection/complete', { body });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('state_mismatch');
  });

  it("refuses another tenant's state without spending it", async () => {
    const h = createHarness();
    await h.save(h.credentials(), 'acme');
    const start = await h.start(APP_ORIGIN, 'acme');
    const landed = new URL(await h.salesforce.approve(start.json.authorizeUrl));
    const body = { code: landed.searchParams.get('code'), state: landed.searchParams.get('state') };
    const stolen = await h.request('POST', '/connection/complete', {
      body,
      headers: { 'x-tenant': 'globex' },
    });
    expect(stolen.json.error.code).toBe('state_mismatch');
    const own = await h.request('POST', '/connection/complete', {
      body,
      headers: { 'x-tenant': 'acme' },
    });
    expect(own.json.status).toBe('connected');
  });

  it('answers Salesforce refusals as errors with their codes', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const body = { code: 'never-issued', state: start.json.state };
    const answer = await h.request('POST', '/connection/complete', { body });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 'invalid_grant',
      salesforceError: 'invalid_grant',
    });
    const missing = await h.request('POST', '/connection/complete', { body: { state: 'x' } });
    expect(missing.json.error.message).toBe('code is missing from the request body.');
  });
});

describe('DELETE /connection', () => {
  it('revokes the refresh token at Salesforce, forgets the tokens and keeps the credentials', async () => {
    const h = createHarness();
    await h.connect();
    h.clock.now += 60_000;
    const answer = await h.request('DELETE', '/connection');
    const disconnected = {
      status: 'disconnected',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: keyHint(h.app.consumerKey),
      hasConsumerSecret: true,
      updatedAt: new Date(START_TIME + 60_000).toISOString(),
    };
    expect(answer.json).toEqual(disconnected);
    const revoke = h.salesforce.requests.find((r) => r.path === '/services/oauth2/revoke');
    expect(revoke?.form?.get('token')).toMatch(/^5Aep8/);
    expect(h.salesforce.liveRefreshTokens()).toBe(0);
    expect(await h.getConnection()).toEqual(disconnected);
    const record = await h.store.getConnection('acme');
    expect([record?.accessToken, record?.refreshToken, record?.orgId]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Disconnecting again changes nothing.
    h.clock.now += 60_000;
    expect((await h.request('DELETE', '/connection')).json).toEqual(disconnected);
  });

  it('connects again without retyping anything', async () => {
    const h = createHarness();
    await h.connect();
    await h.request('DELETE', '/connection');
    const start = await h.start();
    await h.callback(await h.salesforce.approve(start.json.authorizeUrl));
    expect((await h.getConnection()).status).toBe('connected');
    // Saving the same credentials after a disconnect reads as configured again.
    await h.request('DELETE', '/connection');
    expect((await h.save({ ...h.credentials(), consumerSecret: '' })).json.status).toBe(
      'configured',
    );
  });

  it('voids authorizations started before the disconnect', async () => {
    const h = createHarness();
    await h.save();
    const start = await h.start();
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    await h.request('DELETE', '/connection');
    const page = await h.callback(landed);
    expect(relayData(page.text).message?.error).toBe('state_mismatch');
    expect((await h.getConnection()).status).toBe('disconnected');
  });

  it('forgets the credentials too with forgetCredentials=true', async () => {
    const h = createHarness();
    await h.connect();
    const answer = await h.request('DELETE', '/connection?forgetCredentials=true');
    expect(answer.json).toEqual({ status: 'disconnected' });
    expect(h.salesforce.liveRefreshTokens()).toBe(0);
    expect(await h.store.getConnection('acme')).toBeUndefined();
    expect((await h.start()).json.error.code).toBe('not_configured');
  });

  it('forgets even when Salesforce cannot revoke, and logs that without the token', async () => {
    const h = createHarness();
    await h.connect();
    h.salesforce.setFault('revoke_fails');
    const answer = await h.request('DELETE', '/connection');
    expect(answer.json.status).toBe('disconnected');
    expect((await h.store.getConnection('acme'))?.refreshToken).toBeUndefined();
    const line = h.logs.find(
      (l) => l.message === 'salesforce-connect: could not revoke the Salesforce token',
    );
    expect(line?.details).toEqual({
      tenant: 'acme',
      why: 'disconnect',
      code: 'salesforce_unavailable',
    });
  });

  it('answers disconnected when there was nothing to forget', async () => {
    const h = createHarness();
    expect((await h.request('DELETE', '/connection')).json).toEqual({ status: 'disconnected' });
  });
});
