import { delay } from '../core/cancellation.js';
import { checkClientCredentialsLoginUrl } from '../core/client-credentials-login-url.js';
import { SECRET_FOR_OTHER_APP } from '../core/credentials.js';
import { ConnectError, throwIfAborted } from '../core/errors.js';
import { normalizeLoginUrl } from '../core/login-url.js';
import { createPkcePair, createState } from '../core/oauth.js';
import { type OAuthPopupMessage, resultChannelName } from '../core/popup-protocol.js';
import { narrowScopes } from '../core/scopes.js';
import { keyHint } from '../core/secret-display.js';
import type {
  Connection,
  ConnectionFlow,
  ConnectionStatus,
  CredentialsInput,
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

// Popup-flow scenarios that refuse a client-credentials Connect too: they are about the app's
// secret, the org or Salesforce itself, not about a sign-in.
const CLIENT_CREDENTIALS_TOKEN_CODES = new Set([
  'invalid_client',
  'inactive_org',
  'rate_limited',
  'salesforce_unavailable',
]);

const invalidInput = (message: string) => new ConnectError('invalid_input', message);

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
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const clock = options.clock ?? { now: () => Date.now() };
  const latencyMs = options.latencyMs ?? 300;
  const stateTtlMs = options.stateTtlMs ?? 10 * MINUTE;
  const scopes = options.scopes ?? ['api', 'refresh_token'];
  const authorizeEndpoint = options.authorizeEndpoint ?? 'about:blank';
  const Channel =
    'BroadcastChannel' in options
      ? options.BroadcastChannel
      : (globalThis as { BroadcastChannel?: MemoryBroadcastChannel }).BroadcastChannel;

  let scenario: MemoryScenario = options.scenario ?? 'happy';
  let credentials: SavedCredentials | undefined;
  let connection: Connection = { status: 'disconnected' };
  let lastReturnOrigin: string | undefined;
  let credentialsVersion = 0;
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

  const connectedFields = (saved: SavedCredentials) => ({
    org: {
      id: '00D5g00000ACMEdEAA',
      name: 'Acme Corporation',
      ...instanceFor(saved.loginUrl),
      ...options.org,
    },
    user: {
      id: '0055g00000ADMNdAAB',
      username: 'admin@acme.example.com',
      displayName: 'Alex Admin',
      ...options.user,
    },
    scopes: [...scopes],
  });

  /** The stored authorization stops working, as when Salesforce revokes the refresh token. */
  const revokeSession = () => {
    if (connection.status === 'connected') {
      const error = outcomeError(MEMORY_SCENARIO_OUTCOMES.needs_reauth).toJSON();
      connection = { ...connection, status: 'needs_reauth', error };
    }
  };

  const preflightFinding = () => {
    const outcome = failure();
    return outcome?.stage === 'preflight' ? { error: outcomeError(outcome).toJSON() } : {};
  };

  function initialConnection(): void {
    const initial =
      options.initial ?? (scenario === 'needs_reauth' ? 'needs_reauth' : 'disconnected');
    const demoCredentials: SavedCredentials = {
      loginUrl: DEMO_LOGIN_URL,
      consumerKey: DEMO_CONSUMER_KEY,
      hasConsumerSecret: true,
    };
    if (typeof initial === 'object') {
      connection = { status: 'disconnected', ...structuredClone(initial) };
      if (
        connection.status !== 'disconnected' ||
        connection.loginUrl ||
        connection.consumerKeyHint
      ) {
        credentials = {
          loginUrl: connection.loginUrl ?? DEMO_LOGIN_URL,
          consumerKey: DEMO_CONSUMER_KEY.slice(0, -4) + (connection.consumerKeyHint ?? 'Qx7W'),
          hasConsumerSecret: connection.hasConsumerSecret ?? true,
          // `initial: { status: 'configured', flow: 'client-credentials', … }` starts in that flow.
          ...(connection.flow ? { flow: connection.flow } : {}),
        };
      }
    } else if (initial !== 'disconnected') {
      credentials = demoCredentials;
      const saved = { ...credentialFields(demoCredentials), updatedAt: isoNow() };
      if (initial === 'configured') {
        connection = { status: 'configured', ...saved, ...preflightFinding() };
      } else if (initial === 'error') {
        const outcome = failure() ?? MEMORY_SCENARIO_OUTCOMES.salesforce_unavailable;
        connection = { status: 'error', ...saved, error: outcomeError(outcome).toJSON() };
      } else {
        connection = {
          status: 'connected',
          ...saved,
          ...connectedFields(demoCredentials),
          connectedAt: isoNow(),
        };
        if (initial === 'needs_reauth') revokeSession();
      }
    }
    if (scenario === 'needs_reauth') revokeSession();
  }
  initialConnection();

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

  const adapter: MemoryAdapter = {
    get scenario() {
      return scenario;
    },

    setScenario(next) {
      scenario = next;
      if (next === 'needs_reauth') revokeSession();
    },

    getConnection({ signal } = {}) {
      return answer(signal, () => connection);
    },

    saveCredentials(input, { signal } = {}) {
      return answer(signal, () => {
        const parsed = parseCredentials(input, options.allowedLoginHosts);
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
        const saved: SavedCredentials = {
          loginUrl: parsed.loginUrl,
          consumerKey: parsed.consumerKey,
          hasConsumerSecret: true,
          ...(parsed.flow ? { flow: parsed.flow } : {}),
        };
        credentials = saved;
        if (sameApp && sameFlow) {
          // Same app (a new secret, or none): the tokens stay valid at Salesforce, and so does
          // the connection; an earlier failure is cleared, a needed reconnection is not.
          const { error, ...rest } = connection;
          const status = connection.status === 'error' ? 'configured' : connection.status;
          connection = {
            ...rest,
            status,
            updatedAt: isoNow(),
            ...(status === 'needs_reauth' && error ? { error } : {}),
          };
        } else {
          // Another app or org: earlier tokens and started authorizations do not carry over.
          credentialsVersion++;
          connection = {
            status: 'configured',
            ...credentialFields(saved),
            updatedAt: isoNow(),
          };
        }
        // The preflight checks the popup's callback URL: a client-credentials app has none.
        if (parsed.flow !== 'client-credentials') {
          connection = { ...connection, ...preflightFinding() };
        }
        return connection;
      });
    },

    startAuthorization(input, { signal } = {}) {
      return answer(signal, async () => {
        const returnOrigin = parseReturnOrigin((input as { returnOrigin?: unknown })?.returnOrigin);
        if (options.allowedOrigins && !options.allowedOrigins.includes(returnOrigin)) {
          throw new ConnectError('unauthorized', `${returnOrigin} may not start an authorization.`);
        }
        if (!credentials) {
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
        pending.set(state, { expiresAt, credentialsVersion });
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

    completeAuthorization(input, { signal } = {}) {
      return answer(signal, () => {
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
        if (!credentials || entry.credentialsVersion !== credentialsVersion) {
          throw new ConnectError(
            'state_mismatch',
            'The credentials changed after this authorization started. Connect again.',
          );
        }
        // As on the reference server, a failed attempt shows on the connection, unless a
        // working connection was there to keep.
        const fail = (error: ConnectError) => {
          if (connection.status !== 'connected') {
            connection = {
              ...connection,
              status: 'error',
              error: error.toJSON(),
              updatedAt: isoNow(),
            };
          }
          return error;
        };
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
        if (changesOrg && connection.org) {
          const fields = connectedFields(credentials);
          const previousId = connection.org.id;
          connection = {
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
        connection = {
          status: 'connected',
          ...credentialFields(credentials),
          ...connectedFields(credentials),
          connectedAt: at,
          updatedAt: at,
        };
        return connection;
      });
    },

    disconnect({ signal } = {}) {
      return answer(signal, () => {
        if (connection.status === 'disconnected') return connection;
        // Credentials stay, so reconnecting needs no retyping; tokens are forgotten.
        connection = {
          status: 'disconnected',
          ...(credentials ? credentialFields(credentials) : {}),
          updatedAt: isoNow(),
        };
        return connection;
      });
    },

    connectWithClientCredentials({ signal } = {}) {
      return answer(signal, () => {
        if (!credentials) {
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
          const error = outcomeError(outcome);
          // As on the reference server: a working connection survives a failed attempt.
          if (connection.status !== 'connected') {
            connection = {
              ...connection,
              status: 'error',
              error: error.toJSON(),
              updatedAt: isoNow(),
            };
          }
          throw error;
        }
        const at = isoNow();
        const fields = connectedFields(credentials);
        connection = {
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
        return connection;
      });
    },

    resolveOrgChange(input, { signal } = {}) {
      return answer(signal, () => {
        const choice = (input as { choice?: unknown } | undefined)?.choice;
        if (choice !== 'keep_new' && choice !== 'keep_previous') {
          throw invalidInput('choice must be "keep_new" or "keep_previous".');
        }
        const change = connection.orgChange;
        if (!change) {
          throw invalidInput(
            'There is no change of org waiting for a choice (it was resolved already, or the connection changed). Reload to see the connection.',
          );
        }
        const { orgChange: _change, error: _error, ...rest } = connection;
        const at = isoNow();
        connection =
          choice === 'keep_previous'
            ? { ...connection, updatedAt: at }
            : {
                ...rest,
                status: 'connected',
                org: change.org,
                ...(change.user ? { user: change.user } : {}),
                connectedAt: at,
                updatedAt: at,
              };
        delete connection.orgChange;
        return connection;
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
