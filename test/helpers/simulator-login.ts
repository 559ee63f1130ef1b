// Plays the Salesforce admin at the simulator without a browser: follows the authorize URL, logs
// in on the login page, answers "Allow Access?", and stops where Salesforce hands the browser back
// to the app (the callback URL) or shows its own error page. Shared by the server's integration
// tests and the adapter conformance run against the real server.
import { CONSENT_PATH, ERROR_PAGE_PATH, LOGIN_PATH } from '../../src/simulator/authorize-flow.js';
import { SIMULATOR_DEMO_USER } from '../../src/simulator/index.js';

/** Options of {@link authorizeAtSimulator}. */
export interface SimulatorLoginOptions {
  /** Default: the simulator's demo user. */
  username?: string;
  password?: string;
  /** The button to press on "Allow Access?"; default `allow`. */
  decision?: 'allow' | 'deny';
  fetch?: typeof fetch;
}

/** Where the browser ended up. */
export type SimulatorLanding =
  | {
      /** Redirected to the app's callback URL (the redirect_uri), with a code or an error. */
      kind: 'callback';
      url: string;
      code?: string;
      state?: string;
      error?: string;
      errorDescription?: string;
    }
  | {
      /** Salesforce's own error page: nothing reaches the app. */
      kind: 'error_page';
      url: string;
      error?: string;
      errorDescription?: string;
    };

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function hiddenInput(html: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  return match?.[1] === undefined ? undefined : decodeHtml(match[1]);
}

function landing(kind: 'callback' | 'error_page', url: URL): SimulatorLanding {
  // Only the parameters present: exactOptionalPropertyTypes keeps absent ones absent.
  const read = (name: string, as: string) => {
    const value = url.searchParams.get(name);
    return value ? { [as]: value } : {};
  };
  const facts = { ...read('error', 'error'), ...read('error_description', 'errorDescription') };
  if (kind === 'error_page') return { kind, url: url.href, ...facts };
  return { kind, url: url.href, ...read('code', 'code'), ...read('state', 'state'), ...facts };
}

/**
 * Follows an authorize URL through the simulator's login and consent pages like a browser would
 * (cookies kept, redirects followed on the simulator's origin only) and returns where Salesforce
 * sends the browser: the callback URL — not requested, so the caller decides who handles it —
 * or Salesforce's error page.
 *
 * @example
 * const start = await adapter.startAuthorization({ returnOrigin });
 * const landed = await authorizeAtSimulator(start.authorizeUrl);
 * if (landed.kind === 'callback') await fetch(landed.url); // the server's callback page
 */
export async function authorizeAtSimulator(
  authorizeUrl: string,
  options: SimulatorLoginOptions = {},
): Promise<SimulatorLanding> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const origin = new URL(authorizeUrl).origin;
  const cookies = new Map<string, string>();
  let url = new URL(authorizeUrl);
  let form: URLSearchParams | undefined;
  let loggedIn = false;
  let consentShown = false;

  for (let step = 0; step < 12; step++) {
    const headers = new Headers();
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    if (form) headers.set('content-type', 'application/x-www-form-urlencoded');
    const response = await fetchImpl(url, {
      method: form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(form ? { body: form.toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    form = undefined;

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== origin) {
        if (options.decision === 'deny' && !consentShown) {
          throw new Error(
            'The simulator skipped "Allow Access?" (this user approved the app before), so Deny could not be pressed. Use a fresh app or prompt=consent.',
          );
        }
        return landing('callback', next);
      }
      if (next.pathname === ERROR_PAGE_PATH) return landing('error_page', next);
      url = next;
      continue;
    }

    const html = await response.text();
    if (url.pathname === LOGIN_PATH && /name="pw"/.test(html)) {
      if (loggedIn) {
        const message = /<p class="error"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
        throw new Error(`The simulator refused the login: ${decodeHtml(message ?? 'no message')}`);
      }
      loggedIn = true;
      form = new URLSearchParams({
        username: options.username ?? SIMULATOR_DEMO_USER.username,
        pw: options.password ?? SIMULATOR_DEMO_USER.password,
      });
      const startUrl = hiddenInput(html, 'startURL');
      if (startUrl) form.set('startURL', startUrl);
      url = new URL(LOGIN_PATH, origin);
      continue;
    }
    if (url.pathname === CONSENT_PATH && /name="decision"/.test(html)) {
      consentShown = true;
      form = new URLSearchParams({
        source: hiddenInput(html, 'source') ?? '',
        decision: options.decision ?? 'allow',
      });
      url = new URL(CONSENT_PATH, origin);
      continue;
    }
    throw new Error(
      `Unexpected simulator page at ${url.pathname} (HTTP ${response.status}): ${html.slice(0, 200)}`,
    );
  }
  throw new Error('The simulator kept redirecting: gave up after 12 steps.');
}
