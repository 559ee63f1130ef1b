import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import { preflightCredentials } from '../../src/server/preflight.js';

const input = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey: `3MVG9${'a'.repeat(80)}`,
  redirectUri: 'https://app.example.com/api/salesforce/oauth/callback',
  scopes: ['api', 'refresh_token'],
};

/** A fetch that answers every request with `answer` and records what it was asked. */
function answering(answer: () => Response | Promise<Response>) {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    seen.push({ url, init });
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

describe('preflightCredentials', () => {
  it('GETs the real authorize URL (PKCE, scopes, exact callback) without following redirects', async () => {
    const { fetch, seen } = answering(
      () => new Response(null, { status: 302, headers: { location: '/?startURL=x' } }),
    );
    await preflightCredentials({ ...input, fetch });
    const [call] = seen;
    expect(call?.init?.redirect).toBe('manual');
    expect(call?.init?.method).toBe('GET');
    const url = new URL(call?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      'https://acme.my.salesforce.com/services/oauth2/authorize',
    );
    expect(url.searchParams.get('redirect_uri')).toBe(input.redirectUri);
    expect(url.searchParams.get('client_id')).toBe(input.consumerKey);
    expect(url.searchParams.get('scope')).toBe('api refresh_token');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('never calls a clean answer fine: a redirect to the login page is not_verified', async () => {
    const { fetch } = answering(
      () => new Response(null, { status: 302, headers: { location: '/?startURL=x' } }),
    );
    expect(await preflightCredentials({ ...input, fetch })).toEqual({
      outcome: 'not_verified',
      reason: 'no_error_seen',
    });
  });

  it('reads invalid_client_id from the Location of a redirect to the error page', async () => {
    const { fetch } = answering(
      () =>
        new Response(null, {
          status: 302,
          headers: {
            location:
              'https://acme.my.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?display=page&error=invalid_client_id&error_description=client%20identifier%20invalid',
          },
        }),
    );
    const result = await preflightCredentials({ ...input, fetch });
    expect(result.outcome).toBe('problem');
    const error = result.outcome === 'problem' ? result.error : undefined;
    expect(error?.toJSON()).toEqual({
      code: 'invalid_client_id',
      message: expect.stringMatching(
        /Consumer Key.*\(invalid_client_id: client identifier invalid\)$/,
      ),
      salesforceError: 'invalid_client_id',
    });
  });

  it('reads redirect_uri_mismatch from the body of an error page', async () => {
    const { fetch } = answering(
      () =>
        new Response(
          '<html><body><p>error=redirect_uri_mismatch&amp;error_description=redirect_uri%20must%20match%20configuration</p></body></html>',
          { status: 400 },
        ),
    );
    const result = await preflightCredentials({ ...input, fetch });
    expect(result.outcome === 'problem' && result.error.code).toBe('redirect_uri_mismatch');
  });

  it('ignores "error" in the scripts of a normal login page', async () => {
    const page =
      '<html><script>var config = {"error": "none", onError: function (error) { log(error); }};</script><form>Username</form></html>';
    const { fetch } = answering(() => new Response(page, { status: 200 }));
    expect(await preflightCredentials({ ...input, fetch })).toEqual({
      outcome: 'not_verified',
      reason: 'no_error_seen',
    });
  });

  it('calls a 404 at the authorize path "not a Salesforce login server"', async () => {
    const { fetch } = answering(() => new Response('Not Found', { status: 404 }));
    const result = await preflightCredentials({ ...input, fetch });
    expect(result.outcome === 'problem' && result.error.code).toBe('invalid_login_url');
    expect(result.outcome === 'problem' && result.error.message).toMatch(
      /^acme\.my\.salesforce\.com is not a Salesforce login server/,
    );
  });

  it('reports network failures, timeouts and server errors as not_verified, never as problems', async () => {
    const refused = answering(() => Promise.reject(new TypeError('fetch failed')));
    expect(await preflightCredentials({ ...input, fetch: refused.fetch })).toEqual({
      outcome: 'not_verified',
      reason: 'unreachable',
    });
    const hanging = (async (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      })) as unknown as typeof fetch;
    expect(await preflightCredentials({ ...input, fetch: hanging, timeoutMs: 5 })).toEqual({
      outcome: 'not_verified',
      reason: 'unreachable',
    });
    const broken = answering(() => new Response('oops', { status: 503 }));
    expect(await preflightCredentials({ ...input, fetch: broken.fetch })).toEqual({
      outcome: 'not_verified',
      reason: 'unexpected_answer',
    });
  });

  it('rejects with aborted when the caller gives up', async () => {
    const controller = new AbortController();
    const hanging = (async (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
        controller.abort();
      })) as unknown as typeof fetch;
    const failure = await preflightCredentials({
      ...input,
      fetch: hanging,
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(ConnectError.is(failure) && failure.code).toBe('aborted');
  });
});
