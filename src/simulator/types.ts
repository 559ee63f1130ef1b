/**
 * Every fault the simulator can inject. Each one reproduces a Salesforce answer at the place
 * Salesforce gives it (see {@link SalesforceSimulator.setFault} for where each one fires).
 *
 * @example
 * for (const fault of SIMULATOR_FAULTS) {
 *   simulator.setFault(fault, { times: 1 });
 *   await exerciseConnectFlow();
 * }
 */
export const SIMULATOR_FAULTS = [
  'invalid_client_id',
  'redirect_uri_mismatch',
  'access_denied',
  'invalid_client',
  'app_not_approved',
  'app_not_found',
  'app_not_installed',
  'pkce_required',
  'code_expired',
  'refresh_revoked',
  'ip_restricted',
  'inactive_user',
  'inactive_org',
  'unsupported_grant_type',
  'rate_limited',
  'slow',
  'server_error',
  // The client credentials flow (see `setFault` for where each fires).
  'client_credentials_disabled',
  'run_as_user_missing',
  'generic_login_host',
  'run_as_user_inactive',
  'run_as_user_no_api',
] as const;

/**
 * One injectable fault; see {@link SIMULATOR_FAULTS}.
 *
 * @example
 * const fault: SimulatorFault = 'redirect_uri_mismatch';
 */
export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

/**
 * Which requests a fault applies to.
 *
 * @example
 * simulator.setFault('slow', { consumerKey: app.consumerKey, times: 2 });
 */
export interface SimulatorFaultScope {
  /** Only requests for this app (by client id, or by a token or login page of this app). */
  consumerKey?: string;
  /** Fire this many times, then clear itself; `1` means the next matching request only. */
  times?: number;
}

/**
 * An External Client App (or Connected App) as configured in the simulated org's Setup.
 *
 * @example
 * simulator.addApp({
 *   name: 'Acme Sync',
 *   callbackUrls: ['http://127.0.0.1:3000/oauth/callback'],
 *   scopes: ['api', 'refresh_token', 'id'],
 *   refreshTokenRotation: true,
 *   createdAt: simulator.now(), // just created: invalid_client_id for 10 minutes
 * });
 */
export interface SimulatorAppInput {
  /** The app's name, shown on the "Allow Access?" page. Default "Simulated Connected App". */
  name?: string;
  /** Default: a generated key shaped like Salesforce's (`3MVG9` + 80 characters). */
  consumerKey?: string;
  /** Default: a generated secret shaped like Salesforce's (64 upper-case hex characters). */
  consumerSecret?: string;
  /** Callback URLs; the authorize request's `redirect_uri` must equal one of them exactly. */
  callbackUrls: string[];
  /** Selected OAuth scopes (values, e.g. `api`). Default `['api', 'refresh_token', 'id']`. */
  scopes?: string[];
  /** "Require Proof Key for Code Exchange (PKCE)". Default true. */
  requirePkce?: boolean;
  /** "Require secret for Web Server Flow". Default true. */
  requireSecretForWebServer?: boolean;
  /** "Require secret for Refresh Token Flow". Default true. */
  requireSecretForRefresh?: boolean;
  /** OAuth policy "Permitted Users". Default `'all'` (all users may self-authorize). */
  permittedUsers?: 'all' | 'admin_approved';
  /** With `permittedUsers: 'admin_approved'`: the users whose profile or permission set is selected. */
  approvedUsernames?: string[];
  /** Issue a new refresh token on every refresh and retire the old one. Default false. */
  refreshTokenRotation?: boolean;
  /**
   * With rotation: presenting a refresh token that rotation already retired revokes the grant —
   * its current refresh token and every access token — and answers `invalid_grant`, as Salesforce
   * does ("any attempted reuse of an invalidated refresh token results in the immediate revocation
   * of the current refresh token and all associated access tokens", help article 005316711).
   * Default true; false only fails the reusing request.
   */
  refreshTokenReuseDetection?: boolean;
  /** Refresh token policy "Expire refresh token if not used for N": idle time in ms. Default: valid until revoked. */
  refreshTokenIdleMs?: number;
  /** When the app was created (simulator clock, ms). Default: long ago, so the app is active. */
  createdAt?: number;
  /** How long a new app answers `invalid_client_id` ("up to 10 minutes"). Default 600 000 ms. */
  activationDelayMs?: number;
  /**
   * The client credentials flow: "Enable Client Credentials Flow" and the Run As user (a username
   * of the org) whose identity its tokens carry. Default: off, no Run As user.
   */
  clientCredentials?: SimulatorClientCredentials;
}

/**
 * An app's client credentials settings: Flow Enablement's "Enable Client Credentials Flow" and the
 * policies' Run As user.
 *
 * @example
 * simulator.addApp({
 *   callbackUrls: ['https://acme.my.salesforce.com'],
 *   clientCredentials: { enabled: true, runAsUsername: 'integration@acme.example' },
 * });
 */
export interface SimulatorClientCredentials {
  enabled: boolean;
  /** The Run As user's username; absent: none selected ("no client credentials user enabled"). */
  runAsUsername?: string | undefined;
}

/**
 * An app as the simulator holds it: every setting resolved, including the generated credentials.
 *
 * @example
 * const { consumerKey, consumerSecret } = simulator.addApp({ callbackUrls });
 */
export interface SimulatorApp {
  readonly name: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly callbackUrls: readonly string[];
  readonly scopes: readonly string[];
  readonly requirePkce: boolean;
  readonly requireSecretForWebServer: boolean;
  readonly requireSecretForRefresh: boolean;
  readonly permittedUsers: 'all' | 'admin_approved';
  readonly approvedUsernames: readonly string[];
  readonly refreshTokenRotation: boolean;
  readonly refreshTokenReuseDetection: boolean;
  readonly refreshTokenIdleMs: number | undefined;
  readonly createdAt: number;
  readonly activationDelayMs: number;
  readonly clientCredentials: Readonly<SimulatorClientCredentials>;
}

/**
 * Settings of an app that can change after it was created (the consumer key cannot).
 *
 * @example
 * // "Staged Consumer Details → Generate → Apply": the old secret stops working.
 * simulator.updateApp(app.consumerKey, { consumerSecret: 'A'.repeat(64) });
 */
export type SimulatorAppChanges = Partial<Omit<SimulatorAppInput, 'consumerKey'>>;

/**
 * A user of the simulated org who can log in on the simulator's login page.
 *
 * @example
 * await startSalesforceSimulator({
 *   users: [{ username: 'ops@globex.example', password: 'correct-horse-1', displayName: 'Ops' }],
 * });
 */
export interface SimulatorUserInput {
  username: string;
  password: string;
  /** Default: the part of the username before `@`. */
  displayName?: string;
  /** Default: the username. */
  email?: string;
  /** An inactive user cannot log in. Default true. */
  active?: boolean;
  /**
   * The "API Enabled" permission. Without it the REST API answers 403 `API_DISABLED_FOR_ORG`
   * (docs/sources.md); sign-in and the identity service still work. Default true.
   */
  apiEnabled?: boolean;
}

/**
 * A user as the simulator holds it, with its Salesforce user id (`005…`).
 *
 * @example
 * const [admin] = simulator.users; // admin.id → '0055g0…'
 */
export interface SimulatorUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly active: boolean;
  readonly apiEnabled: boolean;
}

/**
 * What an admin can change on a user at run time (Setup → Users, or the user's profile).
 *
 * @example
 * simulator.updateUser('integration@acme.example', { active: false });
 */
export interface SimulatorUserChanges {
  active?: boolean;
  apiEnabled?: boolean;
}

/**
 * The simulated org.
 *
 * @example
 * expect(connection.org?.id).toBe(simulator.org.id);
 */
export interface SimulatorOrg {
  /** 18-character org id starting `00D`. */
  readonly id: string;
  readonly name: string;
  readonly isSandbox: boolean;
}

/**
 * Salesforce behaviours the simulator copies on thin evidence (one report each, named beside each
 * switch). Each is on by default, so tests meet the stricter answer; turn one off when your own
 * observation of Salesforce differs.
 *
 * @example
 * await startSalesforceSimulator({ fidelity: { rejectUnexpectedCodeVerifier: false } });
 */
export interface SimulatorFidelityOptions {
  /**
   * A `code_verifier` sent for a code whose authorize request had no `code_challenge` fails the
   * exchange with `invalid_grant` "unexpected code verifier". Source: forcedotcom/sfdx-core#166 (a
   * Salesforce CLI report of that description; the error code is inferred from Salesforce's other
   * verifier failures). Default true.
   */
  rejectUnexpectedCodeVerifier?: boolean;
  /**
   * REST API calls on the login host (instead of `instance_url`) answer 401 `INVALID_SESSION_ID`
   * "Session expired or invalid". Source: a third-party write-up (nango.dev, "How to fix the
   * Salesforce INVALID_SESSION_ID error", 2026) listing a token used against the wrong host among
   * that error's causes. Default true; false serves the API on both hosts.
   */
  refuseApiOnLoginHost?: boolean;
  /**
   * Revocation errors come back URL-encoded (`error=…&error_description=…`) rather than as JSON.
   * Source: omniphx/forrest#213 (a client's log of Salesforce's answer). Default true.
   */
  urlEncodedRevokeErrors?: boolean;
}

/**
 * Options of {@link startSalesforceSimulator}.
 *
 * @example
 * let clock = Date.now();
 * const simulator = await startSalesforceSimulator({
 *   port: 4010,
 *   now: () => clock, // then `clock += 15 * 60_000` expires codes
 *   org: { name: 'Globex Sandbox', isSandbox: true },
 *   users: [{ username: 'ops@globex.example', password: 'correct-horse-1' }],
 *   log: (line) => console.log(`[salesforce] ${line}`),
 * });
 */
export interface SimulatorOptions {
  /** TCP port; default 0 (a free port). */
  port?: number;
  /** Loopback address to listen on: `127.0.0.1` (default), `localhost` or `::1`. */
  host?: string;
  /**
   * TCP port of the instance origin (`instance_url`, where the REST API lives), on the same loopback
   * address; default 0 (a free port). Salesforce serves the API on the org's instance, never on
   * login.salesforce.com.
   */
  instancePort?: number;
  /**
   * Serve the API on the login origin and make `instance_url` equal to it, as when the login URL
   * is the org's own My Domain (which is also its instance). Default false: a separate instance
   * origin, as behind login.salesforce.com or test.salesforce.com.
   */
  sharedInstanceHost?: boolean;
  /** Switches for behaviours copied on thin evidence; see {@link SimulatorFidelityOptions}. */
  fidelity?: SimulatorFidelityOptions;
  /** Apps configured in the org from the start. */
  apps?: SimulatorAppInput[];
  /** Users of the org. Default: one demo user, {@link SIMULATOR_DEMO_USER}. */
  users?: SimulatorUserInput[];
  /** The org. Default: "Acme (Simulated)", a production org with a generated id. */
  org?: { id?: string; name?: string; isSandbox?: boolean };
  /**
   * Clock in ms (activation delay, code and session expiry, `issued_at`, ID token times). Default
   * `Date.now`. oauth4webapi checks ID token times against the real clock, so keep it near real
   * time when `openid` is requested.
   */
  now?: () => number;
  /** Receives one line per request, without secrets, codes or tokens. Default: silent. */
  log?: (line: string) => void;
  /** Session timeout: access tokens stop working this long after issue. Default 2 hours. */
  sessionTimeoutMs?: number;
  /** How long the `slow` fault holds a response. Default 2 000 ms. */
  slowResponseMs?: number;
  /**
   * A JSON file that keeps the org across restarts: its id, the users' ids, the apps, and every
   * live approval with its refresh and access tokens — so a backend that stored tokens stays
   * connected when the simulator restarts (the demo keeps `.data/simulator.json`). Read at start
   * (a damaged file is refused with the reason), written shortly after each change and on
   * `close()`, atomically and readable by the owner only. Apps in `apps` win over their saved
   * copies, so give them a fixed `consumerKey`; login sessions, codes and faults are not kept.
   */
  stateFile?: string;
}

/**
 * One request the simulator answered, as recorded for assertions (no query, body or secret).
 *
 * @example
 * const tokenCalls = simulator.requests.filter((r) => r.path === '/services/oauth2/token');
 */
export interface SimulatorRequestRecord {
  method: string;
  /** The path only: queries carry codes and states, so they are never recorded. */
  path: string;
  status: number;
}

/**
 * A running simulator; see {@link startSalesforceSimulator}.
 *
 * @example
 * const app = simulator.addApp({ callbackUrls: [callbackUrl] });
 * simulator.setFault('invalid_client', { consumerKey: app.consumerKey, times: 1 });
 * // … run the flow, then:
 * expect(simulator.requests.at(-1)).toEqual({
 *   method: 'POST', path: '/services/oauth2/token', status: 400,
 * });
 * await simulator.close();
 */
export interface SalesforceSimulator {
  /** Base URL, e.g. `http://127.0.0.1:54321`: the login URL an admin types, and the issuer. */
  readonly url: string;
  /**
   * The org's instance, e.g. `http://127.0.0.1:54322`: `instance_url` in token responses, where the
   * REST API answers. Equals {@link url} with `sharedInstanceHost`.
   */
  readonly instanceUrl: string;
  /** The simulated org. */
  readonly org: SimulatorOrg;
  /** Adds an app to the org; the result carries its consumer key and secret. */
  addApp(app: SimulatorAppInput): SimulatorApp;
  /** The app with this consumer key, or undefined. */
  getApp(consumerKey: string): SimulatorApp | undefined;
  /**
   * Edits an app as an admin would in Setup (callback URLs, policies, a regenerated secret). Throws
   * when no app has this key.
   */
  updateApp(consumerKey: string, changes: SimulatorAppChanges): SimulatorApp;
  /** The users of the org (ids included). */
  readonly users: ReadonlyArray<SimulatorUser>;
  /**
   * Edits a user as an admin would: deactivate or reactivate, grant or take "API Enabled".
   * Deactivating ends the user's access tokens (the API refuses them). Throws for an unknown
   * username.
   */
  updateUser(username: string, changes: SimulatorUserChanges): SimulatorUser;
  /**
   * Injects a fault for every request (no scope), one app's requests (`consumerKey`), and/or a
   * number of matching requests (`times`). One fault per scope: setting another replaces it.
   * `setFault(null, scope)` clears that scope; `setFault(null)` clears every fault.
   *
   * Where each fault fires: `invalid_client_id` and `redirect_uri_mismatch` at the authorize
   * request (Salesforce's error page); `invalid_client_id` also at the token endpoint;
   * `access_denied`, `app_not_found` and `app_not_installed` when the user would be sent back
   * with a code (after login); `pkce_required` and `code_expired` on the authorization code grant;
   * `refresh_revoked` on the refresh token grant; `invalid_client`, `app_not_approved`,
   * `app_not_installed`, `ip_restricted`, `inactive_user`, `inactive_org`,
   * `unsupported_grant_type` and `rate_limited` on both grants; `slow` and `server_error` on any
   * request. The client credentials grant (`grant_type=client_credentials`) also answers
   * `invalid_client_id`, `invalid_client`, `inactive_org`, `unsupported_grant_type` and
   * `rate_limited`, and its own: `generic_login_host` (as if sent to login.salesforce.com),
   * `client_credentials_disabled`, `run_as_user_missing` and `run_as_user_inactive`;
   * `run_as_user_no_api` fires on REST API calls with the app's tokens (403
   * `API_DISABLED_FOR_ORG`).
   */
  setFault(fault: SimulatorFault | null, scope?: SimulatorFaultScope): void;
  /** Moves the simulator's clock forward (added to `now()`). */
  advanceTime(ms: number): void;
  /** The simulator's current time in ms (`now()` plus every `advanceTime`). */
  now(): number;
  /**
   * Refreshes the sandbox: the same addresses now lead to an org with a new id (`newOrgId`, or a
   * random one), as after a real sandbox refresh. Every token and login session of the old org
   * ends (refreshes fail `invalid_grant`); apps, users and the org's name stay. Answers the org.
   */
  refreshSandbox(newOrgId?: string): SimulatorOrg;
  /** An admin revokes every token of one app (or of all apps): refreshes then fail `invalid_grant`. */
  revokeAll(consumerKey?: string): void;
  /** Requests answered so far, oldest first (the last 5 000). */
  readonly requests: ReadonlyArray<SimulatorRequestRecord>;
  /**
   * Stops listening, ends open connections and pending slow responses, frees the port, and saves
   * the state file (with `stateFile`).
   */
  close(): Promise<void>;
}
