import { type SalesforceConnectAdapter, untilAborted } from '../../src/adapters/index.js';
import {
  type AuthorizationStart,
  ConnectError,
  type ConnectErrorJSON,
  type Connection,
  type CredentialsInput,
  throwIfAborted,
  toConnectError,
} from '../../src/core/index.js';

/** What each server action returns: thrown errors lose their message on the way to the client. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ConnectErrorJSON };

/** Your `'use server'` functions, imported into the client component that renders the kit. */
export interface SalesforceActions {
  getConnection(): Promise<ActionResult<Connection>>;
  saveCredentials(input: CredentialsInput): Promise<ActionResult<Connection>>;
  startAuthorization(input: { returnOrigin: string }): Promise<ActionResult<AuthorizationStart>>;
  completeAuthorization(input: { code: string; state: string }): Promise<ActionResult<Connection>>;
  disconnect(): Promise<ActionResult<Connection>>;
}

/** An adapter over server actions (Next.js, or any RPC that cannot take an AbortSignal). */
export function createServerActionsAdapter(actions: SalesforceActions): SalesforceConnectAdapter {
  async function run<T>(action: () => Promise<ActionResult<T>>, signal: AbortSignal | undefined) {
    throwIfAborted(signal); // a cancelled call must not reach the server at all
    const pending = action().catch((error: unknown) => {
      throw toConnectError(error, 'network');
    });
    // An action cannot be cancelled; the kit stops waiting for it the moment the signal fires.
    const result = await untilAborted(pending, signal);
    if (!result.ok) throw ConnectError.fromJSON(result.error);
    return result.value;
  }

  return {
    getConnection: ({ signal } = {}) => run(() => actions.getConnection(), signal),
    saveCredentials: (input, { signal } = {}) => run(() => actions.saveCredentials(input), signal),
    startAuthorization: (input, { signal } = {}) =>
      run(() => actions.startAuthorization(input), signal),
    completeAuthorization: (input, { signal } = {}) =>
      run(() => actions.completeAuthorization(input), signal),
    disconnect: ({ signal } = {}) => run(() => actions.disconnect(), signal),
  };
}
