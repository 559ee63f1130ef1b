import type { ConnectErrorJSON } from './errors.js';

/** Where a connection stands. */
export type ConnectionStatus =
  | 'disconnected'
  | 'configured'
  | 'connected'
  | 'needs_reauth'
  | 'error';

/**
 * What the backend knows about the Salesforce connection. Never holds the consumer secret or any
 * token: only what the UI needs to show.
 */
export interface Connection {
  status: ConnectionStatus;
  /** The normalized login URL the credentials were saved with. */
  loginUrl?: string;
  /** The last four characters of the Consumer Key; the secret is never returned. */
  consumerKeyHint?: string;
  /** True once a consumer secret is stored (it is write-only: never read back). */
  hasConsumerSecret?: boolean;
  org?: { id: string; instanceUrl: string; name?: string; isSandbox?: boolean };
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
export interface CredentialsInput {
  loginUrl: string;
  consumerKey: string;
  consumerSecret: string;
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
