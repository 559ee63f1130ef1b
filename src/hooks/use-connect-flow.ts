import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ConnectionFlow } from '../core/types.js';
import { requireProp } from '../react/development.js';
import { useLatest } from '../react/use-latest.js';
import { createConnectFlow, type PopupSessionFactory } from './connect-flow.js';
import type {
  UseSalesforceConnectOptions,
  UseSalesforceConnectResult,
} from './useSalesforceConnect.js';

/**
 * `useSalesforceConnect` with the popup session's factory given by the caller (see
 * `createConnectFlow`). The public hook passes core's `createPopupSession`; `<SalesforceConnect/>`
 * passes the copy its dialog part brings, so a connected page paints without the popup's code.
 * `popupSessions` is read at each click; it must be the same function for the component's life.
 */
export function useConnectFlow(
  options: UseSalesforceConnectOptions,
  popupSessions: () => PopupSessionFactory | undefined,
): UseSalesforceConnectResult {
  requireProp(
    options?.adapter,
    'useSalesforceConnect',
    'adapter',
    "Pass your backend's adapter: useSalesforceConnect({ adapter: createFetchAdapter({ baseUrl: '/api/salesforce' }) }).",
  );
  // A developer error: createFetchAdapter and createMemoryAdapter have the method.
  if (options.flow === 'client-credentials') {
    requireProp(
      options.adapter.connectWithClientCredentials,
      'useSalesforceConnect',
      'adapter.connectWithClientCredentials',
      "Flow 'client-credentials' calls it to connect without a popup (createFetchAdapter and createMemoryAdapter have it).",
    );
  }
  const flowKind: ConnectionFlow = options.flow ?? 'authorization-code';
  const latest = useLatest(options);
  // One flow per connection: another `connectionId` starts afresh rather than showing the
  // previous connection's state (or its prefetched authorize URL) under the new id.
  // (Creating a flow has no side effect until `start()`, so a discarded one costs nothing.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new id is a new flow
  const flow = useMemo(
    () => createConnectFlow(() => latest.current, popupSessions),
    [options.connectionId],
  );
  const state = useSyncExternalStore(
    flow.store.subscribe,
    flow.store.getSnapshot,
    flow.store.getSnapshot,
  );
  useEffect(() => flow.start(), [flow]);

  return useMemo(
    () => ({
      connection: state.connection,
      phase: state.phase,
      ready: state.ready,
      error: state.error,
      popupState: state.popup,
      open: flow.open,
      cancel: flow.cancel,
      retry: flow.retry,
      disconnect: flow.disconnect,
      refresh: flow.refresh,
      focusPopup: flow.focusPopup,
      state,
      flow: flowKind,
    }),
    [state, flow, flowKind],
  );
}
