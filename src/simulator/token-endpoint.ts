import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { grantsRefreshToken } from '../core/scopes.js';
import { identityUrl, type SimRequest, type SimulatorContext } from './context.js';
import { basicCredentials, jsonResponse, type SimResponse, textResponse } from './http-exchange.js';
import { accessTokenHash } from './id-token-signer.js';
import type { Grant } from './token-ledger.js';
import type { SimulatorApp, SimulatorFault } from './types.js';

export const TOKEN_PATH = '/services/oauth2/token';
export const REVOKE_PATH = '/services/oauth2/revoke';

/** Salesforce's token endpoint errors, as `[error, error_description]`. */
const tokenErrors = {
  invalid_client_id: ['invalid_client_id', 'client identifier invalid'],
  invalid_client: ['invalid_client', 'invalid client credentials'],
  app_not_installed: ['invalid_client', 'app must be installed into org'],
  app_not_approved: ['invalid_app_access', 'user is not admin approved to access this app'],
  pkce_required: ['invalid_request', 'missing required code challenge'],
  code_verifier_missing: ['invalid_request', 'missing code verifier'],
  code_verifier_wrong: ['invalid_request', 'invalid code verifier'],
  code_unknown: ['invalid_grant', 'invalid authorization code'],
  code_expired: ['invalid_grant', 'expired authorization code'],
  redirect_uri_mismatch: ['redirect_uri_mismatch', 'redirect_uri must match configuration'],
  refresh_revoked: ['invalid_grant', 'expired access/refresh token'],
  authentication_failure: ['invalid_grant', 'authentication failure'],
  ip_restricted: ['invalid_grant', 'ip restricted'],
  inactive_user: ['inactive_user', 'user is inactive'],
  inactive_org: ['inactive_org', 'organization is inactive'],
  unsupported_grant_type: ['unsupported_grant_type', 'grant type not supported'],
  rate_limited: ['rate_limit_exceeded', 'rate limit exceeded'],
  must_post: ['invalid_request', 'must use HTTP POST'],
} as const;

type TokenErrorKind = keyof typeof tokenErrors;

/** HTTP 400 `{ error, error_description }`, as Salesforce answers every token request it refuses. */
function tokenError(kind: TokenErrorKind): SimResponse {
  const [error, description] = tokenErrors[kind];
  return jsonResponse(400, { error, error_description: description });
}

// Faults that simply answer with their error; the others change state first (see below).
const faultAnswers: Partial<Record<SimulatorFault, TokenErrorKind>> = {
  invalid_client_id: 'invalid_client_id',
  invalid_client: 'invalid_client',
  app_not_installed: 'app_not_installed',
  app_not_approved: 'app_not_approved',
  pkce_required: 'pkce_required',
  ip_restricted: 'ip_restricted',
  inactive_user: 'inactive_user',
  inactive_org: 'inactive_org',
  unsupported_grant_type: 'unsupported_grant_type',
  rate_limited: 'rate_limited',
};

function sameSecret(given: string, expected: string): boolean {
  // Hash first so that the comparison takes the same time whatever the lengths.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function clientCredentials(request: SimRequest) {
  const basic = basicCredentials(request.raw);
  return {
    clientId: basic?.clientId ?? request.form.get('client_id') ?? '',
    clientSecret: basic?.clientSecret ?? request.form.get('client_secret') ?? undefined,
  };
}

/** The app a token request is for (for faults scoped to one app). */
export function consumerKeyOfTokenRequest(request: SimRequest): string {
  return clientCredentials(request).clientId;
}

/** base64url(SHA-256(verifier)) compared with the stored S256 challenge. */
function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/**
 * Salesforce's `signature`: base64 HMAC-SHA256 of the identity URL followed by `issued_at`, keyed
 * with the consumer secret, so a client can check that the response is untampered.
 */
function responseSignature(id: string, issuedAt: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(id + issuedAt)
    .digest('base64');
}

async function tokenResponse(
  context: SimulatorContext,
  app: SimulatorApp,
  grant: Grant,
  options: { refreshToken: string | undefined; nonce: string | undefined },
): Promise<SimResponse> {
  const now = context.now();
  const accessToken = context.ledger.issueAccessToken(grant, now);
  const user = context.directory.userById(grant.userId);
  const id = identityUrl(context, grant.userId);
  const issuedAt = String(now);
  let idToken: string | undefined;
  if (grant.scopes.includes('openid') && user) {
    const seconds = Math.floor(now / 1000);
    idToken = await context.signer.sign({
      iss: context.baseUrl,
      sub: id,
      aud: app.consumerKey,
      iat: seconds,
      exp: seconds + 300,
      at_hash: accessTokenHash(accessToken),
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
      name: user.displayName,
      preferred_username: user.username,
      email: user.email,
      organization_id: context.directory.org.id,
      user_id: user.id,
    });
  }
  return jsonResponse(200, {
    access_token: accessToken,
    ...(options.refreshToken === undefined ? {} : { refresh_token: options.refreshToken }),
    signature: responseSignature(id, issuedAt, app.consumerSecret),
    scope: grant.scopes.join(' '),
    ...(idToken === undefined ? {} : { id_token: idToken }),
    instance_url: context.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  });
}

/** Checks that apply to both grants once the app and the user are known. */
function userRefusal(
  context: SimulatorContext,
  app: SimulatorApp,
  userId: string,
): TokenErrorKind | undefined {
  const user = context.directory.userById(userId);
  if (!user) return 'authentication_failure';
  if (!user.active) return 'inactive_user';
  if (!context.directory.mayUse(app, user)) return 'app_not_approved';
  return undefined;
}

/**
 * `POST /services/oauth2/token` (form-encoded; client id and secret in the body or HTTP Basic):
 * the `authorization_code` grant (single-use code, 15-minute life, same redirect URI, S256 PKCE
 * verifier, secret when the app requires it) and the `refresh_token` grant (rotation when the app
 * has it, and reuse detection with it). Success is Salesforce's JSON (no `expires_in`, `issued_at` in ms as a string, a refresh
 * token only with the refresh scope); refusals are HTTP 400 `{ error, error_description }`.
 */
export async function handleToken(
  context: SimulatorContext,
  request: SimRequest,
): Promise<SimResponse> {
  if (request.method !== 'POST') return tokenError('must_post');
  const grantType = request.form.get('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return tokenError('unsupported_grant_type');
  }
  const isCodeGrant = grantType === 'authorization_code';
  const now = context.now();
  const { clientId, clientSecret } = clientCredentials(request);
  const app = context.directory.getApp(clientId);
  if (!app || !context.directory.isActive(app, now)) return tokenError('invalid_client_id');

  const fault = context.faults.take(isCodeGrant ? 'code_grant' : 'refresh_grant', app.consumerKey);
  const answer = fault && faultAnswers[fault];
  if (answer) return tokenError(answer);

  // Salesforce checks a secret that is sent even when the app does not require one.
  const secretRequired = isCodeGrant ? app.requireSecretForWebServer : app.requireSecretForRefresh;
  if (clientSecret === undefined ? secretRequired : !sameSecret(clientSecret, app.consumerSecret)) {
    return tokenError('invalid_client');
  }

  if (isCodeGrant) {
    const lookup = context.ledger.redeemCode(request.form.get('code') ?? '', now);
    if (!lookup.ok)
      return tokenError(lookup.reason === 'unknown' ? 'code_unknown' : 'code_expired');
    const { record } = lookup;
    if (fault === 'code_expired') return tokenError('code_expired');
    if (record.consumerKey !== app.consumerKey) return tokenError('code_unknown');
    if (request.form.get('redirect_uri') !== record.redirectUri) {
      return tokenError('redirect_uri_mismatch');
    }
    if (record.codeChallenge !== undefined) {
      const verifier = request.form.get('code_verifier');
      if (!verifier) return tokenError('code_verifier_missing');
      if (!verifierMatches(verifier, record.codeChallenge))
        return tokenError('code_verifier_wrong');
    }
    const refusal = userRefusal(context, app, record.userId);
    if (refusal) return tokenError(refusal);
    const grant = context.ledger.createGrant({
      consumerKey: app.consumerKey,
      userId: record.userId,
      scopes: record.scopes,
      withRefreshToken: grantsRefreshToken(record.scopes),
      now,
    });
    return tokenResponse(context, app, grant, {
      refreshToken: grant.refreshToken,
      nonce: record.nonce,
    });
  }

  const presented = request.form.get('refresh_token') ?? '';
  const lookup = context.ledger.lookUpRefreshToken(presented, now, app.refreshTokenIdleMs);
  if (lookup.kind === 'spent') {
    // Reuse of a token rotation retired: Salesforce treats it as theft and ends the whole grant
    // (help article 005316711). Salesforce's answer is the usual one (tap-salesforce#223). Only the
    // grant's own app can trigger it: another client cannot use the token at all.
    if (
      lookup.grant.consumerKey === app.consumerKey &&
      app.refreshTokenReuseDetection &&
      app.refreshTokenRotation
    ) {
      context.ledger.revokeGrant(lookup.grant);
    }
    return tokenError('refresh_revoked');
  }
  const grant = lookup.kind === 'live' ? lookup.grant : undefined;
  if (!grant || grant.consumerKey !== app.consumerKey) return tokenError('refresh_revoked');
  if (fault === 'refresh_revoked') {
    // The fault stands for an admin's revocation: the token stays dead afterwards.
    context.ledger.revokeToken(presented);
    return tokenError('refresh_revoked');
  }
  const refusal = userRefusal(context, app, grant.userId);
  if (refusal) return tokenError(refusal);
  const rotated = app.refreshTokenRotation ? context.ledger.rotateRefreshToken(grant) : undefined;
  return tokenResponse(context, app, grant, { refreshToken: rotated, nonce: undefined });
}

/** The app a revoke request's token was issued to (for faults scoped to one app). */
export function consumerKeyOfRevokeRequest(
  context: SimulatorContext,
  request: SimRequest,
): string | undefined {
  const token = request.form.get('token') ?? request.query.get('token');
  return token ? context.ledger.consumerKeyOf(token) : undefined;
}

/**
 * `POST /services/oauth2/revoke` with `token=` (a refresh token, which takes its access tokens
 * with it, or one access token); Salesforce also takes `GET ?token=`. 200 with an empty body when
 * revoked; 400 `{ error: 'invalid_token' }` for a token that is unknown or already revoked.
 */
export function handleRevoke(context: SimulatorContext, request: SimRequest): SimResponse {
  const token = request.form.get('token') ?? request.query.get('token');
  if (!token) {
    return jsonResponse(400, { error: 'invalid_request', error_description: 'token is required' });
  }
  if (!context.ledger.revokeToken(token)) {
    return jsonResponse(400, { error: 'invalid_token', error_description: 'invalid token' });
  }
  return textResponse(200, '');
}
