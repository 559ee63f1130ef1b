import { ConnectError, type ConnectErrorCode } from './errors.js';

/**
 * An OAuth error as Salesforce sends it: the token endpoint's JSON body or a callback's query.
 *
 * @example
 * const body: SalesforceErrorBody = { error: 'invalid_grant', error_description: 'ip restricted' };
 */
export interface SalesforceErrorBody {
  error?: string | null | undefined;
  error_description?: string | null | undefined;
}

/**
 * An error as Salesforce's REST API sends it, e.g. for an access token it no longer accepts:
 * `[{ "message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID" }]`.
 *
 * @example
 * fromSalesforceError(await response.json(), { status: 401 }); // code 'invalid_grant'
 */
export interface SalesforceApiError {
  errorCode?: string | null | undefined;
  message?: string | null | undefined;
}

/**
 * Facts about the response that carried a Salesforce error.
 *
 * @example
 * fromSalesforceError(body, { status: response.status, cause: error });
 */
export interface FromSalesforceErrorOptions {
  /** HTTP status of the response: 5xx means Salesforce itself failed, 429 that it throttled. */
  status?: number | undefined;
  /** The underlying error, kept for debugging. */
  cause?: unknown;
}

/**
 * What {@link parseSalesforceErrorText} recognised in a pasted text.
 *
 * @example
 * const found: ParsedSalesforceError | null = parseSalesforceErrorText(pasted);
 * if (found) show(explainError(found.code));
 */
export interface ParsedSalesforceError {
  code: ConnectErrorCode;
  /** Salesforce's `error` value as written in the text, when the text names one. */
  salesforceError?: string;
  /** Salesforce's description (or the page's message), decoded. */
  description?: string;
}

// Salesforce `error` values (lower case) that mean one thing whatever the description says. A Map,
// not an object literal, so that values like `constructor` never hit Object.prototype.
const codeByError = new Map<string, ConnectErrorCode>([
  ['invalid_client_id', 'invalid_client_id'],
  ['redirect_uri_mismatch', 'redirect_uri_mismatch'],
  ['access_denied', 'access_denied'],
  // Since September 2025 this mostly means the org blocks an app that is not installed (help
  // article 005385096).
  ['oauth_approval_error_generic', 'app_not_installed'],
  ['oauth_ec_app_not_found', 'app_not_found'],
  // Both come bare on Salesforce's page, without a description: the user may not use the app
  // (its policies), or the org's API access control blocks the app.
  ['oauth_app_access_denied', 'app_not_approved'],
  ['oauth_authorization_blocked', 'app_not_installed'],
  // The REST API's answer to an access token it no longer accepts; refreshing failed too when an
  // admin sees it, so the connection needs a new authorization.
  ['invalid_session_id', 'invalid_grant'],
  ['app_not_found', 'app_not_found'],
  ['invalid_app_access', 'app_not_approved'],
  ['unsupported_grant_type', 'flow_not_enabled'],
  ['invalid_scope', 'scope_not_allowed'],
  ['rate_limit_exceeded', 'rate_limited'],
  ['inactive_user', 'inactive_user'],
  ['inactive_org', 'inactive_org'],
]);

// Salesforce's descriptions (lower case), each naming one cause. They also identify an error when
// the admin pastes only the page's sentence, without the code.
const codeByDescription: ReadonlyArray<readonly [string, ConnectErrorCode]> = [
  ['client identifier invalid', 'invalid_client_id'],
  ['redirect_uri must match configuration', 'redirect_uri_mismatch'],
  ['end-user denied authorization', 'access_denied'],
  ['app must be installed into org', 'app_not_installed'],
  ['external client app is not installed in this org', 'app_not_found'],
  ['invalid client credentials', 'invalid_client'],
  ['user is not admin approved', 'app_not_approved'],
  // Longest first: a pasted page's sentence is quoted whole.
  ['ip restricted or invalid login hours', 'ip_restricted'],
  ['ip restricted', 'ip_restricted'],
  ['invalid login hours', 'ip_restricted'],
  ['expired access/refresh token', 'invalid_grant'],
  ['expired authorization code', 'invalid_grant'],
  ['authentication failure', 'invalid_grant'],
  ['session expired or invalid', 'invalid_grant'],
  // The client credentials flow. "request not supported on this domain" and "no client
  // credentials user enabled" come as invalid_grant (pozil/pub-sub-api-node-client#58; Sumo Logic's
  // Salesforce source troubleshooting). "client credentials flow not enabled" is reported without
  // a reliable error code (Axonius' Salesforce adapter troubleshooting), so the description alone
  // decides, whatever code comes with it. docs/sources.md lists the sources.
  ['request not supported on this domain', 'generic_login_host'],
  ['no client credentials user enabled', 'run_as_user_missing'],
  ['client credentials flow not enabled', 'client_credentials_disabled'],
];

/** Codes whose description names the cause whatever `error` Salesforce put beside it. */
export const decisiveDescriptions: ReadonlySet<ConnectErrorCode> = new Set<ConnectErrorCode>([
  'generic_login_host',
  'run_as_user_missing',
  'client_credentials_disabled',
]);

const pkcePattern = /pkce|code[ _]?(?:challenge|verifier)/;

// The message is for logs and developers (the admin reads `explainError`), so it stays short and
// does not pull the catalogue into every bundle that maps errors. invalid_grant covers several
// causes: its message names the one Salesforce described.
const invalidGrantMessages: ReadonlyArray<readonly [string, string]> = [
  ['expired access/refresh token', 'The refresh token expired or was revoked; reconnect.'],
  [
    'expired authorization code',
    'The authorization code expired or was already used; connect again.',
  ],
  [
    'authentication failure',
    'Salesforce could not authenticate the saved authorization; reconnect.',
  ],
  ['session expired or invalid', 'Salesforce no longer accepts the session; reconnect.'],
];

/** Trimmed, lower-case, single-spaced: how Salesforce's error texts are compared. */
export const normalize = (value: string | null | undefined) =>
  (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

// A phrase as a whole-word, whitespace-tolerant pattern ("ip restricted" is not "ship restricted").
const phrasePattern = (phrase: string) => `\\b${phrase.replace(/ /g, '\\s+')}\\b`;
const descriptionPatterns = codeByDescription.map(
  ([phrase, code]) => [new RegExp(phrasePattern(phrase), 'i'), code] as const,
);

const describedCode = (description: string) =>
  descriptionPatterns.find(([pattern]) => pattern.test(description))?.[1];

/** The kit's code for a Salesforce error; both arguments already normalized. */
function classify(error: string, description: string, status: number | undefined) {
  let code: ConnectErrorCode | undefined;
  const described = describedCode(description);
  if (described && decisiveDescriptions.has(described)) return described;
  if (error === 'invalid_grant') {
    // Salesforce answers verifier failures ("invalid code verifier", "unexpected code verifier")
    // with invalid_grant, not the invalid_request its guide names: they stay PKCE problems.
    code =
      describedCode(description) === 'ip_restricted'
        ? 'ip_restricted'
        : pkcePattern.test(description)
          ? 'pkce_required'
          : 'invalid_grant';
  } else if (error === 'invalid_client') {
    const described = describedCode(description);
    code =
      described === 'app_not_installed' || described === 'app_not_found'
        ? described
        : 'invalid_client';
  } else if (error === 'invalid_request') {
    if (pkcePattern.test(description)) code = 'pkce_required';
  } else {
    code = codeByError.get(error);
  }
  // An unfamiliar code (or none) with a familiar description: the description knows the cause.
  if (!code && error !== 'invalid_request') {
    code =
      describedCode(description) ?? (pkcePattern.test(description) ? 'pkce_required' : undefined);
  }
  if (!code && status !== undefined) {
    if (status >= 500) code = 'salesforce_unavailable';
    else if (status === 429) code = 'rate_limited';
  }
  return code ?? 'unknown';
}

/**
 * Maps an OAuth error from Salesforce (token endpoint body, callback query, what the admin
 * pasted, or a REST API error list such as `INVALID_SESSION_ID`) to a {@link ConnectError} with one of the kit's stable codes. Salesforce's own `error` and
 * `error_description` stay on the error (`salesforceError`, `salesforceDescription`) for support.
 * Matching is case-insensitive; a missing description is fine; an error the kit does not know
 * becomes `unknown` (or `salesforce_unavailable` for an HTTP 5xx response).
 *
 * @example
 * const response = await fetch(tokenUrl, { method: 'POST', body });
 * if (!response.ok) {
 *   throw fromSalesforceError(await response.json(), { status: response.status });
 * }
 * // { error: 'invalid_grant', error_description: 'ip restricted' } → code 'ip_restricted'
 */
export function fromSalesforceError(
  body: SalesforceErrorBody | SalesforceApiError | readonly SalesforceApiError[] | null | undefined,
  options: FromSalesforceErrorOptions = {},
): ConnectError {
  const { error, error_description } = oauthFields(body);
  const rawError = typeof error === 'string' ? error.trim() : '';
  const rawDescription = typeof error_description === 'string' ? error_description.trim() : '';
  const description = normalize(rawDescription);
  const code = classify(normalize(rawError), description, options.status);

  let message =
    (code === 'invalid_grant' &&
      invalidGrantMessages.find(([phrase]) => description.includes(phrase))?.[1]) ||
    'Salesforce refused the request';
  const detail = [rawError, rawDescription].filter(Boolean).join(': ');
  if (detail) message += ` (${detail})`;
  else if (options.status !== undefined) message += ` (HTTP ${options.status})`;

  return new ConnectError(code, message, {
    ...(rawError ? { salesforceError: rawError } : {}),
    ...(rawDescription ? { salesforceDescription: rawDescription } : {}),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/**
 * The OAuth `error` and `error_description` of a body. Tolerates whatever `response.json()`
 * produced: null, a string, an object without the fields, or the REST API's list of
 * `{ errorCode, message }` (its first entry speaks for the answer).
 */
function oauthFields(body: unknown): { error?: unknown; error_description?: unknown } {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null) return {};
  const record = first as Record<string, unknown>;
  if ('error' in record || 'error_description' in record) return record;
  return { error: record.errorCode, error_description: record.message };
}

/** One round of URL decoding: `+` to space, then every run of valid `%XX` escapes. */
function decodeOnce(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 as a whole (a stray `%C3` in prose): decode the plain ASCII escapes only.
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
  });
}

// Pasted text may be encoded once, twice or not at all; decoding to a fixed point makes a text and
// its encoded form read the same. The bound stops pathological nesting.
function decodeFully(text: string): string {
  let current = text;
  for (let round = 0; round < 12; round++) {
    const next = decodeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

// `error=x`, `"error": "x"`, `error: x` (the last only for codes the kit knows: prose says "error:").
const errorKeyPattern = /(?:^|[^\w])(["']?)error["']?\s*([=:])\s*["']?([a-z][\w.-]*)/gi;
const descriptionKeyPattern = /(?:^|[^\w])["']?error_description["']?\s*[=:]\s*["']?([^&"\r\n]*)/i;
const knownCodes = [...codeByError.keys(), 'invalid_client', 'invalid_grant', 'invalid_request'];
// Codes on their own, e.g. "OAUTH_EC_APP_NOT_FOUND" or "OAUTH_APPROVAL_ERROR_GENERIC : message".
const bareCodePattern = new RegExp(
  `(?:^|[^\\w])(${knownCodes.join('|')})(?!\\w)(?:[ \\t]*:[ \\t]*([^\\r\\n]+))?`,
  'i',
);

// Any of Salesforce's descriptions inside prose, however the words are spaced or cased.
const knownDescriptionPattern = new RegExp(
  codeByDescription.map(([phrase]) => phrasePattern(phrase)).join('|'),
  'i',
);

function findErrorKey(text: string): string | undefined {
  for (const match of text.matchAll(errorKeyPattern)) {
    const [, quote, separator, value = ''] = match;
    const known = knownCodes.includes(value.toLowerCase());
    if (separator === '=' || quote || known) return value;
  }
  return undefined;
}

/**
 * Reads a Salesforce error out of whatever the admin copied from Salesforce's own error page (which
 * the kit cannot read itself: it is cross-origin): the whole address bar, just its query, the
 * page's text, a token endpoint's JSON body, percent- or plus-encoded, with anything around it.
 * Returns null when the text holds nothing the kit recognises as a Salesforce error. Never throws.
 *
 * @example
 * parseSalesforceErrorText(
 *   'https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp' +
 *     '?error=invalid_client_id&error_description=client%20identifier%20invalid',
 * );
 * // { code: 'invalid_client_id', salesforceError: 'invalid_client_id',
 * //   description: 'client identifier invalid' }
 * parseSalesforceErrorText('redirect_uri must match configuration');
 * // { code: 'redirect_uri_mismatch', description: 'redirect_uri must match configuration' }
 * parseSalesforceErrorText('hello') // null
 */
export function parseSalesforceErrorText(text: string): ParsedSalesforceError | null {
  if (typeof text !== 'string' || !text) return null;
  const decoded = decodeFully(text);

  let error = findErrorKey(decoded);
  let description = descriptionKeyPattern.exec(decoded)?.[1]?.replace(/\\\//g, '/').trim();

  if (error === undefined) {
    const bare = bareCodePattern.exec(decoded);
    if (bare) {
      error = bare[1];
      description ||= bare[2]?.trim();
    }
  }
  if (error === undefined && !description) {
    // Only the page's sentence: find one of Salesforce's known descriptions in it.
    description = knownDescriptionPattern.exec(decoded)?.[0];
    if (!description) return null;
  }

  return {
    code: classify(normalize(error), normalize(description), undefined),
    ...(error ? { salesforceError: error } : {}),
    ...(description ? { description } : {}),
  };
}
