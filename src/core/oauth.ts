import { base64url } from './base64url.js';
import { ConnectError } from './errors.js';

/** Salesforce's OAuth paths under a login URL (internal: the server and preflight use them too). */
export const SALESFORCE_PATHS = {
  authorize: '/services/oauth2/authorize',
  token: '/services/oauth2/token',
  revoke: '/services/oauth2/revoke',
  userinfo: '/services/oauth2/userinfo',
} as const;

/**
 * A PKCE pair: the verifier stays with whoever exchanges the code; the challenge goes to Salesforce.
 *
 * @example
 * const { verifier, challenge }: PkcePair = await createPkcePair();
 */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/**
 * The WebCrypto the helpers use; `globalThis.crypto` (browsers, Node ≥ 20) unless given.
 *
 * @example
 * createState({ crypto: iframeWindow.crypto });
 */
export interface OAuthCryptoEnvironment {
  crypto?: Crypto | undefined;
}

/**
 * What Salesforce should do on its login page: ask again, ask for consent, or let the user pick.
 *
 * @example
 * buildAuthorizeUrl({ ...input, prompt: ['login', 'consent'] satisfies OAuthPrompt[] });
 */
export type OAuthPrompt = 'login' | 'consent' | 'select_account';

/**
 * How Salesforce lays out its login and consent pages.
 *
 * @example
 * buildAuthorizeUrl({ ...input, display: 'popup' satisfies OAuthDisplay });
 */
export type OAuthDisplay = 'page' | 'popup' | 'touch' | 'mobile';

/**
 * Inputs of {@link buildAuthorizeUrl}.
 *
 * @example
 * const input: AuthorizeUrlInput = {
 *   loginUrl: 'https://login.salesforce.com',
 *   clientId: consumerKey,
 *   redirectUri: 'https://app.example.com/oauth/callback',
 *   scopes: ['api', 'refresh_token'],
 *   state: createState(),
 *   codeChallenge: pkce.challenge,
 * };
 */
export interface AuthorizeUrlInput {
  /** Normalized login URL: `https://login.salesforce.com`, a sandbox, a My Domain or a site. */
  loginUrl: string;
  /** The app's Consumer Key. */
  clientId: string;
  /** The callback URL, exactly as configured in the app. */
  redirectUri: string;
  /** Scope values (`api`, `refresh_token`…); none means "what the app is configured with". */
  scopes: readonly string[];
  /** The single-use state of this attempt. */
  state: string;
  /** The S256 challenge from {@link createPkcePair}. */
  codeChallenge: string;
  prompt?: OAuthPrompt | readonly OAuthPrompt[] | undefined;
  /** Prefills the username on Salesforce's login page. */
  loginHint?: string | undefined;
  display?: OAuthDisplay | undefined;
}

/**
 * What a callback URL says: a code to exchange, or Salesforce's error.
 *
 * @example
 * const result: CallbackResult = parseCallbackUrl(request.url);
 * if (result.ok) await exchange(result.code);
 */
export type CallbackResult =
  | { ok: true; code: string; state: string }
  | { ok: false; error: string; errorDescription?: string; state?: string };

function cryptoOf(environment: OAuthCryptoEnvironment): Crypto {
  const crypto = environment.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) {
    throw new ConnectError('unknown', 'WebCrypto is not available in this environment.');
  }
  return crypto;
}

function randomToken(environment: OAuthCryptoEnvironment): string {
  return base64url(cryptoOf(environment).getRandomValues(new Uint8Array(32)));
}

// RFC 7636 §4.1: 43 to 128 unreserved characters.
const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)).
 *
 * @example
 * await createPkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 */
export async function createPkceChallenge(
  verifier: string,
  environment: OAuthCryptoEnvironment = {},
): Promise<string> {
  if (!verifierPattern.test(verifier)) {
    throw new ConnectError(
      'invalid_input',
      'A PKCE code verifier must be 43 to 128 letters, digits or the characters - . _ ~.',
    );
  }
  const digest = await cryptoOf(environment).subtle.digest(
    'SHA-256',
    new TextEncoder().encode(verifier),
  );
  return base64url(new Uint8Array(digest));
}

/**
 * A fresh PKCE pair: a 43-character verifier from 32 random bytes and its S256 challenge. Keep the
 * verifier where the code is exchanged (the server); send only the challenge to Salesforce.
 *
 * @example
 * const pkce = await createPkcePair();
 * const authorizeUrl = buildAuthorizeUrl({ ...input, codeChallenge: pkce.challenge });
 * await saveAttempt({ state, verifier: pkce.verifier });
 */
export async function createPkcePair(environment: OAuthCryptoEnvironment = {}): Promise<PkcePair> {
  const verifier = randomToken(environment);
  return { verifier, challenge: await createPkceChallenge(verifier, environment), method: 'S256' };
}

/**
 * A fresh OAuth state: 256 random bits, base64url (43 URL-safe characters). Use each once.
 *
 * @example
 * const state = createState(); // e.g. 'Xb0-9mQ…'
 */
export function createState(environment: OAuthCryptoEnvironment = {}): string {
  return randomToken(environment);
}

const prompts: readonly string[] = ['login', 'consent', 'select_account'];
const displays: readonly string[] = ['page', 'popup', 'touch', 'mobile'];
const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/** An https URL, or http on this machine (the simulator); else a plain-words error. */
function webUrl(value: string, what: string, code: 'invalid_login_url' | 'invalid_input'): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConnectError(code, `The ${what} "${value}" is not a full web address.`);
  }
  const local = url.protocol === 'http:' && loopbackHosts.includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new ConnectError(code, `The ${what} must start with https:// (it is "${value}").`);
  }
  if (url.username || url.password) {
    throw new ConnectError(code, `The ${what} must not contain a user name or password.`);
  }
  return url;
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConnectError('invalid_input', `The ${what} is empty.`);
  }
  if (/\s/.test(value)) {
    throw new ConnectError('invalid_input', `The ${what} must not contain spaces or line breaks.`);
  }
  return value;
}

/**
 * The Salesforce authorize URL for the web server flow with PKCE S256: `response_type=code`,
 * `client_id`, `redirect_uri`, space-separated `scope`, `state`, `code_challenge`,
 * `code_challenge_method=S256`, then `prompt`, `login_hint` and `display` when given. Throws
 * `invalid_login_url` for a login URL that is not https (http only on localhost), and
 * `invalid_input` for an empty or malformed value.
 *
 * @example
 * buildAuthorizeUrl({
 *   loginUrl: 'https://login.salesforce.com',
 *   clientId: consumerKey,
 *   redirectUri: 'https://app.example.com/oauth/callback',
 *   scopes: ['api', 'refresh_token'],
 *   state,
 *   codeChallenge: pkce.challenge,
 *   prompt: ['login', 'consent'],
 * });
 * // 'https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=…'
 */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const login = webUrl(String(input.loginUrl ?? ''), 'login URL', 'invalid_login_url');
  if (login.search || login.hash) {
    throw new ConnectError(
      'invalid_login_url',
      'The login URL must not contain "?" or "#": use just the address, e.g. https://login.salesforce.com.',
    );
  }
  const clientId = requireText(input.clientId, 'Consumer Key');
  const redirect = webUrl(String(input.redirectUri ?? ''), 'callback URL', 'invalid_input');
  if (redirect.hash) {
    throw new ConnectError('invalid_input', 'The callback URL must not contain a "#" fragment.');
  }
  const state = requireText(input.state, 'state');
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.codeChallenge)) {
    throw new ConnectError(
      'invalid_input',
      'The code challenge must be the 43-character S256 challenge from createPkcePair().',
    );
  }
  const scopes = [...new Set(input.scopes.map((scope) => requireText(scope, 'scope')))];

  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', clientId],
    // Salesforce compares it with the configured callback exactly, so it goes as given.
    ['redirect_uri', input.redirectUri.trim()],
  ];
  if (scopes.length > 0) params.push(['scope', scopes.join(' ')]);
  params.push(
    ['state', state],
    ['code_challenge', input.codeChallenge],
    ['code_challenge_method', 'S256'],
  );
  if (input.prompt !== undefined) {
    const list: readonly string[] =
      typeof input.prompt === 'string' ? [input.prompt] : input.prompt;
    const unknown = list.find((prompt) => !prompts.includes(prompt));
    if (unknown !== undefined || list.length === 0) {
      throw new ConnectError(
        'invalid_input',
        `The prompt must be one or more of login, consent, select_account (got "${unknown ?? ''}").`,
      );
    }
    params.push(['prompt', [...new Set(list)].join(' ')]);
  }
  if (input.loginHint !== undefined) {
    params.push(['login_hint', requireText(input.loginHint, 'login hint')]);
  }
  if (input.display !== undefined) {
    if (!displays.includes(input.display)) {
      throw new ConnectError(
        'invalid_input',
        `The display must be page, popup, touch or mobile (got "${input.display}").`,
      );
    }
    params.push(['display', input.display]);
  }

  // %20 rather than "+" between scopes: unambiguous for every query parser.
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${login.origin}${login.pathname.replace(/\/+$/, '')}${SALESFORCE_PATHS.authorize}?${query}`;
}

/**
 * Reads the result of an authorization from the callback URL Salesforce redirected to: the code
 * and state, or Salesforce's error (with its description and the state, when present). A URL with
 * neither a code nor an error, or with a code but no state, is reported as `invalid_request`.
 * Never throws.
 *
 * @example
 * const result = parseCallbackUrl(request.url);
 * if (!result.ok) {
 *   throw fromSalesforceError({ error: result.error, error_description: result.errorDescription });
 * }
 * await exchange(result.code, result.state);
 */
export function parseCallbackUrl(url: string | URL): CallbackResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      error: 'invalid_request',
      errorDescription: 'The callback URL is not a URL.',
    };
  }
  let params = parsed.searchParams;
  // The code flow answers in the query; read the fragment only when the query says nothing.
  if (!['code', 'error', 'state'].some((name) => params.has(name)) && parsed.hash) {
    params = new URLSearchParams(parsed.hash.slice(1));
  }
  const read = (name: string) => params.get(name) || undefined;
  const error = read('error');
  const state = read('state');
  const code = read('code');
  if (error === undefined && code !== undefined && state !== undefined) {
    return { ok: true, code, state };
  }
  const errorDescription =
    error !== undefined
      ? read('error_description')
      : code === undefined
        ? 'The callback URL has neither a code nor an error.'
        : 'The callback URL has a code but no state.';
  return {
    ok: false,
    error: error ?? 'invalid_request',
    ...(errorDescription === undefined ? {} : { errorDescription }),
    ...(state === undefined ? {} : { state }),
  };
}

/**
 * The origin of the `redirect_uri` inside an authorize URL: where the callback page will post its
 * message from. Undefined when there is none or it is not an http(s) URL.
 *
 * @example
 * redirectOriginOf(
 *   'https://login.salesforce.com/services/oauth2/authorize' +
 *     '?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb',
 * ); // 'https://app.example.com'
 */
export function redirectOriginOf(authorizeUrl: string): string | undefined {
  try {
    const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '');
    return redirect.protocol === 'https:' || redirect.protocol === 'http:'
      ? redirect.origin
      : undefined;
  } catch {
    return undefined;
  }
}
