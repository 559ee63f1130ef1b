import type { AuthorizationStart, Connection, CredentialsInput, SetupInfo } from '../core/types.js';

/** A value or a promise of it: adapters may answer synchronously. */
export type Awaitable<T> = T | Promise<T>;

/** Options every adapter method takes. */
export interface AdapterCallOptions {
  /** Fires when the kit no longer wants the answer (unmount, cancel, newer call): stop work. */
  signal?: AbortSignal;
}

/**
 * The whole contract between the kit and a backend. Implement it over REST, GraphQL, tRPC or
 * server actions; prove it with `runAdapterConformance` from `salesforce-connect/testing`.
 *
 * Every method throws `ConnectError` (from `salesforce-connect/core`) with a stable `code` on
 * failure, and honours `signal` by rejecting with code `aborted`.
 */
export interface SalesforceConnectAdapter {
  /** The current connection. Cheap and safe to poll; never has side effects. */
  getConnection(options?: AdapterCallOptions): Awaitable<Connection>;
  /**
   * Stores the credentials (the secret write-only) and answers the new connection, usually
   * `configured`. A backend may preflight them and report findings in `Connection.error` while
   * still keeping them. Never returns the secret.
   */
  saveCredentials(input: CredentialsInput, options?: AdapterCallOptions): Awaitable<Connection>;
  /**
   * Begins an authorization: a fresh single-use `state` bound to a PKCE (S256) verifier kept on the
   * backend, and the Salesforce authorize URL to open. `returnOrigin` is the page's origin, where
   * the callback page will post its result.
   */
  startAuthorization(
    input: { returnOrigin: string },
    options?: AdapterCallOptions,
  ): Awaitable<AuthorizationStart>;
  /**
   * Exchanges the code from an app-origin callback route for tokens. Optional: backends whose own
   * callback page exchanges the code omit it, and the kit asks `getConnection` instead.
   */
  completeAuthorization?(
    input: { code: string; state: string },
    options?: AdapterCallOptions,
  ): Awaitable<Connection>;
  /** Revokes the tokens at Salesforce and forgets them; answers the resulting connection. */
  disconnect(options?: AdapterCallOptions): Awaitable<Connection>;
  /** What the admin must configure (callback URLs, scopes, app name); feeds the setup guide. */
  getSetupInfo?(options?: AdapterCallOptions): Awaitable<SetupInfo>;
}
