import { useCallback, useEffect, useRef, useState } from 'react';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import { type ConnectError, toConnectError } from '../core/errors.js';
import type { ConnectionFieldDefinitions, ReadableConnectionFields } from '../core/fields.js';
import type { Connection, ConnectionFieldValues, ConnectionStatus } from '../core/types.js';
import { requireProp } from '../react/development.js';
import { useLatest } from '../react/use-latest.js';

/**
 * The page as `useConnection` sees it: the window for `focus`, the document for its visibility
 * (timers are the global ones, so fake timers drive them). Each part defaults to the global one; pass stand-ins for tests and iframes.
 *
 * @example
 * useConnection({ adapter, environment: { window: frame.contentWindow!, document: frame.contentDocument! } });
 */
export interface ConnectionEnvironment {
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

/**
 * Options of {@link useConnection}.
 *
 * @example
 * const options: UseConnectionOptions = { adapter, connectionId: 'sandbox-uat', pollMs: 30_000 };
 */
export interface UseConnectionOptions<
  TFields extends ConnectionFieldDefinitions = ConnectionFieldDefinitions,
> {
  adapter: SalesforceConnectAdapter;
  /**
   * The connection fields the backend checks (`defineConnectionFields`): only their types are
   * used, so `connection.fields` is typed (secret fields left out).
   */
  fields?: TFields | undefined;
  /**
   * Which of the tenant's connections to watch (see `isConnectionId`); absent means the default
   * one. Each id has its own state: switching ids never shows the previous one's connection.
   */
  connectionId?: string | undefined;
  /** Asks the backend again every `pollMs` while the tab is visible; off when omitted or 0. */
  pollMs?: number | undefined;
  environment?: ConnectionEnvironment | undefined;
}

/**
 * What {@link useConnection} returns.
 *
 * @example
 * const { status, loading, refresh }: UseConnectionResult = useConnection({ adapter });
 */
export interface UseConnectionResult<
  TValues extends ConnectionFieldValues = ConnectionFieldValues,
> {
  connection: Connection<TValues> | undefined;
  /** The connection's status; undefined until the first answer. */
  status: ConnectionStatus | undefined;
  /** Why the last load failed; cleared by the next answer. */
  error: ConnectError | undefined;
  /** A load is in flight. */
  loading: boolean;
  /** Asks the backend now; resolves with the answer (undefined when it failed or was replaced). */
  refresh(): Promise<Connection<TValues> | undefined>;
}

interface Loaded {
  /** The connection id the answer is about. */
  for: string | undefined;
  connection: Connection | undefined;
  error: ConnectError | undefined;
  loading: boolean;
}

/**
 * The connection's status, kept fresh: loaded on mount, polled every `pollMs` while the tab is
 * visible (paused while hidden), and reloaded when the tab becomes visible again or the window
 * regains focus — which also catches a connection finished in a popup whose login pages cut the
 * link to this window. Every request is aborted on unmount or when a newer one starts.
 *
 * @example
 * function SalesforceBadge({ adapter }: { adapter: SalesforceConnectAdapter }) {
 *   const { status, loading } = useConnection({ adapter, pollMs: 60_000 });
 *   if (loading && !status) return <span>Checking…</span>;
 *   return <span>{status === 'connected' ? 'Salesforce connected' : 'Salesforce not connected'}</span>;
 * }
 */
export function useConnection<
  const TFields extends ConnectionFieldDefinitions = ConnectionFieldDefinitions,
>({
  adapter,
  connectionId,
  pollMs,
  environment,
}: UseConnectionOptions<TFields>): UseConnectionResult<ReadableConnectionFields<TFields>> {
  requireProp(
    adapter,
    'useConnection',
    'adapter',
    "Pass your backend's adapter: useConnection({ adapter: createFetchAdapter({ baseUrl: '/api/salesforce' }) }).",
  );
  const [loaded, setLoaded] = useState<Loaded>({
    for: connectionId,
    connection: undefined,
    error: undefined,
    loading: true,
  });
  const adapterRef = useLatest(adapter);
  const current = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(async () => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoaded((previous) =>
      previous.for !== connectionId
        ? { for: connectionId, connection: undefined, error: undefined, loading: true }
        : previous.loading
          ? previous
          : { ...previous, loading: true },
    );
    try {
      const connection = await adapterRef.current.getConnection({
        signal: controller.signal,
        ...(connectionId === undefined ? {} : { connectionId }),
      });
      if (controller.signal.aborted) return undefined;
      setLoaded({ for: connectionId, connection, error: undefined, loading: false });
      return connection;
    } catch (caught) {
      if (controller.signal.aborted) return undefined;
      // The last known connection stays: a blip in the network does not make it disappear.
      setLoaded((previous) => ({
        ...previous,
        error: toConnectError(caught, 'adapter_error'),
        loading: false,
      }));
      return undefined;
    } finally {
      if (current.current === controller) current.current = undefined;
    }
  }, [adapterRef, connectionId]);

  const win = environment?.window;
  const doc = environment?.document;
  useEffect(() => {
    const w = win ?? window;
    const d = doc ?? document;
    let timer: ReturnType<typeof setInterval> | undefined;
    const stopPolling = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const startPolling = () => {
      stopPolling();
      if (pollMs && pollMs > 0) timer = setInterval(() => void refresh(), pollMs);
    };
    const onVisibility = () => {
      if (d.visibilityState === 'hidden') return stopPolling();
      void refresh();
      startPolling();
    };
    const onFocus = () => {
      // Focus often comes with a visibility change: one request is enough.
      if (!current.current) void refresh();
    };

    void refresh();
    if (d.visibilityState !== 'hidden') startPolling();
    d.addEventListener('visibilitychange', onVisibility);
    w.addEventListener('focus', onFocus);
    return () => {
      stopPolling();
      d.removeEventListener('visibilitychange', onVisibility);
      w.removeEventListener('focus', onFocus);
      current.current?.abort();
      current.current = undefined;
    };
  }, [refresh, pollMs, win, doc]);

  // Until the first answer about a new id arrives, nothing of the previous id shows.
  const shown = loaded.for === connectionId ? loaded : undefined;
  // The backend checked the fields with the same definitions: its answer has their types.
  return {
    connection: shown?.connection as Connection<ReadableConnectionFields<TFields>> | undefined,
    status: shown?.connection?.status,
    error: shown?.error,
    loading: shown?.loading ?? true,
    refresh: refresh as () => Promise<Connection<ReadableConnectionFields<TFields>> | undefined>,
  };
}
