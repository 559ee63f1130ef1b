import { type ConnectErrorCode, isConnectErrorCode } from './errors.js';
import type { GuideStepId } from './guide-step-ids.js';

/**
 * Values an explanation can name; each is a `{name}` placeholder in the catalogue's text.
 *
 * @example
 * const name: ExplanationValueName = 'callbackUrl'; // written `{callbackUrl}` in the text
 */
export type ExplanationValueName = 'callbackUrl' | 'loginUrl' | 'appName' | 'connectionName';

/**
 * The values to fill in; a missing one is replaced by the catalogue's stand-in wording.
 *
 * @example
 * const values: ExplanationValues = { callbackUrl: setupInfo.callbackUrls[0], appName: 'Acme Sync' };
 */
export type ExplanationValues = { [name in ExplanationValueName]?: string | undefined };

/**
 * Who must act to fix an error: the person connecting (in this product: connect again, correct a
 * value) or the Salesforce admin (in Setup). Language-independent, so it is decided here for
 * every catalogue.
 *
 * @example
 * if (explainError(code).actor === 'salesforce-admin') offerAdminHandOff();
 */
export type ErrorActor = 'person-connecting' | 'salesforce-admin';

/**
 * One error's text, written for the Salesforce admin. May hold `{callbackUrl}`-style placeholders.
 *
 * @example
 * const entry: ErrorCatalogueEntry = {
 *   title: 'Too many sign-in attempts',
 *   cause: 'Salesforce is limiting sign-ins for now.',
 *   fixes: ['Wait a few minutes, then try again.'],
 * };
 */
export interface ErrorCatalogueEntry {
  /** Short headline: what went wrong. */
  title: string;
  /** Why it happens, in one or two sentences. */
  cause: string;
  /** What to do, most likely fix first. */
  fixes: readonly string[];
}

/**
 * A language's text for every error code. Write your own, or change a few entries of ours.
 *
 * @example
 * const catalogue: ErrorCatalogue = {
 *   ...errorCatalogueEn,
 *   errors: {
 *     ...errorCatalogueEn.errors,
 *     adapter_error: { ...errorCatalogueEn.errors.adapter_error, fixes: ['Write to help@acme.com.'] },
 *   },
 * };
 */
export interface ErrorCatalogue {
  /** BCP 47 language tag, e.g. `en`. */
  locale: string;
  errors: Record<ConnectErrorCode, ErrorCatalogueEntry>;
  /**
   * Words that stand in for a value the caller did not give, so every sentence still reads
   * ("set the Callback URL to exactly the callback URL shown in the setup guide").
   */
  missingValues: Record<ExplanationValueName, string>;
  /**
   * The sentence that says who must act, per {@link ErrorActor}. Optional so that catalogues
   * written before it existed still work: English fills in.
   */
  actors?: Record<ErrorActor, string>;
}

/**
 * An error explained for the admin, placeholders filled in.
 *
 * @example
 * const help: ErrorExplanation = explainError('popup_blocked');
 * if (help.retryable) showTryAgainButton();
 */
export interface ErrorExplanation {
  code: ConnectErrorCode;
  title: string;
  cause: string;
  fixes: string[];
  /** The setup guide step where the fix is made, for a "Show me" link. */
  guideStepId?: GuideStepId;
  /** Whether simply trying again can help (offer a "Try again" button). */
  retryable: boolean;
  /** Who must act on the fixes. */
  actor: ErrorActor;
  /** The catalogue's sentence saying who must act, e.g. "Your Salesforce admin fixes this in Setup." */
  whoActs: string;
}

/**
 * Options for {@link explainError}.
 *
 * @example
 * explainError(code, { catalogue: errorCatalogueDe, values: { loginUrl: connection.loginUrl } });
 */
export interface ExplainErrorOptions {
  /** The language to explain in; English when omitted. */
  catalogue?: ErrorCatalogue | undefined;
  /** Values that make the fix concrete, e.g. the exact callback URL to paste. */
  values?: ExplanationValues | undefined;
}

// Where each fix is made in the setup guide. Language-independent, so it lives here, not in the
// catalogues.
const guideSteps: Partial<Record<ConnectErrorCode, GuideStepId>> = {
  invalid_client_id: 'consumer-credentials',
  redirect_uri_mismatch: 'callback-url',
  invalid_client: 'consumer-credentials',
  app_not_approved: 'oauth-policies',
  app_not_installed: 'oauth-policies',
  ip_restricted: 'oauth-policies',
  pkce_required: 'flow-security',
  flow_not_enabled: 'flow-security',
  scope_not_allowed: 'oauth-scopes',
  app_not_found: 'create-app',
  // The refresh token policy decides how long an authorization lasts.
  invalid_grant: 'oauth-policies',
  invalid_login_url: 'enter-credentials',
  not_configured: 'enter-credentials',
  // The client credentials flow: its switch sits with the other flows, its Run As user in the
  // app's policies; the login host is what the admin typed.
  client_credentials_disabled: 'flow-security',
  run_as_user_missing: 'oauth-policies',
  run_as_user_inactive: 'oauth-policies',
  run_as_user_no_api: 'oauth-policies',
  generic_login_host: 'enter-credentials',
};

// Errors only a Salesforce admin can fix, in Setup; every other one the person connecting fixes
// in this product (connect again, correct a value). app_not_found is the person connecting's:
// its likeliest cause is a Login URL that leads to another org.
const adminCodes: ReadonlySet<ConnectErrorCode> = new Set<ConnectErrorCode>([
  'redirect_uri_mismatch',
  'app_not_approved',
  'app_not_installed',
  'flow_not_enabled',
  'scope_not_allowed',
  'ip_restricted',
  'inactive_user',
  'inactive_org',
  'client_credentials_disabled',
  'run_as_user_missing',
  'run_as_user_inactive',
  'run_as_user_no_api',
]);

/**
 * Who must act to fix an error; see {@link ErrorActor}.
 *
 * @example
 * errorActor('redirect_uri_mismatch') // 'salesforce-admin'
 * errorActor('popup_blocked') // 'person-connecting'
 */
export function errorActor(code: ConnectErrorCode): ErrorActor {
  return adminCodes.has(code) ? 'salesforce-admin' : 'person-connecting';
}

// Codes where connecting again, unchanged, can succeed. invalid_client_id is one: a new or changed
// app takes up to 10 minutes to work. invalid_grant is one: reconnecting is its fix.
const retryableCodes: ReadonlySet<ConnectErrorCode> = new Set<ConnectErrorCode>([
  'popup_blocked',
  'popup_closed',
  'timeout',
  'aborted',
  'state_mismatch',
  'network',
  'adapter_error',
  'access_denied',
  'invalid_client_id',
  'invalid_grant',
  'pkce_required',
  'rate_limited',
  'salesforce_unavailable',
  'unknown',
]);

const tryAgainOrPaste =
  'If Salesforce showed an error page, copy its address or text and paste it here to have it explained.';

/**
 * The English catalogue, used when no other is given.
 *
 * @example
 * errorCatalogueEn.errors.rate_limited.title; // 'Too many sign-in attempts'
 */
export const errorCatalogueEn: ErrorCatalogue = {
  locale: 'en',
  missingValues: {
    callbackUrl: 'the callback URL shown in the setup guide',
    loginUrl: 'the Login URL you saved',
    appName: 'your app',
    connectionName: 'another of your connections',
  },
  actors: {
    'person-connecting': 'You can fix this yourself, here.',
    'salesforce-admin':
      'Your Salesforce admin fixes this in Setup: send them these instructions if that is not you.',
  },
  errors: {
    popup_blocked: {
      title: 'The browser blocked the Salesforce window',
      cause: 'Your browser stopped the Salesforce sign-in window from opening.',
      fixes: [
        'Click "Open Salesforce" to open it yourself.',
        'Or allow pop-ups for this site in your browser, then connect again.',
      ],
    },
    popup_closed: {
      title: 'The Salesforce window was closed',
      cause: 'The sign-in window closed before Salesforce finished.',
      fixes: ['Connect again and finish signing in to Salesforce in the window.', tryAgainOrPaste],
    },
    timeout: {
      title: 'Salesforce took too long',
      cause: 'No answer came back from the sign-in window in time.',
      fixes: ['Connect again.', tryAgainOrPaste],
    },
    aborted: {
      title: 'Connection cancelled',
      cause: 'The connection attempt was stopped before it finished.',
      fixes: ['Connect again when you are ready.'],
    },
    state_mismatch: {
      title: 'The answer from Salesforce was ignored',
      cause:
        'It did not belong to this connection attempt (perhaps an older one, or another tab), so it was not trusted.',
      fixes: ['Close other Salesforce sign-in windows and connect again from this page.'],
    },
    network: {
      title: 'The server could not be reached',
      cause: 'The request failed before any answer came back.',
      fixes: ['Check your internet connection and try again.'],
    },
    adapter_error: {
      title: 'The server reported a problem',
      cause: 'The server that keeps this connection answered with an error.',
      fixes: ['Try again in a moment.', 'If it keeps happening, contact support.'],
    },
    invalid_login_url: {
      title: 'This is not a Salesforce login URL',
      cause:
        'The Login URL must be a Salesforce address: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or your My Domain (https://yourcompany.my.salesforce.com).',
      fixes: [
        'Copy the address from your browser while signed in to Salesforce, or use one of the addresses above.',
      ],
    },
    invalid_input: {
      title: 'A value is missing or invalid',
      cause: 'A required value is empty or has the wrong format.',
      fixes: ['Check the marked fields and correct them.'],
    },
    not_configured: {
      title: 'Salesforce is not set up yet',
      cause: 'No Consumer Key and Secret are saved for this connection.',
      fixes: [
        'Follow the setup guide, then enter the Login URL, Consumer Key and Consumer Secret.',
      ],
    },
    unauthorized: {
      title: 'You may not change this connection',
      cause:
        'Your session here has ended, or your account lacks permission to manage the Salesforce connection.',
      fixes: ['Sign in again, or ask an administrator of this product to connect Salesforce.'],
    },
    access_denied: {
      title: 'Access was not allowed',
      cause: 'Someone clicked Deny on the Salesforce page that asks to allow access.',
      fixes: ['Connect again and click Allow.'],
    },
    invalid_client_id: {
      title: 'Salesforce does not recognise the Consumer Key',
      cause:
        'Salesforce says "client identifier invalid": no app with this Consumer Key exists in the org behind {loginUrl}.',
      fixes: [
        'Created or changed the app just now? Wait up to 10 minutes for Salesforce to activate it, then connect again.',
        'Copy the whole Consumer Key again (it is long and usually starts with 3MVG) and save it.',
        "Check the Login URL: an app made in a sandbox needs https://test.salesforce.com or the sandbox's My Domain; one made in production needs https://login.salesforce.com or your My Domain.",
      ],
    },
    redirect_uri_mismatch: {
      title: 'The callback URL does not match',
      cause:
        'Salesforce says "redirect_uri must match configuration": the Callback URL saved in the app differs from the one this connection uses.',
      fixes: [
        'In Setup, open {appName} and set its Callback URL to exactly {callbackUrl}, starting with https, with no trailing slash or spaces.',
        'Save, wait up to 10 minutes, then connect again.',
      ],
    },
    invalid_client: {
      title: 'The Consumer Secret is wrong',
      cause:
        'Salesforce rejected the Consumer Secret ("invalid client credentials"). It may be mistyped, out of date, or swapped with the Consumer Key.',
      fixes: [
        'Get both values again: in Setup open {appName}, click "Consumer Key and Secret" on the Settings tab (External Client App) or "Manage Consumer Details" (Connected App), verify your identity with one of your registered methods, then copy them.',
        'Paste the key (usually starting with 3MVG) as Consumer Key and the secret (19 digits or 64 letters and digits) as Consumer Secret.',
        'If the values were regenerated, only the newest pair works.',
      ],
    },
    invalid_grant: {
      title: 'The Salesforce authorization is no longer valid',
      cause:
        'Salesforce no longer accepts it: it expired, was revoked, went unused too long, or the sign-in took too long. Salesforce allows five approvals per user for each app; after a fifth approval, the oldest is revoked.',
      fixes: [
        'Connect again.',
        'If it keeps expiring, set the Refresh Token Policy in the OAuth policies of {appName} to "Refresh token is valid until revoked".',
        'Setup does not offer that option when the app limits idle refresh tokens to 30 days. Then the connection ends whenever it goes 30 days without use, and someone connects again.',
      ],
    },
    app_not_approved: {
      title: 'You are not approved to use this app',
      cause:
        'Permitted Users for {appName} is "Admin approved users are pre-authorized", and your profile or permission set is not selected (Salesforce may say only OAUTH_APP_ACCESS_DENIED).',
      fixes: [
        "In the app's policies, add your user's profile or a permission set you have, save, and connect again.",
        'Or set Permitted Users to "All users may self-authorize".',
      ],
    },
    app_not_installed: {
      title: 'The app is blocked in this org',
      cause:
        'Salesforce will not let this user use {appName}. Since September 2025 orgs block apps that are not installed for most users, and API access control can block an app too.',
      fixes: [
        'Install the app: in Setup, open "Connected Apps OAuth Usage", find {appName} and click "Install".',
        'Or give the users who connect the permission "Approve Uninstalled Connected Apps" (or "Use Any API Client").',
        'Then, in its OAuth policies, set Permitted Users to "Admin approved users are pre-authorized" and select the profiles or permission sets of the users who connect.',
      ],
    },
    app_not_found: {
      title: 'The app does not exist in this org',
      cause:
        'Most likely, the Login URL points at another org than the one holding the app: Salesforce finds no app with this Consumer Key behind {loginUrl} ("External client app is not installed in this org"). A sandbox lacks it too: Salesforce does not copy local External Client Apps into a sandbox when it is created or refreshed.',
      fixes: [
        'Check that {loginUrl} leads to the org where the app was created: a sandbox needs https://test.salesforce.com or its own My Domain, production https://login.salesforce.com or yours.',
        'To connect a sandbox, ask your Salesforce admin to create the app in that sandbox, then save its own Consumer Key and Secret here.',
      ],
    },
    pkce_required: {
      title: 'The PKCE check failed',
      cause:
        'Salesforce requires PKCE for {appName} (a one-time proof that protects the sign-in), and it was missing or did not match.',
      fixes: [
        'Connect again: every attempt starts a new check.',
        'If it keeps failing, contact support. Keep the PKCE setting of the app switched on.',
      ],
    },
    flow_not_enabled: {
      title: 'The sign-in flow is not enabled',
      cause: 'Salesforce refused the sign-in because {appName} does not allow this OAuth flow.',
      fixes: [
        "In the app's OAuth settings, check that OAuth is enabled and that every flow the setup guide lists is ticked under Flow Enablement; save, wait up to 10 minutes, then connect again.",
      ],
    },
    scope_not_allowed: {
      title: 'The app does not offer a requested scope',
      cause: '{appName} in Salesforce lacks an OAuth scope the connection asks for.',
      fixes: [
        "In the app's OAuth settings, add every scope the setup guide lists to Selected OAuth Scopes, save, wait up to 10 minutes, then connect again.",
      ],
    },
    client_credentials_disabled: {
      title: 'The app does not allow connecting without a sign-in window',
      cause:
        '{appName} does not have "Enable Client Credentials Flow" switched on, which a connection without a sign-in window needs.',
      fixes: [
        'External Client App: open {appName} in External Client App Manager, then Settings → OAuth Settings → Flow Enablement, and tick "Enable Client Credentials Flow".',
        'Connected App: edit {appName} in App Manager and tick "Enable Client Credentials Flow" under API (Enable OAuth Settings).',
        'Save, check that the app has a Run As user, wait up to 10 minutes, then connect again.',
      ],
    },
    run_as_user_missing: {
      title: 'The app has no Run As user',
      cause:
        'Salesforce says "no client credentials user enabled": {appName} names no Run As user, the Salesforce user this connection acts as.',
      fixes: [
        'External Client App: open {appName}, then Policies → Edit → OAuth Policies, and choose the Run As user.',
        'Connected App: open {appName} in App Manager with Manage → Edit Policies, and choose the Run As user under Client Credentials Flow.',
        'Choose an active user with "API Enabled", save, then connect again.',
      ],
    },
    run_as_user_inactive: {
      title: "The app's Run As user is inactive",
      cause:
        'Salesforce reports the Run As user of {appName}, the user this connection acts as, as inactive.',
      fixes: [
        'Reactivate the user in Setup → Users, or choose another Run As user in the policies of {appName}, then connect again.',
      ],
    },
    run_as_user_no_api: {
      title: "The app's Run As user may not use the API",
      cause:
        'Salesforce refuses the API calls of the Run As user of {appName} (API_DISABLED_FOR_ORG): the user lacks "API Enabled", or the org has no API access.',
      fixes: [
        'Give the user "API Enabled" in their profile or a permission set, or choose another Run As user in the policies of {appName}, then connect again.',
      ],
    },
    generic_login_host: {
      title: 'Use your My Domain URL for this connection',
      cause:
        'Salesforce serves a connection without a sign-in window only on your org\'s own address, not on login.salesforce.com or test.salesforce.com ("request not supported on this domain").',
      fixes: [
        'Copy the Current My Domain URL from Setup → My Domain (like https://yourcompany.my.salesforce.com), enter it as the Login URL, save, and connect again.',
      ],
    },
    inactive_user: {
      title: 'This Salesforce user is inactive',
      cause: 'The user who signed in is deactivated in Salesforce.',
      fixes: ['Sign in as an active user, or ask a Salesforce admin to reactivate this one.'],
    },
    inactive_org: {
      title: 'This Salesforce org is inactive',
      cause: 'Salesforce reports that the org you signed in to is disabled.',
      fixes: [
        'Check that {loginUrl} leads to the org you use, or ask Salesforce why it is inactive.',
      ],
    },
    org_changed: {
      title: 'This is a different Salesforce org than before',
      cause: 'A refreshed sandbox gets a new org id behind the same address.',
      fixes: [
        'Keep the new org (the previous connection is revoked), or go back to the previous one.',
      ],
    },
    connection_limit: {
      title: 'No more Salesforce connections can be added',
      cause:
        'This product allows a set number of Salesforce connections per account, and all of them are in use.',
      fixes: [
        'Remove a connection you no longer need, then add this one again.',
        'Or change an existing connection to use these credentials instead.',
      ],
    },
    duplicate_org: {
      title: 'This Salesforce org is already connected',
      cause:
        'The org you signed in to is already connected as {connectionName}, and each org may be connected only once.',
      fixes: [
        'Sign in to a different org (check the login URL), or use the existing connection to this org.',
      ],
    },
    rate_limited: {
      title: 'Too many sign-in attempts',
      cause: 'Salesforce is limiting sign-ins for now.',
      fixes: ['Wait a few minutes, then try again.'],
    },
    ip_restricted: {
      title: 'Salesforce blocked the connection by IP address or login hours',
      cause:
        'Salesforce said "ip restricted or invalid login hours": the user\'s profile allows logins only from some IP addresses or at some hours, and this sign-in came from outside them.',
      fixes: [
        'In the OAuth policies of {appName}, set IP Relaxation to "Enforce IP restrictions, but relax for refresh tokens": sign-in in the browser is still checked, and the server can renew the connection from its own address. Save and connect again.',
        "If it happens outside office hours, widen the login hours on the user's profile, or connect within them.",
      ],
    },
    salesforce_unavailable: {
      title: 'Salesforce is not responding',
      cause: 'Salesforce answered with a server error or is under maintenance.',
      fixes: ['Try again in a few minutes.'],
    },
    unknown: {
      title: 'Something went wrong',
      cause: 'An unexpected error stopped the connection.',
      fixes: ['Try again.', tryAgainOrPaste, 'If it continues, contact support with the details.'],
    },
  },
};

const placeholderPattern = /\{(callbackUrl|loginUrl|appName|connectionName)\}/g;

/**
 * Explains an error code to the Salesforce admin: what went wrong, why, how to fix it, where in the
 * setup guide, and whether trying again can help. Placeholders are filled from `values`; a value
 * not given reads as the catalogue's stand-in wording. An unknown code explains as `unknown`.
 *
 * @example
 * const help = explainError('redirect_uri_mismatch', {
 *   values: { callbackUrl: 'https://app.example.com/oauth/callback' },
 * });
 * help.fixes[0]; // '… set its Callback URL to exactly https://app.example.com/oauth/callback, …'
 * help.guideStepId; // 'callback-url'
 *
 * // In German:
 * import { errorCatalogueDe } from 'salesforce-connect';
 * explainError(error.code, { catalogue: errorCatalogueDe });
 */
export function explainError(
  code: ConnectErrorCode,
  options: ExplainErrorOptions = {},
): ErrorExplanation {
  const known = isConnectErrorCode(code) ? code : 'unknown';
  const catalogue = options.catalogue ?? errorCatalogueEn;
  // A hand-made catalogue may lack newer codes: English fills the gap rather than crashing.
  const entry = catalogue.errors[known] ?? errorCatalogueEn.errors[known];
  const fill = (text: string) =>
    text.replace(
      placeholderPattern,
      (_, name: ExplanationValueName) =>
        options.values?.[name]?.trim() ||
        catalogue.missingValues?.[name] ||
        errorCatalogueEn.missingValues[name],
    );
  const guideStepId = guideSteps[known];
  const actor = errorActor(known);
  return {
    code: known,
    title: fill(entry.title),
    cause: fill(entry.cause),
    fixes: entry.fixes.map(fill),
    ...(guideStepId ? { guideStepId } : {}),
    retryable: retryableCodes.has(known),
    actor,
    whoActs: catalogue.actors?.[actor] ?? errorCatalogueEn.actors?.[actor] ?? '',
  };
}
