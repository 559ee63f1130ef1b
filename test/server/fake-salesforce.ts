// A small in-process Salesforce for the handler's unit tests: a `fetch` that answers the OAuth
// endpoints the server calls, checking what real Salesforce checks (client id and secret, exact
// redirect_uri, PKCE S256 verifier, single-use codes, live refresh tokens). The integration tests
// use the real simulator (src/simulator) instead.

export const LOGIN_URL = 'https://login.salesforce.com';
export const ORG_ID = '00D5g000000AbcdEAC';
export const USER_ID = '0055g000000XyzwAAC';
export const INSTANCE_URL = 'https://acme.my.salesforce.com';

export interface FakeApp {
  consumerKey: string;
  consumerSecret: string;
  callbackUrls: string[];
}

interface Grant {
  app: FakeApp;
  redirectUri: string;
  challenge: string;
  scope: string;
}

/** Faults a test may switch on; each applies to the next matching request only when `times` says. */
export type FakeFault =
  | 'token_invalid_client'
  | 'token_unavailable'
  | 'token_network'
  | 'token_slow'
  | 'refresh_invalid_grant'
  | 'identity_fails'
  | 'identity_insufficient_scope'
  | 'revoke_fails'
  | 'authorize_404'
  | 'authorize_error_in_body';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (prefix: string) =>
  `${prefix}${base64url(crypto.getRandomValues(new Uint8Array(24)))}`;

async function s256(verifier: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function createFakeSalesforce(
  options: { loginUrl?: string; rotateRefreshTokens?: boolean; reuseDetection?: boolean } = {},
) {
  const loginUrl = options.loginUrl ?? LOGIN_URL;
  // A refreshed sandbox: a new org id behind the same addresses (see `refreshOrg`).
  let orgId = ORG_ID;
  const apps = new Map<string, FakeApp>();
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, FakeApp>();
  const accessTokens = new Map<string, FakeApp>();
  const faults = new Map<FakeFault, number>();
  // Refresh token rotation as Salesforce enforces it: each token belongs to a grant; spending a
  // rotated-away token again revokes every token of that grant (SALESFORCE.md, RTR).
  const grantOfToken = new Map<string, number>();
  const spentTokens = new Map<string, number>();
  let grants = 0;
  let reuses = 0;
  /** Every request the server made: method, path, and the form body of POSTs. */
  const requests: {
    method: string;
    path: string;
    form?: URLSearchParams;
    authorization?: string;
  }[] = [];
  /** Every token the fake issued, so tests can search responses and logs for them. */
  const issued: string[] = [];

  const fault = (name: FakeFault) => {
    const left = faults.get(name) ?? 0;
    if (left <= 0) return false;
    faults.set(name, left - 1);
    return true;
  };

  const issue = (app: FakeApp, withRefresh: boolean, grant = ++grants) => {
    const accessToken = random('00D5g!AQ');
    accessTokens.set(accessToken, app);
    grantOfToken.set(accessToken, grant);
    issued.push(accessToken);
    let refreshToken: string | undefined;
    if (withRefresh) {
      refreshToken = random('5Aep8');
      refreshTokens.set(refreshToken, app);
      grantOfToken.set(refreshToken, grant);
      issued.push(refreshToken);
    }
    return { accessToken, refreshToken };
  };

  const revokeGrant = (grant: number | undefined) => {
    for (const [token, owner] of grantOfToken) {
      if (owner !== grant) continue;
      refreshTokens.delete(token);
      accessTokens.delete(token);
    }
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const form =
      init.body instanceof URLSearchParams
        ? init.body
        : typeof init.body === 'string'
          ? new URLSearchParams(init.body)
          : undefined;
    requests.push({
      method,
      path: url.pathname,
      ...(form ? { form } : {}),
      ...(headers.get('authorization')
        ? { authorization: headers.get('authorization') as string }
        : {}),
    });
    if (url.origin !== loginUrl && url.origin !== INSTANCE_URL) {
      throw new TypeError('fetch failed: getaddrinfo ENOTFOUND');
    }

    if (url.pathname === '/services/oauth2/authorize') {
      if (fault('authorize_404')) return new Response('Not Found', { status: 404 });
      const app = apps.get(url.searchParams.get('client_id') ?? '');
      if (!app) {
        if (fault('authorize_error_in_body')) {
          return new Response(
            '<html><body>error=invalid_client_id&amp;error_description=client%20identifier%20invalid</body></html>',
            { status: 400, headers: { 'content-type': 'text/html' } },
          );
        }
        return new Response(null, {
          status: 302,
          headers: {
            location: `${loginUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client_id&error_description=client%20identifier%20invalid`,
          },
        });
      }
      if (!app.callbackUrls.includes(url.searchParams.get('redirect_uri') ?? '')) {
        return new Response(null, {
          status: 302,
          headers: {
            location: `${loginUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration`,
          },
        });
      }
      return new Response(null, { status: 302, headers: { location: `${loginUrl}/?startURL=x` } });
    }

    if (url.pathname === '/services/oauth2/token' && method === 'POST' && form) {
      if (fault('token_network')) throw new TypeError('fetch failed: ECONNRESET');
      if (fault('token_slow')) {
        await new Promise<void>((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
        });
      }
      if (fault('token_unavailable'))
        return new Response('<html>Maintenance</html>', { status: 503 });
      const app = apps.get(form.get('client_id') ?? '');
      if (
        !app ||
        app.consumerSecret !== form.get('client_secret') ||
        fault('token_invalid_client')
      ) {
        return json(
          { error: 'invalid_client', error_description: 'invalid client credentials' },
          400,
        );
      }
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!grant || grant.app !== app) {
          return json(
            { error: 'invalid_grant', error_description: 'expired authorization code' },
            400,
          );
        }
        if (grant.redirectUri !== form.get('redirect_uri')) {
          return json(
            {
              error: 'redirect_uri_mismatch',
              error_description: 'redirect_uri must match configuration',
            },
            400,
          );
        }
        if ((await s256(form.get('code_verifier') ?? '')) !== grant.challenge) {
          return json({ error: 'invalid_grant', error_description: 'invalid code verifier' }, 400);
        }
        const withRefresh = grant.scope.split(' ').includes('refresh_token');
        const tokens = issue(app, withRefresh);
        return json({
          access_token: tokens.accessToken,
          ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
          signature: 'c2lnbmF0dXJl',
          scope: grant.scope,
          instance_url: INSTANCE_URL,
          id: `${loginUrl}/id/${orgId}/${USER_ID}`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
        });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const token = form.get('refresh_token') ?? '';
        if (options.reuseDetection && spentTokens.has(token)) {
          reuses++;
          revokeGrant(spentTokens.get(token));
        }
        if (!refreshTokens.has(token) || fault('refresh_invalid_grant')) {
          return json(
            { error: 'invalid_grant', error_description: 'expired access/refresh token' },
            400,
          );
        }
        const rotate = options.rotateRefreshTokens === true;
        if (rotate) {
          refreshTokens.delete(token);
          spentTokens.set(token, grantOfToken.get(token) ?? 0);
        }
        const tokens = issue(app, rotate, grantOfToken.get(token));
        return json({
          access_token: tokens.accessToken,
          ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
          signature: 'c2lnbmF0dXJl',
          scope: 'api refresh_token',
          instance_url: INSTANCE_URL,
          id: `${loginUrl}/id/${orgId}/${USER_ID}`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
        });
      }
      return json(
        { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
        400,
      );
    }

    if (url.pathname === '/services/oauth2/revoke' && method === 'POST' && form) {
      if (fault('revoke_fails')) return new Response('oops', { status: 500 });
      const token = form.get('token') ?? '';
      // Revoking a refresh token revokes its grant's access tokens too (SALESFORCE.md, Revoke).
      if (refreshTokens.has(token)) revokeGrant(grantOfToken.get(token));
      refreshTokens.delete(token);
      accessTokens.delete(token);
      return new Response(null, { status: 200 });
    }

    if (
      url.pathname === `/id/${orgId}/${USER_ID}` ||
      url.pathname === '/services/oauth2/userinfo'
    ) {
      const token = (headers.get('authorization') ?? '').replace(/^Bearer /, '');
      if (fault('identity_fails')) return new Response('Bad_OAuth_Token', { status: 403 });
      if (accessTokens.has(token) && fault('identity_insufficient_scope')) {
        return new Response('Insufficient_Scope', { status: 403 });
      }
      if (!accessTokens.has(token)) return new Response('Bad_OAuth_Token', { status: 403 });
      return json({
        id: `${loginUrl}/id/${orgId}/${USER_ID}`,
        user_id: USER_ID,
        organization_id: orgId,
        username: 'admin@acme.example',
        display_name: 'Ada Admin',
      });
    }

    if (url.origin === INSTANCE_URL && url.pathname === '/services/data/v62.0/query') {
      const token = (headers.get('authorization') ?? '').replace(/^Bearer /, '');
      if (!accessTokens.has(token)) {
        return json(
          [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
          401,
        );
      }
      return json({
        totalSize: 1,
        done: true,
        records: [{ Name: 'Acme, Inc.', IsSandbox: false }],
      });
    }

    return new Response('Not Found', { status: 404 });
  };

  return {
    loginUrl,
    fetch: fetch as typeof globalThis.fetch,
    requests,
    issued,
    addApp(callbackUrls: string[]): FakeApp {
      const app = {
        consumerKey: `3MVG9${random('').replace(/[^A-Za-z0-9]/g, 'x')}${'Q'.repeat(40)}`.slice(
          0,
          85,
        ),
        consumerSecret: Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
          b.toString(16).padStart(2, '0'),
        )
          .join('')
          .toUpperCase(),
        callbackUrls,
      };
      apps.set(app.consumerKey, app);
      return app;
    },
    /** Plays the admin: logs in and allows; returns the callback URL Salesforce redirects to. */
    async approve(authorizeUrl: string): Promise<string> {
      const url = new URL(authorizeUrl);
      const params = url.searchParams;
      const app = apps.get(params.get('client_id') ?? '');
      const redirectUri = params.get('redirect_uri') ?? '';
      if (!app?.callbackUrls.includes(redirectUri)) throw new Error('Salesforce error page');
      if (params.get('code_challenge_method') !== 'S256') throw new Error('PKCE S256 required');
      const code = random('aPrx');
      codes.set(code, {
        app,
        redirectUri,
        challenge: params.get('code_challenge') ?? '',
        scope: params.get('scope') ?? '',
      });
      const callback = new URL(redirectUri);
      callback.searchParams.set('code', code);
      callback.searchParams.set('state', params.get('state') ?? '');
      return callback.href;
    },
    /** Plays the admin clicking Deny. */
    deny(authorizeUrl: string): string {
      const params = new URL(authorizeUrl).searchParams;
      const callback = new URL(params.get('redirect_uri') ?? '');
      callback.searchParams.set('error', 'access_denied');
      callback.searchParams.set('error_description', 'end-user denied authorization');
      callback.searchParams.set('state', params.get('state') ?? '');
      return callback.href;
    },
    setFault(name: FakeFault, times = 1) {
      faults.set(name, times);
    },
    /** Salesforce-side revocation of every token (an admin revoking the app). */
    revokeAll() {
      refreshTokens.clear();
      accessTokens.clear();
    },
    /** A sandbox refresh: the same addresses now answer for an org with another id. */
    refreshOrg(newOrgId: string) {
      orgId = newOrgId;
    },
    liveRefreshTokens: () => refreshTokens.size,
    liveAccessTokens: () => accessTokens.size,
    /** How often a spent refresh token was presented again (each revoked its whole grant). */
    reuses: () => reuses,
    /** Whether Salesforce still honours a token. */
    isLive: (token: string) => refreshTokens.has(token) || accessTokens.has(token),
  };
}
