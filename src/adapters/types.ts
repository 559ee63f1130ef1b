import type { OAuthPrompt } from '../core/oauth.js';
import type {
  AuthorizationStart,
  Connection,
  CredentialsInput,
  OrgChangeChoice,
  SetupInfo,
} from '../core/types.js';

/**
 * A value or a promise of it: adapters may answer synchronously.
 *
 * @example
 * const getConnection = (): Awaitable<Connection> => cache ?? fetchConnection();
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * What the page asks for when it starts an authorization.
 *
 * @example
 * adapter.startAuthorization({ returnOrigin: location.origin, prompt: 'login' });
 */
export interface AuthorizationRequest {
  /** The page's origin: where the callback page posts the result. */
  returnOrigin: string;
  /**
   * Fewer scopes than the backend is configured for (`useSalesforceConnect`'s `scopes`). A
   * backend may narrow to these but must refuse any it is not configured for (`invalid_input`).
   */
  scopes?: string[];
  /** Salesforce's `prompt`: `login` to ask for the user again, `consent` to ask for approval. */
  prompt?: OAuthPrompt | OAuthPrompt[];
}

/**
 * Options every adapter method takes.
 *
 * @example
 * const controller = new AbortController();
 * const connection = await adapter.getConnection({ signal: controller.signal });
 */
export interface AdapterCallOptions {
  /**
   * Fires when the kit no longer wants the answer (unmount, cancel, a newer call): stop the work
   * and reject with `ConnectError` code `aborted`. A call whose signal has already fired must
   * reject at once and change nothing.
   */
  signal?: AbortSignal;
  /**
   * Which of the tenant's connections the call is about (see `isConnectionId`); absent means the
   * default one (`DEFAULT_CONNECTION_ID`), so single-connection code never passes it. Saving
   * credentials under an id the tenant does not have yet adds that connection.
   */
  connectionId?: string;
}

/**
 * How {@link SalesforceConnectAdapter.disconnect} ends a connection.
 *
 * @example
 * await adapter.disconnect({ connectionId: 'sandbox', forgetCredentials: true });
 */
export interface DisconnectOptions extends AdapterCallOptions {
  /**
   * Also forget the saved credentials, name and fields: the connection is removed from the
   * tenant's list. Without it the credentials stay, so connecting again needs no retyping.
   */
  forgetCredentials?: boolean;
}

/**
 * The whole contract between the kit and a backend. Implement it over REST, GraphQL, tRPC or
 * server actions (docs/adapters.md has worked examples); prove it with `runAdapterConformance`
 * from `salesforce-connect/testing`.
 *
 * Every method may answer synchronously or with a promise; throws (or rejects with) a
 * `ConnectError` from `salesforce-connect/core` with a stable `code` on failure, never a plain
 * `Error`; and honours `signal` by rejecting with code `aborted`. No answer and no error ever
 * contains the consumer secret, any piece of it, or a token.
 *
 * @example
 * // `api` is your HTTP client; it must throw ConnectErrors (see docs/adapters.md).
 * const adapter: SalesforceConnectAdapter = {
 *   getConnection: ({ signal } = {}) => api.get('/sf', { signal }),
 *   saveCredentials: (input, { signal } = {}) => api.put('/sf/credentials', input, { signal }),
 *   startAuthorization: (input, { signal } = {}) => api.post('/sf/start', input, { signal }),
 *   completeAuthorization: (input, { signal } = {}) => api.post('/sf/finish', input, { signal }),
 *   disconnect: ({ signal } = {}) => api.delete('/sf', { signal }),
 *   resolveOrgChange: (input, { signal } = {}) => api.post('/sf/org-change', input, { signal }),
 * };
 */
export interface SalesforceConnectAdapter {
  /**
   * The current connection. Called on mount, when polling, and after the popup closed without a
   * message. Cheap and safe to poll: no side effects, so two calls in a row answer the same.
   */
  getConnection(options?: AdapterCallOptions): Awaitable<Connection>;
  /**
   * Stores the credentials and answers the new connection, `configured`, with `consumerKeyHint`
   * (the key's last four characters) and `hasConsumerSecret: true`. The secret is write-only: it
   * is never returned, and an empty `consumerSecret` means "keep the saved one" (the form cannot
   * show it back). A backend may preflight the credentials and report findings (e.g.
   * `invalid_client_id`, `redirect_uri_mismatch`) in `Connection.error` while still keeping them.
   * Bad input rejects with `invalid_input` or `invalid_login_url`.
   */
  saveCredentials(input: CredentialsInput, options?: AdapterCallOptions): Awaitable<Connection>;
  /**
   * Begins an authorization: a fresh single-use `state` (at least 128 random bits) bound to a
   * PKCE (S256) verifier kept on the backend, and the Salesforce authorize URL to open, carrying
   * `state`, `code_challenge` and `code_challenge_method=S256`. `returnOrigin` is the page's
   * origin, where the callback page will post its result. Without saved credentials it rejects
   * with `not_configured`; an origin the backend does not allow, with `unauthorized`.
   */
  startAuthorization(
    input: AuthorizationRequest,
    options?: AdapterCallOptions,
  ): Awaitable<AuthorizationStart>;
  /**
   * Exchanges the code an app-origin callback route relayed, and answers `connected`. The state
   * must be one this backend issued, unused and unexpired (else `state_mismatch`), and is spent by
   * the call whatever happens. Salesforce's refusals come back as their codes (`invalid_client`,
   * `invalid_grant`, `app_not_approved`, …). Optional: backends whose own callback page
   * exchanges the code omit it, and the kit asks `getConnection` instead.
   */
  completeAuthorization?(
    input: { code: string; state: string },
    options?: AdapterCallOptions,
  ): Awaitable<Connection>;
  /**
   * Revokes the tokens at Salesforce, forgets them, and answers `disconnected`. The saved
   * credentials stay, so connecting again needs no retyping.
   */
  disconnect(options?: DisconnectOptions): Awaitable<Connection>;
  /**
   * Resolves a reconnect that landed in another org than the saved connection's (the completion
   * failed with `org_changed`, and `Connection.orgChange` names the new org): `keep_new` makes
   * the new org the connection and revokes the previous grant; `keep_previous` revokes the new
   * grant and leaves the connection as it was. Answers the connection, without `orgChange`.
   * Nothing waiting (already resolved, disconnected) rejects with `invalid_input`. Optional:
   * backends that never park a change of org omit it, and the kit then offers no choice.
   */
  resolveOrgChange?(
    input: { choice: OrgChangeChoice },
    options?: AdapterCallOptions,
  ): Awaitable<Connection>;
  /**
   * What the admin must configure in Salesforce: the callback URL(s) to paste into the app
   * (absolute, the first being the one the backend uses), the scopes, the app and product names.
   * Feeds the setup guide. Optional.
   */
  getSetupInfo?(options?: AdapterCallOptions): Awaitable<SetupInfo>;
  /**
   * Every connection of the tenant, each with its `id`, the default one first and the others in
   * the order they were added. Feeds `SalesforceConnections`. Optional: backends with one
   * connection per tenant omit it.
   */
  listConnections?(options?: AdapterCallOptions): Awaitable<Connection[]>;
  /**
   * Renames the connection `options.connectionId` addresses (trimmed, 1 to
   * `CONNECTION_NAME_MAX_LENGTH` characters, else `invalid_input` with `field: 'name'`) and
   * answers it. A connection that does not exist rejects with `not_configured`.
   */
  renameConnection?(input: { name: string }, options?: AdapterCallOptions): Awaitable<Connection>;
  /**
   * For a `client-credentials` connection: asks Salesforce for a token with the saved key and
   * secret (`grant_type=client_credentials`) and answers `connected`, with `user` the app's Run
   * As user. No popup and no redirect. Salesforce's refusals come back as their codes.
   * Optional: backends without the client credentials flow omit it.
   */
  connectWithClientCredentials?(options?: AdapterCallOptions): Awaitable<Connection>;
}

/**
 * An adapter with every optional method present and every answer a promise, as the kit's own
 * adapters are: callers need neither optional chaining nor `await` on a maybe-sync value.
 *
 * @example
 * const adapter: CompleteAdapter = createFetchAdapter({ baseUrl: '/api/salesforce' });
 * const info = await adapter.getSetupInfo();
 */
export interface CompleteAdapter extends SalesforceConnectAdapter {
  getConnection(options?: AdapterCallOptions): Promise<Connection>;
  saveCredentials(input: CredentialsInput, options?: AdapterCallOptions): Promise<Connection>;
  startAuthorization(
    input: AuthorizationRequest,
    options?: AdapterCallOptions,
  ): Promise<AuthorizationStart>;
  completeAuthorization(
    input: { code: string; state: string },
    options?: AdapterCallOptions,
  ): Promise<Connection>;
  disconnect(options?: DisconnectOptions): Promise<Connection>;
  resolveOrgChange(
    input: { choice: OrgChangeChoice },
    options?: AdapterCallOptions,
  ): Promise<Connection>;
  getSetupInfo(options?: AdapterCallOptions): Promise<SetupInfo>;
  connectWithClientCredentials(options?: AdapterCallOptions): Promise<Connection>;
}
