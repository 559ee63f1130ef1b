import fc from 'fast-check';
import { calculatePKCECodeChallenge } from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import {
  type AuthorizeUrlInput,
  buildAuthorizeUrl,
  createPkceChallenge,
  createPkcePair,
  createState,
  parseCallbackUrl,
  redirectOriginOf,
} from '../../src/core/oauth.js';

const base64url = /^[A-Za-z0-9_-]+$/;

describe('createPkcePair', () => {
  it('matches the RFC 7636 appendix B test vector', async () => {
    expect(await createPkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a 43-character base64url verifier from 32 random bytes, and its S256 challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.method).toBe('S256');
    expect(pair.verifier).toMatch(base64url);
    expect(pair.verifier).toHaveLength(43);
    expect(pair.challenge).toMatch(base64url);
    expect(pair.challenge).toBe(await calculatePKCECodeChallenge(pair.verifier));
  });

  it('draws fresh randomness for every pair', async () => {
    const pairs = await Promise.all(Array.from({ length: 20 }, () => createPkcePair()));
    expect(new Set(pairs.map((pair) => pair.verifier)).size).toBe(20);
  });

  it('uses the crypto it is given', async () => {
    const zeros = {
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => array,
      subtle: globalThis.crypto.subtle,
    } as unknown as Crypto;
    const pair = await createPkcePair({ crypto: zeros });
    expect(pair.verifier).toBe('A'.repeat(43));
    expect(pair.challenge).toBe(await calculatePKCECodeChallenge('A'.repeat(43)));
  });

  it('agrees with oauth4webapi on any valid verifier', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(
            ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'.split(''),
          ),
          minLength: 43,
          maxLength: 128,
        }),
        async (verifier) => {
          expect(await createPkceChallenge(verifier)).toBe(
            await calculatePKCECodeChallenge(verifier),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a verifier that RFC 7636 does not allow', async () => {
    await expect(createPkceChallenge('short')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createPkceChallenge(`${'a'.repeat(42)} `)).rejects.toBeInstanceOf(ConnectError);
    await expect(createPkceChallenge('a'.repeat(129))).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('createState', () => {
  it('is URL-safe and carries at least 128 bits', () => {
    const state = createState();
    expect(state).toMatch(base64url);
    // base64url holds 6 bits per character.
    expect(state.length * 6).toBeGreaterThanOrEqual(128);
    expect(encodeURIComponent(state)).toBe(state);
  });

  it('never repeats', () => {
    const states = new Set(Array.from({ length: 200 }, () => createState()));
    expect(states.size).toBe(200);
  });
});

const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const input: AuthorizeUrlInput = {
  loginUrl: 'https://login.salesforce.com',
  clientId: '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
  redirectUri: 'https://app.example.com/oauth/callback',
  scopes: ['api', 'refresh_token'],
  state: 'state-123',
  codeChallenge: challenge,
};

describe('buildAuthorizeUrl', () => {
  it('builds the web server flow URL with PKCE S256, parameters in order', () => {
    expect(buildAuthorizeUrl(input)).toBe(
      'https://login.salesforce.com/services/oauth2/authorize?response_type=code' +
        `&client_id=${input.clientId}` +
        '&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback' +
        '&scope=api%20refresh_token&state=state-123' +
        `&code_challenge=${challenge}&code_challenge_method=S256`,
    );
  });

  it('adds prompt, login_hint and display when given', () => {
    const url = new URL(
      buildAuthorizeUrl({
        ...input,
        prompt: ['login', 'consent'],
        loginHint: 'admin@acme.com',
        display: 'popup',
      }),
    );
    expect(url.searchParams.get('prompt')).toBe('login consent');
    expect(url.searchParams.get('login_hint')).toBe('admin@acme.com');
    expect(url.searchParams.get('display')).toBe('popup');
    expect(
      new URL(buildAuthorizeUrl({ ...input, prompt: 'select_account' })).searchParams.get('prompt'),
    ).toBe('select_account');
  });

  it('leaves out optional parameters that are not given', () => {
    const url = new URL(buildAuthorizeUrl(input));
    for (const name of ['prompt', 'login_hint', 'display']) {
      expect(url.searchParams.has(name)).toBe(false);
    }
  });

  it('keeps a My Domain or site path and drops trailing slashes', () => {
    expect(buildAuthorizeUrl({ ...input, loginUrl: 'https://acme.my.salesforce.com/' })).toMatch(
      /^https:\/\/acme\.my\.salesforce\.com\/services\/oauth2\/authorize\?/,
    );
    expect(
      buildAuthorizeUrl({ ...input, loginUrl: 'https://acme.my.site.com/partners//' }),
    ).toMatch(/^https:\/\/acme\.my\.site\.com\/partners\/services\/oauth2\/authorize\?/);
  });

  it('allows http only on this machine (the simulator)', () => {
    expect(buildAuthorizeUrl({ ...input, loginUrl: 'http://localhost:4010' })).toMatch(
      /^http:\/\/localhost:4010\/services\/oauth2\/authorize\?/,
    );
    expect(() => buildAuthorizeUrl({ ...input, loginUrl: 'http://login.salesforce.com' })).toThrow(
      /https:\/\//,
    );
  });

  it('sends the callback URL exactly as given and round-trips every parameter', () => {
    const redirectUri = 'https://app.example.com/cb?tenant=a b&x=1';
    const url = new URL(
      buildAuthorizeUrl({
        ...input,
        redirectUri,
        state: 'a+b/c=d&e',
        scopes: ['api', 'api', 'id'],
      }),
    );
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(url.searchParams.get('state')).toBe('a+b/c=d&e');
    expect(url.searchParams.get('scope')).toBe('api id');
  });

  it('omits scope when the list is empty (the app’s configured scopes apply)', () => {
    expect(new URL(buildAuthorizeUrl({ ...input, scopes: [] })).searchParams.has('scope')).toBe(
      false,
    );
  });

  const invalid: [string, Partial<AuthorizeUrlInput>, string, RegExp][] = [
    ['an empty Consumer Key', { clientId: '' }, 'invalid_input', /Consumer Key is empty/],
    [
      'a Consumer Key with spaces',
      { clientId: '3MVG9 abc' },
      'invalid_input',
      /Consumer Key must not contain spaces/,
    ],
    [
      'a login URL that is not a URL',
      { loginUrl: 'login.salesforce' },
      'invalid_login_url',
      /not a full web address/,
    ],
    [
      'a login URL with a query',
      { loginUrl: 'https://login.salesforce.com/?x=1' },
      'invalid_login_url',
      /"\?" or "#"/,
    ],
    [
      'a login URL with a password',
      { loginUrl: 'https://u:p@login.salesforce.com' },
      'invalid_login_url',
      /user name or password/,
    ],
    [
      'an empty callback URL',
      { redirectUri: '' },
      'invalid_input',
      /callback URL "" is not a full web address/,
    ],
    [
      'an http callback URL',
      { redirectUri: 'http://app.example.com/cb' },
      'invalid_input',
      /callback URL must start with https/,
    ],
    [
      'a callback URL with a fragment',
      { redirectUri: 'https://app.example.com/cb#x' },
      'invalid_input',
      /fragment/,
    ],
    ['an empty state', { state: '' }, 'invalid_input', /state is empty/],
    [
      'a plain verifier as challenge',
      { codeChallenge: 'plain' },
      'invalid_input',
      /43-character S256 challenge/,
    ],
    ['an empty scope', { scopes: ['api', ''] }, 'invalid_input', /scope is empty/],
    ['an unknown prompt', { prompt: ['login', 'none' as 'login'] }, 'invalid_input', /got "none"/],
    ['an empty prompt list', { prompt: [] }, 'invalid_input', /prompt must be one or more/],
    ['an unknown display', { display: 'wide' as 'page' }, 'invalid_input', /display must be/],
    ['an empty login hint', { loginHint: '' }, 'invalid_input', /login hint is empty/],
  ];

  it.each(invalid)('refuses %s with a plain message', (_, change, code, message) => {
    let thrown: unknown;
    try {
      buildAuthorizeUrl({ ...input, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(ConnectError.is(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code });
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('parseCallbackUrl', () => {
  it('reads the code and state', () => {
    expect(parseCallbackUrl('https://app.example.com/cb?code=aPrx%3D%3D&state=s1')).toEqual({
      ok: true,
      code: 'aPrx==',
      state: 's1',
    });
  });

  it('reads Salesforce’s error, its description and the state', () => {
    expect(
      parseCallbackUrl(
        new URL(
          'https://app.example.com/cb?error=access_denied&error_description=end-user+denied+authorization&state=s1',
        ),
      ),
    ).toEqual({
      ok: false,
      error: 'access_denied',
      errorDescription: 'end-user denied authorization',
      state: 's1',
    });
    expect(parseCallbackUrl('https://app.example.com/cb?error=access_denied')).toEqual({
      ok: false,
      error: 'access_denied',
    });
  });

  it('lets an error win over a code', () => {
    expect(
      parseCallbackUrl('https://app.example.com/cb?code=x&error=invalid_request&state=s'),
    ).toMatchObject({
      ok: false,
      error: 'invalid_request',
    });
  });

  it('reports a URL with neither code nor error as invalid_request', () => {
    expect(parseCallbackUrl('https://app.example.com/cb?state=s1')).toEqual({
      ok: false,
      error: 'invalid_request',
      errorDescription: 'The callback URL has neither a code nor an error.',
      state: 's1',
    });
    expect(parseCallbackUrl('https://app.example.com/cb?code=&state=')).toMatchObject({
      ok: false,
      error: 'invalid_request',
    });
  });

  it('reports a code without state as invalid_request', () => {
    expect(parseCallbackUrl('https://app.example.com/cb?code=abc')).toEqual({
      ok: false,
      error: 'invalid_request',
      errorDescription: 'The callback URL has a code but no state.',
    });
  });

  it('reads the fragment when the query is silent', () => {
    expect(parseCallbackUrl('https://app.example.com/cb#code=abc&state=s1')).toEqual({
      ok: true,
      code: 'abc',
      state: 's1',
    });
  });

  it('does not throw on something that is not a URL', () => {
    expect(parseCallbackUrl('not a url')).toMatchObject({ ok: false, error: 'invalid_request' });
  });

  it('round-trips any code and state exactly', () => {
    const value = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(value, value, (code, state) => {
        const url = new URL('https://app.example.com/oauth/callback?tenant=1');
        url.searchParams.set('code', code);
        url.searchParams.set('state', state);
        expect(parseCallbackUrl(url.href)).toEqual({ ok: true, code, state });
        const handBuilt = `https://app.example.com/cb?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
        expect(parseCallbackUrl(handBuilt)).toEqual({ ok: true, code, state });
      }),
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseCallbackUrl(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('redirectOriginOf', () => {
  it('returns the origin of the redirect_uri inside an authorize URL', () => {
    expect(redirectOriginOf(buildAuthorizeUrl(input))).toBe('https://app.example.com');
    expect(
      redirectOriginOf(buildAuthorizeUrl({ ...input, redirectUri: 'http://localhost:5173/cb' })),
    ).toBe('http://localhost:5173');
  });

  it('is undefined without a usable redirect_uri', () => {
    expect(
      redirectOriginOf('https://login.salesforce.com/services/oauth2/authorize'),
    ).toBeUndefined();
    expect(redirectOriginOf('not a url')).toBeUndefined();
    expect(
      redirectOriginOf(
        'https://login.salesforce.com/services/oauth2/authorize?redirect_uri=javascript%3Aalert(1)',
      ),
    ).toBeUndefined();
    expect(
      redirectOriginOf('https://login.salesforce.com/services/oauth2/authorize?redirect_uri=%2Fcb'),
    ).toBeUndefined();
  });

  it('agrees with the redirect URI used to build the URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (redirectUri) => {
        fc.pre(!redirectUri.includes('#') && !/\s/.test(redirectUri));
        expect(redirectOriginOf(buildAuthorizeUrl({ ...input, redirectUri }))).toBe(
          new URL(redirectUri).origin,
        );
      }),
    );
  });
});
