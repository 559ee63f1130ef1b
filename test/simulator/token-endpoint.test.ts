import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import {
  authorizeAndApprove,
  authorizeUrl,
  Browser,
  CALLBACK,
  connect,
  exchangeCode,
  followAuthorization,
  postToken,
  refresh,
  revoke,
  withBearer,
} from './drive.js';

let clock: number;
let simulator: SalesforceSimulator;
let app: SimulatorApp;

beforeEach(async () => {
  clock = Date.now();
  simulator = await startSalesforceSimulator({ now: () => clock });
  app = simulator.addApp({ callbackUrls: [CALLBACK] });
});
afterEach(() => simulator.close());

const MINUTE = 60 * 1000;

async function freshCode(target: SimulatorApp = app, browser?: Browser) {
  const { callback, verifier } = await authorizeAndApprove(simulator, target, {
    ...(browser ? { browser } : {}),
  });
  return { code: callback.searchParams.get('code') ?? '', verifier };
}

describe('authorization_code grant', () => {
  it('signs the response as Salesforce does: HMAC-SHA256(id + issued_at) with the secret', async () => {
    const { code, verifier } = await freshCode();
    const { body } = await exchangeCode(simulator, app, code, verifier);
    expect(body.issued_at).toBe(String(clock));
    const expected = createHmac('sha256', app.consumerSecret)
      .update(`${body.id}${body.issued_at}`)
      .digest('base64');
    expect(body.signature).toBe(expected);
  });

  it('refuses a wrong PKCE verifier, and a missing one, with invalid_grant as Salesforce does', async () => {
    const first = await freshCode();
    const wrong = await exchangeCode(simulator, app, first.code, 'A'.repeat(43));
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'invalid code verifier' },
    });
    const second = await freshCode();
    const missing = await exchangeCode(simulator, app, second.code, second.verifier, {
      code_verifier: '',
    });
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a verifier for a code whose authorize request sent no challenge', async () => {
    const lenient = simulator.addApp({ callbackUrls: [CALLBACK], requirePkce: false });
    const browser = new Browser();
    const codeWithout = async () => {
      const callback = await followAuthorization(
        simulator,
        browser,
        authorizeUrl(simulator, { clientId: lenient.consumerKey }),
      );
      return callback.searchParams.get('code') ?? '';
    };
    const unexpected = await exchangeCode(simulator, lenient, await codeWithout(), 'A'.repeat(43));
    expect(unexpected).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'unexpected code verifier' },
    });
    const plain = await exchangeCode(simulator, lenient, await codeWithout(), '', {
      code_verifier: '',
    });
    expect(plain.status).toBe(200);
  });

  it('lets the unexpected-verifier rule be switched off', async () => {
    const relaxed = await startSalesforceSimulator({
      fidelity: { rejectUnexpectedCodeVerifier: false },
    });
    try {
      const lenient = relaxed.addApp({ callbackUrls: [CALLBACK], requirePkce: false });
      const callback = await followAuthorization(
        relaxed,
        new Browser(),
        authorizeUrl(relaxed, { clientId: lenient.consumerKey }),
      );
      const exchanged = await exchangeCode(
        relaxed,
        lenient,
        callback.searchParams.get('code') ?? '',
        'A'.repeat(43),
      );
      expect(exchanged.status).toBe(200);
    } finally {
      await relaxed.close();
    }
  });

  it('answers in URL-encoded form when asked with format=urlencoded or the Accept header', async () => {
    const a = await freshCode();
    const byParameter = await exchangeCode(simulator, app, a.code, a.verifier, {
      format: 'urlencoded',
    });
    expect(byParameter.status).toBe(200);
    expect(byParameter.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(byParameter.text);
    expect(fields.get('access_token')).toMatch(/^00D/);
    expect(fields.get('instance_url')).toBe(simulator.instanceUrl);
    expect(fields.get('token_type')).toBe('Bearer');

    const refused = await refresh(
      simulator,
      app,
      'not-a-token',
      {},
      {
        accept: 'application/x-www-form-urlencoded',
      },
    );
    expect(refused.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(refused.text))).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    const json = await refresh(simulator, app, 'not-a-token', {}, { accept: 'application/json' });
    expect(json.body.error).toBe('invalid_grant');
  });

  it('accepts a code once only', async () => {
    const { code, verifier } = await freshCode();
    expect((await exchangeCode(simulator, app, code, verifier)).status).toBe(200);
    const again = await exchangeCode(simulator, app, code, verifier);
    expect(again).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired authorization code' },
    });
  });

  it('lets a code expire after 15 minutes on the simulator clock', async () => {
    const early = await freshCode();
    const late = await freshCode();
    clock += 15 * MINUTE - 1;
    expect((await exchangeCode(simulator, app, early.code, early.verifier)).status).toBe(200);
    clock += 1;
    const expired = await exchangeCode(simulator, app, late.code, late.verifier);
    expect(expired.body).toEqual({
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
  });

  it('answers an unknown code with invalid_grant', async () => {
    const unknown = await exchangeCode(simulator, app, 'aPrxnope==', 'A'.repeat(43));
    expect(unknown.body.error).toBe('invalid_grant');
  });

  it('requires the redirect_uri of the authorize request', async () => {
    const { code, verifier } = await freshCode();
    const other = await exchangeCode(simulator, app, code, verifier, {
      redirect_uri: `${CALLBACK}/`,
    });
    expect(other.body).toEqual({
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
    });
  });

  it('checks the client secret, in the body or with HTTP Basic', async () => {
    const a = await freshCode();
    const wrongSecret = await exchangeCode(simulator, app, a.code, a.verifier, {
      client_secret: '0'.repeat(64),
    });
    expect(wrongSecret).toMatchObject({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    // A refused client does not burn the code.
    const noSecret = await postToken(simulator, {
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: CALLBACK,
      client_id: app.consumerKey,
      code_verifier: a.verifier,
    });
    expect(noSecret.body.error).toBe('invalid_client');

    const basic = Buffer.from(
      `${encodeURIComponent(app.consumerKey)}:${encodeURIComponent(app.consumerSecret)}`,
    ).toString('base64');
    const viaBasic = await postToken(
      simulator,
      {
        grant_type: 'authorization_code',
        code: a.code,
        redirect_uri: CALLBACK,
        code_verifier: a.verifier,
      },
      { authorization: `Basic ${basic}` },
    );
    expect(viaBasic.status).toBe(200);
  });

  it('lets an app that does not require the secret exchange without it, but still checks a sent one', async () => {
    const open = simulator.addApp({ callbackUrls: [CALLBACK], requireSecretForWebServer: false });
    const a = await freshCode(open);
    const wrong = await exchangeCode(simulator, open, a.code, a.verifier, {
      client_secret: 'WRONG',
    });
    expect(wrong.body.error).toBe('invalid_client');
    const without = await postToken(simulator, {
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: CALLBACK,
      client_id: open.consumerKey,
      code_verifier: a.verifier,
    });
    expect(without.status).toBe(200);
  });

  it('accepts the secret of a regenerated consumer secret only', async () => {
    const old = app.consumerSecret;
    const updated = simulator.updateApp(app.consumerKey, { consumerSecret: 'B'.repeat(64) });
    expect(updated.consumerSecret).toBe('B'.repeat(64));
    expect(updated.callbackUrls).toEqual([CALLBACK]);
    const a = await freshCode(updated);
    const stale = await exchangeCode(simulator, updated, a.code, a.verifier, {
      client_secret: old,
    });
    expect(stale.body.error).toBe('invalid_client');
    expect((await exchangeCode(simulator, updated, a.code, a.verifier)).status).toBe(200);
  });

  it('issues no refresh token without the refresh scope', async () => {
    const { token } = await connect(simulator, app, { scope: 'api id' });
    expect(token).not.toHaveProperty('refresh_token');
    expect(token.scope).toBe('api id');
  });

  it('refuses a user who is not admin approved for the app', async () => {
    const strict = simulator.addApp({
      callbackUrls: [CALLBACK],
      permittedUsers: 'admin_approved',
      approvedUsernames: ['someone-else@acme.example'],
    });
    const a = await freshCode(strict);
    expect((await exchangeCode(simulator, strict, a.code, a.verifier)).body).toEqual({
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    });
    const approved = simulator.updateApp(strict.consumerKey, {
      approvedUsernames: ['ADMIN@acme-demo.example'],
    });
    const b = await freshCode(approved);
    expect((await exchangeCode(simulator, approved, b.code, b.verifier)).status).toBe(200);
  });

  it('answers grant types other than the two with unsupported_grant_type', async () => {
    const password = await postToken(simulator, {
      grant_type: 'password',
      client_id: app.consumerKey,
    });
    expect(password.body).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });
});

describe('refresh_token grant', () => {
  it('keeps the refresh token without rotation', async () => {
    const { token } = await connect(simulator, app);
    for (let round = 0; round < 3; round++) {
      const refreshed = await refresh(simulator, app, token.refresh_token!);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).not.toHaveProperty('refresh_token');
    }
  });

  it('rotates the refresh token when the app says so, and retires the old one', async () => {
    const rotating = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const { token } = await connect(simulator, rotating);
    const first = await refresh(simulator, rotating, token.refresh_token!);
    expect(first.body.refresh_token).toMatch(/^5Aep861/);
    expect(first.body.refresh_token).not.toBe(token.refresh_token);
    const second = await refresh(simulator, rotating, first.body.refresh_token!);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
  });

  it('revokes the whole grant when a refresh token retired by rotation comes back', async () => {
    // Help article 005316711: reuse revokes the current refresh token and every access token.
    const rotating = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const { token } = await connect(simulator, rotating);
    const first = await refresh(simulator, rotating, token.refresh_token!);
    const second = await refresh(simulator, rotating, first.body.refresh_token!);
    expect(second.status).toBe(200);
    const query = '/services/data/v66.0/query?q=SELECT+Id+FROM+Organization';
    for (const access of [token.access_token!, first.body.access_token!]) {
      expect((await withBearer(simulator, query, access)).status).toBe(200);
    }

    const reuse = await refresh(simulator, rotating, first.body.refresh_token!);
    expect(reuse).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    });
    const current = await refresh(simulator, rotating, second.body.refresh_token!);
    expect(current.body.error).toBe('invalid_grant');
    for (const access of [
      token.access_token!,
      first.body.access_token!,
      second.body.access_token!,
    ]) {
      expect((await withBearer(simulator, query, access)).status).toBe(401);
    }
  });

  it('leaves the other grants of the same user and app alone on reuse', async () => {
    const rotating = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const browser = new Browser();
    const victim = (await connect(simulator, rotating, { browser })).token;
    const bystander = (await connect(simulator, rotating, { browser })).token;
    await refresh(simulator, rotating, victim.refresh_token!);
    await refresh(simulator, rotating, victim.refresh_token!);
    expect((await refresh(simulator, rotating, bystander.refresh_token!)).status).toBe(200);
  });

  it('only fails the reusing request when reuse detection is switched off', async () => {
    const lenient = simulator.addApp({
      callbackUrls: [CALLBACK],
      refreshTokenRotation: true,
      refreshTokenReuseDetection: false,
    });
    const { token } = await connect(simulator, lenient);
    const first = await refresh(simulator, lenient, token.refresh_token!);
    expect((await refresh(simulator, lenient, token.refresh_token!)).body.error).toBe(
      'invalid_grant',
    );
    expect((await refresh(simulator, lenient, first.body.refresh_token!)).status).toBe(200);
  });

  it("does not let another app's client revoke a grant by replaying its spent token", async () => {
    const rotating = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const other = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenRotation: true });
    const { token } = await connect(simulator, rotating);
    const first = await refresh(simulator, rotating, token.refresh_token!);
    expect((await refresh(simulator, other, token.refresh_token!)).body.error).toBe(
      'invalid_grant',
    );
    expect((await refresh(simulator, rotating, first.body.refresh_token!)).status).toBe(200);
  });

  it('requires the secret for refresh unless the app waives it', async () => {
    const { token } = await connect(simulator, app);
    expect(
      (await refresh(simulator, app, token.refresh_token!, { client_secret: '' })).status,
    ).toBe(400);
    const lenient = simulator.addApp({ callbackUrls: [CALLBACK], requireSecretForRefresh: false });
    const lenientToken = (await connect(simulator, lenient)).token;
    const without = await postToken(simulator, {
      grant_type: 'refresh_token',
      refresh_token: lenientToken.refresh_token!,
      client_id: lenient.consumerKey,
    });
    expect(without.status).toBe(200);
  });

  it("refuses another app's refresh token", async () => {
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { token } = await connect(simulator, app);
    expect((await refresh(simulator, other, token.refresh_token!)).body.error).toBe(
      'invalid_grant',
    );
  });

  it('keeps at most five refresh tokens per user and app: the sixth approval revokes the oldest', async () => {
    const browser = new Browser();
    const tokens: string[] = [];
    for (let approval = 0; approval < 6; approval++) {
      tokens.push((await connect(simulator, app, { browser })).token.refresh_token!);
    }
    const results = await Promise.all(tokens.map((token) => refresh(simulator, app, token)));
    expect(results.map((result) => result.status)).toEqual([400, 200, 200, 200, 200, 200]);
    // Another app's tokens are counted separately.
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    await connect(simulator, other, { browser });
    expect((await refresh(simulator, app, tokens[1]!)).status).toBe(200);
  });

  it('lets a refresh token lapse after the idle time of the refresh token policy', async () => {
    const idle = simulator.addApp({ callbackUrls: [CALLBACK], refreshTokenIdleMs: 30 * MINUTE });
    const { token } = await connect(simulator, idle);
    clock += 29 * MINUTE;
    expect((await refresh(simulator, idle, token.refresh_token!)).status).toBe(200);
    clock += 29 * MINUTE; // used 29 minutes ago: still fine
    expect((await refresh(simulator, idle, token.refresh_token!)).status).toBe(200);
    clock += 31 * MINUTE;
    expect((await refresh(simulator, idle, token.refresh_token!)).body.error).toBe('invalid_grant');
  });

  it('answers invalid_grant after an admin revokes the sessions of the app', async () => {
    const other = simulator.addApp({ callbackUrls: [CALLBACK] });
    const mine = (await connect(simulator, app)).token;
    const theirs = (await connect(simulator, other)).token;
    simulator.revokeAll(app.consumerKey);
    expect((await refresh(simulator, app, mine.refresh_token!)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    expect((await refresh(simulator, other, theirs.refresh_token!)).status).toBe(200);
    simulator.revokeAll();
    expect((await refresh(simulator, other, theirs.refresh_token!)).status).toBe(400);
  });
});

describe('access tokens, the REST API and revocation', () => {
  it('expires access tokens after the session timeout (2 hours), and a refresh gets a working one', async () => {
    const { token } = await connect(simulator, app);
    const resources = (accessToken: string) =>
      withBearer(simulator, '/services/data/v62.0/', accessToken);
    expect((await resources(token.access_token!)).status).toBe(200);
    clock += 2 * 60 * MINUTE;
    const expired = await resources(token.access_token!);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const refreshed = await refresh(simulator, app, token.refresh_token!);
    expect((await resources(refreshed.body.access_token!)).status).toBe(200);
  });

  it('honours a configured session timeout', async () => {
    await simulator.close();
    simulator = await startSalesforceSimulator({ now: () => clock, sessionTimeoutMs: MINUTE });
    app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { token } = await connect(simulator, app);
    clock += MINUTE;
    expect((await withBearer(simulator, '/services/data/v62.0/', token.access_token!)).status).toBe(
      401,
    );
  });

  it('lists API versions without a token, and needs the api scope for resources', async () => {
    const versions = await fetch(`${simulator.instanceUrl}/services/data/`);
    expect(versions.status).toBe(200);
    const listed = (await versions.json()) as Array<{ version: string; label: string }>;
    expect(listed).toContainEqual({
      label: "Winter '25",
      url: '/services/data/v62.0',
      version: '62.0',
    });
    // Every version from 31.0 (Summer '14) on, as Salesforce still serves them.
    expect(listed[0]).toEqual({
      label: "Summer '14",
      url: '/services/data/v31.0',
      version: '31.0',
    });
    expect(listed.map((entry) => entry.version)).toContain('50.0');
    expect(listed.at(-1)).toMatchObject({ label: "Spring '26", version: '66.0' });
    const idOnly = simulator.addApp({ callbackUrls: [CALLBACK], scopes: ['id', 'refresh_token'] });
    const { token } = await connect(simulator, idOnly);
    const refused = await withBearer(simulator, '/services/data/v62.0/', token.access_token!);
    expect(refused.status).toBe(401);
  });

  it('answers unknown SOQL objects and fields with REST errors', async () => {
    const { token } = await connect(simulator, app);
    const query = (soql: string) =>
      withBearer(
        simulator,
        `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
        token.access_token!,
      );
    const badField = await query('SELECT Nope FROM Organization');
    expect(badField.status).toBe(400);
    expect(((await badField.json()) as [{ errorCode: string }])[0].errorCode).toBe('INVALID_FIELD');
    expect(
      ((await (await query('SELECT Id FROM Widget__c')).json()) as [{ errorCode: string }])[0]
        .errorCode,
    ).toBe('INVALID_TYPE');
    const malformed = await query('SELECT Id FORM Account');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as [{ errorCode: string }])[0].errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });

  it('revokes an access token alone, or a refresh token with its access tokens', async () => {
    const { token } = await connect(simulator, app);
    const second = (await refresh(simulator, app, token.refresh_token!)).body.access_token!;
    const api = (accessToken: string) =>
      withBearer(simulator, '/services/data/v62.0/', accessToken);

    expect((await revoke(simulator, token.access_token!)).status).toBe(200);
    expect((await api(token.access_token!)).status).toBe(401);
    expect((await api(second)).status).toBe(200);

    expect((await revoke(simulator, token.refresh_token!)).status).toBe(200);
    expect((await api(second)).status).toBe(401);
    expect((await refresh(simulator, app, token.refresh_token!)).status).toBe(400);

    const again = await revoke(simulator, token.refresh_token!);
    expect(again.status).toBe(400);
    // URL-encoded, as Salesforce writes it (omniphx/forrest#213).
    expect(await again.text()).toBe(
      'error=unsupported_token_type&error_description=this%20token%20type%20is%20not%20supported',
    );
  });

  it('also revokes with GET ?token=, as Salesforce allows', async () => {
    const { token } = await connect(simulator, app);
    const response = await fetch(
      `${simulator.url}/services/oauth2/revoke?token=${encodeURIComponent(token.refresh_token!)}`,
    );
    expect(response.status).toBe(200);
    expect((await refresh(simulator, app, token.refresh_token!)).status).toBe(400);
  });

  it('answers the identity service with 403 Bad_OAuth_Token for a bad token, Missing_OAuth_Token for none', async () => {
    const { token } = await connect(simulator, app);
    const path = new URL(token.id!).pathname;
    const bad = await withBearer(simulator, path, 'not-a-token');
    expect([bad.status, await bad.text()]).toEqual([403, 'Bad_OAuth_Token']);
    const none = await fetch(`${simulator.url}/services/oauth2/userinfo`);
    expect([none.status, await none.text()]).toEqual([403, 'Missing_OAuth_Token']);
    await revoke(simulator, token.refresh_token!);
    const revoked = await withBearer(simulator, '/services/oauth2/userinfo', token.access_token!);
    expect(revoked.status).toBe(403);
  });

  it('needs an identity scope for the identity service', async () => {
    const apiOnly = simulator.addApp({
      callbackUrls: [CALLBACK],
      scopes: ['api', 'refresh_token'],
    });
    const { token } = await connect(simulator, apiOnly);
    const response = await withBearer(simulator, '/services/oauth2/userinfo', token.access_token!);
    expect([response.status, await response.text()]).toEqual([403, 'Insufficient_Scope']);
  });
});

describe('OpenID Connect', () => {
  it('publishes discovery metadata that points at the simulator', async () => {
    const response = await fetch(`${simulator.url}/.well-known/openid-configuration`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as Record<string, unknown>;
    // login.salesforce.com's fields, in its order (captured 2026-08-27), on the simulator's host.
    expect(Object.keys(document)).toEqual([
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'revocation_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'registration_endpoint',
      'introspection_endpoint',
      'scopes_supported',
      'response_types_supported',
      'subject_types_supported',
      'id_token_signing_alg_values_supported',
      'dpop_signing_alg_values_supported',
      'display_values_supported',
      'token_endpoint_auth_methods_supported',
      'claims_supported',
    ]);
    expect(document).toMatchObject({
      issuer: simulator.url,
      authorization_endpoint: `${simulator.url}/services/oauth2/authorize`,
      token_endpoint: `${simulator.url}/services/oauth2/token`,
      revocation_endpoint: `${simulator.url}/services/oauth2/revoke`,
      userinfo_endpoint: `${simulator.url}/services/oauth2/userinfo`,
      jwks_uri: `${simulator.url}/id/keys`,
      introspection_endpoint: `${simulator.url}/services/oauth2/introspect`,
      response_types_supported: ['code', 'token', 'token id_token'],
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'client_secret_basic',
        'private_key_jwt',
      ],
    });
    expect(document).not.toHaveProperty('code_challenge_methods_supported');
    expect(document).not.toHaveProperty('grant_types_supported');
  });

  it('adds a signed ID token with the openid scope', async () => {
    const oidc = simulator.addApp({
      callbackUrls: [CALLBACK],
      scopes: ['openid', 'api', 'refresh_token'],
    });
    const { callback, verifier } = await authorizeAndApprove(simulator, oidc, {
      nonce: 'n-0S6_WzA2Mj',
    });
    const { body } = await exchangeCode(
      simulator,
      oidc,
      callback.searchParams.get('code')!,
      verifier,
    );
    const [header, payload, signature] = body.id_token!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      iss: simulator.url,
      aud: oidc.consumerKey,
      sub: body.id,
      nonce: 'n-0S6_WzA2Mj',
      preferred_username: 'admin@acme-demo.example',
    });
    const { keys } = (await (await fetch(`${simulator.url}/id/keys`)).json()) as {
      keys: JsonWebKey[];
    };
    const key = await crypto.subtle.importKey(
      'jwk',
      keys[0]!,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const valid = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      Buffer.from(signature!, 'base64url'),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    expect(valid).toBe(true);
  });
});
