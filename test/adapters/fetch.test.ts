import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createFetchAdapter, type FetchAdapterOptions } from '../../src/adapters/fetch.js';
import { ConnectError } from '../../src/core/errors.js';
import type { CredentialsInput } from '../../src/core/types.js';
import { rejection } from '../helpers/rejection.js';
import { createRestContractBackend } from '../testing/rest-contract-backend.js';

const credentials: CredentialsInput = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey:
    '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
  consumerSecret: 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90',
};

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A fetch that records what it was sent and answers with `respond` (a Response, or a function
 * of the request). Used where the subject is how the adapter reads one particular answer.
 */
function recordingFetch(respond: Response | ((sent: Sent) => Response | Promise<Response>)) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const record: Sent = {
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      credentials: init.credentials,
      signal: init.signal ?? undefined,
    };
    sent.push(record);
    return typeof respond === 'function' ? respond(record) : respond.clone();
  });
  return { fetch, sent };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const connected = {
  status: 'connected',
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKeyHint: 'Aejq',
  hasConsumerSecret: true,
  org: { id: '00D5g00000ACMEdEAA', instanceUrl: 'https://acme.my.salesforce.com' },
  user: { id: '0055g00000ADMNdAAB', username: 'admin@acme.example.com' },
  scopes: ['api', 'refresh_token'],
  connectedAt: '2026-01-15T09:31:00.000Z',
};

const adapterWith = (
  fetch: NonNullable<FetchAdapterOptions['fetch']>,
  options: Omit<FetchAdapterOptions, 'baseUrl' | 'fetch'> = {},
) => createFetchAdapter({ baseUrl: 'https://app.example.com/api/salesforce', fetch, ...options });

let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => {}),
  );
});
afterEach(() => {
  // Whatever happened in the test, the adapter said nothing: bodies may hold a secret.
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('requests', () => {
  it('speaks the REST contract: one method and path per call, JSON bodies with only contract fields', async () => {
    const { fetch, sent } = recordingFetch((request) =>
      request.url.endsWith('/authorize')
        ? jsonResponse(200, {
            authorizeUrl: 'https://login.salesforce.com/x',
            state: 's'.repeat(43),
          })
        : request.url.endsWith('/setup')
          ? jsonResponse(200, { callbackUrls: ['https://app.example.com/cb'] })
          : jsonResponse(200, connected),
    );
    const adapter = adapterWith(fetch);
    await adapter.getConnection();
    await adapter.saveCredentials({ ...credentials, extra: 'not sent' } as CredentialsInput);
    await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' });
    await adapter.startAuthorization({
      returnOrigin: 'https://app.example.com',
      scopes: ['api'],
      prompt: 'login',
    });
    await adapter.completeAuthorization({ code: 'c0de', state: 's'.repeat(43) });
    await adapter.disconnect();
    await adapter.getSetupInfo();
    const base = 'https://app.example.com/api/salesforce';
    expect(sent.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: `${base}/connection`, body: undefined },
      { method: 'PUT', url: `${base}/connection/credentials`, body: credentials },
      {
        method: 'POST',
        url: `${base}/connection/authorize`,
        body: { returnOrigin: 'https://app.example.com' },
      },
      {
        method: 'POST',
        url: `${base}/connection/authorize`,
        body: { returnOrigin: 'https://app.example.com', scopes: ['api'], prompt: 'login' },
      },
      {
        method: 'POST',
        url: `${base}/connection/complete`,
        body: { code: 'c0de', state: 's'.repeat(43) },
      },
      { method: 'DELETE', url: `${base}/connection`, body: undefined },
      { method: 'GET', url: `${base}/setup`, body: undefined },
    ]);
  });

  it('sends the CSRF header on mutating requests only, and JSON content type only with a body', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    const adapter = adapterWith(fetch);
    await adapter.getConnection();
    await adapter.saveCredentials(credentials);
    await adapter.disconnect();
    expect(
      sent.map((request) => [
        request.method,
        request.headers['x-requested-with'],
        request.headers['content-type'],
        request.headers.accept,
      ]),
    ).toEqual([
      ['GET', undefined, undefined, 'application/json'],
      ['PUT', 'salesforce-connect', 'application/json', 'application/json'],
      ['DELETE', 'salesforce-connect', undefined, 'application/json'],
    ]);
  });

  it.each([
    'https://app.example.com/api/salesforce',
    'https://app.example.com/api/salesforce/',
    'https://app.example.com/api/salesforce//',
  ])('joins %s and the path with exactly one slash', async (baseUrl) => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    await createFetchAdapter({ baseUrl, fetch }).getConnection();
    expect(sent[0]?.url).toBe('https://app.example.com/api/salesforce/connection');
  });

  it('keeps a relative base URL relative, for a backend on the page’s origin', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    await createFetchAdapter({ baseUrl: '/api/salesforce/', fetch }).getConnection();
    expect(sent[0]?.url).toBe('/api/salesforce/connection');
  });

  it('sends cookies same-origin by default, or as configured', async () => {
    const first = recordingFetch(() => jsonResponse(200, connected));
    await adapterWith(first.fetch).getConnection();
    const second = recordingFetch(() => jsonResponse(200, connected));
    await adapterWith(second.fetch, { credentials: 'include' }).getConnection();
    expect([first.sent[0]?.credentials, second.sent[0]?.credentials]).toEqual([
      'same-origin',
      'include',
    ]);
  });

  it('merges headers given as an object on every request, without letting them drop the CSRF header', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    const adapter = adapterWith(fetch, {
      headers: { Authorization: 'Bearer t0k', 'X-Requested-With': 'something-else' },
    });
    await adapter.getConnection();
    await adapter.disconnect();
    expect(sent.map((r) => [r.headers.authorization, r.headers['x-requested-with']])).toEqual([
      ['Bearer t0k', 'something-else'],
      ['Bearer t0k', 'salesforce-connect'],
    ]);
  });

  it('calls a headers function before every request, so a refreshed token is used', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    let token = 0;
    const adapter = adapterWith(fetch, {
      headers: async () => ({ Authorization: `Bearer ${++token}` }),
    });
    await adapter.getConnection();
    await adapter.getConnection();
    expect(sent.map((r) => r.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('reports a failing headers function as adapter_error, without calling fetch', async () => {
    const { fetch } = recordingFetch(() => jsonResponse(200, connected));
    const adapter = adapterWith(fetch, {
      headers: () => {
        throw new Error('no session');
      },
    });
    const error = await rejection(adapter.getConnection());
    expect([error.code, error.message]).toEqual(['adapter_error', 'no session']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses the global fetch when none is given, looked up at call time', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, connected));
    const adapter = createFetchAdapter({ baseUrl: '/api/salesforce' });
    vi.stubGlobal('fetch', fetch);
    try {
      await adapter.getConnection();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(sent).toHaveLength(1);
  });

  it('needs a base URL', () => {
    expect(() => createFetchAdapter({ baseUrl: ' ' })).toThrow(/baseUrl/);
  });
});

describe('answers', () => {
  it('reads a connection and keeps only the fields the kit knows', async () => {
    const { fetch } = recordingFetch(
      jsonResponse(200, {
        ...connected,
        accessToken: '00D!secret',
        consumerSecret: 'x',
        org: { ...connected.org, name: null },
      }),
    );
    const connection = await adapterWith(fetch).getConnection();
    expect(connection).toEqual(connected);
  });

  it('reads an error code the kit does not know as unknown', async () => {
    const { fetch } = recordingFetch(
      jsonResponse(200, { status: 'error', error: { code: 'teapot', message: 'Short and stout' } }),
    );
    expect((await adapterWith(fetch).getConnection()).error).toEqual({
      code: 'unknown',
      message: 'Short and stout',
    });
  });

  it.each([
    ['an unknown status', jsonResponse(200, { status: 'maybe' })],
    ['an array', jsonResponse(200, [connected])],
    ['an HTML page', new Response('<!doctype html><p>Sign in</p>', { status: 200 })],
    ['an empty body', new Response('', { status: 200 })],
  ])('turns %s with HTTP 200 into adapter_error, status kept', async (_, response) => {
    const { fetch } = recordingFetch(response);
    const error = await rejection(adapterWith(fetch).getConnection());
    expect([error.code, error.status]).toEqual(['adapter_error', 200]);
    expect(error.message).toBe("The server's answer to GET /connection is not a connection.");
  });

  it('refuses an authorization start without an authorize URL', async () => {
    const { fetch } = recordingFetch(jsonResponse(200, { state: 'abc' }));
    const error = await rejection(
      adapterWith(fetch).startAuthorization({ returnOrigin: 'https://app.example.com' }),
    );
    expect(error.code).toBe('adapter_error');
  });
});

describe('errors', () => {
  it('turns a JSON error body into a ConnectError with its code, message, Salesforce error and status', async () => {
    const { fetch } = recordingFetch(
      jsonResponse(400, {
        error: {
          code: 'invalid_client',
          message: 'Salesforce refused the Consumer Secret.',
          salesforceError: 'invalid_client',
        },
      }),
    );
    const error = await rejection(
      adapterWith(fetch).completeAuthorization({ code: 'c', state: 's' }),
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect({
      code: error.code,
      message: error.message,
      salesforceError: error.salesforceError,
      status: error.status,
    }).toEqual({
      code: 'invalid_client',
      message: 'Salesforce refused the Consumer Secret.',
      salesforceError: 'invalid_client',
      status: 400,
    });
  });

  it('reads an unknown error code as unknown, keeping the status', async () => {
    const { fetch } = recordingFetch(
      jsonResponse(418, { error: { code: 'teapot', message: 'No' } }),
    );
    const error = await rejection(adapterWith(fetch).getConnection());
    expect([error.code, error.status]).toEqual(['unknown', 418]);
  });

  it('turns an HTML 502 from a proxy into adapter_error with the status, never quoting the page', async () => {
    const page = '<html><body>Bad Gateway: upstream said consumerSecret=A1B2C3</body></html>';
    const { fetch } = recordingFetch(new Response(page, { status: 502 }));
    const error = await rejection(adapterWith(fetch).saveCredentials(credentials));
    expect([error.code, error.status]).toEqual(['adapter_error', 502]);
    expect(error.message).toBe(
      'The server answered PUT /connection/credentials with HTTP 502 and no readable error.',
    );
  });

  it('turns a JSON error body without the contract shape into adapter_error', async () => {
    const { fetch } = recordingFetch(jsonResponse(500, { message: 'Internal Server Error' }));
    const error = await rejection(adapterWith(fetch).getConnection());
    expect([error.code, error.status]).toEqual(['adapter_error', 500]);
  });

  it('turns a failed request (TypeError from fetch) into network, keeping the cause', async () => {
    const failure = new TypeError('fetch failed');
    const adapter = adapterWith(async () => {
      throw failure;
    });
    const error = await rejection(adapter.getConnection());
    expect([error.code, error.cause]).toEqual(['network', failure]);
    expect(error.status).toBeUndefined();
  });

  it('gives up after timeoutMs with timeout, even when fetch ignores its signal', async () => {
    vi.useFakeTimers();
    const adapter = adapterWith(() => new Promise<Response>(() => {}), { timeoutMs: 5000 });
    let outcome = 'pending';
    void rejection(adapter.getConnection()).then((error) => {
      outcome = `${error.code}: ${error.message}`;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('timeout: The server did not answer within 5 seconds.');
  });

  it('times out after 30 seconds by default, and aborts the fetch it gave up on', async () => {
    vi.useFakeTimers();
    const { fetch, sent } = recordingFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal?.addEventListener('abort', () => reject(request.signal?.reason)),
        ),
    );
    const pending = rejection(adapterWith(fetch).getConnection());
    await vi.advanceTimersByTimeAsync(30_000);
    expect((await pending).code).toBe('timeout');
    expect(sent[0]?.signal?.aborted).toBe(true);
  });

  it('clears its timer once answered', async () => {
    vi.useFakeTimers();
    const { fetch } = recordingFetch(() => jsonResponse(200, connected));
    await adapterWith(fetch).getConnection();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with aborted when the caller aborts, passing the abort on to fetch', async () => {
    const { fetch, sent } = recordingFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal?.addEventListener('abort', () =>
            reject(new DOMException('The operation was aborted.', 'AbortError')),
          ),
        ),
    );
    const controller = new AbortController();
    const pending = rejection(adapterWith(fetch).getConnection({ signal: controller.signal }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    controller.abort();
    expect((await pending).code).toBe('aborted');
    expect(sent[0]?.signal?.aborted).toBe(true);
  });

  it('rejects with aborted at once even when fetch ignores the signal', async () => {
    const { fetch, sent } = recordingFetch(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = rejection(adapterWith(fetch).disconnect({ signal: controller.signal }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    controller.abort();
    expect((await pending).code).toBe('aborted');
  });

  it('does not call fetch at all for a pre-aborted signal', async () => {
    const { fetch } = recordingFetch(() => jsonResponse(200, connected));
    const error = await rejection(
      adapterWith(fetch).saveCredentials(credentials, { signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('against a backend that implements the contract', () => {
  it('carries the server’s validation errors through with their HTTP status', async () => {
    const backend = createRestContractBackend();
    const adapter = createFetchAdapter({ baseUrl: '/api/salesforce', fetch: backend.fetch });
    const early = await rejection(
      adapter.startAuthorization({ returnOrigin: 'https://app.example.com' }),
    );
    expect([early.code, early.status]).toEqual(['not_configured', 409]);
    const bad = await rejection(adapter.saveCredentials({ ...credentials, consumerKey: '' }));
    expect([bad.code, bad.status]).toEqual(['invalid_input', 400]);
  });

  it('is refused by the server without the CSRF header: proof the header is what lets it in', async () => {
    const backend = createRestContractBackend();
    const bare = await backend.fetch('/api/salesforce/connection', { method: 'DELETE' });
    expect(bare.status).toBe(403);
    const adapter = createFetchAdapter({ baseUrl: '/api/salesforce', fetch: backend.fetch });
    expect((await adapter.disconnect()).status).toBe('disconnected');
  });

  it('never sends the secret anywhere but the credentials request body', async () => {
    const backend = createRestContractBackend();
    const adapter = createFetchAdapter({ baseUrl: '/api/salesforce', fetch: backend.fetch });
    await adapter.saveCredentials(credentials);
    await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' });
    await adapter.getConnection();
    const carrying = [];
    for (const request of backend.requests) {
      const text = `${request.url} ${JSON.stringify([...request.headers])} ${await request.text()}`;
      if (text.includes(credentials.consumerSecret))
        carrying.push(`${request.method} ${request.url}`);
    }
    expect(carrying).toEqual(['PUT https://app.example.com/api/salesforce/connection/credentials']);
  });
});

describe('several connections', () => {
  const base = 'https://app.example.com/api/salesforce';
  const reply = (request: Sent) =>
    request.url.endsWith('/authorize')
      ? jsonResponse(200, { authorizeUrl: 'https://login.salesforce.com/x', state: 's'.repeat(43) })
      : request.url.endsWith('/connections')
        ? jsonResponse(200, { connections: [{ id: 'default', ...connected }] })
        : jsonResponse(200, { id: 'uat', ...connected });

  it('sends a named connection to /connections/:id…, and the single-connection paths without one', async () => {
    const { fetch, sent } = recordingFetch(reply);
    const adapter = adapterWith(fetch);
    const uat = { connectionId: 'uat' };
    await adapter.getConnection(uat);
    await adapter.saveCredentials({ ...credentials, name: 'UAT', flow: 'authorization-code' }, uat);
    await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' }, uat);
    await adapter.completeAuthorization({ code: 'c0de', state: 's'.repeat(43) }, uat);
    await adapter.resolveOrgChange({ choice: 'keep_previous' }, uat);
    await adapter.renameConnection({ name: 'UAT sandbox' }, uat);
    await adapter.disconnect(uat);
    await adapter.disconnect({ ...uat, forgetCredentials: true });
    await adapter.renameConnection({ name: 'Production' });
    await adapter.disconnect({ forgetCredentials: true });
    await adapter.listConnections();
    expect(sent.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: `${base}/connections/uat`, body: undefined },
      {
        method: 'PUT',
        url: `${base}/connections/uat/credentials`,
        body: { ...credentials, name: 'UAT', flow: 'authorization-code' },
      },
      {
        method: 'POST',
        url: `${base}/connections/uat/authorize`,
        body: { returnOrigin: 'https://app.example.com' },
      },
      {
        method: 'POST',
        url: `${base}/connections/uat/complete`,
        body: { code: 'c0de', state: 's'.repeat(43) },
      },
      {
        method: 'POST',
        url: `${base}/connections/uat/org-change`,
        body: { choice: 'keep_previous' },
      },
      { method: 'PATCH', url: `${base}/connections/uat`, body: { name: 'UAT sandbox' } },
      { method: 'DELETE', url: `${base}/connections/uat`, body: undefined },
      { method: 'DELETE', url: `${base}/connections/uat?forgetCredentials=true`, body: undefined },
      { method: 'PATCH', url: `${base}/connection`, body: { name: 'Production' } },
      { method: 'DELETE', url: `${base}/connection?forgetCredentials=true`, body: undefined },
      { method: 'GET', url: `${base}/connections`, body: undefined },
    ]);
    // PATCH is a mutating request: it carries the CSRF header.
    expect(
      sent.filter((r) => r.method === 'PATCH').map((r) => r.headers['x-requested-with']),
    ).toEqual(['salesforce-connect', 'salesforce-connect']);
  });

  it('refuses a malformed id with invalid_input and sends nothing', async () => {
    const { fetch, sent } = recordingFetch(reply);
    const adapter = adapterWith(fetch);
    for (const connectionId of ['UAT', '../setup', 'a b', '']) {
      const refused = await rejection(adapter.getConnection({ connectionId }));
      expect(refused.code).toBe('invalid_input');
    }
    expect(sent).toEqual([]);
  });

  it('reads ids, names, flows and fields, and a list of connections; a list with a broken entry is unreadable', async () => {
    const fields = { region: 'emea', teams: ['a', 'b'], sync: true, bad: 3 };
    const { fetch } = recordingFetch(
      jsonResponse(200, {
        connections: [
          { id: 'default', name: 'Production', flow: 'authorization-code', ...connected },
          {
            id: 'uat',
            name: 'UAT',
            flow: 'nonsense',
            fields,
            savedSecretFields: ['apiToken'],
            status: 'configured',
          },
        ],
      }),
    );
    const list = await adapterWith(fetch).listConnections();
    expect(list[0]).toMatchObject({
      id: 'default',
      name: 'Production',
      flow: 'authorization-code',
    });
    expect(list[1]).toEqual({
      id: 'uat',
      name: 'UAT',
      status: 'configured',
      fields: { region: 'emea', teams: ['a', 'b'], sync: true },
      savedSecretFields: ['apiToken'],
    });
    const broken = recordingFetch(
      jsonResponse(200, { connections: [{ id: 'default', ...connected }, { id: 'x' }] }),
    );
    expect((await rejection(adapterWith(broken.fetch).listConnections())).code).toBe(
      'adapter_error',
    );
  });

  it('keeps the field an error is about, so a form can show it beside that input', async () => {
    const { fetch } = recordingFetch(
      jsonResponse(400, {
        error: { code: 'invalid_input', message: 'Give the connection a name.', field: 'name' },
      }),
    );
    const refused = await rejection(adapterWith(fetch).renameConnection({ name: ' ' }));
    expect([refused.code, refused.field, refused.status]).toEqual(['invalid_input', 'name', 400]);
  });

  it('carries connection_limit from a backend that implements the contract, storing nothing', async () => {
    const backend = createRestContractBackend();
    const adapter = createFetchAdapter({ baseUrl: '/api/salesforce', fetch: backend.fetch });
    for (const connectionId of ['a', 'b', 'c']) {
      await adapter.saveCredentials(credentials, { connectionId });
    }
    const refused = await rejection(adapter.saveCredentials(credentials, { connectionId: 'd' }));
    expect([refused.code, refused.status]).toEqual(['connection_limit', 409]);
    expect((await adapter.listConnections()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});
