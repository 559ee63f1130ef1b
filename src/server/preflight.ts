import { ConnectError, type ConnectErrorCode, throwIfAborted } from '../core/errors.js';
import { buildAuthorizeUrl, createPkcePair, createState, SALESFORCE_PATHS } from '../core/oauth.js';
import { parseSalesforceErrorText } from '../core/salesforce-errors.js';
import type { ConnectionFlow } from '../core/types.js';
import { deadline } from './salesforce.js';

/**
 * What a preflight learned. There is deliberately no "fine": Salesforce's authorize endpoint
 * reports a wrong key or callback URL before the login page, but a clean answer proves nothing
 * else (consent, policies, the secret), so the best a clean answer earns is `not_verified`.
 *
 * @example
 * const result: PreflightResult = await preflightCredentials(input);
 * if (result.outcome === 'problem') connection.error = result.error.toJSON();
 */
export type PreflightResult =
  | { outcome: 'problem'; error: ConnectError }
  | {
      outcome: 'not_verified';
      /**
       * `no_error_seen`: Salesforce answered without an error (the usual case for good values);
       * `unreachable`: no answer (network, DNS, timeout); `unexpected_answer`: an answer the
       * preflight cannot read (a server error, an unknown page); `not_applicable`: a
       * `client-credentials` app, which has no callback URL or sign-in page to check.
       */
      reason: 'no_error_seen' | 'unreachable' | 'unexpected_answer' | 'not_applicable';
    };

/**
 * Inputs of {@link preflightCredentials}.
 *
 * @example
 * const input: PreflightInput = {
 *   loginUrl: 'https://acme.my.salesforce.com',
 *   consumerKey,
 *   redirectUri: 'https://app.example.com/api/salesforce/oauth/callback',
 *   scopes: ['api', 'refresh_token'],
 * };
 */
export interface PreflightInput {
  loginUrl: string;
  consumerKey: string;
  redirectUri: string;
  scopes: readonly string[];
  fetch?: typeof fetch;
  /** Give up after this long and report `not_verified`; default 5000 ms. */
  timeoutMs?: number;
  /**
   * The connection's flow. A `client-credentials` app is never asked through the authorize
   * endpoint (it has no callback URL to match): `not_verified` / `not_applicable` at once.
   */
  flow?: ConnectionFlow | undefined;
  signal?: AbortSignal | undefined;
}

// Errors Salesforce's authorize endpoint shows before anyone signs in: these are about the app
// itself. Anything else found in a page (scripts on a login page mention "error" too) is ignored.
const PREFLIGHT_CODES: ReadonlySet<ConnectErrorCode> = new Set([
  'invalid_client_id',
  'redirect_uri_mismatch',
  'app_not_found',
  'app_not_installed',
  'scope_not_allowed',
]);

// A login server has an authorize endpoint; these answers say there is none at that path.
const NO_ENDPOINT_STATUSES = new Set([404, 405, 410, 501]);

const MAX_BODY_CHARS = 64 * 1024;

const messages: Partial<Record<ConnectErrorCode, string>> = {
  invalid_client_id:
    'Salesforce does not know this Consumer Key at this login URL. Check the key, check that the login URL is the org where the app lives (sandbox or production), or wait up to 10 minutes if the app was just created.',
  redirect_uri_mismatch:
    "The app's Callback URL in Salesforce does not match this server's callback URL exactly. Copy the callback URL from the setup guide into the app.",
  app_not_found:
    'Salesforce cannot find this app in the org at this login URL. A sandbox needs its own app.',
  app_not_installed:
    'The app is blocked or not installed in this org. Install or approve it, and check its Permitted Users policy.',
  scope_not_allowed:
    "The app in Salesforce does not offer every OAuth scope this server asks for. In the app's OAuth settings, select the scopes the setup guide lists.",
};

function found(text: string | null | undefined): ConnectError | undefined {
  if (!text) return undefined;
  const parsed = parseSalesforceErrorText(text);
  if (!parsed || !PREFLIGHT_CODES.has(parsed.code)) return undefined;
  const detail = [parsed.salesforceError, parsed.description].filter(Boolean).join(': ');
  return new ConnectError(
    parsed.code,
    `${messages[parsed.code] ?? 'Salesforce refused this app.'}${detail ? ` (${detail})` : ''}`,
    {
      ...(parsed.salesforceError ? { salesforceError: parsed.salesforceError } : {}),
      ...(parsed.description ? { salesforceDescription: parsed.description } : {}),
    },
  );
}

async function readSome(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.slice(0, MAX_BODY_CHARS);
  } catch {
    return '';
  }
}

/**
 * Checks saved credentials with Salesforce before the admin ever opens a popup: a server-side GET
 * of the real authorize URL (PKCE challenge, scopes, exact callback URL), redirects not followed.
 * Salesforce answers a wrong Consumer Key or Callback URL with an error in the redirect's
 * `Location` or in the page, which this reads (`invalid_client_id`, `redirect_uri_mismatch`); a
 * host with no authorize endpoint (404) is not a Salesforce login server (`invalid_login_url`).
 * Time-bounded; a network failure or timeout is `not_verified`, never a blocker. Never throws
 * (except `aborted` when `signal` fires).
 *
 * @example
 * const result = await preflightCredentials({
 *   loginUrl: 'https://acme.my.salesforce.com',
 *   consumerKey,
 *   redirectUri: 'https://app.example.com/api/salesforce/oauth/callback',
 *   scopes: ['api', 'refresh_token'],
 * });
 * // { outcome: 'problem', error: ConnectError('redirect_uri_mismatch') } or
 * // { outcome: 'not_verified', reason: 'no_error_seen' }
 */
export async function preflightCredentials(input: PreflightInput): Promise<PreflightResult> {
  if (input.flow === 'client-credentials')
    return { outcome: 'not_verified', reason: 'not_applicable' };
  const fetchImpl: typeof fetch = input.fetch ?? ((url, init) => globalThis.fetch(url, init));
  let authorizeUrl: string;
  try {
    authorizeUrl = buildAuthorizeUrl({
      loginUrl: input.loginUrl,
      clientId: input.consumerKey,
      redirectUri: input.redirectUri,
      scopes: input.scopes,
      state: createState(),
      codeChallenge: (await createPkcePair()).challenge,
    });
  } catch {
    return { outcome: 'not_verified', reason: 'unexpected_answer' };
  }

  const limit = deadline(input.signal, input.timeoutMs ?? 5000);
  try {
    let response: Response;
    try {
      response = await fetchImpl(authorizeUrl, {
        method: 'GET',
        redirect: 'manual',
        headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' },
        signal: limit.signal,
      });
    } catch {
      throwIfAborted(input.signal);
      return { outcome: 'not_verified', reason: 'unreachable' };
    }

    // The error may sit in the redirect's Location or in the page itself: read both.
    const location = response.headers.get('location');
    const body = await readSome(response);
    const error = found(location) ?? found(body);
    if (error) return { outcome: 'problem', error };

    if (NO_ENDPOINT_STATUSES.has(response.status)) {
      const host = new URL(input.loginUrl).host;
      return {
        outcome: 'problem',
        error: new ConnectError(
          'invalid_login_url',
          `${host} is not a Salesforce login server: it has no OAuth endpoint at ${SALESFORCE_PATHS.authorize} (HTTP ${response.status}). Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.`,
          { status: response.status },
        ),
      };
    }
    if (response.status >= 200 && response.status < 400) {
      return { outcome: 'not_verified', reason: 'no_error_seen' };
    }
    return { outcome: 'not_verified', reason: 'unexpected_answer' };
  } finally {
    limit.done();
  }
}
