import { AUTHORIZE_PATH } from './authorize-flow.js';
import type { SimulatorContext } from './context.js';
import { jsonResponse, type SimResponse } from './http-exchange.js';
import { USERINFO_PATH } from './identity-endpoints.js';
import { INTROSPECT_PATH, REVOKE_PATH, TOKEN_PATH } from './token-endpoint.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/id/keys';
/** Advertised as Salesforce advertises it; the simulator has no dynamic client registration. */
const REGISTRATION_PATH = '/services/oauth2/register';

// The fields, field order and values of https://login.salesforce.com/.well-known/openid-configuration
// as captured on 2026-08-27 (api-evangelist/service-cloud, well-known/
// service-cloud-login-openid-configuration.json), with the host replaced by the simulator's. Note
// what Salesforce leaves out: no `code_challenge_methods_supported` (PKCE is S256 only, unannounced),
// no `grant_types_supported`, and no auth method `none`.
const SCOPES_SUPPORTED = [
  'cdp_ingest_api',
  'custom_permissions',
  'cdp_segment_api',
  'content',
  'cdp_api',
  'chatbot_api',
  'cdp_identityresolution_api',
  'interaction_api',
  'wave_api',
  'web',
  'cdp_calculated_insight_api',
  'einstein_gpt_api',
  'offline_access',
  'id',
  'api',
  'data_cloud_user_claims',
  'eclair_api',
  'email',
  'pardot_api',
  'lightning',
  'visualforce',
  'cdp_query_api',
  'sfap_api',
  'address',
  'openid',
  'profile',
  'scrt_api',
  'cdp_profile_api',
  'refresh_token',
  'phone',
  'user_registration_api',
  'pwdless_login_api',
  'chatter_api',
  'mcp_api',
  'full',
  'forgot_password',
];

const CLAIMS_SUPPORTED = [
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
  'phone_number',
  'phone_number_verified',
  'photos',
  'picture',
  'preferred_username',
  'profile',
  'sub',
  'updated_at',
  'urls',
  'user_id',
  'user_type',
  'zoneinfo',
];

/**
 * `GET /.well-known/openid-configuration`: login.salesforce.com's document, field by field, with
 * the simulator's URL as issuer and endpoint host.
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
    registration_endpoint: `${base}${REGISTRATION_PATH}`,
    introspection_endpoint: `${base}${INTROSPECT_PATH}`,
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code', 'token', 'token id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    dpop_signing_alg_values_supported: [
      'RS256',
      'RS384',
      'RS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
    ],
    display_values_supported: ['page', 'popup', 'touch'],
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'client_secret_basic',
      'private_key_jwt',
    ],
    claims_supported: CLAIMS_SUPPORTED,
  });
}

/** `GET /id/keys`: the public key that signs ID tokens, as a JWKS. */
export async function handleJwks(context: SimulatorContext): Promise<SimResponse> {
  return jsonResponse(200, await context.signer.jwks());
}
