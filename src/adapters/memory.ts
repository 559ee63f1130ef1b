import { delay } from '../core/cancellation.js';
import { checkClientCredentialsLoginUrl } from '../core/client-credentials-login-url.js';
import { checkConnectionId, parseConnectionName } from '../core/connection-name.js';
import {
  assertConnectionAllowed,
  type ConnectionPolicy,
  duplicateOrgError,
  resolveConnectionPolicy,
} from '../core/connection-policy.js';
import { SECRET_FOR_OTHER_APP } from '../core/credentials.js';
import { ConnectError, throwIfAborted } from '../core/errors.js';
import {
  type ConnectionFieldDefinitions,
  parseConnectionFields,
  splitSecretFields,
} from '../core/fields.js';
import { normalizeLoginUrl } from '../core/login-url.js';
import { createPkcePair, createState } from '../core/oauth.js';
import { type OAuthPopupMessage, resultChannelName } from '../core/popup-protocol.js';
import { narrowScopes } from '../core/scopes.js';
import { keyHint } from '../core/secret-display.js';
import {
  type Connection,
  type ConnectionFlow,
  type ConnectionStatus,
  type CredentialsInput,
  DEFAULT_CONNECTION_ID,
  isConnectionId,
} from '../core/types.js';
import {
  MEMORY_SCENARIO_OUTCOMES,
  type MemoryScenario,
  type MemoryScenarioOutcome,
  memoryScenarioOutcome,
} from './memory-scenarios.js';
import type { CompleteAdapter } from './types.js';

/**
 * The part of `BroadcastChannel` the memory adapter uses to deliver simulated callbacks.
 *
 * @example
 * class RecordingChannel {
 *   constructor(readonly name: string) {}
 *   postMessage(message: unknown) { log.push(message); }
 *   close() {}
 * }
 * createMemoryAdapter({ BroadcastChannel: RecordingChannel satisfies MemoryBroadcastChannel });
 */
export type MemoryBroadcastChannel = new (
  name: string,
) => { postMessage(message: unknown): void; close(): void };

/**
 * Options of {@link createMemoryAdapter}; every one has a sensible default.
 *
 * @example
 * const options: MemoryAdapterOptions = { initial: 'connected', scenario: 'needs_reauth' };
 */
export interface MemoryAdapterOptions {
  /** What goes wrong, if anything; default `happy`. Change it later with `setScenario`. */
  scenario?: MemoryScenario;
  /**
   * How long every call takes, like a real network: default 300 ms, `0` for tests, `Infinity` for
   * a call that never answers (to show loading states). Aborting always ends the wait at once.
   */
  latencyMs?: number;
  /**
   * Where the connection starts: a status preset (`'configured'` fills in saved credentials,
   * `'connected'` an org and a user, …) or a connection of your own, merged over `disconnected`.
   * Default `disconnected`, or `needs_reauth` in the `needs_reauth` scenario.
   */
  initial?: ConnectionStatus | Partial<Connection>;
  /** The time source for timestamps and state expiry; default `Date.now`. */
  clock?: { now(): number };
  /** The org a successful authorization connects to; merged over a demo org. */
  org?: Partial<NonNullable<Connection['org']>>;
  /** The Salesforce user who authorizes; merged over a demo admin. */
  user?: Partial<NonNullable<Connection['user']>>;
  /** Scopes the backend requests and reports; default `['api', 'refresh_token']`. */
  scopes?: string[];
  /**
   * The callback URL the adapter puts in `redirect_uri` and reports in `getSetupInfo`. Default:
   * `<returnOrigin>/api/salesforce/oauth/callback`, so the popup session (which expects the result
   * from the callback's origin) accepts the simulated result on the page's own origin.
   */
  callbackUrl?: string;
  /** Suggested name for the Salesforce app, reported by `getSetupInfo`. */
  appName?: string;
  /** The product's name, reported by `getSetupInfo`. */
  vendorName?: string;
  /**
   * Login hosts accepted besides Salesforce's, as in `normalizeLoginUrl`'s `allowedHosts`
   * (e.g. `'localhost:4010'` for a local simulator). Other hosts fail with `invalid_login_url`.
   */
  allowedLoginHosts?: readonly string[];
  /** When set, `startAuthorization` refuses other `returnOrigin`s with `unauthorized`. */
  allowedOrigins?: readonly string[];
  /**
   * Where the authorize URL points; default `about:blank`, so an opened popup stays blank (and on
   * the page's origin) instead of loading a real Salesforce page.
   */
  authorizeEndpoint?: string;
  /**
   * When set, every `startAuthorization` is followed, this many milliseconds after it answers, by
   * `simulateCallback` for its state: the whole popup flow plays out on its own (stories, demos).
   */
  autoCallbackMs?: number;
  /** How long an authorization state stays valid; default 10 minutes. */
  stateTtlMs?: number;
  /** Channel used by `simulateCallback`; default the global `BroadcastChannel`. */
  BroadcastChannel?: MemoryBroadcastChannel | undefined;
  /**
   * The integrator's connection fields (`defineConnectionFields`): `saveCredentials` checks
   * them as the reference server does, keeps the non-secret values and only the names of the
   * saved secret ones. Without it, a save that sends fields is refused.
   */
  fields?: ConnectionFieldDefinitions | undefined;
  /**
   * How many connections the tenant may have, and whether two may use the same org, as the
   * reference server's `connections` option: default one connection (`max: 1`); with `max`
   * above 1, a sign-in into an org another connection uses fails with `duplicate_org` unless
   * `onePerOrg: false`.
   */
  connections?: ConnectionPolicy;
  /** The default connection's name, whatever `initial` it starts from. */
  connectionName?: string;
  /**
   * Connections the tenant has besides the default one (whose start is `initial`), in the order
   * they were added; each starts `configured` unless its `initial` says otherwise. Mind
   * `connections.max`.
   */
  initialConnections?: readonly MemoryInitialConnection[];
  /**
   * The org a sign-in for a connection lands in, merged over the demo org: the default
   * connection's is Acme Corporation (`00D5g00000ACMEdEAA`, then `org`), every other id gets an
   * org of its own. Return another connection's org id to play `duplicate_org`.
   */
  orgFor?: (connectionId: string) => Partial<NonNullable<Connection['org']>> | undefined;
}

/**
 * One more connection the memory adapter starts with (`initialConnections`).
 *
 * @example
 * const sandbox: MemoryInitialConnection = { id: 'sandbox', name: 'UAT sandbox', initial: 'connected' };
 */
export interface MemoryInitialConnection {
  /** Its id (see `isConnectionId`); not `default`, which `initial` sets. */
  id: string;
  /** Its name, as the admin gave it. */
  name?: string;
  /** Where it starts, as `MemoryAdapterOptions.initial`; default `configured`. */
  initial?: ConnectionStatus | Partial<Connection>;
}

/**
 * What `simulateCallback` plays: Salesforce's answer in the popup.
 *
 * @example
 * adapter.simulateCallback({ outcome: 'deny' } satisfies SimulateCallbackOptions);
 */
export interface SimulateCallbackOptions {
  /** The authorization to answer; default the latest one `startAuthorization` issued. */
  state?: string;
  /**
   * `approve` (a one-time code), `deny` (`access_denied`), or a Salesforce error. Default: the
   * current scenario's (its Salesforce error for `preflight` and `authorize` scenarios, else a
   * code).
   */
  outcome?: 'approve' | 'deny' | { error: string; error_description?: string };
  /** Post the message on the state's BroadcastChannel; default true. */
  broadcast?: boolean;
}

/**
 * A complete backend in memory: the adapter contract plus controls for stories and tests.
 * All adapter methods are always present and always async.
 *
 * @example
 * const adapter: MemoryAdapter = createMemoryAdapter();
 * adapter.setScenario('network_down'); // every call now fails with `network`
 */
export interface MemoryAdapter extends CompleteAdapter {
  /** The scenario now in force. */
  readonly scenario: MemoryScenario;
  /**
   * Switches the scenario; it applies from the next call. Switching to `needs_reauth` while
   * connected makes the stored authorization stop working at once, as a revoked refresh token
   * would.
   */
  setScenario(scenario: MemoryScenario): void;
  /**
   * Plays Salesforce's part after the admin logged in: builds the exact message the callback
   * page would relay (`oauth_result` with a one-time code bound to the state, or a Salesforce
   * error), posts it on `BroadcastChannel(resultChannelName(state))` — where the kit's popup
   * session listens — and returns it. Synchronous, no latency: it is not the backend answering.
   * Throws `state_mismatch` when no authorization was ever started.
   */
  simulateCallback(options?: SimulateCallbackOptions): OAuthPopupMessage;
}

const MINUTE = 60_000;
const DEMO_LOGIN_URL = 'https://login.salesforce.com';
const DEMO_CONSUMER_KEY =
  '3MVG9MemoryAdapterDemoConsumerKeyOnlyForStoriesAndTests.NotARealSalesforceKeyAtAllQx7W';

interface PendingAuthorization {
  expiresAt: number;
  /** The connection the authorization completes. */
  connectionId: string;
  /** Which saved credentials it was started with: replacing them voids the attempt. */
  credentialsVersion: number;
  /** The one code Salesforce handed out for this state, once the admin approved. */
  code?: string;
}

interface SavedCredentials {
  loginUrl: string;
  /** Kept to build `client_id`: the key is not secret. The secret itself is never kept. */
  consumerKey: string;
  hasConsumerSecret: boolean;
  /** Absent: the popup flow (`authorization-code`). */
  flow?: ConnectionFlow;
}

/** One connection of the tenant. */
interface Slot {
  readonly id: string;
  name?: string;
  credentials?: SavedCredentials;
  /** The connection as answered, without `id` and `name` (added by the answer). */
  connection: Connection;
  /** Bumped when the credentials change to another app: started authorizations are void. */
  credentialsVersion: number;
}

// Popup-flow scenarios that refuse a client-credentials Connect too: they are about the app's
// secret, the org or Salesforce itself, not about a sign-in.
const CLIENT_CREDENTIALS_TOKEN_CODES = new Set([
  'invalid_client',
  'inactive_org',
  'rate_limited',
  'salesforce_unavailable',
]);

const invalidInput = (message: string) => new ConnectError('invalid_input', message);

const notConfigured = (id: string) =>
  new ConnectError('not_configured', `There is no connection with the id "${id}".`);

/** A stable, well-formed demo org id (18 characters, prefix 00D) for a connection id. */
function demoOrgId(connectionId: string): string {
  let hash = 2166136261;
  for (const char of connectionId) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  const letters = (hash >>> 0).toString(36).toUpperCase().padStart(6, '0').slice(-6);
  return `00D5g00000${letters}AA`;
}

const outcomeError = (outcome: MemoryScenarioOutcome) =>
  new ConnectError(outcome.code, outcome.message, {
    ...(outcome.salesforceError === undefined ? {} : { salesforceError: outcome.salesforceError }),
    ...(outcome.salesforceDescription === undefined
      ? {}
      : { salesforceDescription: outcome.salesforceDescription }),
    ...(outcome.status === undefined ? {} : { status: outcome.status }),
  });

function parseCredentials(input: unknown, loginHosts: readonly string[] | undefined) {
  const value = (input ?? {}) as Partial<Record<keyof CredentialsInput, unknown>>;
  if (
    typeof value.loginUrl !== 'string' ||
    typeof value.consumerKey !== 'string' ||
    typeof value.consumerSecret !== 'string'
  ) {
    throw invalidInput('Send loginUrl, consumerKey and consumerSecret as strings.');
  }
  const flow = value.flow ?? undefined;
  if (flow !== undefined && flow !== 'authorization-code' && flow !== 'client-credentials') {
    throw new ConnectError(
      'invalid_input',
      'flow must be "authorization-code" or "client-credentials".',
      { field: 'flow' },
    );
  }
  // As the reference server: the client credentials flow needs the org's own host.
  if (flow === 'client-credentials') {
    checkClientCredentialsLoginUrl(value.loginUrl, loginHosts ? { allowedHosts: loginHosts } : {});
  }
  // The same rules as the reference server: a Salesforce login host (or one the integrator
  // allowed, such as a local simulator), reduced to its origin.
  const login = normalizeLoginUrl(value.loginUrl, loginHosts ? { allowedHosts: loginHosts } : {});
  if (!login.ok) throw new ConnectError('invalid_login_url', login.message);
  const loginUrl = login.url;
  const consumerKey = value.consumerKey.trim();
  if (!consumerKey) throw invalidInput('Enter the Consumer Key.');
  if (/\s/.test(consumerKey)) throw invalidInput('The Consumer Key cannot contain spaces.');
  const secretGiven = value.consumerSecret.trim() !== '';
  return {
    loginUrl,
    consumerKey,
    secretGiven,
    ...(flow ? { flow: flow as ConnectionFlow } : {}),
  };
}

function parseReturnOrigin(value: unknown): string {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value) {
        return value;
      }
    } catch {
      // Reported below.
    }
  }
  throw invalidInput('returnOrigin must be an origin such as https://app.example.com.');
}

/** The instance a login URL leads to: the My Domain itself, or a demo one for the generic hosts. */
function instanceFor(loginUrl: string) {
  const host = new URL(loginUrl).hostname;
  const isSandbox = host === 'test.salesforce.com' || host.includes('.sandbox.');
  if (host === 'login.salesforce.com')
    return { instanceUrl: 'https://acme.my.salesforce.com', isSandbox };
  if (host === 'test.salesforce.com') {
    return { instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', isSandbox };
  }
  return { instanceUrl: loginUrl, isSandbox };
}

// The org id a refreshed sandbox gets in the `org_changed` scenario (another one when the
// connection already uses it).
const REFRESHED_ORG_ID = '00D5g00000RFRSHEAA';
const REFRESHED_ORG_ID_AGAIN = '00D5g00000RFRSHEAB';

const pageOrigin = () => {
  const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  return typeof origin === 'string' && /^https?:\/\//.test(origin)
    ? origin
    : 'http://localhost:3000';
};

/**
 * A complete Salesforce Connect backend that lives in the browser tab: for Storybook, tests and
 * prototypes. It behaves like the reference server, time included: calls take `latencyMs`, honour
 * their `signal`, validate input, keep the consumer secret write-only (only the fact that one is
 * saved), issue single-use expiring states (256 bits) with a PKCE S256 challenge, and play a
 * scripted `scenario` so that every error state can be shown without a server.
 *
 * Completing without a real popup: the authorize URL is `about:blank?…` (with the real
 * parameters, `redirect_uri` on the page's origin), so an opened popup stays blank. Then
 * `simulateCallback()` plays Salesforce's answer: it posts the callback page's exact message on
 * `BroadcastChannel(resultChannelName(state))`, which the kit's popup session accepts like a
 * relayed result; or pass `autoCallbackMs` to have that happen on its own after each
 * `startAuthorization`.
 *
 * @example
 * // A story that walks through the whole flow by itself:
 * const adapter = createMemoryAdapter({ initial: 'configured', autoCallbackMs: 1200 });
 * <SalesforceConnect adapter={adapter} />
 *
 * @example
 * // A test that drives each step:
 * const adapter = createMemoryAdapter({ latencyMs: 0, scenario: 'invalid_client' });
 * await adapter.saveCredentials({ loginUrl, consumerKey, consumerSecret });
 * const start = await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' });
 * const { code, state } = adapter.simulateCallback({ state: start.state, broadcast: false });
 * // Rejects with ConnectError 'invalid_client':
 * await adapter.completeAuthorization({ code: code ?? '', state });
 *
 * @example
 * // A tenant with several connections (SalesforceConnections), at most three:
 * const adapter = createMemoryAdapter({
 *   connections: { max: 3 },
 *   initial: 'connected',
 *   connectionName: 'Production',
 *   initialConnections: [{ id: 'uat', name: 'UAT sandbox', initial: 'configured' }],
 * });
 * await adapter.listConnections(); // [{ id: 'default', … }, { id: 'uat', … }]
 * await adapter.saveCredentials({ ...values, name: 'EU' }, { connectionId: 'eu' }); // a third
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const clock = options.clock ?? { now: () => Date.now() };
  const latencyMs = options.latencyMs ?? 300;
  const stateTtlMs = options.stateTtlMs ?? 10 * MINUTE;
  const scopes = options.scopes ?? ['api', 'refresh_token'];
  const authorizeEndpoint = options.authorizeEndpoint ?? 'about:blank';
  const policy = resolveConnectionPolicy(options.connections);
  const Channel =
    'BroadcastChannel' in options
      ? options.BroadcastChannel
      : (globalThis as { BroadcastChannel?: MemoryBroadcastChannel }).BroadcastChannel;

  let scenario: MemoryScenario = options.scenario ?? 'happy';
  /** The tenant's connections by id, in the order they were added. */
  const slots = new Map<string, Slot>();
  let lastReturnOrigin: string | undefined;
  let latestState: string | undefined;
  const pending = new Map<string, PendingAuthorization>();

  const isoNow = () => new Date(clock.now()).toISOString();
  const failure = () => memoryScenarioOutcome(scenario);
  const callbackUrlFor = (origin: string) =>
    options.callbackUrl ?? `${origin}/api/salesforce/oauth/callback`;

  const credentialFields = (saved: SavedCredentials) => {
    const hint = keyHint(saved.consumerKey);
    return {
      ...(saved.flow ? { flow: saved.flow } : {}),
      loginUrl: saved.loginUrl,
      ...(hint ? { consumerKeyHint: hint } : {}),
      hasConsumerSecret: saved.hasConsumerSecret,
    };
  };

  /** The org a sign-in for this connection lands in: the demo org for the default one. */
  const orgFor = (slot: Slot, saved: SavedCredentials) => ({
    id: slot.id === DEFAULT_CONNECTION_ID ? '00D5g00000ACMEdEAA' : demoOrgId(slot.id),
    name: slot.id === DEFAULT_CONNECTION_ID ? 'Acme Corporation' : `Acme Corporation (${slot.id})`,
    ...instanceFor(saved.loginUrl),
    ...(slot.id === DEFAULT_CONNECTION_ID ? options.org : {}),
    ...options.orgFor?.(slot.id),
  });

  const connectedFields = (slot: Slot, saved: SavedCredentials) => ({
    org: orgFor(slot, saved),
    user: {
      id: '0055g00000ADMNdAAB',
      username: 'admin@acme.example.com',
      displayName: 'Alex Admin',
      ...options.user,
    },
    scopes: [...scopes],
  });

  /**
   * As on the reference server, a failed attempt shows on the connection, unless a working
   * connection was there to keep. Answers the error, to throw.
   */
  const failAttempt = (slot: Slot, error: ConnectError, status: ConnectionStatus = 'error') => {
    if (slot.connection.status !== 'connected') {
      slot.connection = {
        ...slot.connection,
        status,
        error: error.toJSON(),
        updatedAt: isoNow(),
      };
    }
    return error;
  };

  /** The stored authorization stops working, as when Salesforce revokes the refresh token. */
  const revokeSession = (slot: Slot) => {
    if (slot.connection.status === 'connected') {
      const error = outcomeError(MEMORY_SCENARIO_OUTCOMES.needs_reauth).toJSON();
      slot.connection = { ...slot.connection, status: 'needs_reauth', error };
    }
  };

  const preflightFinding = () => {
    const outcome = failure();
    return outcome?.stage === 'preflight' ? { error: outcomeError(outcome).toJSON() } : {};
  };

  function seed(slot: Slot, initial: ConnectionStatus | Partial<Connection>): void {
    const demoCredentials: SavedCredentials = {
      loginUrl: DEMO_LOGIN_URL,
      consumerKey: DEMO_CONSUMER_KEY,
      hasConsumerSecret: true,
    };
    if (typeof initial === 'object') {
      const { id: _id, name, ...rest } = structuredClone(initial);
      if (name !== undefined) slot.name = name;
      slot.connection = { status: 'disconnected', ...rest };
      const { connection } = slot;
      if (
        connection.status !== 'disconnected' ||
        connection.loginUrl ||
        connection.consumerKeyHint
      ) {
        slot.credentials = {
          loginUrl: connection.loginUrl ?? DEMO_LOGIN_URL,
          consumerKey: DEMO_CONSUMER_KEY.slice(0, -4) + (connection.consumerKeyHint ?? 'Qx7W'),
          hasConsumerSecret: connection.hasConsumerSecret ?? true,
          // `initial: { status: 'configured', flow: 'client-credentials', … }` starts in that flow.
          ...(connection.flow ? { flow: connection.flow } : {}),
        };
      }
    } else if (initial !== 'disconnected') {
      slot.credentials = demoCredentials;
      const saved = { ...credentialFields(demoCredentials), updatedAt: isoNow() };
      if (initial === 'configured') {
        slot.connection = { status: 'configured', ...saved, ...preflightFinding() };
      } else if (initial === 'error') {
        const outcome = failure() ?? MEMORY_SCENARIO_OUTCOMES.salesforce_unavailable;
        slot.connection = { status: 'error', ...saved, error: outcomeError(outcome).toJSON() };
      } else {
        slot.connection = {
          status: 'connected',
          ...saved,
          ...connectedFields(slot, demoCredentials),
          connectedAt: isoNow(),
        };
        if (initial === 'needs_reauth') revokeSession(slot);
      }
    }
    if (scenario === 'needs_reauth') revokeSession(slot);
  }

  /** A slot counts as a connection once it holds anything: credentials, a name, a status. */
  const holdsSomething = (slot: Slot) =>
    slot.credentials !== undefined ||
    slot.name !== undefined ||
    slot.connection.status !== 'disconnected' ||
    Object.keys(slot.connection).length > 1;

  const emptySlot = (id: string): Slot => ({
    id,
    connection: { status: 'disconnected' },
    credentialsVersion: 0,
  });

  {
    const first = emptySlot(DEFAULT_CONNECTION_ID);
    seed(first, options.initial ?? (scenario === 'needs_reauth' ? 'needs_reauth' : 'disconnected'));
    if (options.connectionName !== undefined)
      first.name = parseConnectionName(options.connectionName);
    if (holdsSomething(first)) slots.set(first.id, first);
    for (const more of options.initialConnections ?? []) {
      if (!isConnectionId(more.id) || more.id === DEFAULT_CONNECTION_ID || slots.has(more.id)) {
        throw new TypeError(
          `initialConnections: ${JSON.stringify(more.id)} is not a new connection id (see isConnectionId; the default connection is set with \`initial\`).`,
        );
      }
      const slot = emptySlot(more.id);
      seed(slot, more.initial ?? 'configured');
      if (more.name !== undefined) slot.name = parseConnectionName(more.name);
      slots.set(slot.id, slot);
    }
  }

  /** The id a call addresses; a malformed one is refused before anything happens. */
  const idOf = (connectionId: string | undefined) =>
    connectionId === undefined ? DEFAULT_CONNECTION_ID : checkConnectionId(connectionId);

  /** The addressed connection, or a blank one (not yet added) when the tenant has none by that id. */
  const slotFor = (id: string) => slots.get(id) ?? emptySlot(id);

  /**
   * What a call answers: the connection, with its name, and with its id when the call named one
   * (calls without `connectionId` answer exactly as before several connections existed).
   */
  const view = (slot: Slot, addressed: boolean): Connection => ({
    ...(addressed ? { id: slot.id } : {}),
    ...(slot.name !== undefined ? { name: slot.name } : {}),
    ...slot.connection,
  });

  /** Every call: wait like a network, fail like the scenario says, answer a private copy. */
  async function answer<T>(signal: AbortSignal | undefined, work: () => T | Promise<T>) {
    await delay(latencyMs, signal);
    const outcome = failure();
    if (outcome?.stage === 'transport') throw outcomeError(outcome);
    const value = await work();
    throwIfAborted(signal);
    return structuredClone(value);
  }

  const pruneExpired = () => {
    const now = clock.now();
    for (const [state, entry] of pending) if (entry.expiresAt <= now) pending.delete(state);
  };

  const post = (message: OAuthPopupMessage) => {
    if (!Channel) return;
    const channel = new Channel(resultChannelName(message.state));
    channel.postMessage(message);
    channel.close();
  };

  /** The other connection of the tenant that already uses this org, if `onePerOrg` is on. */
  const holderOf = (orgId: string, except: string) => {
    if (!policy.onePerOrg) return undefined;
    for (const other of slots.values()) {
      if (other.id !== except && other.connection.org?.id === orgId) return other;
    }
    return undefined;
  };

  const adapter: MemoryAdapter = {
    get scenario() {
      return scenario;
    },

    setScenario(next) {
      scenario = next;
      if (next === 'needs_reauth') for (const slot of slots.values()) revokeSession(slot);
    },

    getConnection({ signal, connectionId } = {}) {
      return answer(signal, () => view(slotFor(idOf(connectionId)), connectionId !== undefined));
    },

    listConnections({ signal } = {}) {
      return answer(signal, () => {
        const list = [...slots.values()];
        const first = list.filter((slot) => slot.id === DEFAULT_CONNECTION_ID);
        const others = list.filter((slot) => slot.id !== DEFAULT_CONNECTION_ID);
        return [...first, ...others].map((slot) => view(slot, true));
      });
    },

    renameConnection(input, { signal, connectionId } = {}) {
      return answer(signal, () => {
        const id = idOf(connectionId);
        const name = parseConnectionName((input as { name?: unknown } | undefined)?.name);
        const slot = slots.get(id);
        if (!slot) throw notConfigured(id);
        slot.name = name;
        slot.connection = { ...slot.connection, updatedAt: isoNow() };
        return view(slot, connectionId !== undefined);
      });
    },

    saveCredentials(input, { signal, connectionId } = {}) {
      return answer(signal, () => {
        const id = idOf(connectionId);
        // A connection beyond the limit is refused first: there is nothing to correct.
        if (!slots.has(id)) assertConnectionAllowed(slots.keys(), id, policy.max);
        const parsed = parseCredentials(input, options.allowedLoginHosts);
        const slot = slotFor(id);
        const { credentials } = slot;
        // Name and fields: the same checks as the reference server (secret values are not kept).
        const extra = (input ?? {}) as { name?: unknown; fields?: unknown };
        const name =
          extra.name === undefined || extra.name === null
            ? undefined
            : parseConnectionName(extra.name);
        const definitions = options.fields ?? {};
        const savedSecrets = new Set(slot.connection.savedSecretFields ?? []);
        const { visible, secret } = splitSecretFields(
          definitions,
          parseConnectionFields(definitions, extra.fields, { existingSecrets: savedSecrets }),
        );
        for (const secretName of Object.keys(secret)) savedSecrets.add(secretName);
        const named = {
          ...(Object.keys(visible).length > 0 ? { fields: visible } : {}),
          ...(savedSecrets.size > 0 ? { savedSecretFields: [...savedSecrets] } : {}),
        };
        const sameApp =
          credentials?.loginUrl === parsed.loginUrl &&
          credentials.consumerKey === parsed.consumerKey;
        // Tokens of one flow are no use to the other: a change of flow starts over.
        const sameFlow =
          (credentials?.flow ?? 'authorization-code') === (parsed.flow ?? 'authorization-code');
        // As the reference server: the saved secret goes only with the key and login host it
        // was saved for.
        if (!parsed.secretGiven) {
          if (!credentials?.hasConsumerSecret) throw invalidInput('Enter the Consumer Secret.');
          if (!sameApp) throw invalidInput(SECRET_FOR_OTHER_APP);
        }
        slot.credentials = {
          loginUrl: parsed.loginUrl,
          consumerKey: parsed.consumerKey,
          hasConsumerSecret: true,
          ...(parsed.flow ? { flow: parsed.flow } : {}),
        };
        if (name !== undefined) slot.name = name;
        if (sameApp && sameFlow) {
          // Same app (a new secret, or none): the tokens stay valid at Salesforce, and so does
          // the connection; an earlier failure is cleared, a needed reconnection is not.
          const { error, ...rest } = slot.connection;
          const status = slot.connection.status === 'error' ? 'configured' : slot.connection.status;
          slot.connection = {
            ...rest,
            status,
            updatedAt: isoNow(),
            ...(status === 'needs_reauth' && error ? { error } : {}),
          };
        } else {
          // Another app or org: earlier tokens and started authorizations do not carry over.
          slot.credentialsVersion++;
          slot.connection = {
            status: 'configured',
            ...credentialFields(slot.credentials),
            updatedAt: isoNow(),
          };
        }
        const { fields: _fields, savedSecretFields: _saved, ...rest } = slot.connection;
        slot.connection = { ...rest, ...named };
        // The preflight checks the popup's callback URL: a client-credentials app has none.
        if (parsed.flow !== 'client-credentials') {
          slot.connection = { ...slot.connection, ...preflightFinding() };
        }
        slots.set(id, slot);
        return view(slot, connectionId !== undefined);
      });
    },

    startAuthorization(input, { signal, connectionId } = {}) {
      return answer(signal, async () => {
        const id = idOf(connectionId);
        const returnOrigin = parseReturnOrigin((input as { returnOrigin?: unknown })?.returnOrigin);
        if (options.allowedOrigins && !options.allowedOrigins.includes(returnOrigin)) {
          throw new ConnectError('unauthorized', `${returnOrigin} may not start an authorization.`);
        }
        const slot = slots.get(id);
        const credentials = slot?.credentials;
        if (!slot || !credentials) {
          throw new ConnectError(
            'not_configured',
            'Save the Consumer Key and Consumer Secret before connecting.',
          );
        }
        if (credentials.flow === 'client-credentials') {
          throw invalidInput(
            'This connection connects without a Salesforce window (client credentials flow): use Connect, which asks Salesforce for a token directly, instead of starting a sign-in.',
          );
        }
        pruneExpired();
        lastReturnOrigin = returnOrigin;
        const state = createState();
        // The verifier would stay on a real backend for the token exchange; here Salesforce is
        // simulated too, so only the challenge (what Salesforce sees) matters.
        const pkce = await createPkcePair();
        const requested = narrowScopes(scopes, input.scopes);
        const prompt = input.prompt === undefined ? [] : [input.prompt].flat();
        const params = new URLSearchParams({
          response_type: 'code',
          client_id: credentials.consumerKey,
          redirect_uri: callbackUrlFor(returnOrigin),
          scope: requested.join(' '),
          state,
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
          display: 'popup',
          ...(prompt.length > 0 ? { prompt: prompt.join(' ') } : {}),
        });
        const expiresAt = clock.now() + stateTtlMs;
        pending.set(state, {
          expiresAt,
          connectionId: id,
          credentialsVersion: slot.credentialsVersion,
        });
        latestState = state;
        if (options.autoCallbackMs !== undefined) {
          setTimeout(() => {
            if (pending.has(state)) adapter.simulateCallback({ state });
          }, options.autoCallbackMs);
        }
        return {
          authorizeUrl: `${authorizeEndpoint}?${params}`,
          state,
          expiresAt: new Date(expiresAt).toISOString(),
        };
      });
    },

    completeAuthorization(input, { signal, connectionId } = {}) {
      return answer(signal, () => {
        const id = idOf(connectionId);
        const { code, state } = (input ?? {}) as { code?: unknown; state?: unknown };
        if (typeof code !== 'string' || typeof state !== 'string' || !code || !state) {
          throw invalidInput('Send the code and the state from the callback.');
        }
        const entry = pending.get(state);
        // Single use: whatever happens next, this state is spent.
        pending.delete(state);
        if (!entry || entry.expiresAt <= clock.now()) {
          throw new ConnectError(
            'state_mismatch',
            'This authorization attempt is unknown, expired or already used. Connect again.',
          );
        }
        if (entry.connectionId !== id) {
          throw new ConnectError(
            'state_mismatch',
            'This authorization was started for another connection. Connect again.',
          );
        }
        const slot = slots.get(id);
        const credentials = slot?.credentials;
        if (!slot || !credentials || entry.credentialsVersion !== slot.credentialsVersion) {
          throw new ConnectError(
            'state_mismatch',
            'The credentials changed after this authorization started. Connect again.',
          );
        }
        const addressed = connectionId !== undefined;
        const fail = (error: ConnectError, status?: ConnectionStatus) =>
          failAttempt(slot, error, status);
        const outcome = failure();
        // A refreshed sandbox: the sign-in lands in an org with another id behind the same
        // address. A connection that names an org keeps it, and the new org waits for a choice;
        // without one, this is a first connection like any other.
        const changesOrg = outcome?.code === 'org_changed';
        if (outcome && outcome.stage !== 'session' && !changesOrg) {
          throw fail(outcomeError(outcome));
        }
        if (entry.code === undefined || entry.code !== code) {
          throw fail(
            new ConnectError(
              'invalid_grant',
              'Salesforce did not accept this authorization code; connect again.',
              {
                salesforceError: 'invalid_grant',
                salesforceDescription: 'expired authorization code',
              },
            ),
          );
        }
        const at = isoNow();
        const { connection } = slot;
        if (changesOrg && connection.org) {
          const fields = connectedFields(slot, credentials);
          const previousId = connection.org.id;
          slot.connection = {
            ...connection,
            orgChange: {
              org: {
                ...fields.org,
                instanceUrl: connection.org.instanceUrl,
                id: previousId === REFRESHED_ORG_ID ? REFRESHED_ORG_ID_AGAIN : REFRESHED_ORG_ID,
              },
              user: fields.user,
              detectedAt: at,
            },
          };
          throw outcomeError(MEMORY_SCENARIO_OUTCOMES.org_changed);
        }
        const fields = connectedFields(slot, credentials);
        // One org, one connection: the new grant is dropped (a real backend revokes it), and
        // the connection stays as it was, saying why.
        const holder = holderOf(fields.org.id, id);
        if (holder) throw fail(duplicateOrgError(holder), 'configured');
        slot.connection = {
          status: 'connected',
          ...credentialFields(credentials),
          ...fields,
          connectedAt: at,
          updatedAt: at,
        };
        return view(slot, addressed);
      });
    },

    disconnect({ signal, connectionId, forgetCredentials } = {}) {
      return answer(signal, () => {
        const id = idOf(connectionId);
        const addressed = connectionId !== undefined;
        const slot = slots.get(id);
        if (forgetCredentials) {
          // The connection leaves the tenant's list: tokens, credentials, name and all.
          slots.delete(id);
          for (const [state, entry] of pending) {
            if (entry.connectionId === id) pending.delete(state);
          }
          return view(emptySlot(id), addressed);
        }
        if (!slot) return view(emptySlot(id), addressed);
        if (slot.connection.status === 'disconnected') return view(slot, addressed);
        // Credentials stay, so reconnecting needs no retyping; tokens are forgotten.
        slot.connection = {
          status: 'disconnected',
          ...(slot.credentials ? credentialFields(slot.credentials) : {}),
          updatedAt: isoNow(),
        };
        return view(slot, addressed);
      });
    },

    connectWithClientCredentials({ signal, connectionId } = {}) {
      return answer(signal, () => {
        const slot = slots.get(idOf(connectionId));
        const credentials = slot?.credentials;
        if (!slot || !credentials) {
          throw new ConnectError(
            'not_configured',
            'Save the My Domain URL, Consumer Key and Consumer Secret before connecting.',
          );
        }
        if (credentials.flow !== 'client-credentials') {
          throw invalidInput(
            'This connection signs in through the Salesforce window. To connect without one, save its credentials with the flow "client-credentials" first.',
          );
        }
        const outcome = failure();
        if (
          outcome &&
          (outcome.stage === 'client_credentials' ||
            (outcome.stage === 'token' && CLIENT_CREDENTIALS_TOKEN_CODES.has(outcome.code)))
        ) {
          throw failAttempt(slot, outcomeError(outcome));
        }
        const at = isoNow();
        const fields = connectedFields(slot, credentials);
        // One org, one connection, as for a sign-in through the popup.
        const holder = holderOf(fields.org.id, slot.id);
        if (holder) throw failAttempt(slot, duplicateOrgError(holder));
        slot.connection = {
          status: 'connected',
          ...credentialFields(credentials),
          ...fields,
          // The token acts as the app's Run As user; no refresh token in this flow.
          user: {
            id: '0055g00000INTGRAAB',
            username: 'integration@acme.example.com',
            displayName: 'Integration User',
            ...options.user,
          },
          scopes: fields.scopes.filter((scope) => scope !== 'refresh_token'),
          connectedAt: at,
          updatedAt: at,
        };
        return view(slot, connectionId !== undefined);
      });
    },

    resolveOrgChange(input, { signal, connectionId } = {}) {
      return answer(signal, () => {
        const id = idOf(connectionId);
        const choice = (input as { choice?: unknown } | undefined)?.choice;
        if (choice !== 'keep_new' && choice !== 'keep_previous') {
          throw invalidInput('choice must be "keep_new" or "keep_previous".');
        }
        const slot = slots.get(id);
        const change = slot?.connection.orgChange;
        if (!slot || !change) {
          throw invalidInput(
            'There is no change of org waiting for a choice (it was resolved already, or the connection changed). Reload to see the connection.',
          );
        }
        const { orgChange: _change, error: _error, ...rest } = slot.connection;
        const at = isoNow();
        const holder = choice === 'keep_new' ? holderOf(change.org.id, id) : undefined;
        if (holder) {
          // The new org is another connection's: going back is the only way.
          slot.connection = { ...rest, updatedAt: at };
          throw duplicateOrgError(holder);
        }
        slot.connection =
          choice === 'keep_previous'
            ? { ...rest, ...(_error ? { error: _error } : {}), updatedAt: at }
            : {
                ...rest,
                status: 'connected',
                org: change.org,
                ...(change.user ? { user: change.user } : {}),
                connectedAt: at,
                updatedAt: at,
              };
        return view(slot, connectionId !== undefined);
      });
    },

    getSetupInfo({ signal } = {}) {
      return answer(signal, () => ({
        callbackUrls: [callbackUrlFor(lastReturnOrigin ?? pageOrigin())],
        appName: options.appName ?? 'Example App Salesforce Connector',
        scopes: [...scopes],
        vendorName: options.vendorName ?? 'Example App',
        ...(options.allowedLoginHosts?.length
          ? { allowedLoginHosts: [...options.allowedLoginHosts] }
          : {}),
      }));
    },

    simulateCallback(callback = {}) {
      const state = callback.state ?? latestState;
      if (!state) {
        throw new ConnectError(
          'state_mismatch',
          'No authorization to answer: call startAuthorization first.',
        );
      }
      const scripted = failure();
      const outcome =
        callback.outcome ??
        (scripted?.salesforceError !== undefined &&
        (scripted.stage === 'preflight' || scripted.stage === 'authorize')
          ? {
              error: scripted.salesforceError,
              error_description: scripted.salesforceDescription ?? '',
            }
          : 'approve');
      const base = { source: 'salesforce-connect', v: 1, type: 'oauth_result', state } as const;
      let message: OAuthPopupMessage;
      if (outcome === 'approve') {
        const code = createState();
        const entry = pending.get(state);
        if (entry) entry.code = code;
        message = { ...base, code };
      } else if (outcome === 'deny') {
        message = {
          ...base,
          error: 'access_denied',
          error_description: 'end-user denied authorization',
        };
      } else {
        message = {
          ...base,
          error: outcome.error,
          ...(outcome.error_description ? { error_description: outcome.error_description } : {}),
        };
      }
      if (callback.broadcast !== false) post(message);
      return message;
    },
  };
  return adapter;
}
