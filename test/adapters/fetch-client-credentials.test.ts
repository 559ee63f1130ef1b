import { describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, createFetchAdapter } from '../../src/adapters/fetch.js';
import { ConnectError } from '../../src/core/errors.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('fetch adapter: the client credentials flow', () => {
  it('posts Connect to /connection/client-credentials with the CSRF header and reads the flow', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) =>
      json(200, {
        status: 'connected',
        flow: 'client-credentials',
        user: { id: '005xx0000012345AAA', username: 'integration@acme.example' },
      }),
    );
    const adapter = createFetchAdapter({ baseUrl: 'https://app.example.com/api/sf', fetch });
    const connection = await adapter.connectWithClientCredentials();
    expect(connection).toMatchObject({
      status: 'connected',
      flow: 'client-credentials',
      user: { username: 'integration@acme.example' },
    });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('https://app.example.com/api/sf/connection/client-credentials');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get(CSRF_HEADER.name)).toBe(CSRF_HEADER.value);
    expect(init.body).toBeUndefined();
  });

  it('sends the flow with the credentials, and keeps the field of a refusal', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) =>
      json(400, {
        error: {
          code: 'generic_login_host',
          message: 'login.salesforce.com can’t be used here…',
          field: 'loginUrl',
        },
      }),
    );
    const adapter = createFetchAdapter({ baseUrl: '/api/sf', fetch });
    const error = await adapter
      .saveCredentials({
        loginUrl: 'https://login.salesforce.com',
        consumerKey: '3MVG9key',
        consumerSecret: 'secret-1234567890',
        flow: 'client-credentials',
      })
      .catch((caught: unknown) => caught);
    expect(ConnectError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'generic_login_host', field: 'loginUrl', status: 400 });
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toMatchObject({ flow: 'client-credentials' });
  });

  it('sends no flow for the popup flow, as before', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) =>
      json(200, { status: 'configured' }),
    );
    const adapter = createFetchAdapter({ baseUrl: '/api/sf', fetch });
    await adapter.saveCredentials({
      loginUrl: 'https://login.salesforce.com',
      consumerKey: '3MVG9key',
      consumerSecret: 'secret-1234567890',
    });
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(JSON.parse(String(init.body))).not.toHaveProperty('flow');
  });
});
