import type { AdapterCallOptions, Awaitable, SalesforceConnectAdapter } from '../adapters/types.js';
import { ConnectError, type ConnectErrorCode, isConnectErrorCode } from '../core/errors.js';
import { keyHint } from '../core/secret-display.js';
import type { AuthorizationStart, Connection, CredentialsInput } from '../core/types.js';

/**
 * What the suite needs from one freshly created backend.
 *
 * @example
 * const subject: ConformanceSubject = {
 *   adapter: createFetchAdapter({ baseUrl: server.url }),
 *   simulateAuthorization: (start) => simulator.approve(start.authorizeUrl),
 *   cleanup: () => server.close(),
 * };
 */
export interface ConformanceSubject {
  /** The adapter under test, talking to a backend that starts empty (or merely configured). */
  adapter: SalesforceConnectAdapter;
  /**
   * Plays the admin at Salesforce for an authorization the suite started: log in, allow access,
   * and land on the callback URL. Return the `code` and `state` the callback received when the
   * kit is to pass them to `completeAuthorization` (an app-origin callback route); return nothing
   * when the backend's own callback page already exchanged the code (then the suite expects
   * `getConnection` to answer `connected`).
   */
  simulateAuthorization(
    start: AuthorizationStart,
    context: ConformanceContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: lets an `async () => { … }` hook fit.
  ): Awaitable<{ code: string; state: string } | undefined | void>;
  /**
   * Credentials this backend's Salesforce accepts, such as an app just registered in a simulator;
   * merged over `options.credentials` and fresh random ones.
   */
  credentials?: Partial<CredentialsInput>;
  /**
   * Makes the next sign-in land in another org behind the same address, as after a sandbox
   * refresh (the simulator's `refreshSandbox()`). With it, and with `resolveOrgChange` on the
   * adapter, the suite checks both choices of a change of org.
   */
  changeOrg?(): Awaitable<void>;
  /**
   * Credentials of an app set up for the client credentials flow: the org's My Domain as
   * `loginUrl` (never login.salesforce.com), "Enable Client Credentials Flow" and a Run As user.
   * Merged over the run's credentials. With them, and with `connectWithClientCredentials` on the
   * adapter, the suite checks that flow too (connecting without a popup; generic hosts refused).
   */
  clientCredentials?: Partial<CredentialsInput>;
  /** Releases what the subject holds (servers, databases); called after each check. */
  cleanup?(): Awaitable<void>;
}

/**
 * Facts of the run, handed to `simulateAuthorization`.
 *
 * @example
 * simulateAuthorization: (start, { credentials }: ConformanceContext) =>
 *   simulator.approve(start.authorizeUrl, { clientId: credentials.consumerKey }),
 */
export interface ConformanceContext {
  /** The credentials the suite saved for this authorization. */
  credentials: CredentialsInput;
  /** The `returnOrigin` the suite passed to `startAuthorization`. */
  returnOrigin: string;
}

/**
 * The matchers the suite calls: `toBe`, `toEqual`, `toMatch` (with a RegExp) and
 * `toBeGreaterThanOrEqual`. Vitest's and Jest's `expect` both fit; so does any `expect` that
 * throws on a failed match.
 *
 * @example
 * const matchers: ConformanceMatchers = expect(connection.status); // Vitest or Jest
 */
export interface ConformanceMatchers {
  toBe(expected: unknown): unknown;
  toEqual(expected: unknown): unknown;
  toMatch(expected: RegExp): unknown;
  toBeGreaterThanOrEqual(expected: number): unknown;
}

/**
 * The test runner's functions, passed in so the suite runs under Vitest, Jest or anything alike.
 *
 * @example
 * import { describe, expect, it } from '@jest/globals';
 * const api: ConformanceTestApi = { describe, it, expect };
 */
export interface ConformanceTestApi {
  /** Groups the checks; called once, synchronously. */
  describe(name: string, body: () => void): unknown;
  /** Registers one async check; `timeout` (ms) is passed only when the options set one. */
  it(name: string, body: () => Promise<void>, timeout?: number): unknown;
  expect(actual: unknown): ConformanceMatchers;
}

/**
 * Options of {@link runAdapterConformance}.
 *
 * @example
 * const options: ConformanceOptions = {
 *   credentials: { loginUrl: 'http://localhost:4010' }, // a local Salesforce simulator
 *   returnOrigin: 'http://localhost:3000',
 *   timeoutMs: 20_000,
 * };
 */
export interface ConformanceOptions {
  /** Title of the `describe` block; default `Salesforce Connect adapter conformance`. */
  name?: string;
  /**
   * Credentials to save, merged over fresh random ones per check (a `3MVG9…` key and a 64-hex
   * secret). Pass your simulator's login URL, or the key and secret it knows. A secret you pass
   * should look random: any 6-character piece of it found in an answer fails the suite.
   */
  credentials?: Partial<CredentialsInput>;
  /** The `returnOrigin` to start authorizations with; default `https://app.example.com`. */
  returnOrigin?: string;
  /** Per-check timeout in milliseconds, passed to `it` as its third argument. */
  timeoutMs?: number;
}

/**
 * The title of every check the suite registers, for reports and for tests of the suite itself.
 *
 * @example
 * expect(failedTests).not.toContain(CONFORMANCE_CHECKS.noSecret);
 */
export const CONFORMANCE_CHECKS = {
  fresh: 'starts disconnected or configured',
  save: 'saveCredentials answers configured with the key hint and keeps the secret write-only',
  keepSecret: 'saving with an empty consumerSecret keeps the saved secret',
  secretBelongsToApp:
    'an empty consumerSecret with another Consumer Key is refused: the saved secret is the old app’s',
  badInput: 'refuses bad input and premature calls with ConnectErrors of known codes',
  start: 'startAuthorization issues a fresh state each time, with PKCE S256 in the authorize URL',
  complete: 'completing an authorization connects, naming the org and its instance',
  singleUse: 'a state works once: reusing it or inventing one fails with state_mismatch',
  disconnect: 'disconnect answers disconnected, and getConnection agrees',
  idempotent: 'getConnection answers the same twice in every state, changing nothing',
  abort: 'a pre-aborted signal rejects every method with aborted, and changes nothing',
  orgChange:
    'a reconnect into another org keeps the connection until resolveOrgChange keeps the new org or goes back',
  setupInfo:
    'getSetupInfo, when present, lists absolute callback URLs, and login hosts as host[:port]',
  clientCredentialsConnect:
    'a client-credentials connection connects with connectWithClientCredentials, without startAuthorization, as its Run As user',
  clientCredentialsGenericHost:
    'a client-credentials connection on login.salesforce.com or test.salesforce.com is refused with generic_login_host on the loginUrl field',
  noSecret: 'no answer and no error ever contains the consumer secret',
} as const;

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const randomFrom = (alphabet: string, length: number) =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (byte) => alphabet[byte % alphabet.length],
  ).join('');

/** Fresh, realistic credentials: a new secret per check makes any echo of it detectable. */
const freshCredentials = (given: Partial<CredentialsInput> = {}): CredentialsInput => ({
  loginUrl: 'https://login.salesforce.com',
  consumerKey: `3MVG9${randomFrom(KEY_ALPHABET, 80)}`,
  consumerSecret: randomFrom('0123456789ABCDEF', 64),
  ...given,
});

/** Every string inside a value: object keys and values, array items, an error's own fields. */
function collectStrings(value: unknown, path: string, out: [string, string][], seen: Set<object>) {
  if (typeof value === 'string') {
    out.push([path, value]);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const isPlain =
    Array.isArray(value) ||
    value instanceof Error ||
    Object.getPrototypeOf(value) === Object.prototype ||
    Object.getPrototypeOf(value) === null;
  if (!isPlain) return;
  const keys =
    value instanceof Error
      ? [...new Set([...Object.getOwnPropertyNames(value), 'message', 'cause'])]
      : Object.keys(value);
  for (const key of keys) {
    if (!Array.isArray(value)) out.push([`${path} key`, key]);
    collectStrings((value as Record<string, unknown>)[key], `${path}.${key}`, out, seen);
  }
}

/** Where in `value` the secret, or any 6-character piece of it, appears (case-insensitive). */
function findSecret(value: unknown, secret: string, label: string): string[] {
  const needle = secret.trim().toLowerCase();
  if (!needle) return [];
  const width = Math.min(6, needle.length);
  const pieces = new Set<string>();
  for (let i = 0; i + width <= needle.length; i++) pieces.add(needle.slice(i, i + width));
  const strings: [string, string][] = [];
  collectStrings(value, label, strings, new Set());
  const found: string[] = [];
  for (const [path, text] of strings) {
    const haystack = text.toLowerCase();
    for (const piece of pieces) {
      if (haystack.includes(piece)) {
        found.push(`${path} contains "${piece}"`);
        break;
      }
    }
  }
  return found;
}

const METHODS = [
  'getConnection',
  'saveCredentials',
  'startAuthorization',
  'completeAuthorization',
  'disconnect',
  'resolveOrgChange',
  'getSetupInfo',
  'connectWithClientCredentials',
] as const;

type MethodName = (typeof METHODS)[number];

const describeError = (error: unknown) => {
  if (ConnectError.is(error)) return `ConnectError ${String(error.code)}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `${typeof error}: ${String(error)}`;
};

/**
 * Wraps an adapter so that every answer and every error it gives is searched for the secret, and
 * every error checked to be a `ConnectError` with a known code.
 */
function observe(adapter: SalesforceConnectAdapter) {
  const secrets = new Set<string>();
  const leaks: string[] = [];
  const badErrors: string[] = [];
  const inspect = (method: MethodName, what: 'answer' | 'error', value: unknown) => {
    for (const secret of secrets) leaks.push(...findSecret(value, secret, `${method} ${what}`));
    if (what === 'error' && !(ConnectError.is(value) && isConnectErrorCode(value.code))) {
      badErrors.push(`${method} threw ${describeError(value)}`);
    }
  };
  // Methods are looked up on the adapter (own or inherited), so class-based adapters work too.
  const target: Partial<Record<MethodName, (...args: unknown[]) => unknown>> = {};
  for (const method of METHODS) {
    const original = adapter[method] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    target[method] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = original.apply(adapter, args);
      } catch (error) {
        inspect(method, 'error', error);
        throw error;
      }
      return Promise.resolve(result).then(
        (value) => {
          inspect(method, 'answer', value);
          return value;
        },
        (error: unknown) => {
          inspect(method, 'error', error);
          throw error;
        },
      );
    };
  }
  return { adapter: target as unknown as SalesforceConnectAdapter, secrets, leaks, badErrors };
}

/** What a call did: its answer, or its error summarised as a code. */
async function settle(
  call: () => unknown,
): Promise<{ value?: unknown; outcome: string; field?: string | undefined }> {
  try {
    const value = await call();
    return { value, outcome: 'resolved' };
  } catch (error) {
    const known = ConnectError.is(error) && isConnectErrorCode(error.code);
    return {
      outcome: known ? error.code : `not a ConnectError (${describeError(error)})`,
      field: known ? error.field : undefined,
    };
  }
}

const oneOf = (codes: readonly ConnectErrorCode[]) => new RegExp(`^(?:${codes.join('|')})$`);

const aborted = () => {
  const controller = new AbortController();
  controller.abort();
  return { signal: controller.signal } satisfies AdapterCallOptions;
};

/**
 * Registers the checks that prove an adapter keeps the contract the kit relies on: the round
 * trip (save → configured, authorize → fresh state, complete → connected, disconnect →
 * disconnected), the consumer secret never coming back from any method (every string of every
 * answer and error is searched for it and for any 6-character piece of it), single-use states,
 * `aborted` for a pre-aborted signal on every method with no effect, `ConnectError`s with known
 * codes for bad input, and `getConnection` free of side effects. Each check gets a fresh subject
 * from `createSubject`.
 *
 * It is test-runner agnostic: pass your runner's `describe`, `it` and `expect`. The matchers it
 * uses are `toBe`, `toEqual`, `toMatch` (RegExp) and `toBeGreaterThanOrEqual`.
 *
 * @example
 * // my-adapter.conformance.test.ts (Vitest; with Jest pass Jest's globals)
 * import { describe, expect, it } from 'vitest';
 * import { runAdapterConformance } from 'salesforce-connect/testing';
 *
 * runAdapterConformance(
 *   async () => {
 *     const backend = await startMyBackend({ salesforce: mySalesforceSimulator });
 *     return {
 *       adapter: createMyAdapter(backend.url),
 *       simulateAuthorization: (start) => backend.loginAndAllow(start.authorizeUrl),
 *       cleanup: () => backend.stop(),
 *     };
 *   },
 *   { describe, it, expect },
 * );
 */
export function runAdapterConformance(
  createSubject: () => Awaitable<ConformanceSubject>,
  test: ConformanceTestApi,
  options: ConformanceOptions = {},
): void {
  const { describe, expect } = test;
  const returnOrigin = options.returnOrigin ?? 'https://app.example.com';

  type Harness = ReturnType<typeof observe> & {
    subject: ConformanceSubject;
    credentials: CredentialsInput;
    /** Saves fresh credentials, expecting success. */
    configure(): Promise<Connection>;
    /** Starts and finishes an authorization; the code and state when the kit completed it. */
    connect(): Promise<{ code: string; state: string } | undefined>;
    getConnection(): Promise<Connection>;
  };

  const check = (name: string, body: (h: Harness) => Promise<void>) => {
    const run = async () => {
      const subject = await createSubject();
      const observed = observe(subject.adapter);
      const credentials = freshCredentials({ ...options.credentials, ...subject.credentials });
      observed.secrets.add(credentials.consumerSecret);
      const ccSecret = subject.clientCredentials?.consumerSecret;
      if (ccSecret) observed.secrets.add(ccSecret);
      const adapter = observed.adapter;
      const harness: Harness = {
        ...observed,
        subject,
        credentials,
        getConnection: async () => adapter.getConnection(),
        configure: async () => adapter.saveCredentials({ ...credentials }),
        async connect() {
          await harness.configure();
          const start = await adapter.startAuthorization({ returnOrigin });
          const relayed = await subject.simulateAuthorization(start, { credentials, returnOrigin });
          if (relayed) {
            expect(typeof adapter.completeAuthorization).toBe('function');
            const connection = await adapter.completeAuthorization?.(relayed);
            expect(connection?.status).toBe('connected');
            return relayed;
          }
          expect((await adapter.getConnection()).status).toBe('connected');
          return undefined;
        },
      };
      try {
        await body(harness);
        expect({
          leaks: observed.leaks,
          errorsThatAreNotConnectErrors: observed.badErrors,
        }).toEqual({ leaks: [], errorsThatAreNotConnectErrors: [] });
      } finally {
        await subject.cleanup?.();
      }
    };
    if (options.timeoutMs === undefined) test.it(name, run);
    else test.it(name, run, options.timeoutMs);
  };

  describe(options.name ?? 'Salesforce Connect adapter conformance', () => {
    check(CONFORMANCE_CHECKS.fresh, async ({ getConnection }) => {
      const connection = await getConnection();
      expect(connection.status).toMatch(/^(?:disconnected|configured)$/);
    });

    check(CONFORMANCE_CHECKS.save, async ({ credentials, configure, getConnection }) => {
      const saved = await configure();
      const expected = {
        status: 'configured',
        consumerKeyHint: keyHint(credentials.consumerKey),
        hasConsumerSecret: true,
      };
      const shown = (c: Connection) => ({
        status: c.status,
        consumerKeyHint: c.consumerKeyHint,
        // Optional in the contract; when reported it must be true.
        hasConsumerSecret: c.hasConsumerSecret ?? true,
      });
      expect(shown(saved)).toEqual(expected);
      expect(shown(await getConnection())).toEqual(expected);
    });

    check(CONFORMANCE_CHECKS.keepSecret, async ({ adapter, credentials, configure }) => {
      await configure();
      const again = await settle(() =>
        adapter.saveCredentials({ ...credentials, consumerSecret: '' }),
      );
      expect(again.outcome).toBe('resolved');
      const connection = again.value as Connection;
      expect({
        status: connection.status,
        hasConsumerSecret: connection.hasConsumerSecret ?? true,
      }).toEqual({ status: 'configured', hasConsumerSecret: true });
    });

    check(
      CONFORMANCE_CHECKS.secretBelongsToApp,
      async ({ adapter, credentials, configure, getConnection }) => {
        await configure();
        const before = await getConnection();
        const otherApp = await settle(() =>
          adapter.saveCredentials({
            ...credentials,
            consumerKey: `${credentials.consumerKey.slice(0, -4)}Zq9x`,
            consumerSecret: '',
          }),
        );
        expect(otherApp.outcome).toMatch(oneOf(['invalid_input']));
        // Refused input leaves the saved app as it was.
        expect(await getConnection()).toEqual(before);
      },
    );

    check(CONFORMANCE_CHECKS.badInput, async ({ adapter, credentials, getConnection }) => {
      const fresh = await getConnection();
      const noKey = await settle(() =>
        adapter.saveCredentials({ ...credentials, consumerKey: '' }),
      );
      expect(noKey.outcome).toMatch(oneOf(['invalid_input']));
      const badUrl = await settle(() =>
        adapter.saveCredentials({ ...credentials, loginUrl: 'not a login url' }),
      );
      expect(badUrl.outcome).toMatch(oneOf(['invalid_login_url', 'invalid_input']));
      if (!fresh.hasConsumerSecret) {
        const noSecret = await settle(() =>
          adapter.saveCredentials({ ...credentials, consumerSecret: '' }),
        );
        expect(noSecret.outcome).toMatch(oneOf(['invalid_input']));
      }
      if (fresh.status === 'disconnected' && !fresh.consumerKeyHint) {
        const early = await settle(() => adapter.startAuthorization({ returnOrigin }));
        expect(early.outcome).toMatch(oneOf(['not_configured']));
      }
      // Refused input leaves the connection as it was.
      expect(await getConnection()).toEqual(fresh);
    });

    check(CONFORMANCE_CHECKS.start, async ({ adapter, credentials, configure, getConnection }) => {
      await configure();
      const before = await getConnection();
      const starts: AuthorizationStart[] = [];
      for (let i = 0; i < 3; i++) starts.push(await adapter.startAuthorization({ returnOrigin }));
      expect(new Set(starts.map((start) => start.state)).size).toBe(starts.length);
      for (const start of starts) {
        expect(start.state.length).toBeGreaterThanOrEqual(22);
        const params = new URL(start.authorizeUrl).searchParams;
        expect({
          response_type: params.get('response_type'),
          client_id: params.get('client_id'),
          state: params.get('state'),
          code_challenge_method: params.get('code_challenge_method'),
        }).toEqual({
          response_type: 'code',
          client_id: credentials.consumerKey,
          state: start.state,
          code_challenge_method: 'S256',
        });
        // base64url(SHA-256(verifier)) is 43 characters; a plain verifier would not fit.
        expect(params.get('code_challenge') ?? '').toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(params.get('redirect_uri') ?? '').toMatch(/^https?:\/\/[^/?#\s]+/);
      }
      // Starting an authorization does not change the connection.
      expect(await getConnection()).toEqual(before);
    });

    check(CONFORMANCE_CHECKS.complete, async ({ connect, getConnection }) => {
      await connect();
      const connection = await getConnection();
      expect(connection.status).toBe('connected');
      // The token response always names the instance, and the identity URL the org; the user's
      // name needs the identity scopes, so it is not required.
      expect(connection.org?.id ?? '').toMatch(/\S/);
      expect(connection.org?.instanceUrl ?? '').toMatch(/^https?:\/\//);
      if (connection.user) expect(connection.user.id).toMatch(/\S/);
      expect(
        connection.connectedAt === undefined || !Number.isNaN(Date.parse(connection.connectedAt)),
      ).toBe(true);
    });

    check(CONFORMANCE_CHECKS.singleUse, async ({ adapter, connect, getConnection }) => {
      const relayed = await connect();
      // Without completeAuthorization the backend's own callback spends states; nothing to send.
      if (!adapter.completeAuthorization) return;
      const complete = adapter.completeAuthorization.bind(adapter);
      const connected = await getConnection();
      if (relayed) expect((await settle(() => complete(relayed))).outcome).toBe('state_mismatch');
      const invented = { code: relayed?.code ?? 'invented-code', state: 'x'.repeat(43) };
      expect((await settle(() => complete(invented))).outcome).toBe('state_mismatch');
      // A refused replay does not disturb the live connection.
      expect((await getConnection()).status).toBe(connected.status);
    });

    check(CONFORMANCE_CHECKS.disconnect, async ({ adapter, connect, getConnection }) => {
      await connect();
      const answer = await adapter.disconnect();
      expect(answer.status).toBe('disconnected');
      const after = await getConnection();
      expect({ status: after.status, org: after.org, user: after.user }).toEqual({
        status: 'disconnected',
        org: undefined,
        user: undefined,
      });
    });

    check(CONFORMANCE_CHECKS.idempotent, async ({ adapter, configure, connect, getConnection }) => {
      const twice = async () => {
        const first = await getConnection();
        expect(await getConnection()).toEqual(first);
      };
      await twice();
      await configure();
      await twice();
      await connect();
      await twice();
      await adapter.disconnect();
      await twice();
    });

    check(
      CONFORMANCE_CHECKS.abort,
      async ({ adapter, credentials, configure, getConnection, subject }) => {
        await configure();
        const start = await adapter.startAuthorization({ returnOrigin });
        const relayed = await subject.simulateAuthorization(start, { credentials, returnOrigin });
        const before = await getConnection();
        const other = freshCredentials(options.credentials); // never sent: the call is aborted
        const calls: Record<string, (() => unknown) | undefined> = {
          getConnection: () => adapter.getConnection(aborted()),
          saveCredentials: () => adapter.saveCredentials(other, aborted()),
          startAuthorization: () => adapter.startAuthorization({ returnOrigin }, aborted()),
          completeAuthorization: adapter.completeAuthorization
            ? () =>
                adapter.completeAuthorization?.(
                  relayed ?? { code: 'aborted-before-use', state: start.state },
                  aborted(),
                )
            : undefined,
          disconnect: () => adapter.disconnect(aborted()),
          resolveOrgChange: adapter.resolveOrgChange
            ? () => adapter.resolveOrgChange?.({ choice: 'keep_new' }, aborted())
            : undefined,
          getSetupInfo: adapter.getSetupInfo ? () => adapter.getSetupInfo?.(aborted()) : undefined,
        };
        const outcomes: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const [method, call] of Object.entries(calls)) {
          if (!call) continue;
          outcomes[method] = (await settle(call)).outcome;
          expected[method] = 'aborted';
        }
        expect(outcomes).toEqual(expected);
        expect(await getConnection()).toEqual(before);
        // The aborted completion did not spend the state: the real one still connects.
        if (relayed && adapter.completeAuthorization) {
          expect((await adapter.completeAuthorization(relayed)).status).toBe('connected');
        }
      },
    );

    check(CONFORMANCE_CHECKS.orgChange, async (h) => {
      const { adapter, subject } = h;
      if (!adapter.resolveOrgChange) return;
      const resolve = adapter.resolveOrgChange.bind(adapter);
      await h.connect();
      const before = await h.getConnection();
      // Nothing waits: both choices are refused, and change nothing.
      expect((await settle(() => resolve({ choice: 'keep_new' }))).outcome).toBe('invalid_input');
      expect((await settle(() => resolve({ choice: 'keep_previous' }))).outcome).toBe(
        'invalid_input',
      );
      expect(await h.getConnection()).toEqual(before);
      if (!subject.changeOrg) return;
      await subject.changeOrg();
      /** Signs in again; the completion (or the server's own page) reports org_changed. */
      const landInOtherOrg = async () => {
        const start = await adapter.startAuthorization({ returnOrigin });
        const relayed = await subject.simulateAuthorization(start, {
          credentials: h.credentials,
          returnOrigin,
        });
        if (relayed && adapter.completeAuthorization) {
          const completion = adapter.completeAuthorization.bind(adapter);
          expect((await settle(() => completion(relayed))).outcome).toBe('org_changed');
        }
        const waiting = await h.getConnection();
        expect({
          org: waiting.org?.id,
          changed: waiting.orgChange?.org.id !== before.org?.id,
        }).toEqual({ org: before.org?.id, changed: true });
        expect(waiting.orgChange?.org.id ?? '').toMatch(/\S/);
        return waiting.orgChange?.org.id;
      };
      await landInOtherOrg();
      const back = await resolve({ choice: 'keep_previous' });
      expect({ org: back.org?.id, orgChange: back.orgChange }).toEqual({
        org: before.org?.id,
        orgChange: undefined,
      });
      const newOrgId = await landInOtherOrg();
      const kept = await resolve({ choice: 'keep_new' });
      expect({ status: kept.status, org: kept.org?.id, orgChange: kept.orgChange }).toEqual({
        status: 'connected',
        org: newOrgId,
        orgChange: undefined,
      });
      expect((await h.getConnection()).org?.id).toBe(newOrgId);
    });

    check(CONFORMANCE_CHECKS.setupInfo, async ({ adapter }) => {
      if (!adapter.getSetupInfo) return;
      const info = await adapter.getSetupInfo();
      expect(Array.isArray(info.callbackUrls) && info.callbackUrls.length > 0).toBe(true);
      for (const url of info.callbackUrls) expect(url).toMatch(/^https?:\/\/[^/?#\s]+/);
      // Hosts the form will accept: `host[:port]` or `*.domain`, never a URL.
      if (info.allowedLoginHosts !== undefined) {
        expect(Array.isArray(info.allowedLoginHosts)).toBe(true);
        for (const host of info.allowedLoginHosts) {
          expect(host).toMatch(/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i);
        }
      }
    });

    // ── The client credentials flow (a connection without a popup) ──────────────────────────
    // Runs only for subjects that name client-credentials credentials and adapters that have
    // `connectWithClientCredentials`; the checks above are the popup flow's.

    check(CONFORMANCE_CHECKS.clientCredentialsConnect, async (h) => {
      const { adapter, subject } = h;
      if (!subject.clientCredentials || !adapter.connectWithClientCredentials) return;
      const values: CredentialsInput = {
        ...h.credentials,
        ...subject.clientCredentials,
        flow: 'client-credentials',
      };
      const saved = await adapter.saveCredentials(values);
      expect({ status: saved.status, flow: saved.flow ?? 'client-credentials' }).toEqual({
        status: 'configured',
        flow: 'client-credentials',
      });
      // No sign-in to start: the flow has no popup.
      const started = await settle(() => adapter.startAuthorization({ returnOrigin }));
      expect(started.outcome).toBe('invalid_input');
      const connected = await adapter.connectWithClientCredentials();
      expect(connected.status).toBe('connected');
      expect(connected.user?.username ?? '').toMatch(/\S/);
      expect(connected.org?.id ?? '').toMatch(/\S/);
      expect(connected.org?.instanceUrl ?? '').toMatch(/^https?:\/\//);
      expect((await h.getConnection()).status).toBe('connected');
      // Connecting again replaces the token; the connection stays.
      expect((await adapter.connectWithClientCredentials()).status).toBe('connected');
      expect((await adapter.disconnect()).status).toBe('disconnected');
    });

    check(CONFORMANCE_CHECKS.clientCredentialsGenericHost, async (h) => {
      const { adapter, subject } = h;
      if (!subject.clientCredentials || !adapter.connectWithClientCredentials) return;
      const before = await h.getConnection();
      for (const loginUrl of ['https://login.salesforce.com', 'https://test.salesforce.com']) {
        const refused = await settle(() =>
          adapter.saveCredentials({
            ...h.credentials,
            ...subject.clientCredentials,
            loginUrl,
            flow: 'client-credentials',
          }),
        );
        expect(refused.outcome).toBe('generic_login_host');
        expect(refused.field).toBe('loginUrl');
      }
      expect(await h.getConnection()).toEqual(before);
    });

    check(CONFORMANCE_CHECKS.noSecret, async (h) => {
      const { adapter, credentials } = h;
      // Every method, in every state, including the error paths; `observe` searches each answer.
      await h.getConnection();
      await h.connect();
      await adapter.getSetupInfo?.();
      await h.getConnection();
      await settle(() => adapter.saveCredentials({ ...credentials, consumerKey: '' }));
      await settle(() => adapter.saveCredentials({ ...credentials, loginUrl: 'not a url' }));
      await settle(() => adapter.startAuthorization({ returnOrigin }));
      await settle(() => adapter.completeAuthorization?.({ code: 'unknown', state: 'unknown' }));
      await adapter.disconnect();
      await h.getConnection();
      expect(h.leaks).toEqual([]);
    });
  });
}
