import { ConnectError } from '../core/errors.js';
import {
  type ConnectHandler,
  type ConnectHandlerOptions,
  createConnectHandler,
} from './handler.js';
import { errorResponse } from './http.js';

/**
 * A request handler that builds the real one on its first request. Everything `createConnectHandler`
 * offers, reached through `handler()`.
 *
 * @example
 * const session = await (await salesforce.handler()).getSalesforceSession({ tenant });
 */
export interface LazyConnectHandler {
  (request: Request): Promise<Response>;
  /** The handler, built now if no request built it yet (throws what building it throws). */
  handler(): Promise<ConnectHandler>;
  /** `getSalesforceSession` of the handler, built first if need be. */
  getSalesforceSession: ConnectHandler['getSalesforceSession'];
}

/**
 * `createConnectHandler`, deferred to the first request: module scope reads no secret, so a
 * build step that imports the route (`next build` collecting routes) works on a machine without
 * `SALESFORCE_CONNECT_KEY`. Concurrent first requests share one build. When building fails (a
 * missing key), that request answers 500 `not_configured` without the reason, the reason goes
 * to `console.error`, and the next request tries again, so a fixed environment needs no restart.
 *
 * @example
 * // app/api/salesforce/[...path]/route.ts
 * import { createLazyConnectHandler, createPostgresStore } from 'salesforce-connect/server';
 *
 * const handler = createLazyConnectHandler(() => ({
 *   store: createPostgresStore(pool),
 *   encryptionKey: requiredEnv('SALESFORCE_CONNECT_KEY'),
 *   publicUrl: `${requiredEnv('APP_URL')}/api/salesforce`,
 *   allowedOrigins: [requiredEnv('APP_URL')],
 *   resolveTenant: async (request) => (await getSession(request))?.workspaceId,
 * }));
 * export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
 */
export function createLazyConnectHandler(
  getOptions: () => ConnectHandlerOptions | Promise<ConnectHandlerOptions>,
): LazyConnectHandler {
  let building: Promise<ConnectHandler> | undefined;

  const handler = () => {
    building ??= Promise.resolve()
      .then(getOptions)
      .then(createConnectHandler)
      .catch((error: unknown) => {
        building = undefined;
        throw error;
      });
    return building;
  };

  const lazy = async (request: Request): Promise<Response> => {
    let built: ConnectHandler;
    try {
      built = await handler();
    } catch (error) {
      // The integrator's configuration message (never a key: the handler's checks describe, not
      // quote) belongs in the server log, not in the admin's browser.
      console.error(
        'salesforce-connect: the handler could not be created:',
        error instanceof Error ? error.message : error,
      );
      return errorResponse(
        new ConnectError(
          'not_configured',
          'The Salesforce connection is not set up on this server yet. Try again later.',
        ),
        500,
      );
    }
    return built(request);
  };
  return Object.assign(lazy, {
    handler,
    getSalesforceSession: async (input: Parameters<ConnectHandler['getSalesforceSession']>[0]) =>
      (await handler()).getSalesforceSession(input),
  });
}
