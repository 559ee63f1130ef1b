import type { SalesforceConnectAdapter } from '../../src/adapters/index.js';
import {
  ConnectError,
  type ConnectErrorCode,
  throwIfAborted,
  toConnectError,
} from '../../src/core/index.js';
import { DOCUMENTS } from './graphql-documents.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
type Answer = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: object }[];
};
// GraphQL answers `null` for absent fields; the kit's types leave them out.
const parse = (text: string): Answer => JSON.parse(text || '{}', (_, value) => value ?? undefined);
// An AbortError becomes `aborted` whatever the fallback code.
const fail = (code: ConnectErrorCode) => (error: unknown) =>
  Promise.reject(toConnectError(error, code));

/** An adapter for a GraphQL API whose errors carry the kit's code in `extensions.code`. */
export function createGraphQLAdapter(options: {
  endpoint: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}): SalesforceConnectAdapter {
  const send = options.fetch ?? ((url, init) => fetch(url, init));

  async function run<T>(query: string, variables: object, signal: AbortSignal | undefined) {
    const body = JSON.stringify({ query, variables });
    const init = { method: 'POST', headers: JSON_HEADERS, body, signal: signal ?? null };
    const response = await send(options.endpoint, init).catch(fail('network'));
    const answer = await response.text().then(parse).catch(fail('adapter_error'));
    throwIfAborted(signal);
    const [error] = answer.errors ?? [];
    if (error) throw ConnectError.fromJSON({ ...error.extensions, message: error.message });
    const [data] = Object.values(answer.data ?? {});
    if (data === undefined) throw new ConnectError('adapter_error', 'No data in the answer.');
    return data as T;
  }

  return {
    getConnection: ({ signal } = {}) => run(DOCUMENTS.connection, {}, signal),
    saveCredentials: (input, { signal } = {}) => run(DOCUMENTS.save, { input }, signal),
    startAuthorization: (input, { signal } = {}) => run(DOCUMENTS.start, input, signal),
    completeAuthorization: (input, { signal } = {}) => run(DOCUMENTS.complete, input, signal),
    disconnect: ({ signal } = {}) => run(DOCUMENTS.disconnect, {}, signal),
  };
}
