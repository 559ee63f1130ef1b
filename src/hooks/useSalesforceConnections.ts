import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import { parseConnectionName } from '../core/connection-name.js';
import { ConnectError, toConnectError } from '../core/errors.js';
import { type Connection, DEFAULT_CONNECTION_ID, isConnectionId } from '../core/types.js';
import { requireProp } from '../react/development.js';
import { useLatest } from '../react/use-latest.js';

/** Lowercase RFC 4648 base32: letters and digits 2–7, all valid in a connection id. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** 16 characters × 5 bits: 80 random bits, so two ids a tenant adds never collide in practice. */
const RANDOM_CHARACTERS = 16;

/**
 * A fresh id for a connection about to be added: `c-` and 16 random base32 characters (80 bits
 * from `crypto.getRandomValues`), valid for `isConnectionId`. The page picks the id and the
 * backend adds the connection when credentials are first saved under it.
 *
 * @example
 * const id = createConnectionId(); // e.g. 'c-k3v7q2mz5xw4hj6a'
 * await adapter.saveCredentials(input, { connectionId: id });
 */
export function createConnectionId(): string {
  const bytes = new Uint8Array(RANDOM_CHARACTERS);
  crypto.getRandomValues(bytes);
  let id = 'c-';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}

/**
 * Why `add()` is not available: the list has not loaded yet, the tenant holds `max` connections
 * already, or the adapter cannot list connections (no `listConnections`).
 *
 * @example
 * const reason: AddConnectionBlockedReason = 'limit';
 */
export type AddConnectionBlockedReason = 'loading' | 'limit' | 'unsupported';

/**
 * The connection whose connect flow is open: a new one (`add`) or an existing one (`reconnect`).
 * Render `SalesforceConnect connectionId={flow.connectionId}` (or `useSalesforceConnect`) for it.
 *
 * @example
 * const flow: OpenConnectionFlow = { connectionId: 'c-k3v7q2mz5xw4hj6a', mode: 'add' };
 */
export interface OpenConnectionFlow {
  connectionId: string;
  mode: 'add' | 'reconnect';
}

/**
 * Options of {@link useSalesforceConnections}.
 *
 * @example
 * const options: UseSalesforceConnectionsOptions = { adapter, max: 3 };
 */
export interface UseSalesforceConnectionsOptions {
  /** The backend; it needs `listConnections` to list (and add) more than the default connection. */
  adapter: SalesforceConnectAdapter;
  /**
   * At most this many connections: `canAdd` turns false at `max`. Set the same limit on your
   * backend (the reference server's `max`), which refuses one more with `connection_limit`.
   */
  max?: number | undefined;
  /** Makes the id of a connection `add()` opens; default {@link createConnectionId}. */
  createConnectionId?: (() => string) | undefined;
}

/**
 * What {@link useSalesforceConnections} returns. The functions are stable for the component's life.
 *
 * @example
 * const { connections, canAdd, add }: UseSalesforceConnectionsResult = useSalesforceConnections({ adapter });
 */
export interface UseSalesforceConnectionsResult {
  /** The tenant's connections, each with its `id`; empty until the first answer. */
  connections: Connection[];
  /** The list has been loaded at least once. */
  loaded: boolean;
  /** A load is in flight. */
  loading: boolean;
  /** Why the last load failed; cleared by the next answer. */
  error: ConnectError | undefined;
  /** `max`, as given. */
  max: number | undefined;
  /** `add()` would open a flow now. */
  canAdd: boolean;
  /** Why `canAdd` is false; undefined when it is true. */
  addBlockedBy: AddConnectionBlockedReason | undefined;
  /** The connection whose flow is open, until `closeFlow()`. */
  openFlow: OpenConnectionFlow | undefined;
  /** Opens the flow for a new connection under a fresh id and answers that id (undefined when `canAdd` is false). */
  add(): string | undefined;
  /** Opens the flow for an existing connection. */
  reconnect(connectionId: string): void;
  /** Ends the open flow and loads the list again (the flow may have added or changed a connection). */
  closeFlow(): Promise<Connection[] | undefined>;
  /**
   * Renames a connection (checked with `parseConnectionName` first) and loads the list again.
   * Rejects with a `ConnectError` (`field: 'name'` when the name is refused).
   */
  rename(connectionId: string, name: string): Promise<Connection>;
  /** The connection waiting for its removal to be confirmed. */
  removal: string | undefined;
  /** Asks to remove a connection: `removal` names it until confirmed or cancelled. */
  askToRemove(connectionId: string): void;
  cancelRemove(): void;
  /**
   * Removes a connection for good (`adapter.disconnect({ connectionId, forgetCredentials: true })`:
   * tokens revoked, credentials forgotten) and loads the list again. Rejects with a `ConnectError`.
   */
  remove(connectionId: string): Promise<void>;
  /** What runs for each connection right now. */
  pending: Readonly<Record<string, 'renaming' | 'removing'>>;
  /** Loads the list now; resolves with it (undefined when it failed or was replaced). */
  refresh(): Promise<Connection[] | undefined>;
}

interface Listed {
  connections: Connection[];
  loaded: boolean;
  loading: boolean;
  error: ConnectError | undefined;
}

const withId = (connection: Connection): Connection =>
  connection.id ? connection : { ...connection, id: DEFAULT_CONNECTION_ID };

/** A default connection counts as one once it holds credentials or a sign-in. */
const exists = (connection: Connection) =>
  connection.status !== 'disconnected' ||
  connection.loginUrl !== undefined ||
  connection.consumerKeyHint !== undefined;

const aborted = () => new ConnectError('aborted', 'The page no longer needs this answer.');

/**
 * A customer's Salesforce connections (production, sandboxes, one per business unit), headless:
 * lists them with `adapter.listConnections` (status, org, sandbox flag, user), and adds,
 * reconnects, renames and removes them. Adding and reconnecting open the existing connect flow
 * for one connection id (`openFlow`): render `SalesforceConnect connectionId={…}` or
 * `useSalesforceConnect({ connectionId })` for it, and call `closeFlow()` when it ends. The list
 * is loaded again after every change; every request is aborted on unmount, and nothing updates
 * after it.
 *
 * @example
 * function Connections({ adapter }: { adapter: SalesforceConnectAdapter }) {
 *   const list = useSalesforceConnections({ adapter, max: 3 });
 *   return (
 *     <>
 *       <ul>
 *         {list.connections.map((c) => (
 *           <li key={c.id}>
 *             {c.name ?? c.org?.name ?? 'Unnamed'} — {c.status}
 *             <button type="button" onClick={() => list.remove(c.id!)}>Remove</button>
 *           </li>
 *         ))}
 *       </ul>
 *       <button type="button" disabled={!list.canAdd} onClick={list.add}>Add connection</button>
 *       {list.openFlow ? (
 *         <SalesforceConnect
 *           adapter={adapter}
 *           connectionId={list.openFlow.connectionId}
 *           onSuccess={() => void list.closeFlow()}
 *         />
 *       ) : null}
 *     </>
 *   );
 * }
 */
export function useSalesforceConnections(
  options: UseSalesforceConnectionsOptions,
): UseSalesforceConnectionsResult {
  requireProp(
    options?.adapter,
    'useSalesforceConnections',
    'adapter',
    "Pass your backend's adapter: useSalesforceConnections({ adapter: createFetchAdapter({ baseUrl: '/api/salesforce' }) }).",
  );
  const latest = useLatest(options);
  const [listed, setListed] = useState<Listed>({
    connections: [],
    loaded: false,
    loading: true,
    error: undefined,
  });
  const [openFlow, setOpenFlow] = useState<OpenConnectionFlow | undefined>(undefined);
  const [removal, setRemoval] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<Readonly<Record<string, 'renaming' | 'removing'>>>({});

  /** Aborted on unmount: every call links to it, and nothing updates state after it fired. */
  const life = useRef<AbortController | undefined>(undefined);
  const loading = useRef<AbortController | undefined>(undefined);

  /** A controller that aborts with the component's life. */
  const linked = useCallback(() => {
    const controller = new AbortController();
    const signal = life.current?.signal;
    if (!signal || signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
    return controller;
  }, []);

  const refresh = useCallback(async (): Promise<Connection[] | undefined> => {
    loading.current?.abort();
    const controller = linked();
    loading.current = controller;
    if (controller.signal.aborted) return undefined;
    setListed((previous) => (previous.loading ? previous : { ...previous, loading: true }));
    try {
      const { adapter } = latest.current;
      const signal = controller.signal;
      let connections: Connection[];
      if (adapter.listConnections) {
        connections = (await adapter.listConnections({ signal })).map(withId);
      } else {
        // A backend with one connection per tenant: its default connection, once it exists.
        const single = await adapter.getConnection({ signal });
        connections = exists(single) ? [withId(single)] : [];
      }
      if (signal.aborted) return undefined;
      setListed({ connections, loaded: true, loading: false, error: undefined });
      return connections;
    } catch (caught) {
      if (controller.signal.aborted) return undefined;
      // The last known list stays: a blip in the network does not empty it.
      setListed((previous) => ({
        ...previous,
        loading: false,
        error: toConnectError(caught, 'adapter_error'),
      }));
      return undefined;
    } finally {
      if (loading.current === controller) loading.current = undefined;
    }
  }, [latest, linked]);

  useEffect(() => {
    const controller = new AbortController();
    life.current = controller;
    void refresh();
    return () => {
      controller.abort();
      loading.current = undefined;
    };
  }, [refresh]);

  const setPendingFor = useCallback(
    (connectionId: string, what: 'renaming' | 'removing' | undefined) =>
      setPending((previous) => {
        const next = { ...previous };
        if (what) next[connectionId] = what;
        else delete next[connectionId];
        return next;
      }),
    [],
  );

  const rename = useCallback(
    async (connectionId: string, name: string): Promise<Connection> => {
      const trimmed = parseConnectionName(name);
      const { adapter } = latest.current;
      if (!adapter.renameConnection) {
        throw new ConnectError('not_configured', 'This backend cannot rename connections.');
      }
      const controller = linked();
      if (controller.signal.aborted) throw aborted();
      setPendingFor(connectionId, 'renaming');
      try {
        const renamed = await adapter.renameConnection(
          { name: trimmed },
          { signal: controller.signal, connectionId },
        );
        if (controller.signal.aborted) throw aborted();
        // The answer shows at once; the list is loaded again behind it.
        setListed((previous) => ({
          ...previous,
          connections: previous.connections.map((c) =>
            c.id === connectionId ? withId({ ...renamed, id: connectionId }) : c,
          ),
        }));
        void refresh();
        return renamed;
      } catch (caught) {
        throw toConnectError(caught, 'adapter_error');
      } finally {
        if (!controller.signal.aborted) setPendingFor(connectionId, undefined);
      }
    },
    [latest, linked, refresh, setPendingFor],
  );

  const remove = useCallback(
    async (connectionId: string): Promise<void> => {
      const controller = linked();
      if (controller.signal.aborted) throw aborted();
      setRemoval(undefined);
      setPendingFor(connectionId, 'removing');
      try {
        await latest.current.adapter.disconnect({
          signal: controller.signal,
          connectionId,
          forgetCredentials: true,
        });
        if (controller.signal.aborted) throw aborted();
        setListed((previous) => ({
          ...previous,
          connections: previous.connections.filter((c) => c.id !== connectionId),
        }));
        setOpenFlow((flow) => (flow?.connectionId === connectionId ? undefined : flow));
        void refresh();
      } catch (caught) {
        throw toConnectError(caught, 'adapter_error');
      } finally {
        if (!controller.signal.aborted) setPendingFor(connectionId, undefined);
      }
    },
    [latest, linked, refresh, setPendingFor],
  );

  const max = options.max;
  const canList = options.adapter.listConnections !== undefined;
  const addBlockedBy: AddConnectionBlockedReason | undefined = !canList
    ? 'unsupported'
    : !listed.loaded
      ? 'loading'
      : max !== undefined && listed.connections.length >= max
        ? 'limit'
        : undefined;
  const blockedRef = useLatest(addBlockedBy);

  const add = useCallback((): string | undefined => {
    if (blockedRef.current !== undefined) return undefined;
    const make = latest.current.createConnectionId ?? createConnectionId;
    const connectionId = make();
    if (!isConnectionId(connectionId)) {
      throw new Error(
        `createConnectionId returned ${JSON.stringify(connectionId)}: ids are 1–40 characters of a–z, 0–9, "-" and "_", starting with a letter or digit.`,
      );
    }
    setOpenFlow({ connectionId, mode: 'add' });
    return connectionId;
  }, [blockedRef, latest]);

  const reconnect = useCallback((connectionId: string) => {
    setOpenFlow({ connectionId, mode: 'reconnect' });
  }, []);

  const closeFlow = useCallback(() => {
    setOpenFlow(undefined);
    return refresh();
  }, [refresh]);

  const askToRemove = useCallback((connectionId: string) => setRemoval(connectionId), []);
  const cancelRemove = useCallback(() => setRemoval(undefined), []);

  return useMemo(
    () => ({
      connections: listed.connections,
      loaded: listed.loaded,
      loading: listed.loading,
      error: listed.error,
      max,
      canAdd: addBlockedBy === undefined,
      addBlockedBy,
      openFlow,
      add,
      reconnect,
      closeFlow,
      rename,
      removal,
      askToRemove,
      cancelRemove,
      remove,
      pending,
      refresh,
    }),
    [
      listed,
      max,
      addBlockedBy,
      openFlow,
      add,
      reconnect,
      closeFlow,
      rename,
      removal,
      askToRemove,
      cancelRemove,
      remove,
      pending,
      refresh,
    ],
  );
}
