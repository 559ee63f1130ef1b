import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import { Browser, CALLBACK, followAuthorization } from '../simulator/drive.js';

// openid-client 6 (with jose for the ID token): discovery, the code flow with PKCE and a nonce,
// ID token validation against the JWKS, userinfo, refresh, introspection and revocation.

let simulator: SalesforceSimulator;
let app: SimulatorApp;
let config: client.Configuration;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
  app = simulator.addApp({
    callbackUrls: [CALLBACK],
    scopes: ['openid', 'api', 'refresh_token', 'id', 'profile', 'email'],
  });
  config = await client.discovery(
    new URL(simulator.url),
    app.consumerKey,
    app.consumerSecret,
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
});
afterEach(() => simulator.close());

async function signIn() {
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid api refresh_token id',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  const callback = await followAuthorization(simulator, new Browser(), url.href);
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
  });
}

describe('openid-client against the simulator', () => {
  it('discovers login.salesforce.com-shaped metadata', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(simulator.url);
    expect(metadata.introspection_endpoint).toBe(`${simulator.url}/services/oauth2/introspect`);
    // Salesforce does not announce PKCE methods, though it takes S256.
    expect(metadata.supportsPKCE()).toBe(false);
  });

  it('signs in with PKCE and a nonce, and validates the ID token against the JWKS', async () => {
    const tokens = await signIn();
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: simulator.url,
      aud: app.consumerKey,
      organization_id: simulator.org.id,
    });
    expect(tokens.instance_url).toBe(simulator.instanceUrl);
    // The same ID token, checked a second way: jose against the discovered JWKS.
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri ?? ''));
    const { payload } = await jwtVerify(tokens.id_token ?? '', jwks, {
      issuer: simulator.url,
      audience: app.consumerKey,
      algorithms: ['RS256'],
    });
    expect(payload.sub).toBe(claims?.sub);

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims?.sub ?? '');
    expect(userinfo).toMatchObject({ organization_id: simulator.org.id });
  });

  it('refreshes, introspects and revokes', async () => {
    const tokens = await signIn();
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    const live = await client.tokenIntrospection(config, refreshed.access_token);
    expect(live).toMatchObject({
      active: true,
      client_id: app.consumerKey,
      token_type: 'access_token',
    });

    await client.tokenRevocation(config, tokens.refresh_token ?? '');
    expect(await client.tokenIntrospection(config, refreshed.access_token)).toEqual({
      active: false,
    });
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token ?? ''),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('surfaces the userinfo refusal of a revoked token as HTTP 403', async () => {
    const tokens = await signIn();
    await client.tokenRevocation(config, tokens.refresh_token ?? '');
    const refused = await client
      .fetchUserInfo(config, tokens.access_token, client.skipSubjectCheck)
      .then(
        () => undefined,
        (error: unknown) => error as { cause?: unknown },
      );
    expect(refused?.cause).toBeInstanceOf(Response);
    const response = refused?.cause as Response;
    expect([response.status, await response.text()]).toEqual([403, 'Bad_OAuth_Token']);
  });
});
