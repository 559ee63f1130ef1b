import { useMemo } from 'react';
import { createFetchAdapter } from '../../adapters/fetch.js';
import type { SalesforceConnectAdapter } from '../../adapters/types.js';
import { requireProp } from '../../react/development.js';

/**
 * The adapter a component was given, or the fetch adapter it builds from `apiUrl` (a string, so a
 * server component can pass it); neither is a developer error naming the component and `help`.
 *
 * @example
 * const adapter = useAdapterProp(props.adapter, props.apiUrl, '<SalesforceConnections>', help);
 */
export function useAdapterProp<T extends SalesforceConnectAdapter>(
  adapter: T | undefined,
  apiUrl: string | undefined,
  component: string,
  help: string,
): T | ReturnType<typeof createFetchAdapter> {
  const built = useMemo(
    () => (adapter || !apiUrl ? undefined : createFetchAdapter({ baseUrl: apiUrl })),
    [adapter, apiUrl],
  );
  return requireProp(adapter ?? built, component, 'adapter', help);
}
