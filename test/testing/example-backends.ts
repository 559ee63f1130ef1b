import type { StartedBackend } from '../../docs/examples/rest-adapter.conformance.js';
import type {
  ActionResult,
  SalesforceActions,
} from '../../docs/examples/server-actions-adapter.js';
import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory.js';
import { type ConnectErrorCode, toConnectError } from '../../src/core/errors.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import { inProcessFetch } from './in-process-fetch.js';

// Backends for the adapters in docs/examples, each speaking that example's own protocol over the
// memory store, so the documented adapters are run through the conformance suite, not only typed.

const STATUS_BY_CODE: Partial<Record<ConnectErrorCode, number>> = {
  invalid_input: 400,
  invalid_login_url: 400,
  state_mismatch: 400,
  unauthorized: 403,
  not_configured: 409,
};

/** Salesforce's part: approve the authorization named in the authorize URL. */
function approver(memory: MemoryAdapter) {
  return async (authorizeUrl: string) => {
    const state = new URL(authorizeUrl).searchParams.get('state') ?? '';
    const message = memory.simulateCallback({ state, broadcast: false });
    if (!('code' in message) || !message.code) throw new Error('Salesforce sent no code');
    return { code: message.code, state };
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** REST endpoints of the integrator's own design (docs/examples/rest-adapter.ts). */
export async function startOwnRestBackend(): Promise<StartedBackend> {
  const memory = createMemoryAdapter({ latencyMs: 0 });
  const base = '/api/integrations/salesforce';
  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const body =
      request.method === 'GET' || request.method === 'DELETE' ? {} : await request.json();
    const signal = request.signal;
    try {
      switch (`${request.method} ${path}`) {
        case `GET ${base}`:
          return json(200, await memory.getConnection({ signal }));
        case `PUT ${base}/credentials`:
          return json(200, await memory.saveCredentials(body, { signal }));
        case `POST ${base}/oauth/start`:
          return json(200, await memory.startAuthorization(body, { signal }));
        case `POST ${base}/oauth/finish`:
          return json(200, await memory.completeAuthorization(body, { signal }));
        case `DELETE ${base}`:
          return json(200, await memory.disconnect({ signal }));
        default:
          return json(404, { code: 'not_found', message: 'No such route.' });
      }
    } catch (error) {
      const failure = toConnectError(error, 'adapter_error');
      return json(STATUS_BY_CODE[failure.code] ?? 400, failure.toJSON());
    }
  }
  return {
    fetch: inProcessFetch(handle),
    approveAtSalesforce: approver(memory),
    stop: async () => {},
  };
}

const CONNECTION_FIELDS = [
  'status',
  'loginUrl',
  'consumerKeyHint',
  'hasConsumerSecret',
  'connectedAt',
  'updatedAt',
  'scopes',
] as const;

/** What a GraphQL server sends for the CONNECTION selection: every field, null when absent. */
function selectConnection(connection: Connection) {
  const out: Record<string, unknown> = {};
  for (const field of CONNECTION_FIELDS) out[field] = connection[field] ?? null;
  const { org, user, error } = connection;
  out.org = org ? { name: null, isSandbox: null, ...org } : null;
  out.user = user ? { displayName: null, ...user } : null;
  out.error = error ? { code: error.code, message: error.message } : null;
  return out;
}

// Variables as the client sent them; the memory store validates them as a resolver would.
type Variables = Record<string, unknown>;

/** A GraphQL API (docs/examples/graphql-adapter.ts): root fields resolved over the memory store. */
export function startGraphQLBackend() {
  const memory = createMemoryAdapter({ latencyMs: 0 });
  const resolvers: Record<string, (variables: Variables) => Promise<unknown>> = {
    salesforceConnection: async () => selectConnection(await memory.getConnection()),
    saveSalesforceCredentials: async ({ input }) =>
      selectConnection(await memory.saveCredentials(input as CredentialsInput)),
    startSalesforceAuthorization: async (variables) => {
      const start = await memory.startAuthorization(variables as { returnOrigin: string });
      return { expiresAt: null, ...start };
    },
    completeSalesforceAuthorization: async (variables) =>
      selectConnection(
        await memory.completeAuthorization(variables as { code: string; state: string }),
      ),
    disconnectSalesforce: async () => selectConnection(await memory.disconnect()),
  };
  async function handle(request: Request): Promise<Response> {
    const { query, variables } = (await request.json()) as { query: string; variables: Variables };
    const field = Object.keys(resolvers).find((name) => new RegExp(`\\b${name}\\b`).test(query));
    if (!field) {
      return json(400, { errors: [{ message: 'Unknown operation.' }] });
    }
    try {
      const data = await (resolvers[field] as (v: Variables) => Promise<unknown>)(variables);
      return json(200, { data: { [field]: data } });
    } catch (error) {
      const failure = toConnectError(error, 'adapter_error');
      // GraphQL reports errors in the body of an HTTP 200, with the data field null.
      return json(200, {
        data: null,
        errors: [{ message: failure.message, extensions: { code: failure.code } }],
      });
    }
  }
  return {
    memory,
    fetch: inProcessFetch(handle),
    approveAtSalesforce: approver(memory),
  };
}

/** Server actions (docs/examples/server-actions-adapter.ts): no signal reaches them. */
export function startServerActions() {
  const memory = createMemoryAdapter({ latencyMs: 0 });
  const settle = async <T>(work: () => Promise<T>): Promise<ActionResult<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: toConnectError(error).toJSON() };
    }
  };
  const actions: SalesforceActions = {
    getConnection: () => settle(() => memory.getConnection()),
    saveCredentials: (input) => settle(() => memory.saveCredentials(input as CredentialsInput)),
    startAuthorization: (input) => settle(() => memory.startAuthorization(input)),
    completeAuthorization: (input) => settle(() => memory.completeAuthorization(input)),
    disconnect: () => settle(() => memory.disconnect()),
  };
  return { memory, actions, approveAtSalesforce: approver(memory) };
}
