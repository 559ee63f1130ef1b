import { OAUTH_SCOPES } from '../core/scopes.js';
import { AUTHORIZE_PATH } from './authorize-flow.js';
import type { SimulatorContext } from './context.js';
import { jsonResponse, type SimResponse } from './http-exchange.js';
import { USERINFO_PATH } from './identity-endpoints.js';
import { REVOKE_PATH, TOKEN_PATH } from './token-endpoint.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/id/keys';

/**
 * `GET /.well-known/openid-configuration`: the authorization server metadata oauth4webapi's
 * `discoveryRequest` reads. The issuer is the simulator's URL, as a login host's is at Salesforce.
 */
export function handleDiscovery(context: SimulatorContext): SimResponse {
  const base = context.baseUrl;
  return jsonResponse(200, {
    issuer: base,
    authorization_endpoint: `${base}${AUTHORIZE_PATH}`,
    token_endpoint: `${base}${TOKEN_PATH}`,
    revocation_endpoint: `${base}${REVOKE_PATH}`,
    userinfo_endpoint: `${base}${USERINFO_PATH}`,
    jwks_uri: `${base}${JWKS_PATH}`,
    scopes_supported: OAUTH_SCOPES.flatMap((scope) => scope.values),
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
    code_challenge_methods_supported: ['S256'],
    display_values_supported: ['page', 'popup', 'touch'],
    claims_supported: [
      'active',
      'address',
      'email',
      'email_verified',
      'family_name',
      'given_name',
      'is_app_installed',
      'language',
      'locale',
      'name',
      'nickname',
      'organization_id',
      'photos',
      'picture',
      'preferred_username',
      'profile',
      'sub',
      'updated_at',
      'urls',
      'user_id',
      'user_type',
      'utcOffset',
      'zoneinfo',
    ],
  });
}

/** `GET /id/keys`: the public key that signs ID tokens, as a JWKS. */
export async function handleJwks(context: SimulatorContext): Promise<SimResponse> {
  return jsonResponse(200, await context.signer.jwks());
}
