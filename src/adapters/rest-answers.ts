import { ConnectError, type ConnectErrorJSON } from '../core/errors.js';
import type { AuthorizationStart, Connection, ConnectionStatus, SetupInfo } from '../core/types.js';

// Readers for what a REST backend answers. Tolerant where it costs nothing (null means absent, an
// ill-typed optional field is dropped), strict where the kit depends on a value (a known status,
// the authorize URL and state, the callback URLs). They copy only the fields the kit knows, so a
// backend that sends more than it should (a token, a secret) does not leak it into the UI.

const STATUSES: ReadonlySet<string> = new Set<ConnectionStatus>([
  'disconnected',
  'configured',
  'connected',
  'needs_reauth',
  'error',
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Copies `keys` of `source` that pass `accept`, so absent and ill-typed values stay absent. */
function pick<K extends string, V>(
  source: Json,
  keys: readonly K[],
  accept: (value: unknown) => value is V,
): Partial<Record<K, V>> {
  const out: Partial<Record<K, V>> = {};
  for (const key of keys) {
    const value = source[key];
    if (accept(value)) out[key] = value;
  }
  return out;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/**
 * The wire form of a `ConnectError` inside an answer, with unknown codes read as `unknown`;
 * undefined when it has neither a code nor a message.
 *
 * @example
 * readErrorJSON({ code: 'invalid_client_id', message: 'Unknown key' })
 */
export function readErrorJSON(value: unknown): ConnectErrorJSON | undefined {
  if (!isObject(value) || (value.code === undefined && value.message === undefined))
    return undefined;
  return ConnectError.fromJSON(value).toJSON();
}

/**
 * A `Connection` from a backend's answer, or undefined when it is not one (no known `status`).
 *
 * @example
 * readConnection({ status: 'configured', consumerKeyHint: 'Qx7W' })
 */
export function readConnection(value: unknown): Connection | undefined {
  if (!isObject(value) || typeof value.status !== 'string' || !STATUSES.has(value.status)) {
    return undefined;
  }
  const connection: Connection = {
    status: value.status as ConnectionStatus,
    ...pick(value, ['loginUrl', 'consumerKeyHint', 'connectedAt', 'updatedAt'], isString),
    ...pick(value, ['hasConsumerSecret'], isBoolean),
  };
  const { scopes } = value;
  const org = readOrg(value.org);
  if (org) connection.org = org;
  const user = readUser(value.user);
  if (user) connection.user = user;
  if (isStringArray(scopes)) connection.scopes = [...scopes];
  const error = readErrorJSON(value.error);
  if (error) connection.error = error;
  if (value.flow === 'authorization-code' || value.flow === 'client-credentials') {
    connection.flow = value.flow;
  }
  const change = value.orgChange;
  const changedOrg = isObject(change) ? readOrg(change.org) : undefined;
  if (isObject(change) && changedOrg && isString(change.detectedAt)) {
    const changedUser = readUser(change.user);
    connection.orgChange = {
      org: changedOrg,
      ...(changedUser ? { user: changedUser } : {}),
      detectedAt: change.detectedAt,
    };
  }
  return connection;
}

function readOrg(org: unknown): Connection['org'] {
  if (!isObject(org) || !nonEmpty(org.id) || !nonEmpty(org.instanceUrl)) return undefined;
  return {
    id: org.id,
    instanceUrl: org.instanceUrl,
    ...pick(org, ['name'], isString),
    ...pick(org, ['isSandbox'], isBoolean),
  };
}

function readUser(user: unknown): Connection['user'] {
  if (!isObject(user) || !nonEmpty(user.id) || !isString(user.username)) return undefined;
  return { id: user.id, username: user.username, ...pick(user, ['displayName'], isString) };
}

/**
 * An `AuthorizationStart`, or undefined without an authorize URL and a state.
 *
 * @example
 * readAuthorizationStart({ authorizeUrl: 'https://login.salesforce.com/…', state: 'k3Yl…' })
 */
export function readAuthorizationStart(value: unknown): AuthorizationStart | undefined {
  if (!isObject(value) || !nonEmpty(value.authorizeUrl) || !nonEmpty(value.state)) return undefined;
  return {
    authorizeUrl: value.authorizeUrl,
    state: value.state,
    ...pick(value, ['expiresAt'], isString),
  };
}

/**
 * A `SetupInfo`, or undefined without a list of callback URLs.
 *
 * @example
 * readSetupInfo({ callbackUrls: ['https://app.example.com/api/salesforce/oauth/callback'] })
 */
export function readSetupInfo(value: unknown): SetupInfo | undefined {
  if (!isObject(value) || !isStringArray(value.callbackUrls)) return undefined;
  return {
    callbackUrls: [...value.callbackUrls],
    ...pick(value, ['appName', 'vendorName'], isString),
    ...(isStringArray(value.scopes) ? { scopes: [...value.scopes] } : {}),
    ...(isStringArray(value.allowedLoginHosts)
      ? { allowedLoginHosts: [...value.allowedLoginHosts] }
      : {}),
  };
}

/**
 * The error in a REST error body `{ "error": { "code", "message", "salesforceError"? } }`, or
 * undefined when the body has no such error.
 *
 * @example
 * readErrorBody({ error: { code: 'state_mismatch', message: 'Unknown state' } })
 */
export function readErrorBody(value: unknown): ConnectErrorJSON | undefined {
  return isObject(value) ? readErrorJSON(value.error) : undefined;
}
