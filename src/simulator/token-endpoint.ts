import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { grantsRefreshToken } from '../core/scopes.js';
import { identityUrl, type SimRequest, type SimulatorContext } from './context.js';
import {
  basicCredentials,
  jsonResponse,
  requestedFormat,
  type SimResponse,
  textResponse,
  urlEncodedResponse,
} from './http-exchange.js';
import { accessTokenHash } from './id-token-signer.js';
import type { Grant } from './token-ledger.js';
import type { SimulatorApp, SimulatorFault } from './types.js';

export const TOKEN_PATH = '/services/oauth2/token';
export const REVOKE_PATH = '/services/oauth2/revoke';
export const INTROSPECT_PATH = '/services/oauth2/introspect';

/** Salesforce's token endpoint errors, as `[error, error_description]`. */
const tokenErrors = {
  invalid_client_id: ['invalid_client_id', 'client identifier invalid'],
  invalid_client: ['invalid_client', 'invalid client credentials'],
  app_not_installed: ['invalid_client', 'app must be installed into org'],
  app_not_approved: ['invalid_app_access', 'user is not admin approved to access this app'],
  pkce_required: ['invalid_request', 'missing required code challenge'],
  // A challenge without a verifier "fails with an invalid_grant error code" (REST API Developer
  // Guide, web server flow); the description is not documented, so it reuses the mismatch's.
  code_verifier_missing: ['invalid_grant', 'invalid code verifier'],
  // The guide says a mismatch is invalid_request, but Salesforce answers invalid_grant "invalid
  // code verifier" (SalesforceMobileSDK-Android#2642, anthropics/claude-code#85705 logs).
  code_verifier_wrong: ['invalid_grant', 'invalid code verifier'],
  // A verifier for a code that had no challenge (forcedotcom/sfdx-core#166; see fidelity options).
  code_verifier_unexpected: ['invalid_grant', 'unexpected code verifier'],
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
  // The client credentials flow (docs/sources.md, "The client credentials flow"). The first two
  // are quoted in public reports with their code; the third's code is reported inconsistently
  // (the kit matches its description only), invalid_grant is one of the reported ones.
  generic_login_host: ['invalid_grant', 'request not supported on this domain'],
  run_as_user_missing: ['invalid_grant', 'no client credentials user enabled'],
  client_credentials_disabled: ['invalid_grant', 'client credentials flow not enabled'],
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
  generic_login_host: 'generic_login_host',
  run_as_user_missing: 'run_as_user_missing',
  client_credentials_disabled: 'client_credentials_disabled',
  // No answer specific to an inactive Run As user is documented: Salesforce's usual one for an
  // inactive user.
  run_as_user_inactive: 'inactive_user',
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
    instance_url: context.instanceUrl,
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
 * A token answer in the format the client asked for: Salesforce's token request takes `format`
 * (`json`, the default, `urlencoded` or `xml`) or the same choice in the `Accept` header (REST API
 * Developer Guide, web server flow). The answer is flat, so URL-encoding is field by field; XML is
 * not reproduced and stays JSON.
 */
function inFormat(response: SimResponse, format: 'json' | 'urlencoded' | 'xml'): SimResponse {
  if (format !== 'urlencoded' || !response.headers['content-type']?.includes('json')) {
    return response;
  }
  const fields = JSON.parse(response.body) as Record<string, string>;
  return urlEncodedResponse(response.status, Object.entries(fields));
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
  return inFormat(await answerToken(context, request), requestedFormat(request));
}

async function answerToken(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  if (request.method !== 'POST') return tokenError('must_post');
  const grantType = request.form.get('grant_type');
  if (grantType === 'client_credentials') return answerClientCredentials(context, request);
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
    const verifier = request.form.get('code_verifier');
    if (record.codeChallenge !== undefined) {
      if (!verifier) return tokenError('code_verifier_missing');
      if (!verifierMatches(verifier, record.codeChallenge))
        return tokenError('code_verifier_wrong');
    } else if (verifier && context.fidelity.rejectUnexpectedCodeVerifier) {
      return tokenError('code_verifier_unexpected');
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

/**
 * Scopes a client credentials token carries: the app's, without those that mean a person's
 * lasting or web session (simple-salesforce/simple-salesforce#662: "all scopes configured for the
 * app … with some exceptions (notably: full, web, offline_access, refresh_token)").
 */
const clientCredentialsScopes = (app: SimulatorApp) =>
  app.scopes.filter((scope) => !['full', 'web', 'offline_access', 'refresh_token'].includes(scope));

/**
 * `grant_type=client_credentials` (help: "OAuth 2.0 Client Credentials Flow for Server-to-Server
 * Integration"): only on the org's own host — the instance origin, or the login origin when it is
 * the org's My Domain (`sharedInstanceHost`); on the generic login origin Salesforce answers
 * invalid_grant "request not supported on this domain". Then the app's key and secret (always
 * required), "Enable Client Credentials Flow", a Run As user who is active; the token is the Run As
 * user's, with no refresh token.
 */
async function answerClientCredentials(
  context: SimulatorContext,
  request: SimRequest,
): Promise<SimResponse> {
  const onGenericHost = request.origin === 'login' && context.instanceUrl !== context.baseUrl;
  if (onGenericHost) return tokenError('generic_login_host');
  const now = context.now();
  const { clientId, clientSecret } = clientCredentials(request);
  const app = context.directory.getApp(clientId);
  if (!app || !context.directory.isActive(app, now)) return tokenError('invalid_client_id');
  const fault = context.faults.take('client_credentials_grant', app.consumerKey);
  const answer = fault && faultAnswers[fault];
  if (answer) return tokenError(answer);
  if (clientSecret === undefined || !sameSecret(clientSecret, app.consumerSecret)) {
    return tokenError('invalid_client');
  }
  if (!app.clientCredentials.enabled) return tokenError('client_credentials_disabled');
  const runAs = app.clientCredentials.runAsUsername;
  const user = runAs === undefined ? undefined : context.directory.findUser(runAs);
  if (!user) return tokenError('run_as_user_missing');
  if (!user.active) return tokenError('inactive_user');
  const grant = context.ledger.createGrant({
    consumerKey: app.consumerKey,
    userId: user.id,
    scopes: clientCredentialsScopes(app),
    withRefreshToken: false,
    now,
  });
  return tokenResponse(context, app, grant, { refreshToken: undefined, nonce: undefined });
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
 * A revocation refusal. Salesforce documents HTTP 400 with `unsupported_token_type` or
 * `invalid_token` (Mobile SDK Developer Guide, "Revoking OAuth Tokens"); a client's log shows the
 * body URL-encoded, `error=unsupported_token_type&error_description=this%20token%20type%20is%20not%20supported`
 * (omniphx/forrest#213), which `fidelity.urlEncodedRevokeErrors` copies.
 */
function revokeError(context: SimulatorContext): SimResponse {
  const error = 'unsupported_token_type';
  const description = 'this token type is not supported';
  return context.fidelity.urlEncodedRevokeErrors
    ? urlEncodedResponse(400, [
        ['error', error],
        ['error_description', description],
      ])
    : jsonResponse(400, { error, error_description: description });
}

/**
 * `POST /services/oauth2/revoke` with `token=` (a refresh token, which takes its access tokens
 * with it, or one access token); Salesforce also takes `GET ?token=`. 200 with an empty body when
 * revoked; 400 `unsupported_token_type` for a missing, unknown or already revoked token.
 */
export function handleRevoke(context: SimulatorContext, request: SimRequest): SimResponse {
  const token = request.form.get('token') ?? request.query.get('token');
  if (!token || !context.ledger.revokeToken(token)) return revokeError(context);
  return textResponse(200, '');
}

/**
 * `POST /services/oauth2/introspect` (RFC 7662, as Salesforce's "OAuth 2.0 Token Introspection"
 * help page describes it): the app authenticates with its consumer key and secret (body or HTTP
 * Basic) and learns whether one of its tokens is live. A live token answers `active: true` with
 * `scope`, `client_id`, `username`, `sub` (the identity URL), `token_type` (`access_token` or
 * `refresh_token`), and `exp` / `iat` / `nbf` in seconds; anything else — unknown, revoked,
 * expired, or another app's token — is `{ active: false }`. A client that fails authentication
 * gets 401 `invalid_client` (RFC 7662 §2.3; Salesforce's status here is not documented).
 */
export function handleIntrospect(context: SimulatorContext, request: SimRequest): SimResponse {
  const { clientId, clientSecret } = clientCredentials(request);
  const app = context.directory.getApp(clientId);
  if (!app || clientSecret === undefined || !sameSecret(clientSecret, app.consumerSecret)) {
    return jsonResponse(401, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
  }
  const now = context.now();
  const found = context.ledger.describeToken(request.form.get('token') ?? '', now);
  const user = found && context.directory.userById(found.grant.userId);
  if (!found || !user || found.grant.consumerKey !== app.consumerKey) {
    return jsonResponse(200, { active: false });
  }
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return jsonResponse(200, {
    active: true,
    scope: found.grant.scopes.join(' '),
    client_id: app.consumerKey,
    username: user.username,
    sub: identityUrl(context, user.id),
    token_type: found.kind,
    ...(found.expiresAt === undefined ? {} : { exp: seconds(found.expiresAt) }),
    iat: seconds(found.issuedAt),
    nbf: seconds(found.issuedAt),
  });
}
