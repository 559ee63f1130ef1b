import type { SalesforceConnectAdapter } from '../../src/adapters/index.js';
import { ConnectError, throwIfAborted, toConnectError } from '../../src/core/index.js';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * An adapter for REST endpoints of your own: `GET|DELETE {baseUrl}`, `PUT {baseUrl}/credentials`,
 * `POST {baseUrl}/oauth/start`, `POST {baseUrl}/oauth/finish`. They answer the kit's JSON shapes,
 * and errors as `{ "code": "...", "message": "..." }` with a 4xx or 5xx status.
 */
export function createRestAdapter(options: {
  baseUrl: string;
  fetch?: Fetch;
}): SalesforceConnectAdapter {
  const send = options.fetch ?? ((url, init) => fetch(url, init));

  async function call<T>(method: string, path: string, signal?: AbortSignal, body?: unknown) {
    const response = await send(`${options.baseUrl}${path}`, {
      method,
      signal: signal ?? null,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      body: body === undefined ? null : JSON.stringify(body),
    }).catch((error: unknown) => {
      // An AbortError becomes `aborted`; a failed request (TypeError) becomes `network`.
      throw toConnectError(error, 'network');
    });
    const json: unknown = await response.json().catch(() => null);
    throwIfAborted(signal);
    if (response.ok && json !== null) return json as T;
    const error = (json ?? {}) as { code?: unknown; message?: unknown };
    // Unknown codes become `unknown`; a body without one is the server failing.
    throw ConnectError.fromJSON({
      code: error.code ?? 'adapter_error',
      message: error.message ?? `The server answered HTTP ${response.status}.`,
    });
  }

  return {
    getConnection: ({ signal } = {}) => call('GET', '', signal),
    saveCredentials: (input, { signal } = {}) => call('PUT', '/credentials', signal, input),
    startAuthorization: (input, { signal } = {}) => call('POST', '/oauth/start', signal, input),
    completeAuthorization: (input, { signal } = {}) => call('POST', '/oauth/finish', signal, input),
    disconnect: ({ signal } = {}) => call('DELETE', '', signal),
  };
}
