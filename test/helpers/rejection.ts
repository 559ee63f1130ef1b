import { ConnectError } from '../../src/core/errors.js';

/**
 * The `ConnectError` a promise rejects with. Fails when it resolves, and rethrows any other
 * rejection, so a test reads the error's code, field and message directly.
 *
 * @example
 * expect((await rejection(adapter.disconnect())).code).toBe('not_connected');
 */
export async function rejection(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    if (ConnectError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
