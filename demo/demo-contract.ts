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
  /**
   * The simulated org's My Domain (the simulator's instance origin): the Login URL of a
   * client-credentials connection, which Salesforce serves only on the org's own host.
   */
  myDomainUrl: string;
  /** The demo app's Run As user, whose identity a client-credentials connection carries. */
  runAsUsername: string;
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
  // The client credentials flow (a connection without a popup): each fires on the server's token
  // request (run_as_user_no_api on its API check after it).
  {
    fault: 'client_credentials_disabled',
    flow: 'client-credentials',
    label: 'Client credentials flow off',
    what: 'The app does not have “Enable Client Credentials Flow” ticked: Salesforce refuses the token.',
  },
  {
    fault: 'run_as_user_missing',
    flow: 'client-credentials',
    label: 'No Run As user',
    what: 'The app has no Run As user (“no client credentials user enabled”).',
  },
  {
    fault: 'run_as_user_inactive',
    flow: 'client-credentials',
    label: 'Run As user inactive',
    what: 'The app’s Run As user is deactivated: Salesforce refuses the token.',
  },
  {
    fault: 'run_as_user_no_api',
    flow: 'client-credentials',
    label: 'Run As user without API access',
    what: 'Salesforce gives a token, but the Run As user lacks “API Enabled”: the API refuses it.',
  },
  {
    fault: 'generic_login_host',
    flow: 'client-credentials',
    label: 'Sent to login.salesforce.com',
    what: 'Salesforce answers as login.salesforce.com does: “request not supported on this domain”.',
  },
] as const;

/** A failure the switch can set, or null for none. */
export type DemoFault = (typeof DEMO_FAULTS)[number]['fault'] | null;

/**
 * The global the page reads its login hosts from: Vite's dev server writes the hosts into the
 * code under this name (a `define`); a built page gets them from a script the stack puts in its
 * HTML (demo/build-page.ts).
 */
export const DEMO_LOGIN_HOSTS_GLOBAL = '__DEMO_LOGIN_HOSTS__';
