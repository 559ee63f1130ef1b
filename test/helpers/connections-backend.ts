import {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
} from '../../src/adapters/memory.js';
import type {
  AdapterCallOptions,
  CompleteAdapter,
  DisconnectOptions,
} from '../../src/adapters/types.js';
import { parseConnectionName } from '../../src/core/connection-name.js';
import { ConnectError, type ConnectErrorCode } from '../../src/core/errors.js';
import { type Connection, DEFAULT_CONNECTION_ID } from '../../src/core/types.js';

/** One connection the backend starts with. */
export interface SeededConnection {
  id: string;
  name?: string;
  /** The memory adapter behind it (initial status, org, user, scenario…). */
  memory?: MemoryAdapterOptions;
}

/** Options of {@link createConnectionsBackend}. */
export interface ConnectionsBackendOptions {
  connections?: SeededConnection[];
  /** Options every connection's memory adapter shares (latency, autoCallbackMs…). */
  defaults?: MemoryAdapterOptions;
  /** The org a connection added later lands in (each added connection asks once). */
  orgForNew?: (connectionId: string) => MemoryAdapterOptions['org'];
  /** At most this many connections: one more is refused with `connection_limit`. */
  max?: number;
  /** At most one connection per org: the same org twice is refused with `duplicate_org`. */
  onePerOrg?: boolean;
}

/** The composed adapter, plus a look at each connection's own memory adapter. */
export interface ConnectionsBackend extends CompleteAdapter {
  listConnections(options?: AdapterCallOptions): Promise<Connection[]>;
  renameConnection(input: { name: string }, options?: AdapterCallOptions): Promise<Connection>;
  memory(connectionId: string): MemoryAdapter | undefined;
}

// The codes helper A adds to the kit's catalogue; typed loosely until they are merged.
const policyError = (code: string, message: string) =>
  new ConnectError(code as ConnectErrorCode, message);

/**
 * A tenant with several connections, each one a real memory adapter (its own credentials, PKCE
 * state, tokens and scenario), routed by `connectionId` the way the reference server routes
 * `/connections/:id/…`, with the policy (`max`, `onePerOrg`) and the listing, renaming and
 * forgetting that the multi-connection contract adds.
 */
export function createConnectionsBackend(
  options: ConnectionsBackendOptions = {},
): ConnectionsBackend {
  const defaults: MemoryAdapterOptions = { latencyMs: 0, ...options.defaults };
  const adapters = new Map<string, MemoryAdapter>();
  const names = new Map<string, string>();
  for (const seed of options.connections ?? []) {
    adapters.set(seed.id, createMemoryAdapter({ ...defaults, ...seed.memory }));
    if (seed.name) names.set(seed.id, seed.name);
  }
  const idOf = (o?: AdapterCallOptions) => o?.connectionId ?? DEFAULT_CONNECTION_ID;
  const throwIfAborted = (o?: AdapterCallOptions) => {
    if (o?.signal?.aborted) throw new ConnectError('aborted', 'The call was aborted.');
  };
  const present = (id: string, connection: Connection): Connection => ({
    ...connection,
    id,
    ...(names.has(id) ? { name: names.get(id) ?? '' } : {}),
  });
  const existing = (o?: AdapterCallOptions) => {
    const adapter = adapters.get(idOf(o));
    if (!adapter) {
      throw new ConnectError(
        'not_configured',
        'No connection has this id yet: save credentials first.',
      );
    }
    return adapter;
  };
  const plain = (o?: AdapterCallOptions) => (o?.signal ? { signal: o.signal } : {});

  const backend: ConnectionsBackend = {
    async getConnection(o) {
      const id = idOf(o);
      const adapter = adapters.get(id);
      if (!adapter) {
        throwIfAborted(o);
        return { id, status: 'disconnected' };
      }
      return present(id, await adapter.getConnection(plain(o)));
    },
    async saveCredentials(input, o) {
      const id = idOf(o);
      let adapter = adapters.get(id);
      if (!adapter) {
        throwIfAborted(o);
        if (options.max !== undefined && adapters.size >= options.max) {
          throw policyError(
            'connection_limit',
            `This account may hold ${options.max} Salesforce connections; remove one to add another.`,
          );
        }
        const org = options.orgForNew?.(id);
        adapter = createMemoryAdapter({ ...defaults, ...(org ? { org } : {}) });
        adapters.set(id, adapter);
      }
      if (input.name !== undefined) names.set(id, parseConnectionName(input.name));
      return present(id, await adapter.saveCredentials(input, plain(o)));
    },
    startAuthorization: (input, o) => existing(o).startAuthorization(input, plain(o)),
    async completeAuthorization(input, o) {
      const id = idOf(o);
      const connection = await existing(o).completeAuthorization(input, plain(o));
      if (options.onePerOrg && connection.org) {
        for (const [other, adapter] of adapters) {
          if (other === id) continue;
          const theirs = await adapter.getConnection();
          if (theirs.status === 'connected' && theirs.org?.id === connection.org.id) {
            await existing(o).disconnect();
            throw policyError(
              'duplicate_org',
              `This Salesforce org is already connected as “${names.get(other) ?? other}”.`,
            );
          }
        }
      }
      return present(id, connection);
    },
    async disconnect(o?: DisconnectOptions) {
      const id = idOf(o);
      const connection = await existing(o).disconnect(plain(o));
      if (o?.forgetCredentials) {
        adapters.delete(id);
        names.delete(id);
        return { id, status: 'disconnected' };
      }
      return present(id, connection);
    },
    async resolveOrgChange(input, o) {
      return present(idOf(o), await existing(o).resolveOrgChange(input, plain(o)));
    },
    getSetupInfo: (o) =>
      (adapters.values().next().value ?? createMemoryAdapter(defaults)).getSetupInfo(plain(o)),
    async listConnections(o) {
      throwIfAborted(o);
      const ids = [...adapters.keys()].sort((a, b) =>
        a === DEFAULT_CONNECTION_ID ? -1 : b === DEFAULT_CONNECTION_ID ? 1 : 0,
      );
      const list: Connection[] = [];
      for (const id of ids) {
        const adapter = adapters.get(id);
        if (adapter) list.push(present(id, await adapter.getConnection(plain(o))));
      }
      return list;
    },
    async renameConnection(input, o) {
      const name = parseConnectionName(input.name);
      const adapter = existing(o);
      throwIfAborted(o);
      names.set(idOf(o), name);
      return present(idOf(o), await adapter.getConnection(plain(o)));
    },
    memory: (connectionId) => adapters.get(connectionId),
  };
  return backend;
}
