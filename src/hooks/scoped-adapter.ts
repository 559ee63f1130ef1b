import type { AdapterCallOptions, SalesforceConnectAdapter } from '../adapters/types.js';

const scopedByAdapter = new WeakMap<
  SalesforceConnectAdapter,
  Map<string, SalesforceConnectAdapter>
>();

/** The methods whose options come last and carry `connectionId`. */
const methods = [
  'getConnection',
  'saveCredentials',
  'startAuthorization',
  'completeAuthorization',
  'disconnect',
  'resolveOrgChange',
  'getSetupInfo',
  'listConnections',
  'renameConnection',
  'connectWithClientCredentials',
] as const;

/** Methods that take no input: their options are the first argument. */
const optionsFirst = new Set<string>([
  'getConnection',
  'disconnect',
  'getSetupInfo',
  'listConnections',
  'connectWithClientCredentials',
]);

/**
 * The adapter with every call addressed to one connection: each method's options gain
 * `connectionId` (a caller's own `connectionId` wins). Without an id the adapter itself comes
 * back, so single-connection code calls it exactly as before. Methods the adapter lacks stay
 * absent, so optional-method checks (`adapter.completeAuthorization ? … : …`) still hold; one
 * scoped adapter per (adapter, id), so identity is stable across renders.
 *
 * @example
 * const sandbox = scopeAdapter(adapter, 'sandbox-uat');
 * await sandbox.getConnection(); // adapter.getConnection({ connectionId: 'sandbox-uat' })
 */
export function scopeAdapter(
  adapter: SalesforceConnectAdapter,
  connectionId: string | undefined,
): SalesforceConnectAdapter {
  if (connectionId === undefined) return adapter;
  let byId = scopedByAdapter.get(adapter);
  if (!byId) {
    byId = new Map();
    scopedByAdapter.set(adapter, byId);
  }
  const known = byId.get(connectionId);
  if (known) return known;
  const withId = (options: AdapterCallOptions | undefined) => ({
    ...options,
    connectionId: options?.connectionId ?? connectionId,
  });
  const scoped: Record<string, unknown> = {};
  for (const name of methods) {
    const method = adapter[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof method !== 'function') continue;
    scoped[name] = optionsFirst.has(name)
      ? (options?: AdapterCallOptions) => method.call(adapter, withId(options))
      : (input: unknown, options?: AdapterCallOptions) =>
          method.call(adapter, input, withId(options));
  }
  const result = scoped as unknown as SalesforceConnectAdapter;
  byId.set(connectionId, result);
  return result;
}
