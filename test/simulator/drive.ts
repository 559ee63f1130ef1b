/**
 * Drives the simulator the way a browser and a backend would, with plain `fetch` and
 * `redirect: 'manual'`, so tests can stop at every hop and look at it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  type SalesforceSimulator,
  SIMULATOR_DEMO_USER,
  type SimulatorApp,
} from '../../src/simulator/index.js';

export const CALLBACK = 'http://127.0.0.1:3000/oauth/callback';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** A browser: a cookie jar over fetch, never following redirects by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return { response, text: await response.text() };
  }
}

export interface AuthorizeInput {
  clientId: string;
  redirectUri?: string;
  scope?: string | undefined;
  state?: string;
  challenge?: string | undefined;
  method?: string | undefined;
  prompt?: string;
  nonce?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(simulator: SalesforceSimulator, input: AuthorizeInput): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri ?? CALLBACK,
    state: input.state ?? 'state-123',
  });
  if (input.scope !== undefined) params.set('scope', input.scope);
  if (input.challenge !== undefined) {
    params.set('code_challenge', input.challenge);
    params.set('code_challenge_method', input.method ?? 'S256');
  }
  if (input.prompt) params.set('prompt', input.prompt);
  if (input.nonce) params.set('nonce', input.nonce);
  for (const [key, value] of Object.entries(input.extra ?? {})) params.set(key, value);
  return `${simulator.url}/services/oauth2/authorize?${params}`;
}

/** The absolute URL a 302 points to. */
export function locationOf(response: Response, base: string): string {
  const location = response.headers.get('location');
  expect(response.status, 'expected a redirect').toBe(302);
  expect(location).toBeTruthy();
  return new URL(location ?? '', base).toString();
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden field ${name} in page`);
  return match[1].replace(/&amp;/g, '&');
}

/** Logs in on the login page the authorize request redirected to; returns the next URL. */
export async function logIn(
  simulator: SalesforceSimulator,
  browser: Browser,
  loginUrl: string,
  credentials: { username: string; password: string } = SIMULATOR_DEMO_USER,
) {
  const page = await browser.request(loginUrl);
  expect(page.response.status).toBe(200);
  const startURL = hiddenField(page.text, 'startURL');
  const submitted = await browser.request(`${simulator.url}/`, {
    form: { username: credentials.username, pw: credentials.password, startURL },
  });
  return locationOf(submitted.response, simulator.url);
}

/** Answers the "Allow Access?" page; returns the callback URL Salesforce redirected to. */
export async function answerConsent(
  simulator: SalesforceSimulator,
  browser: Browser,
  consentUrl: string,
  decision: 'allow' | 'deny',
  alreadyLoaded?: { response: Response; text: string },
) {
  const page = alreadyLoaded ?? (await browser.request(consentUrl));
  expect(page.response.status).toBe(200);
  expect(page.text).toContain('Allow Access?');
  const source = hiddenField(page.text, 'source');
  const answered = await browser.request(
    `${simulator.url}/setup/secur/RemoteAccessAuthorizationPage.apexp`,
    { form: { source, decision } },
  );
  return {
    callback: new URL(locationOf(answered.response, simulator.url)),
    consentPage: page.text,
  };
}

/**
 * The whole browser part: authorize → login → Allow → callback. Returns the callback URL's query
 * and the verifier to exchange the code with.
 */
export async function authorizeAndApprove(
  simulator: SalesforceSimulator,
  app: SimulatorApp,
  options: {
    browser?: Browser;
    scope?: string;
    decision?: 'allow' | 'deny';
    prompt?: string;
    nonce?: string;
  } = {},
) {
  const browser = options.browser ?? new Browser();
  const pkce = pkcePair();
  const url = authorizeUrl(simulator, {
    clientId: app.consumerKey,
    scope: options.scope,
    challenge: pkce.challenge,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  const callback = await followAuthorization(simulator, browser, url, options.decision ?? 'allow');
  return { callback, verifier: pkce.verifier, browser };
}

/**
 * Opens an authorize URL in the browser and goes through login (as the demo user) and consent
 * (when shown) until Salesforce redirects elsewhere; returns that URL (the callback, usually).
 */
export async function followAuthorization(
  simulator: SalesforceSimulator,
  browser: Browser,
  url: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const start = await browser.request(url);
  let next = locationOf(start.response, simulator.url);
  if (new URL(next).pathname === '/') next = await logIn(simulator, browser, next);
  if (new URL(next).pathname !== '/setup/secur/RemoteAccessAuthorizationPage.apexp') {
    return new URL(next);
  }
  const consent = await browser.request(next);
  if (consent.response.status === 302) return new URL(locationOf(consent.response, simulator.url));
  return (await answerConsent(simulator, browser, next, decision, consent)).callback;
}

/** POSTs a form to the token endpoint and returns status and JSON body. */
export async function postToken(
  simulator: SalesforceSimulator,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${simulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  return {
    status: response.status,
    contentType,
    body: (contentType?.startsWith('application/json') ? JSON.parse(text) : {}) as Record<
      string,
      string
    >,
    text,
  };
}

export function exchangeCode(
  simulator: SalesforceSimulator,
  app: SimulatorApp,
  code: string,
  verifier: string,
  overrides: Record<string, string> = {},
) {
  return postToken(simulator, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CALLBACK,
    client_id: app.consumerKey,
    client_secret: app.consumerSecret,
    code_verifier: verifier,
    ...overrides,
  });
}

export function refresh(
  simulator: SalesforceSimulator,
  app: SimulatorApp,
  refreshToken: string,
  overrides: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return postToken(
    simulator,
    {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: app.consumerKey,
      client_secret: app.consumerSecret,
      ...overrides,
    },
    headers,
  );
}

/** Authorizes and exchanges the code: a connected app, ready for refreshes. */
export async function connect(
  simulator: SalesforceSimulator,
  app: SimulatorApp,
  options: { browser?: Browser; scope?: string } = {},
) {
  const { callback, verifier, browser } = await authorizeAndApprove(simulator, app, options);
  const code = callback.searchParams.get('code');
  expect(code, `callback without code: ${callback.search}`).toBeTruthy();
  const token = await exchangeCode(simulator, app, code ?? '', verifier);
  expect(token.status).toBe(200);
  return { token: token.body, browser };
}

/**
 * A GET with the access token: REST API paths go to the org's instance (`instanceUrl`), as
 * `instance_url` tells clients to; everything else to the login host.
 */
export function withBearer(simulator: SalesforceSimulator, path: string, accessToken: string) {
  const origin = path.startsWith('/services/data') ? simulator.instanceUrl : simulator.url;
  return fetch(`${origin}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export function revoke(simulator: SalesforceSimulator, token: string) {
  return fetch(`${simulator.url}/services/oauth2/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
}
