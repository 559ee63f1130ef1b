/**
 * The reference server exchanges codes with oauth4webapi; these tests run its client functions
 * against the simulator, so a response shape oauth4webapi rejects fails here first.
 */
import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorApp,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import { Browser, CALLBACK, followAuthorization } from './drive.js';

const insecure = { [oauth.allowInsecureRequests]: true } as const;

let simulator: SalesforceSimulator;
let app: SimulatorApp;
let as: oauth.AuthorizationServer;
let client: oauth.Client;

beforeEach(async () => {
  simulator = await startSalesforceSimulator();
  app = simulator.addApp({
    callbackUrls: [CALLBACK],
    scopes: ['api', 'refresh_token', 'id', 'openid'],
  });
  const issuer = new URL(simulator.url);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  client = { client_id: app.consumerKey };
});
afterEach(() => simulator.close());

/** The browser part, with an authorize URL built from the discovered metadata. */
async function authorize(options: { scope: string; nonce?: string }) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', app.consumerKey);
  url.searchParams.set('redirect_uri', CALLBACK);
  url.searchParams.set('scope', options.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (options.nonce) url.searchParams.set('nonce', options.nonce);
  const callback = await followAuthorization(simulator, new Browser(), url.toString());
  return { params: oauth.validateAuthResponse(as, client, callback, state), verifier };
}

describe('oauth4webapi against the simulator', () => {
  it.each([
    ['client_secret_post', () => oauth.ClientSecretPost(app.consumerSecret)],
    ['client_secret_basic', () => oauth.ClientSecretBasic(app.consumerSecret)],
  ])('exchanges, refreshes, reads userinfo and revokes (%s)', async (_name, auth) => {
    const clientAuth = auth();
    const { params, verifier } = await authorize({ scope: 'api refresh_token id' });
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        CALLBACK,
        verifier,
        insecure,
      ),
    );
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBeUndefined();
    expect(tokens.instance_url).toBe(simulator.instanceUrl);
    expect(typeof tokens.refresh_token).toBe('string');

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, insecure),
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    const info = await oauth.processUserInfoResponse(
      as,
      client,
      tokens.id as string,
      await oauth.userInfoRequest(as, client, refreshed.access_token, insecure),
    );
    expect(info.preferred_username).toBe('admin@acme-demo.example');

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, tokens.refresh_token!, insecure),
    );
    const afterRevoke = oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, insecure),
    );
    await expect(afterRevoke).rejects.toBeInstanceOf(oauth.ResponseBodyError);
    await expect(afterRevoke).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
  });

  it('validates the ID token of an openid authorization, nonce included', async () => {
    const nonce = oauth.generateRandomNonce();
    const { params, verifier } = await authorize({ scope: 'openid api refresh_token', nonce });
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.ClientSecretPost(app.consumerSecret),
        params,
        CALLBACK,
        verifier,
        insecure,
      ),
      { expectedNonce: nonce, requireIdToken: true },
    );
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    expect(claims?.aud).toBe(app.consumerKey);
    expect(claims?.iss).toBe(simulator.url);
  });

  it('surfaces Salesforce’s error body for a wrong secret and a wrong verifier', async () => {
    const first = await authorize({ scope: 'api refresh_token' });
    const wrongSecret = oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.ClientSecretPost('F'.repeat(64)),
        first.params,
        CALLBACK,
        first.verifier,
        insecure,
      ),
    );
    await expect(wrongSecret).rejects.toMatchObject({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
      status: 400,
    });

    const wrongVerifier = oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.ClientSecretPost(app.consumerSecret),
        first.params,
        CALLBACK,
        oauth.generateRandomCodeVerifier(),
        insecure,
      ),
    );
    await expect(wrongVerifier).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('reads an access_denied callback as an authorization error', async () => {
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    for (const [key, value] of Object.entries({
      response_type: 'code',
      client_id: app.consumerKey,
      redirect_uri: CALLBACK,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
    })) {
      url.searchParams.set(key, value);
    }
    const callback = await followAuthorization(simulator, new Browser(), url.toString(), 'deny');
    expect(() => oauth.validateAuthResponse(as, client, callback, state)).toThrow(
      oauth.AuthorizationResponseError,
    );
  });
});
