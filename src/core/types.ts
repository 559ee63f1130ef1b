import type { ConnectErrorJSON } from './errors.js';

/** Where a connection stands. */
export type ConnectionStatus =
  | 'disconnected'
  | 'configured'
  | 'connected'
  | 'needs_reauth'
  | 'error';

/**
 * The id of the connection every single-connection route and adapter call addresses when no
 * `connectionId` is given. A tenant's other connections have ids of their own (see
 * {@link isConnectionId}).
 */
export const DEFAULT_CONNECTION_ID = 'default';

/**
 * Whether a value is a well-formed connection id: 1–40 characters of lowercase letters, digits,
 * `-` and `_`, starting with a letter or digit. Ids are chosen by the page that adds a
 * connection (like a PUT's URL) and travel in REST paths, so they are kept URL-safe.
 *
 * @example
 * isConnectionId('sandbox-uat'); // true
 * isConnectionId('Sandbox UAT'); // false
 */
export function isConnectionId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9_-]{0,39}$/.test(value);
}

/** The longest connection name the kit accepts (characters, after trimming). */
export const CONNECTION_NAME_MAX_LENGTH = 80;

/**
 * How a connection signs in to Salesforce: `authorization-code` (a person signs in through the
 * popup; the default) or `client-credentials` (the server asks for a token with the app's key
 * and secret, acting as the app's Run As user; no popup, no refresh token).
 */
export type ConnectionFlow = 'authorization-code' | 'client-credentials';

/** A value of one of the integrator's connection fields (see `defineConnectionFields`). */
export type ConnectionFieldValue = string | string[] | boolean;

/** The integrator's connection fields, by field name. */
export type ConnectionFieldValues = Record<string, ConnectionFieldValue>;

/**
 * What the backend knows about the Salesforce connection. Never holds the consumer secret or any
 * token: only what the UI needs to show. `TFields` types the integrator's non-secret fields.
 */
export interface Connection<TFields extends ConnectionFieldValues = ConnectionFieldValues> {
  /**
   * The connection's id within its tenant (`DEFAULT_CONNECTION_ID` for the one the
   * single-connection routes address). Backends that predate several connections may omit it.
   */
  id?: string;
  /** The name the admin gave the connection (at most `CONNECTION_NAME_MAX_LENGTH` characters). */
  name?: string;
  /** How the connection signs in; absent means `authorization-code`. */
  flow?: ConnectionFlow;
  /** The integrator's non-secret field values as saved (secret ones are never returned). */
  fields?: Partial<TFields>;
  /** Names of the secret fields that have a saved value (write-only, like the consumer secret). */
  savedSecretFields?: string[];
  status: ConnectionStatus;
  /** The normalized login URL the credentials were saved with. */
  loginUrl?: string;
  /** The last four characters of the Consumer Key; the secret is never returned. */
  consumerKeyHint?: string;
  /** True once a consumer secret is stored (it is write-only: never read back). */
  hasConsumerSecret?: boolean;
  org?: { id: string; instanceUrl: string; name?: string; isSandbox?: boolean };
  /** Who signed in; for a `client-credentials` connection, the app's Run As user. */
  user?: { id: string; username: string; displayName?: string };
  scopes?: string[];
  /** ISO 8601 times. */
  connectedAt?: string;
  updatedAt?: string;
  /** Why the connection is in `error` or `needs_reauth`, or a preflight finding after saving. */
  error?: ConnectErrorJSON;
  /**
   * A reconnect landed in another org than `org` (error `org_changed`): the new sign-in waits
   * here, and the connection above stays as it was, until the person connecting resolves it
   * with the adapter's `resolveOrgChange` (`keep_new` or `keep_previous`). A refreshed sandbox
   * gets a new org id behind the same My Domain, so this is what a sandbox refresh looks like.
   */
  orgChange?: OrgChange;
}

/**
 * A sign-in parked because it landed in another org than the saved connection's.
 *
 * @example
 * if (connection.orgChange) show(`${connection.orgChange.org.id} replaces ${connection.org?.id}`);
 */
export interface OrgChange {
  org: { id: string; instanceUrl: string; name?: string; isSandbox?: boolean };
  user?: { id: string; username: string; displayName?: string };
  /** ISO 8601 time of the sign-in that landed in the new org. */
  detectedAt: string;
}

/**
 * How to resolve an {@link OrgChange}: `keep_new` makes the new org the connection (the previous
 * grant is revoked); `keep_previous` goes back (the new grant is revoked).
 */
export type OrgChangeChoice = 'keep_new' | 'keep_previous';

/** What the admin types into the credentials form. */
export interface CredentialsInput<TFields extends ConnectionFieldValues = ConnectionFieldValues> {
  loginUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** The connection's name (trimmed; at most `CONNECTION_NAME_MAX_LENGTH` characters). */
  name?: string;
  /**
   * The integrator's fields. A secret field left empty keeps its saved value, as an empty
   * `consumerSecret` does.
   */
  fields?: Partial<TFields>;
  /** How the connection will sign in; absent means `authorization-code`. */
  flow?: ConnectionFlow;
}

/** A fresh authorization attempt: where to send the popup and the single-use state it carries. */
export interface AuthorizationStart {
  authorizeUrl: string;
  state: string;
  /** ISO 8601 time after which the state is no longer accepted. */
  expiresAt?: string;
}

/** What the backend needs the admin to configure in Salesforce (drives the setup guide). */
export interface SetupInfo {
  /** Callback URLs to paste into the app, exactly; the first is the one the backend uses. */
  callbackUrls: string[];
  /** Suggested name for the app in Salesforce. */
  appName?: string;
  /** OAuth scope values the backend requests (e.g. `api`, `refresh_token`). */
  scopes?: string[];
  /** The product's name as the admin knows it. */
  vendorName?: string;
  /**
   * Login hosts the backend accepts besides Salesforce's own (a local simulator such as
   * `localhost:4010`, a proxy), as `host[:port]` or `*.domain`. The credentials form accepts the
   * same ones, so one setting on the backend serves both.
   */
  allowedLoginHosts?: string[];
}
