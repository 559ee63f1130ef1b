// What the demo page and the demo's server agree on. Loaded in the browser and in Node: no imports.

/**
 * The cookie that names the workspace (tenant) a request belongs to. The demo has one workspace,
 * `acme`; the end-to-end tests give each browser context its own so tests cannot see each other's
 * connection — as an app's session cookie would.
 */
export const DEMO_COOKIE_TENANT = 'acme_workspace';

/** What the "Demo values" box shows and the tests type: values for the local simulator only. */
export interface DemoValues {
  pageUrl: string;
  /** The simulator: what goes into "Login URL". */
  loginUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** The simulated org's user, for the login page in the popup. */
  username: string;
  password: string;
  /** The callback URL the demo app in the simulator has (the setup guide shows the same). */
  callbackUrl: string;
  /** Login hosts the kit accepts besides Salesforce's (the simulator's). */
  loginHosts: string[];
}

/** The failures the "Rehearse a failure" switch can set on the simulator, in the order shown. */
export const DEMO_FAULTS = [
  {
    fault: 'invalid_client',
    label: 'Wrong consumer secret',
    what: 'Salesforce refuses the secret when the server exchanges the code (invalid_client).',
  },
  {
    fault: 'invalid_client_id',
    label: 'Wrong consumer key',
    what: 'Salesforce does not know the key (invalid_client_id): the check after Save catches it, before any popup.',
  },
  {
    fault: 'redirect_uri_mismatch',
    label: 'Callback URL mismatch',
    what: 'The app’s callback URL differs from the server’s (redirect_uri_mismatch): caught after Save too.',
  },
  {
    fault: 'access_denied',
    label: 'User denies access',
    what: 'The user answers “Deny” on Salesforce’s “Allow Access?” page (access_denied).',
  },
  {
    fault: 'app_not_approved',
    label: 'App not approved for the user',
    what: 'The app’s policy is “Admin approved users are pre-authorized” and this user is not among them.',
  },
  {
    // Not a lasting fault but an act: an admin revokes the app's tokens (refresh_revoked is
    // what Salesforce then answers the server's refresh with).
    fault: 'refresh_revoked',
    label: 'Access revoked by an admin',
    what: 'An admin revokes the app’s tokens in Salesforce: reload the page, and the status asks you to reconnect.',
  },
] as const;

/** A failure the switch can set, or null for none. */
export type DemoFault = (typeof DEMO_FAULTS)[number]['fault'] | null;
