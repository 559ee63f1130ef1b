import {
  generateConsumerKey,
  generateConsumerSecret,
  salesforceId,
  toId18,
} from './salesforce-ids.js';
import type {
  SimulatorApp,
  SimulatorAppChanges,
  SimulatorAppInput,
  SimulatorOrg,
  SimulatorUser,
  SimulatorUserChanges,
  SimulatorUserInput,
} from './types.js';

/**
 * The user the simulator creates when given none: log in with these on its login page.
 *
 * @example
 * await page.getByLabel('Username').fill(SIMULATOR_DEMO_USER.username);
 * await page.getByLabel('Password').fill(SIMULATOR_DEMO_USER.password);
 * await page.getByRole('button', { name: 'Log In' }).click();
 */
export const SIMULATOR_DEMO_USER = {
  username: 'admin@acme-demo.example',
  password: 'demo-password-1',
  displayName: 'Ada Admin',
  email: 'admin@acme-demo.example',
} as const satisfies SimulatorUserInput;

/**
 * How long a new app answers `invalid_client_id` by default: Salesforce says changes to an app "can
 * take up to 10 minutes to take effect".
 *
 * @example
 * simulator.advanceTime(DEFAULT_ACTIVATION_DELAY_MS); // the new app now works
 */
export const DEFAULT_ACTIVATION_DELAY_MS = 10 * 60 * 1000;
const DEFAULT_SCOPES = ['api', 'refresh_token', 'id'];

/** A user with its password, as only the login page sees it. */
export interface DirectoryUser extends SimulatorUser {
  readonly password: string;
}

function checkCallbackUrls(urls: unknown): string[] {
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new TypeError('A simulator app needs at least one callback URL (callbackUrls).');
  }
  return urls.map((url) => {
    if (typeof url !== 'string' || !URL.canParse(url)) {
      throw new TypeError(`The callback URL "${String(url)}" is not a full web address.`);
    }
    return url;
  });
}

export function checkDuration(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
    throw new TypeError(`${what} must be a number of milliseconds, 0 or more (got ${value}).`);
  }
}

/** Resolves an app's defaults, or applies changes to an existing app. */
function resolveApp(
  input: SimulatorAppChanges & { consumerKey?: string },
  base?: SimulatorApp,
): SimulatorApp {
  const pick = <K extends keyof SimulatorAppChanges & keyof SimulatorApp>(
    key: K,
    fallback: SimulatorApp[K],
  ) => (input[key] ?? base?.[key] ?? fallback) as SimulatorApp[K];
  checkDuration(input.activationDelayMs, 'activationDelayMs');
  checkDuration(input.refreshTokenIdleMs, 'refreshTokenIdleMs');
  const consumerKey = base?.consumerKey ?? input.consumerKey ?? generateConsumerKey();
  if (!consumerKey.trim()) throw new TypeError('A consumer key cannot be empty.');
  const consumerSecret = input.consumerSecret ?? base?.consumerSecret ?? generateConsumerSecret();
  if (!consumerSecret.trim()) throw new TypeError('A consumer secret cannot be empty.');
  return Object.freeze({
    name: pick('name', 'Simulated Connected App'),
    consumerKey,
    consumerSecret,
    callbackUrls: Object.freeze(
      checkCallbackUrls(input.callbackUrls ?? base?.callbackUrls.slice()),
    ),
    scopes: Object.freeze([...(input.scopes ?? base?.scopes ?? DEFAULT_SCOPES)]),
    requirePkce: pick('requirePkce', true),
    requireSecretForWebServer: pick('requireSecretForWebServer', true),
    requireSecretForRefresh: pick('requireSecretForRefresh', true),
    permittedUsers: pick('permittedUsers', 'all'),
    approvedUsernames: Object.freeze([
      ...(input.approvedUsernames ?? base?.approvedUsernames ?? []),
    ]),
    refreshTokenRotation: pick('refreshTokenRotation', false),
    refreshTokenReuseDetection: pick('refreshTokenReuseDetection', true),
    refreshTokenIdleMs:
      'refreshTokenIdleMs' in input ? input.refreshTokenIdleMs : base?.refreshTokenIdleMs,
    // "Long ago": the epoch, so that any clock sees the app as active.
    createdAt: pick('createdAt', 0),
    activationDelayMs: pick('activationDelayMs', DEFAULT_ACTIVATION_DELAY_MS),
    clientCredentials: resolveClientCredentials(input.clientCredentials ?? base?.clientCredentials),
  });
}

function resolveClientCredentials(
  input: SimulatorAppInput['clientCredentials'],
): SimulatorApp['clientCredentials'] {
  if (input === undefined) return Object.freeze({ enabled: false, runAsUsername: undefined });
  if (typeof input !== 'object' || input === null || typeof input.enabled !== 'boolean') {
    throw new TypeError('clientCredentials needs { enabled: true | false, runAsUsername? }.');
  }
  const runAs = input.runAsUsername?.trim();
  return Object.freeze({ enabled: input.enabled, runAsUsername: runAs ? runAs : undefined });
}

/** The simulated org: its apps and users. */
export class OrgDirectory {
  #org: SimulatorOrg;
  readonly #apps = new Map<string, SimulatorApp>();
  readonly #users: DirectoryUser[];
  readonly #onChange: () => void;

  /**
   * `savedUserIds` (lower-case username → id) keeps users' ids across restarts from a state file;
   * `onChange` hears of every added or edited app.
   */
  constructor(options: {
    org?: { id?: string; name?: string; isSandbox?: boolean } | undefined;
    users?: SimulatorUserInput[] | undefined;
    savedUserIds?: ReadonlyMap<string, string> | undefined;
    onChange?: (() => void) | undefined;
  }) {
    this.#onChange = options.onChange ?? (() => {});
    const orgId = options.org?.id ? toId18(options.org.id) : salesforceId('00D');
    if (!/^00D[A-Za-z0-9]{15}$/.test(orgId)) {
      throw new TypeError(
        `An org id starts with "00D" and has 15 or 18 characters (got "${orgId}").`,
      );
    }
    this.#org = Object.freeze({
      id: orgId,
      name: options.org?.name ?? 'Acme (Simulated)',
      isSandbox: options.org?.isSandbox ?? false,
    });
    const inputs: readonly SimulatorUserInput[] = options.users ?? [SIMULATOR_DEMO_USER];
    const seen = new Set<string>();
    this.#users = inputs.map((input) => {
      const username = input.username?.trim();
      if (!username || !input.password) {
        throw new TypeError('Each simulator user needs a username and a password.');
      }
      if (seen.has(username.toLowerCase())) {
        throw new TypeError(`The username "${username}" is listed twice.`);
      }
      seen.add(username.toLowerCase());
      return Object.freeze({
        id: options.savedUserIds?.get(username.toLowerCase()) ?? salesforceId('005'),
        username,
        password: input.password,
        displayName: input.displayName ?? username.split('@')[0] ?? username,
        email: input.email ?? username,
        active: input.active ?? true,
        apiEnabled: input.apiEnabled ?? true,
      });
    });
  }

  /** An admin's change to a user (deactivate, take "API Enabled"); see `updateUser`. */
  updateUser(username: string, changes: SimulatorUserChanges): SimulatorUser {
    const user = this.findUser(username);
    if (!user) throw new TypeError(`No simulator user has the username "${username}".`);
    for (const key of ['active', 'apiEnabled'] as const) {
      if (changes[key] !== undefined && typeof changes[key] !== 'boolean') {
        throw new TypeError(`A user's ${key} is true or false (got ${String(changes[key])}).`);
      }
    }
    const updated = Object.freeze({
      ...user,
      active: changes.active ?? user.active,
      apiEnabled: changes.apiEnabled ?? user.apiEnabled,
    });
    this.#users[this.#users.indexOf(user)] = updated;
    this.#onChange();
    const { password: _password, ...visible } = updated;
    return visible;
  }

  /** The org as it is now (a sandbox refresh gives it a new id). */
  get org(): SimulatorOrg {
    return this.#org;
  }

  /**
   * A sandbox refresh: the same My Domain now leads to an org with a new id (Salesforce: a
   * refreshed sandbox is a new org; xcloud.external_client_apps.htm, as the project's SALESFORCE.md
   * records). Name, sandbox flag, users and apps stay as configured.
   */
  refreshSandbox(newOrgId?: string): SimulatorOrg {
    const id = newOrgId ? toId18(newOrgId) : salesforceId('00D');
    if (!/^00D[A-Za-z0-9]{15}$/.test(id) || id === this.#org.id) {
      throw new TypeError(
        `A refreshed sandbox needs a new org id starting with "00D" (got "${newOrgId ?? id}").`,
      );
    }
    this.#org = Object.freeze({ ...this.#org, id });
    this.#onChange();
    return this.#org;
  }

  addApp(input: SimulatorAppInput): SimulatorApp {
    const app = resolveApp(input);
    if (this.#apps.has(app.consumerKey)) {
      throw new TypeError('An app with this consumer key already exists in the simulator.');
    }
    this.#apps.set(app.consumerKey, app);
    this.#onChange();
    return app;
  }

  updateApp(consumerKey: string, changes: SimulatorAppChanges): SimulatorApp {
    const current = this.#apps.get(consumerKey);
    if (!current) throw new TypeError('No simulator app has this consumer key.');
    const updated = resolveApp(changes, current);
    this.#apps.set(consumerKey, updated);
    this.#onChange();
    return updated;
  }

  /** Every app, in the order they were added. */
  get apps(): SimulatorApp[] {
    return [...this.#apps.values()];
  }

  getApp(consumerKey: string): SimulatorApp | undefined {
    return this.#apps.get(consumerKey);
  }

  /** Whether the app has finished its "up to 10 minutes" activation at this time. */
  isActive(app: SimulatorApp, now: number): boolean {
    return now >= app.createdAt + app.activationDelayMs;
  }

  /** Salesforce compares usernames case-insensitively. */
  findUser(username: string): DirectoryUser | undefined {
    const wanted = username.trim().toLowerCase();
    return this.#users.find((user) => user.username.toLowerCase() === wanted);
  }

  userById(id: string): DirectoryUser | undefined {
    return this.#users.find((user) => user.id === id);
  }

  get users(): SimulatorUser[] {
    return this.#users.map(({ password: _password, ...user }) => user);
  }

  /** Whether the app's Permitted Users policy lets this user use it. */
  mayUse(app: SimulatorApp, user: SimulatorUser): boolean {
    if (app.permittedUsers === 'all') return true;
    const name = user.username.toLowerCase();
    return app.approvedUsernames.some((approved) => approved.toLowerCase() === name);
  }
}
