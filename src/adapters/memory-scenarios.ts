import type { ConnectErrorCode } from '../core/errors.js';

/**
 * Where in the flow a scripted failure shows up, mirroring where it appears against a real org:
 * - `preflight`: the backend's check after saving finds it (`Connection.error`), and Salesforce's
 *   own page in the popup shows it too (the relayed message carries the Salesforce error);
 * - `authorize`: Salesforce answers the popup with an error instead of a code;
 * - `token`: the popup returns a code, and exchanging it fails (`completeAuthorization` throws);
 * - `session`: a stored connection stops working (`needs_reauth`);
 * - `transport`: the backend cannot be reached or breaks (every call throws);
 * - `client_credentials`: a `client-credentials` connection's Connect (no popup) is refused
 *   (`connectWithClientCredentials` throws).
 *
 * @example
 * const showsInPopup = (stage: MemoryScenarioStage) =>
 *   stage === 'preflight' || stage === 'authorize';
 */
export type MemoryScenarioStage =
  | 'preflight'
  | 'authorize'
  | 'token'
  | 'session'
  | 'transport'
  | 'client_credentials';

/**
 * One scripted outcome: the kit's code and what Salesforce itself would have said.
 *
 * @example
 * const outcome: MemoryScenarioOutcome = MEMORY_SCENARIO_OUTCOMES.invalid_client;
 * outcome.salesforceError; // 'invalid_client'
 */
export interface MemoryScenarioOutcome {
  stage: MemoryScenarioStage;
  code: ConnectErrorCode;
  /** A plain sentence for `ConnectError.message` / `Connection.error.message`. */
  message: string;
  /** Salesforce's `error` value, as the popup or the token endpoint would report it. */
  salesforceError?: string;
  /** Salesforce's `error_description`. */
  salesforceDescription?: string;
  /** HTTP status a REST backend would answer with. */
  status?: number;
}

/**
 * Every scripted outcome the memory adapter can play, keyed by scenario name. `happy` is absent:
 * it is the flow with nothing going wrong.
 *
 * @example
 * MEMORY_SCENARIO_OUTCOMES.app_not_approved.salesforceError // 'invalid_app_access'
 */
export const MEMORY_SCENARIO_OUTCOMES = {
  invalid_client_id: {
    stage: 'preflight',
    code: 'invalid_client_id',
    message: 'Salesforce does not recognise this Consumer Key for this login URL.',
    salesforceError: 'invalid_client_id',
    salesforceDescription: 'client identifier invalid',
  },
  redirect_uri_mismatch: {
    stage: 'preflight',
    code: 'redirect_uri_mismatch',
    message: 'The callback URL in the Salesforce app does not match the one this app uses.',
    salesforceError: 'redirect_uri_mismatch',
    salesforceDescription: 'redirect_uri must match configuration',
  },
  app_not_found: {
    stage: 'authorize',
    code: 'app_not_found',
    message: 'The Salesforce app does not exist in the org you logged in to.',
    salesforceError: 'OAUTH_EC_APP_NOT_FOUND',
    salesforceDescription: 'external client app not found in this org',
  },
  app_not_installed: {
    stage: 'authorize',
    code: 'app_not_installed',
    message: 'The Salesforce app is blocked or not installed in this org.',
    salesforceError: 'OAUTH_APPROVAL_ERROR_GENERIC',
    salesforceDescription: 'app must be installed into org',
  },
  access_denied: {
    stage: 'authorize',
    code: 'access_denied',
    message: 'Access was denied on the Salesforce consent page.',
    salesforceError: 'access_denied',
    salesforceDescription: 'end-user denied authorization',
  },
  invalid_client: {
    stage: 'token',
    code: 'invalid_client',
    message: 'Salesforce refused the Consumer Secret.',
    salesforceError: 'invalid_client',
    salesforceDescription: 'invalid client credentials',
    status: 400,
  },
  app_not_approved: {
    stage: 'token',
    code: 'app_not_approved',
    message: 'This Salesforce user is not approved to use the app.',
    salesforceError: 'invalid_app_access',
    salesforceDescription: 'user is not admin approved to access this app',
    status: 400,
  },
  pkce_required: {
    stage: 'token',
    code: 'pkce_required',
    message: 'Salesforce expected a PKCE code verifier that matches the challenge.',
    salesforceError: 'invalid_request',
    salesforceDescription: 'invalid code verifier',
    status: 400,
  },
  flow_not_enabled: {
    stage: 'token',
    code: 'flow_not_enabled',
    message: 'The authorization code flow is not enabled for the Salesforce app.',
    salesforceError: 'unsupported_grant_type',
    salesforceDescription: 'grant type not supported',
    status: 400,
  },
  inactive_user: {
    stage: 'token',
    code: 'inactive_user',
    message: 'The Salesforce user is inactive.',
    salesforceError: 'inactive_user',
    salesforceDescription: 'user is inactive',
    status: 400,
  },
  inactive_org: {
    stage: 'token',
    code: 'inactive_org',
    message: 'The Salesforce org is inactive.',
    salesforceError: 'inactive_org',
    salesforceDescription: 'organization is inactive',
    status: 400,
  },
  ip_restricted: {
    stage: 'token',
    code: 'ip_restricted',
    message: "Salesforce refused the request from this server's IP address.",
    salesforceError: 'invalid_grant',
    salesforceDescription: 'ip restricted',
    status: 400,
  },
  rate_limited: {
    stage: 'token',
    code: 'rate_limited',
    message: 'Salesforce is refusing logins for a while: too many attempts.',
    salesforceError: 'rate_limit_exceeded',
    salesforceDescription: 'rate limit exceeded',
    status: 400,
  },
  salesforce_unavailable: {
    stage: 'token',
    code: 'salesforce_unavailable',
    message: 'Salesforce did not answer; it may be down for maintenance.',
    status: 503,
  },
  org_changed: {
    stage: 'token',
    code: 'org_changed',
    message:
      'This is a different Salesforce org than before: its org id changed. A refreshed sandbox gets a new org id behind the same address. Choose whether to keep the new org or go back to the previous connection.',
  },
  needs_reauth: {
    stage: 'session',
    code: 'invalid_grant',
    message: 'Salesforce no longer accepts the saved authorization; connect again.',
    salesforceError: 'invalid_grant',
    salesforceDescription: 'expired access/refresh token',
  },
  network_down: {
    stage: 'transport',
    code: 'network',
    message: 'The server could not be reached.',
  },
  server_error: {
    stage: 'transport',
    code: 'adapter_error',
    message: 'The server failed to answer (HTTP 500).',
    status: 500,
  },
} as const satisfies Record<string, MemoryScenarioOutcome>;

/**
 * The scripted refusals of a `client-credentials` connection's Connect, keyed by scenario name:
 * Salesforce's answers as public reports quote them (docs/sources.md). Kept apart from
 * {@link MEMORY_SCENARIO_OUTCOMES}, the popup flow's, because they cannot happen there. The
 * popup flow's `invalid_client`, `inactive_org`, `rate_limited`, `salesforce_unavailable` and the
 * transport scenarios also refuse this Connect.
 *
 * @example
 * MEMORY_CLIENT_CREDENTIALS_OUTCOMES.run_as_user_missing.salesforceDescription;
 * // 'no client credentials user enabled'
 */
export const MEMORY_CLIENT_CREDENTIALS_OUTCOMES = {
  client_credentials_disabled: {
    stage: 'client_credentials',
    code: 'client_credentials_disabled',
    message: 'The Salesforce app does not have "Enable Client Credentials Flow" switched on.',
    salesforceError: 'invalid_grant',
    salesforceDescription: 'client credentials flow not enabled',
    status: 400,
  },
  run_as_user_missing: {
    stage: 'client_credentials',
    code: 'run_as_user_missing',
    message: 'The Salesforce app has no Run As user for the client credentials flow.',
    salesforceError: 'invalid_grant',
    salesforceDescription: 'no client credentials user enabled',
    status: 400,
  },
  run_as_user_inactive: {
    stage: 'client_credentials',
    code: 'run_as_user_inactive',
    message: "The Salesforce app's Run As user is inactive.",
    salesforceError: 'inactive_user',
    salesforceDescription: 'user is inactive',
    status: 400,
  },
  run_as_user_no_api: {
    stage: 'client_credentials',
    code: 'run_as_user_no_api',
    message: 'The Salesforce app\'s Run As user lacks the "API Enabled" permission.',
    salesforceError: 'API_DISABLED_FOR_ORG',
    salesforceDescription: 'The REST API is not enabled for this Organization.',
    status: 400,
  },
  generic_login_host: {
    stage: 'client_credentials',
    code: 'generic_login_host',
    message: "Salesforce serves this flow only on the org's My Domain.",
    salesforceError: 'invalid_grant',
    salesforceDescription: 'request not supported on this domain',
    status: 400,
  },
} as const satisfies Record<string, MemoryScenarioOutcome>;

/**
 * A scripted behaviour for the memory adapter: `happy`, or one failure from the tables above.
 *
 * @example
 * const scenario: MemoryScenario = 'redirect_uri_mismatch';
 * createMemoryAdapter({ scenario });
 */
export type MemoryScenario =
  | 'happy'
  | keyof typeof MEMORY_SCENARIO_OUTCOMES
  | keyof typeof MEMORY_CLIENT_CREDENTIALS_OUTCOMES;

/**
 * Every scenario name, `happy` first: handy for a Storybook control.
 *
 * @example
 * export default {
 *   argTypes: { scenario: { control: 'select', options: MEMORY_SCENARIOS } },
 * };
 */
export const MEMORY_SCENARIOS: readonly MemoryScenario[] = [
  'happy',
  ...(Object.keys(MEMORY_SCENARIO_OUTCOMES) as (keyof typeof MEMORY_SCENARIO_OUTCOMES)[]),
];

/**
 * The client credentials flow's scenario names (see {@link MEMORY_CLIENT_CREDENTIALS_OUTCOMES}).
 *
 * @example
 * for (const scenario of MEMORY_CLIENT_CREDENTIALS_SCENARIOS) adapter.setScenario(scenario);
 */
export const MEMORY_CLIENT_CREDENTIALS_SCENARIOS = Object.keys(
  MEMORY_CLIENT_CREDENTIALS_OUTCOMES,
) as readonly (keyof typeof MEMORY_CLIENT_CREDENTIALS_OUTCOMES)[];

/**
 * The scripted failure of a scenario, or undefined for `happy`.
 *
 * @example
 * memoryScenarioOutcome('access_denied')?.stage // 'authorize'
 */
export function memoryScenarioOutcome(scenario: MemoryScenario): MemoryScenarioOutcome | undefined {
  if (scenario === 'happy') return undefined;
  return scenario in MEMORY_CLIENT_CREDENTIALS_OUTCOMES
    ? MEMORY_CLIENT_CREDENTIALS_OUTCOMES[
        scenario as keyof typeof MEMORY_CLIENT_CREDENTIALS_OUTCOMES
      ]
    : MEMORY_SCENARIO_OUTCOMES[scenario as keyof typeof MEMORY_SCENARIO_OUTCOMES];
}
