import { identityUrl, type SimRequest, type SimulatorContext } from './context.js';
import { bearerToken, jsonResponse, type SimResponse, textResponse } from './http-exchange.js';
import type { DirectoryUser } from './org-directory.js';
import { API_VERSIONS, LATEST_API_VERSION } from './rest-api.js';
import type { Grant } from './token-ledger.js';

export const USERINFO_PATH = '/services/oauth2/userinfo';
/** `/id/<orgId>/<userId>`: the identity URL of the token response's `id`. */
export const IDENTITY_PATH_PATTERN = /^\/id\/(00D[A-Za-z0-9]{12,15})\/(005[A-Za-z0-9]{12,15})\/?$/;

/** Scopes that open the identity service ("Access the identity URL service", OpenID, full). */
const identityScopes = ['id', 'profile', 'email', 'address', 'phone', 'openid', 'full'];

export type Authentication =
  | { ok: true; grant: Grant; user: DirectoryUser }
  | { ok: false; reason: 'missing' | 'invalid' };

/**
 * The live grant and user behind the request's `Authorization: Bearer` access token (or, where
 * `allowQueryToken`, the identity URL's `oauth_token` parameter).
 */
export function authenticate(
  context: SimulatorContext,
  request: SimRequest,
  allowQueryToken = false,
): Authentication {
  const token =
    bearerToken(request.raw) ??
    (allowQueryToken
      ? (request.query.get('oauth_token') ?? request.form.get('oauth_token') ?? undefined)
      : undefined);
  if (!token) return { ok: false, reason: 'missing' };
  const grant = context.ledger.findAccessGrant(token, context.now());
  const user = grant && context.directory.userById(grant.userId);
  if (!grant || !user?.active) return { ok: false, reason: 'invalid' };
  return { ok: true, grant, user };
}

/** The app the request's bearer token was issued to (for faults scoped to one app). */
export function consumerKeyOfBearer(
  context: SimulatorContext,
  request: SimRequest,
): string | undefined {
  const token = bearerToken(request.raw);
  return token ? context.ledger.consumerKeyOf(token) : undefined;
}

/**
 * The identity service's refusals: HTTP 403 with a plain-text reason, as Salesforce answers
 * (`Missing_OAuth_Token`, `Bad_OAuth_Token` for an unknown, revoked or expired token, and
 * `Insufficient_Scope` for a token without an identity scope).
 */
function refusal(text: 'Missing_OAuth_Token' | 'Bad_OAuth_Token' | 'Insufficient_Scope') {
  return textResponse(403, text);
}

/**
 * The `version` an identity request asked for: a version the org serves, or the latest for
 * `latest`; otherwise `{version}` stays a placeholder, as when none is given (Identity URLs help
 * page, xcloud.remoteaccess_using_openid.htm).
 */
function requestedVersion(request: SimRequest): string {
  const asked = request.query.get('version') ?? request.form.get('version');
  if (asked === 'latest') return LATEST_API_VERSION;
  return asked && API_VERSIONS.some(([number]) => number === asked) ? asked : '{version}';
}

/**
 * Resource URLs of the identity responses. They point at the org's instance (its My Domain at
 * Salesforce), where those APIs live, with the version placeholder filled when asked.
 */
function identityLinks(context: SimulatorContext, userId: string, version = '{version}') {
  const base = context.instanceUrl;
  const org15 = context.directory.org.id.slice(0, 15);
  const rest = `${base}/services/data/v${version}`;
  return {
    enterprise: `${base}/services/Soap/c/${version}/${org15}`,
    metadata: `${base}/services/Soap/m/${version}/${org15}`,
    partner: `${base}/services/Soap/u/${version}/${org15}`,
    rest: `${rest}/`,
    sobjects: `${rest}/sobjects/`,
    search: `${rest}/search/`,
    query: `${rest}/query/`,
    recent: `${rest}/recent/`,
    tooling_soap: `${base}/services/Soap/T/${version}/${org15}`,
    tooling_rest: `${rest}/tooling/`,
    profile: `${base}/${userId}`,
    feeds: `${rest}/chatter/feeds`,
    groups: `${rest}/chatter/groups`,
    users: `${rest}/chatter/users`,
    feed_items: `${rest}/chatter/feed-items`,
    feed_elements: `${rest}/chatter/feed-elements`,
    custom_domain: base,
  };
}

/** First and last name from a display name ("Ada Admin" → "Ada", "Admin"). */
function nameParts(displayName: string) {
  const name = displayName.trim();
  const space = name.lastIndexOf(' ');
  return space < 0
    ? { first: '', last: name }
    : { first: name.slice(0, space).trim(), last: name.slice(space + 1) };
}

const LOCALE = 'en_US';
const TIME_ZONE = 'America/Los_Angeles';
const UTC_OFFSET_MS = -28_800_000;

function authenticateForIdentity(
  context: SimulatorContext,
  request: SimRequest,
  allowQueryToken = false,
) {
  const auth = authenticate(context, request, allowQueryToken);
  if (!auth.ok)
    return refusal(auth.reason === 'missing' ? 'Missing_OAuth_Token' : 'Bad_OAuth_Token');
  if (!auth.grant.scopes.some((scope) => identityScopes.includes(scope))) {
    return refusal('Insufficient_Scope');
  }
  return auth;
}

/**
 * `GET|POST /services/oauth2/userinfo` (Bearer): the OpenID Connect user info, with Salesforce's
 * extra fields (`user_id`, `organization_id`, `urls`, `active`, `user_type`…). A bad token gets
 * HTTP 403, as the identity service answers (the Mobile SDK stopped using userinfo for its
 * "cheap call" because it "returns a 403 for an invalid access token",
 * SalesforceMobileSDK-Android#2430), with the identity service's `Bad_OAuth_Token` text.
 */
export function handleUserInfo(context: SimulatorContext, request: SimRequest): SimResponse {
  const auth = authenticateForIdentity(context, request);
  if (!('ok' in auth)) return auth;
  const { user } = auth;
  const { first, last } = nameParts(user.displayName);
  return jsonResponse(200, {
    sub: identityUrl(context, user.id),
    user_id: user.id,
    organization_id: context.directory.org.id,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: user.displayName,
    email: user.email,
    email_verified: true,
    given_name: first,
    family_name: last,
    zoneinfo: TIME_ZONE,
    profile: `${context.instanceUrl}/${user.id}`,
    address: {},
    is_salesforce_integration_user: false,
    urls: identityLinks(context, user.id),
    active: user.active,
    user_type: 'STANDARD',
    language: LOCALE,
    locale: LOCALE,
    utcOffset: UTC_OFFSET_MS,
    updated_at: new Date(0).toISOString(),
    is_app_installed: true,
  });
}

/**
 * `GET /id/<orgId>/<userId>` (Bearer, or `?oauth_token=`): Salesforce's identity response, its
 * resource URLs with `version` filled in when asked (a number the org serves, or `latest`). A
 * token may only read its own user's identity (another id is `Bad_Id`, 404). The help page's
 * other formats (`format=xml|urlencoded`, JSONP `callback`) are not reproduced: always JSON.
 */
export function handleIdentity(
  context: SimulatorContext,
  request: SimRequest,
  orgId: string,
  userId: string,
): SimResponse {
  const auth = authenticateForIdentity(context, request, true);
  if (!('ok' in auth)) return auth;
  const { user } = auth;
  if (orgId !== context.directory.org.id || userId !== user.id) return textResponse(404, 'Bad_Id');
  const { first, last } = nameParts(user.displayName);
  return jsonResponse(200, {
    id: identityUrl(context, user.id),
    asserted_user: true,
    user_id: user.id,
    organization_id: context.directory.org.id,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: user.displayName,
    email: user.email,
    email_verified: true,
    first_name: first,
    last_name: last,
    timezone: TIME_ZONE,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: identityLinks(context, user.id, requestedVersion(request)),
    active: user.active,
    user_type: 'STANDARD',
    language: LOCALE,
    locale: LOCALE,
    utcOffset: UTC_OFFSET_MS,
    last_modified_date: new Date(0).toISOString(),
    is_app_installed: true,
  });
}
