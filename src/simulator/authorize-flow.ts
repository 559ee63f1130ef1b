import { scopeLabelsFor } from '../core/scopes.js';
import type { AuthorizationAttempt } from './browser-sessions.js';
import { SESSION_COOKIE } from './browser-sessions.js';
import type { SimRequest, SimulatorContext } from './context.js';
import {
  htmlResponse,
  redirectResponse,
  type SimResponse,
  salesforceQuery,
  withQuery,
} from './http-exchange.js';
import { renderConsentPage, renderErrorPage, renderHomePage, renderLoginPage } from './pages.js';

export const AUTHORIZE_PATH = '/services/oauth2/authorize';
export const LOGIN_PATH = '/';
export const CONSENT_PATH = '/setup/secur/RemoteAccessAuthorizationPage.apexp';
export const ERROR_PAGE_PATH = '/setup/secur/RemoteAccessErrorPage.apexp';

/** Errors Salesforce shows on its own page (they never reach the callback). */
const pageErrors = {
  invalid_client_id: ['invalid_client_id', 'client identifier invalid'],
  redirect_uri_mismatch: ['redirect_uri_mismatch', 'redirect_uri must match configuration'],
  app_not_found: ['OAUTH_EC_APP_NOT_FOUND', 'external client app not found in this org'],
  app_not_installed: ['OAUTH_APPROVAL_ERROR_GENERIC', 'app must be installed into org'],
} as const;

const LOGIN_FAILED =
  'Check your username and password. If you still can’t log in, contact your Salesforce administrator.';

/**
 * Salesforce's answer to an authorize request it cannot send back to the app: a 302 to its remote
 * access error page, with `error=…&error_description=…` (spaces as `%20`) in the Location.
 */
function errorPageRedirect(
  context: SimulatorContext,
  kind: keyof typeof pageErrors,
  display: string | null,
): SimResponse {
  const [error, description] = pageErrors[kind];
  const query = salesforceQuery([
    ['display', display ?? 'page'],
    ['error', error],
    ['error_description', description],
  ]);
  return redirectResponse(`${context.baseUrl}${ERROR_PAGE_PATH}?${query}`);
}

/** An OAuth error sent back to the app's callback (the redirect URI is known to be good). */
function callbackError(
  redirectUri: string,
  state: string | undefined,
  error: string,
  description: string,
): SimResponse {
  return redirectResponse(
    withQuery(
      redirectUri,
      salesforceQuery([
        ['error', error],
        ['error_description', description],
        ['state', state],
      ]),
    ),
  );
}

const consentUrl = (attemptId: string) =>
  `${CONSENT_PATH}?${salesforceQuery([['source', attemptId]])}`;

function loginRedirect(context: SimulatorContext, attemptId: string): SimResponse {
  return redirectResponse(
    `${context.baseUrl}${LOGIN_PATH}?${salesforceQuery([['startURL', consentUrl(attemptId)]])}`,
  );
}

/** The authorize request's parameters, from the query (GET) or the form (POST). */
function authorizeParams(request: SimRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  for (const [key, value] of request.form) if (!params.has(key)) params.set(key, value);
  return params;
}

const challengePattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * `GET|POST /services/oauth2/authorize`: checks the client id (known and past its activation
 * delay) and the redirect URI (exactly one of the callback URLs) — failures go to Salesforce's
 * error page — then the response type, scopes and PKCE challenge — failures go back to the
 * callback — and sends the browser to the login page, or straight to consent when it has a session.
 */
export function handleAuthorize(context: SimulatorContext, request: SimRequest): SimResponse {
  const params = authorizeParams(request);
  const display = params.get('display');
  const now = context.now();
  const app = context.directory.getApp(params.get('client_id') ?? '');
  if (!app || !context.directory.isActive(app, now)) {
    return errorPageRedirect(context, 'invalid_client_id', display);
  }
  const fault = context.faults.take('authorize', app.consumerKey);
  if (fault === 'invalid_client_id' || fault === 'redirect_uri_mismatch') {
    return errorPageRedirect(context, fault, display);
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!app.callbackUrls.includes(redirectUri)) {
    return errorPageRedirect(context, 'redirect_uri_mismatch', display);
  }

  const state = params.get('state') ?? undefined;
  const fail = (error: string, description: string) =>
    callbackError(redirectUri, state, error, description);
  if (params.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'response type not supported');
  }
  const requested = (params.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const scopes = requested.length > 0 ? [...new Set(requested)] : [...app.scopes];
  if (scopes.some((scope) => !app.scopes.includes(scope))) {
    return fail('invalid_scope', 'the requested scope is not allowed');
  }
  const codeChallenge = params.get('code_challenge') ?? undefined;
  if (codeChallenge === undefined) {
    if (app.requirePkce) return fail('invalid_request', 'missing required code challenge');
  } else {
    // Salesforce's authorize parameters have no method: `code_challenge` is "the SHA256 hash value
    // of the code_verifier" (REST API Developer Guide, web server flow). So a missing method means
    // S256 (jsforce's `useVerifier`, and with it the Salesforce CLI, sends none), not RFC 7636's
    // `plain`; an explicit `plain` is refused.
    if ((params.get('code_challenge_method') ?? 'S256') !== 'S256') {
      return fail('invalid_request', 'unsupported code challenge method; use S256');
    }
    if (!challengePattern.test(codeChallenge)) {
      return fail('invalid_request', 'invalid code challenge');
    }
  }
  const prompts = (params.get('prompt') ?? '').split(/\s+/).filter(Boolean);
  const { id, attempt } = context.browser.openAttempt({
    consumerKey: app.consumerKey,
    redirectUri,
    scopes,
    state,
    codeChallenge,
    nonce: params.get('nonce') ?? undefined,
    loginHint: params.get('login_hint') ?? undefined,
    forceLogin: prompts.includes('login') || prompts.includes('select_account'),
    forceConsent: prompts.includes('consent'),
    createdAt: now,
  });

  const session = context.browser.session(request.cookies.get(SESSION_COOKIE), now);
  if (prompts.includes('none')) {
    if (!session) return fail('login_required', 'user is not logged in');
    if (!context.ledger.hasApproval(app.consumerKey, session.userId, scopes)) {
      return fail('consent_required', 'user has not approved this app');
    }
    return finishAuthorization(context, id, attempt, session.userId, 'allow', display);
  }
  if (!session || attempt.forceLogin) return loginRedirect(context, id);
  return redirectResponse(`${context.baseUrl}${consentUrl(id)}`);
}

/** The attempt id inside a login page's `startURL`, when it points at the consent page. */
function attemptIdOfStartUrl(startUrl: string | null): string | undefined {
  if (!startUrl?.startsWith(`${CONSENT_PATH}?`)) return undefined;
  return new URLSearchParams(startUrl.slice(CONSENT_PATH.length + 1)).get('source') ?? undefined;
}

/** The app an authorization page belongs to (for faults scoped to one app). */
export function consumerKeyOfPage(
  context: SimulatorContext,
  request: SimRequest,
): string | undefined {
  const id =
    request.path === CONSENT_PATH
      ? (request.form.get('source') ?? request.query.get('source'))
      : attemptIdOfStartUrl(request.form.get('startURL') ?? request.query.get('startURL'));
  return context.browser.attempt(id, context.now())?.consumerKey;
}

/**
 * `GET /` shows the login page; `POST /` checks the username and password, starts a session
 * (cookie `sid`) and continues to the page in `startURL` (only the consent page is accepted, so
 * the login page is no open redirect).
 */
export function handleLogin(context: SimulatorContext, request: SimRequest): SimResponse {
  const now = context.now();
  const orgName = context.directory.org.name;
  if (request.method !== 'POST') {
    const startUrl = request.query.get('startURL');
    const attempt = context.browser.attempt(attemptIdOfStartUrl(startUrl), now);
    const session = context.browser.session(request.cookies.get(SESSION_COOKIE), now);
    if (!startUrl && session) {
      const user = context.directory.userById(session.userId);
      if (user)
        return htmlResponse(200, renderHomePage({ orgName, displayName: user.displayName }));
    }
    return htmlResponse(
      200,
      renderLoginPage({
        orgName,
        startUrl: attempt ? (startUrl ?? undefined) : undefined,
        username: attempt?.loginHint ?? request.query.get('un') ?? '',
        error: undefined,
      }),
    );
  }

  const startUrl = request.form.get('startURL');
  const attemptId = attemptIdOfStartUrl(startUrl);
  const attempt = context.browser.attempt(attemptId, now);
  const username = request.form.get('username') ?? '';
  const user = context.directory.findUser(username);
  if (!user?.active || request.form.get('pw') !== user.password) {
    return htmlResponse(
      200,
      renderLoginPage({
        orgName,
        startUrl: attempt ? (startUrl ?? undefined) : undefined,
        username,
        error: username.trim() ? LOGIN_FAILED : 'Enter your username and password.',
      }),
    );
  }
  const sessionId = context.browser.startSession(user.id, now);
  if (attempt) attempt.loggedIn = true;
  const cookie = `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
  const next = attempt && attemptId ? consentUrl(attemptId) : LOGIN_PATH;
  return redirectResponse(`${context.baseUrl}${next}`, { 'set-cookie': cookie });
}

/**
 * `GET` the consent page: "Allow Access?" with the requested scopes by their Setup labels (skipped
 * when the user already approved these scopes and `prompt=consent` was not asked). `POST` with
 * `decision=allow|deny` ends the attempt.
 */
export function handleConsent(context: SimulatorContext, request: SimRequest): SimResponse {
  const now = context.now();
  const isPost = request.method === 'POST';
  const attemptId = (isPost ? request.form.get('source') : request.query.get('source')) ?? '';
  const attempt = context.browser.attempt(attemptId, now);
  if (!attempt) {
    return htmlResponse(
      400,
      renderErrorPage(
        salesforceQuery([
          ['error', 'invalid_request'],
          ['error_description', 'authorization request expired or already answered'],
        ]),
      ),
    );
  }
  const session = context.browser.session(request.cookies.get(SESSION_COOKIE), now);
  if (!session || (attempt.forceLogin && !attempt.loggedIn))
    return loginRedirect(context, attemptId);
  const user = context.directory.userById(session.userId);
  const app = context.directory.getApp(attempt.consumerKey);
  if (!user || !app) return loginRedirect(context, attemptId);

  if (isPost) {
    if (attempt.consentUserId !== user.id) return loginRedirect(context, attemptId);
    const decision = request.form.get('decision') === 'allow' ? 'allow' : 'deny';
    return finishAuthorization(context, attemptId, attempt, user.id, decision, null);
  }
  if (
    !attempt.forceConsent &&
    context.ledger.hasApproval(app.consumerKey, user.id, attempt.scopes)
  ) {
    return finishAuthorization(context, attemptId, attempt, user.id, 'allow', null);
  }
  attempt.consentUserId = user.id;
  const { labels, unknown } = scopeLabelsFor(attempt.scopes);
  return htmlResponse(
    200,
    renderConsentPage({
      appName: app.name,
      username: user.username,
      scopeLabels: [...labels, ...unknown],
      source: attemptId,
    }),
  );
}

/**
 * Ends an attempt: back to the callback with a code (Allow) or `access_denied` (Deny), unless a
 * fault says otherwise. The attempt cannot be answered twice.
 */
function finishAuthorization(
  context: SimulatorContext,
  attemptId: string,
  attempt: AuthorizationAttempt,
  userId: string,
  decision: 'allow' | 'deny',
  display: string | null,
): SimResponse {
  context.browser.closeAttempt(attemptId);
  const denied = () =>
    callbackError(
      attempt.redirectUri,
      attempt.state,
      'access_denied',
      'end-user denied authorization',
    );
  if (decision === 'deny') return denied();
  const fault = context.faults.take('approve', attempt.consumerKey);
  if (fault === 'access_denied') return denied();
  if (fault === 'app_not_found' || fault === 'app_not_installed') {
    return errorPageRedirect(context, fault, display);
  }
  const code = context.ledger.issueCode({
    consumerKey: attempt.consumerKey,
    userId,
    scopes: [...attempt.scopes],
    redirectUri: attempt.redirectUri,
    codeChallenge: attempt.codeChallenge,
    nonce: attempt.nonce,
    issuedAt: context.now(),
  });
  return redirectResponse(
    withQuery(
      attempt.redirectUri,
      salesforceQuery([
        ['code', code],
        ['state', attempt.state],
      ]),
    ),
  );
}

/**
 * `GET /setup/secur/RemoteAccessErrorPage.apexp?error=…&error_description=…`: Salesforce's error
 * page, showing the error as Salesforce writes it (`error=…&error_description=…`, `%20` for spaces).
 */
export function handleErrorPage(request: SimRequest): SimResponse {
  const text = salesforceQuery([
    ['error', request.query.get('error') ?? 'unknown_error'],
    ['error_description', request.query.get('error_description') ?? undefined],
  ]);
  return htmlResponse(200, renderErrorPage(text));
}
