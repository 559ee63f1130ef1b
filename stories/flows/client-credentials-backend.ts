import type { AdapterCallOptions, SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { checkClientCredentialsLoginUrl } from '../../src/core/client-credentials-login-url.js';
import { ConnectError, type ConnectErrorCode } from '../../src/core/errors.js';
import type { Connection, CredentialsInput, SetupInfo } from '../../src/core/types.js';

/**
 * What Salesforce answers the next client credentials request: a token as the Run As user, or
 * one of the refusals the kit explains.
 */
export type ClientCredentialsOutcome =
  | 'connected'
  | 'client_credentials_disabled'
  | 'run_as_user_missing'
  | 'run_as_user_inactive'
  | 'run_as_user_no_api'
  | 'invalid_client';

/** The client credentials refusals, each with the sentence the backend reports. */
export const CLIENT_CREDENTIALS_FAILURES: Readonly<
  Record<Exclude<ClientCredentialsOutcome, 'connected'>, string>
> = {
  client_credentials_disabled: 'The app does not allow the client credentials flow.',
  run_as_user_missing: 'The app has no Run As user for the client credentials flow.',
  run_as_user_inactive: 'The app’s Run As user is inactive.',
  run_as_user_no_api: 'The app’s Run As user may not use the API.',
  invalid_client: 'The Consumer Secret does not match the Consumer Key.',
};

export interface ClientCredentialsBackendOptions {
  /** Where the connection starts: nothing saved, credentials saved, or connected. */
  initial?: 'empty' | 'configured' | 'connected';
  outcome?: ClientCredentialsOutcome;
  /** How long each call takes; default 0. */
  latencyMs?: number;
  /** How long Connect takes; default `latencyMs`. A story showing "Connecting…" uses a long one. */
  connectLatencyMs?: number;
  runAs?: string;
  /** Login hosts accepted besides Salesforce's (an e2e simulator). */
  allowedLoginHosts?: string[];
}

export interface ClientCredentialsBackend extends SalesforceConnectAdapter {
  connectWithClientCredentials(options?: AdapterCallOptions): Promise<Connection>;
  /** Sets what the next connect answers. */
  setOutcome(outcome: ClientCredentialsOutcome): void;
  readonly calls: { connect: number; startAuthorization: number };
}

const LOGIN_URL = 'https://acme.my.salesforce.com';
const KEY_HINT = 'Qx7W';

/**
 * A small deterministic backend for the client credentials mode in stories and tests: it keeps
 * one connection in memory, saves credentials with their flow (refusing the generic login hosts
 * with core's check, as the reference server does), and answers Connect with the outcome set.
 * Nothing leaves the page; `startAuthorization` is counted so a test can say it never ran.
 */
export function createClientCredentialsBackend(
  options: ClientCredentialsBackendOptions = {},
): ClientCredentialsBackend {
  const runAs = options.runAs ?? 'integration@acme.example';
  let outcome: ClientCredentialsOutcome = options.outcome ?? 'connected';
  const latencyMs = options.latencyMs ?? 0;
  const calls = { connect: 0, startAuthorization: 0 };
  const saved = (loginUrl = LOGIN_URL, keyHint = KEY_HINT): Connection => ({
    status: 'configured',
    flow: 'client-credentials',
    loginUrl,
    consumerKeyHint: keyHint,
    hasConsumerSecret: true,
    updatedAt: '2026-12-01T09:00:00.000Z',
  });
  const connectedTo = (base: Connection): Connection => ({
    ...base,
    status: 'connected',
    org: {
      id: '00D5g000004ACMEAAO',
      name: 'Acme Corporation',
      instanceUrl: base.loginUrl ?? LOGIN_URL,
    },
    user: { id: '0055g00000RUNASAAA', username: runAs, displayName: 'Acme Integration' },
    connectedAt: '2026-12-01T09:05:00.000Z',
  });
  let connection: Connection =
    options.initial === 'empty'
      ? { status: 'disconnected', flow: 'client-credentials' }
      : options.initial === 'connected'
        ? connectedTo(saved())
        : saved();

  const wait = (signal: AbortSignal | undefined, ms = latencyMs) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  return {
    calls,
    setOutcome(next) {
      outcome = next;
    },
    async getSetupInfo(): Promise<SetupInfo> {
      return {
        vendorName: 'Acme',
        appName: 'Acme Sync',
        // Nothing to call back: the guide asks for the org's My Domain URL instead.
        callbackUrls: [],
        scopes: ['api'],
        ...(options.allowedLoginHosts ? { allowedLoginHosts: options.allowedLoginHosts } : {}),
      };
    },
    async getConnection(call) {
      await wait(call?.signal);
      return connection;
    },
    async saveCredentials(input: CredentialsInput, call) {
      await wait(call?.signal);
      const login = checkClientCredentialsLoginUrl(input.loginUrl, {
        ...(options.allowedLoginHosts ? { allowedHosts: options.allowedLoginHosts } : {}),
      });
      connection = saved(login.url, input.consumerKey.slice(-4));
      return connection;
    },
    async startAuthorization() {
      calls.startAuthorization += 1;
      throw new ConnectError('adapter_error', 'The client credentials flow has no authorize URL.');
    },
    async connectWithClientCredentials(call) {
      calls.connect += 1;
      await wait(call?.signal, options.connectLatencyMs ?? latencyMs);
      if (outcome === 'connected') {
        connection = connectedTo(connection);
        return connection;
      }
      const code: ConnectErrorCode = outcome;
      throw new ConnectError(code, CLIENT_CREDENTIALS_FAILURES[outcome]);
    },
    async disconnect(call) {
      await wait(call?.signal);
      connection = { ...saved(connection.loginUrl), status: 'disconnected' };
      return connection;
    },
  };
}
