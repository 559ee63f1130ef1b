import { untilAborted } from '../core/cancellation.js';
import { checkConnectionId } from '../core/connection-name.js';
import { CSRF_HEADER } from '../core/csrf.js';
import { abortedError, ConnectError, toConnectError } from '../core/errors.js';
import type { Connection } from '../core/types.js';
import {
  readAuthorizationStart,
  readConnection,
  readConnectionList,
  readErrorBody,
  readSetupInfo,
} from './rest-answers.js';
import type { Awaitable, CompleteAdapter } from './types.js';

export { CSRF_HEADER };

/**
 * Options of {@link createFetchAdapter}.
 *
 * @example
 * const options: FetchAdapterOptions = { baseUrl: '/api/salesforce', timeoutMs: 10_000 };
 */
export interface FetchAdapterOptions {
  /**
   * Where the backend's handler is mounted, absolute or relative to the page, with or without a
   * trailing slash: `https://app.example.com/api/salesforce` or `/api/salesforce`.
   */
  baseUrl: string;
  /** The `fetch` to use; default the global one, looked up at each call. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /**
   * Extra headers on every request, e.g. an `Authorization` bearer token: an object, or a
   * function (possibly async) called before each request so a fresh token is used every time.
   */
  headers?: HeadersInit | (() => Awaitable<HeadersInit>);
  /** Whether cookies go along; default `same-origin`. `include` for a backend on another site. */
  credentials?: RequestCredentials;
  /** Give up after this long and throw `timeout`; default 30 000 ms, `0` for no limit. */
  timeoutMs?: number;
}

/**
 * The fetch adapter: every method of the contract, always present and always async.
 *
 * @example
 * const adapter: FetchAdapter = createFetchAdapter({ baseUrl: '/api/salesforce' });
 * const info = await adapter.getSetupInfo(); // no optional chaining needed
 */
export interface FetchAdapter extends CompleteAdapter {}

type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

interface RequestSpec<T> {
  method: Method;
  path: string;
  body?: unknown;
  /** Reads the answer; undefined means it is not what the contract promises. */
  read: (json: unknown) => T | undefined;
  /** What the answer should have been, for the error message. */
  expected: string;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The adapter for a backend that speaks the kit's REST contract (docs/openapi.yaml), such as the
 * reference server from `salesforce-connect/server`. JSON in and out; error bodies
 * `{ error: { code, message } }` become `ConnectError`s with that code and the HTTP status; a
 * failed request becomes `network`, a slow one `timeout`, an unreadable answer `adapter_error`
 * (status kept); a fired `signal` rejects with `aborted` at once. Mutating requests carry
 * `X-Requested-With: salesforce-connect`. It never logs, and error messages never quote a body.
 *
 * @example
 * const adapter = createFetchAdapter({ baseUrl: '/api/salesforce' });
 * <SalesforceConnect adapter={adapter} />
 *
 * @example
 * // A backend on another origin, behind a bearer token:
 * const adapter = createFetchAdapter({
 *   baseUrl: 'https://api.example.com/integrations/salesforce/',
 *   credentials: 'omit',
 *   headers: async () => ({ Authorization: `Bearer ${await getAccessToken()}` }),
 * });
 */
export function createFetchAdapter(options: FetchAdapterOptions): FetchAdapter {
  if (typeof options?.baseUrl !== 'string' || options.baseUrl.trim() === '') {
    throw new TypeError('createFetchAdapter needs a baseUrl, such as "/api/salesforce".');
  }
  const base = options.baseUrl.trim().replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const credentials = options.credentials ?? 'same-origin';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function headersFor(method: Method, hasBody: boolean): Promise<Headers> {
    const given = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(given);
    headers.set('accept', 'application/json');
    if (hasBody) headers.set('content-type', 'application/json');
    if (method !== 'GET') headers.set(CSRF_HEADER.name, CSRF_HEADER.value);
    return headers;
  }

  async function request<T>(spec: RequestSpec<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) throw abortedError(signal.reason);
    const hasBody = spec.body !== undefined;
    let headers: Headers;
    try {
      headers = await untilAborted(headersFor(spec.method, hasBody), signal);
    } catch (error) {
      throw toConnectError(error, 'adapter_error');
    }

    // One controller for the caller's signal and the timeout, so `fetch` sees a single signal
    // on every platform (AbortSignal.any is not everywhere yet).
    const controller = new AbortController();
    const forward = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0 && timeoutMs < 2 ** 31
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;

    let status: number;
    let text: string;
    try {
      const exchange = (async () => {
        const response = await fetchImpl(`${base}${spec.path}`, {
          method: spec.method,
          headers,
          credentials,
          signal: controller.signal,
          ...(hasBody ? { body: JSON.stringify(spec.body) } : {}),
        });
        return { status: response.status, text: await response.text() };
      })();
      // Even a fetch that ignores its signal cannot hold the caller past an abort or timeout.
      ({ status, text } = await untilAborted(exchange, controller.signal));
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (timedOut) {
        throw new ConnectError(
          'timeout',
          `The server did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`}.`,
          { cause: error },
        );
      }
      throw new ConnectError('network', 'The server could not be reached.', { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }

    const json = parseJson(text);
    if (status < 200 || status > 299) {
      const error = readErrorBody(json);
      if (error) {
        throw new ConnectError(error.code, error.message, {
          status,
          ...(error.salesforceError === undefined
            ? {}
            : { salesforceError: error.salesforceError }),
          ...(error.field === undefined ? {} : { field: error.field }),
          ...(error.connectionId === undefined ? {} : { connectionId: error.connectionId }),
        });
      }
      throw new ConnectError(
        'adapter_error',
        `The server answered ${spec.method} ${spec.path} with HTTP ${status} and no readable error.`,
        { status },
      );
    }
    const value = json === undefined ? undefined : spec.read(json);
    if (value === undefined) {
      throw new ConnectError(
        'adapter_error',
        `The server's answer to ${spec.method} ${spec.path} is not ${spec.expected}.`,
        { status },
      );
    }
    return value;
  }

  const connection = (method: Method, path: string, body?: unknown): RequestSpec<Connection> => ({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    read: readConnection,
    expected: 'a connection',
  });

  /**
   * Where a connection's route lives: the single-connection path when no id is given (so a
   * backend from before several connections keeps working), else under `/connections/:id`.
   * `rest` is what follows `/connection`: `''`, `/credentials`, `/authorize`, …
   */
  const pathFor = (connectionId: string | undefined, rest: string) => {
    if (connectionId === undefined) return `/connection${rest}`;
    return `/connections/${checkConnectionId(connectionId)}${rest}`;
  };

  /** Runs a request whose path depends on the connection id; a bad id rejects, never throws. */
  const call = async <T>(spec: () => RequestSpec<T>, signal: AbortSignal | undefined): Promise<T> =>
    request(spec(), signal);

  return {
    getConnection: ({ signal, connectionId } = {}) =>
      call(() => connection('GET', pathFor(connectionId, '')), signal),

    listConnections: ({ signal } = {}) =>
      request(
        {
          method: 'GET',
          path: '/connections',
          read: readConnectionList,
          expected: 'a list of connections',
        },
        signal,
      ),

    renameConnection: (input, { signal, connectionId } = {}) =>
      call(() => connection('PATCH', pathFor(connectionId, ''), { name: input.name }), signal),

    saveCredentials: (input, { signal, connectionId } = {}) =>
      call(
        () =>
          connection('PUT', pathFor(connectionId, '/credentials'), {
            loginUrl: input.loginUrl,
            consumerKey: input.consumerKey,
            consumerSecret: input.consumerSecret,
            ...(input.name === undefined ? {} : { name: input.name }),
            ...(input.flow === undefined ? {} : { flow: input.flow }),
            ...(input.fields === undefined ? {} : { fields: input.fields }),
          }),
        signal,
      ),

    startAuthorization: (input, { signal, connectionId } = {}) =>
      call(
        () => ({
          method: 'POST',
          path: pathFor(connectionId, '/authorize'),
          body: {
            returnOrigin: input.returnOrigin,
            ...(input.scopes ? { scopes: input.scopes } : {}),
            ...(input.prompt ? { prompt: input.prompt } : {}),
          },
          read: readAuthorizationStart,
          expected: 'an authorization start',
        }),
        signal,
      ),

    completeAuthorization: (input, { signal, connectionId } = {}) =>
      call(
        () =>
          connection('POST', pathFor(connectionId, '/complete'), {
            code: input.code,
            state: input.state,
          }),
        signal,
      ),

    disconnect: ({ signal, connectionId, forgetCredentials } = {}) =>
      call(
        () =>
          connection(
            'DELETE',
            `${pathFor(connectionId, '')}${forgetCredentials ? '?forgetCredentials=true' : ''}`,
          ),
        signal,
      ),

    connectWithClientCredentials: ({ signal, connectionId } = {}) =>
      call(() => connection('POST', pathFor(connectionId, '/client-credentials')), signal),

    resolveOrgChange: (input, { signal, connectionId } = {}) =>
      call(
        () => connection('POST', pathFor(connectionId, '/org-change'), { choice: input.choice }),
        signal,
      ),

    getSetupInfo: ({ signal } = {}) =>
      request(
        { method: 'GET', path: '/setup', read: readSetupInfo, expected: 'setup information' },
        signal,
      ),
  };
}
