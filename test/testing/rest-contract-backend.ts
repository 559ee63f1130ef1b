import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory.js';
import { ConnectError, type ConnectErrorCode, toConnectError } from '../../src/core/errors.js';
import { inProcessFetch } from './in-process-fetch.js';

/**
 * A small backend that speaks the REST contract of docs/openapi.yaml as a Fetch-API handler, with
 * the memory adapter as its store. It is how the fetch adapter is tested end to end without the
 * reference server: every answer comes from real routing, validation and state, not from a script.
 */

const STATUS_BY_CODE: Partial<Record<ConnectErrorCode, number>> = {
  invalid_input: 400,
  invalid_login_url: 400,
  state_mismatch: 400,
  unauthorized: 403,
  not_configured: 409,
  network: 502,
  adapter_error: 500,
  salesforce_unavailable: 503,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

const errorResponse = (error: ConnectError) =>
  json(error.status ?? STATUS_BY_CODE[error.code] ?? 400, { error: error.toJSON() });

export interface RestContractBackend {
  /** The store behind the routes: use it to play Salesforce (`simulateCallback`) or set scenarios. */
  memory: MemoryAdapter;
  /** The handler itself. */
  handle(request: Request): Promise<Response>;
  /** A `fetch` that sends every request to the handler, as the browser would send it to the server. */
  fetch(input: string, init: RequestInit): Promise<Response>;
  /** Every request the handler received, in order. */
  requests: Request[];
}

export function createRestContractBackend(
  options: { memory?: MemoryAdapter; origin?: string; basePath?: string } = {},
): RestContractBackend {
  const memory = options.memory ?? createMemoryAdapter({ latencyMs: 0 });
  const origin = options.origin ?? 'https://app.example.com';
  const basePath = options.basePath ?? '/api/salesforce';
  const requests: Request[] = [];

  async function readBody(request: Request): Promise<Record<string, unknown>> {
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new ConnectError('invalid_input', 'Send the body as application/json.');
    }
    try {
      const body: unknown = await request.json();
      if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
    } catch {
      // Reported below.
    }
    throw new ConnectError('invalid_input', 'The body is not a JSON object.');
  }

  async function route(request: Request): Promise<unknown> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(basePath)) return undefined;
    const path = url.pathname.slice(basePath.length);
    const signal = request.signal;
    if (
      request.method !== 'GET' &&
      request.headers.get('x-requested-with') !== 'salesforce-connect'
    ) {
      throw new ConnectError('unauthorized', 'Mutating requests need X-Requested-With.');
    }
    const route = `${request.method} ${path}`;
    switch (route) {
      case 'GET /connection':
        return memory.getConnection({ signal });
      case 'PUT /connection/credentials': {
        const body = await readBody(request);
        return memory.saveCredentials(
          {
            loginUrl: body.loginUrl as string,
            consumerKey: body.consumerKey as string,
            consumerSecret: body.consumerSecret as string,
            ...(body.flow === undefined ? {} : { flow: body.flow as 'client-credentials' }),
          },
          { signal },
        );
      }
      case 'POST /connection/client-credentials':
        return memory.connectWithClientCredentials({ signal });
      case 'POST /connection/authorize': {
        const body = await readBody(request);
        return memory.startAuthorization({ returnOrigin: body.returnOrigin as string }, { signal });
      }
      case 'POST /connection/complete': {
        const body = await readBody(request);
        return memory.completeAuthorization(
          { code: body.code as string, state: body.state as string },
          { signal },
        );
      }
      case 'POST /connection/org-change': {
        const body = await readBody(request);
        return memory.resolveOrgChange(
          { choice: body.choice as 'keep_new' | 'keep_previous' },
          { signal },
        );
      }
      case 'DELETE /connection':
        return memory.disconnect({ signal });
      case 'GET /setup':
        return memory.getSetupInfo({ signal });
      default:
        return undefined;
    }
  }

  async function handle(request: Request): Promise<Response> {
    requests.push(request.clone());
    try {
      const answer = await route(request);
      if (answer === undefined) {
        return json(404, { error: { code: 'unknown', message: 'No such route.' } });
      }
      return json(200, answer);
    } catch (error) {
      return errorResponse(toConnectError(error, 'adapter_error'));
    }
  }

  return {
    memory,
    handle,
    requests,
    fetch: inProcessFetch(handle, origin),
  };
}
