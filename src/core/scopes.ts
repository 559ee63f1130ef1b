import { ConnectError } from './errors.js';

/**
 * Salesforce OAuth scopes as the admin sees them in Setup. Several values share one Setup label
 * (ticking "Access the identity URL service" grants `id`, `profile`, `email`, `address` and
 * `phone`), so the guide shows labels and the backend requests values.
 */
export interface OAuthScopeInfo {
  /** The label in Setup's "Selected OAuth Scopes" list. */
  label: string;
  /** Every scope value that label grants. */
  values: readonly string[];
}

/** The scopes Setup offers, in the order the kit shows them. */
export const OAUTH_SCOPES: readonly OAuthScopeInfo[] = [
  { label: 'Manage user data via APIs', values: ['api'] },
  { label: 'Perform requests at any time', values: ['refresh_token', 'offline_access'] },
  {
    label: 'Access the identity URL service',
    values: ['id', 'profile', 'email', 'address', 'phone'],
  },
  { label: 'Access unique user identifiers', values: ['openid'] },
  { label: 'Full access', values: ['full'] },
  { label: 'Manage user data via Web browsers', values: ['web'] },
  { label: 'Access Connect REST API resources', values: ['chatter_api'] },
  { label: 'Access Visualforce applications', values: ['visualforce'] },
  { label: 'Access custom permissions', values: ['custom_permissions'] },
  { label: 'Access Lightning applications', values: ['lightning'] },
  { label: 'Access content resources', values: ['content'] },
  { label: 'Access all Data Cloud API resources', values: ['cdp_api'] },
  { label: 'Manage Customer Data Platform profile data', values: ['cdp_profile_api'] },
  { label: 'Perform ANSI SQL queries on Customer Data Platform data', values: ['cdp_query_api'] },
  { label: 'Manage Customer Data Platform Ingestion API data', values: ['cdp_ingest_api'] },
  { label: 'Manage Pardot services', values: ['pardot_api'] },
  { label: 'Access the Salesforce API Platform', values: ['sfap_api'] },
  { label: 'Access Einstein GPT services', values: ['einstein_gpt_api'] },
  { label: 'Access Analytics REST API Charts Geodata resources', values: ['eclair_api'] },
  { label: 'Access Analytics REST API resources', values: ['wave_api'] },
];

/**
 * The Setup label that grants a scope value, or undefined for a value Setup does not list.
 *
 * @example
 * scopeLabel('refresh_token') // 'Perform requests at any time'
 */
export function scopeLabel(value: string): string | undefined {
  return OAUTH_SCOPES.find((scope) => scope.values.includes(value))?.label;
}

/**
 * The Setup labels to tick for a list of scope values, deduplicated, in Setup's order, with any
 * value Setup does not list returned separately so the guide can flag it.
 *
 * @example
 * scopeLabelsFor(['api', 'refresh_token', 'id'])
 * // { labels: ['Manage user data via APIs', 'Perform requests at any time',
 * //            'Access the identity URL service'], unknown: [] }
 */
export function scopeLabelsFor(values: readonly string[]): { labels: string[]; unknown: string[] } {
  const labels = scopesFor(values).map((scope) => scope.label);
  const unknown = values.filter((value) => scopeLabel(value) === undefined);
  return { labels, unknown };
}

/** The Setup entries that grant any of `values`, in Setup's order (internal: the guide's list). */
export function scopesFor(values: readonly string[]): OAuthScopeInfo[] {
  return OAUTH_SCOPES.filter((scope) => scope.values.some((value) => values.includes(value)));
}

/**
 * The scopes the kit asks for unless told otherwise: REST API access, a refresh token, and the
 * identity URL for who connected. The reference server and the setup guide both default to it, so
 * the guide names exactly what the server requests.
 */
export const DEFAULT_SCOPES: readonly string[] = ['api', 'refresh_token', 'id'];

/** Whether a scope list lets Salesforce issue a refresh token (`full` alone does not). */
export function grantsRefreshToken(values: readonly string[]): boolean {
  return values.includes('refresh_token') || values.includes('offline_access');
}

/**
 * The scopes to request for one authorization: the backend's configured list, or the page's
 * request when it asks for fewer. A page may narrow the scopes but never widen them: a scope the
 * backend is not configured for throws `invalid_input`.
 *
 * @example
 * narrowScopes(['api', 'refresh_token', 'id'], ['api', 'refresh_token']) // ['api', 'refresh_token']
 * narrowScopes(['api', 'refresh_token'], undefined) // ['api', 'refresh_token']
 * narrowScopes(['api'], ['full']) // throws ConnectError('invalid_input')
 */
export function narrowScopes(
  configured: readonly string[],
  requested: readonly string[] | undefined,
): string[] {
  if (requested === undefined || requested.length === 0) return [...configured];
  const extra = requested.filter((scope) => !configured.includes(scope));
  if (extra.length > 0) {
    throw new ConnectError(
      'invalid_input',
      `These scopes are not among the ones this backend requests: ${extra.join(', ')}.`,
    );
  }
  return [...new Set(requested)];
}
