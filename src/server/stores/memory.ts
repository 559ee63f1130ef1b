import { DEFAULT_CONNECTION_ID } from '../../core/types.js';
import type {
  ConnectionRecord,
  ConnectStore,
  ConsumeResult,
  PendingAuthorization,
  SaveConnectionResult,
} from './types.js';

/** The default connection first, then by creation, ties by id. */
function byListOrder(a: ConnectionRecord, b: ConnectionRecord): number {
  const aDefault = a.connectionId === DEFAULT_CONNECTION_ID;
  const bDefault = b.connectionId === DEFAULT_CONNECTION_ID;
  if (aDefault !== bDefault) return aDefault ? -1 : 1;
  const byTime = (a.createdAt ?? 0) - (b.createdAt ?? 0);
  if (byTime !== 0) return byTime;
  const aId = a.connectionId ?? DEFAULT_CONNECTION_ID;
  const bId = b.connectionId ?? DEFAULT_CONNECTION_ID;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/**
 * A {@link ConnectStore} in process memory: for tests, demos and single-process prototypes.
 * Everything is lost when the process exits. Records are copied in and out, so callers never
 * share objects with the store. Conditional writes compare and write without an `await` in
 * between, so they are atomic within the one JavaScript thread.
 *
 * @example
 * const handler = createConnectHandler({ store: createMemoryStore(), ...options });
 */
export function createMemoryStore(): ConnectStore {
  /** Records by tenant, then by connection id. */
  const tenants = new Map<string, Map<string, ConnectionRecord>>();
  const authorizations = new Map<string, PendingAuthorization & { usedAt?: number }>();
  // Creation times are the wall clock, made strictly increasing so that two connections added
  // within one millisecond still list in the order they were added.
  let lastCreatedAt = 0;
  const nextCreatedAt = () => {
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    return lastCreatedAt;
  };

  const find = (tenant: string, connectionId = DEFAULT_CONNECTION_ID) =>
    tenants.get(tenant)?.get(connectionId);

  return {
    async getConnection(tenant, connectionId) {
      const record = find(tenant, connectionId);
      return record ? structuredClone(record) : undefined;
    },

    async saveConnection(record, condition): Promise<SaveConnectionResult> {
      const connectionId = record.connectionId ?? DEFAULT_CONNECTION_ID;
      const stored = find(record.tenant, connectionId);
      const revision = stored?.revision ?? 0;
      if (condition && condition.expectedRevision !== revision) {
        return { saved: false, current: stored ? structuredClone(stored) : undefined };
      }
      const next = structuredClone({
        ...record,
        connectionId,
        createdAt: stored?.createdAt ?? nextCreatedAt(),
        revision: revision + 1,
      });
      let records = tenants.get(record.tenant);
      if (!records) {
        records = new Map();
        tenants.set(record.tenant, records);
      }
      records.set(connectionId, next);
      return { saved: true, revision: revision + 1 };
    },

    async deleteConnection(tenant, condition, connectionId = DEFAULT_CONNECTION_ID) {
      const records = tenants.get(tenant);
      const stored = records?.get(connectionId);
      if (!records || !stored) return false;
      if (condition && condition.expectedRevision !== stored.revision) return false;
      records.delete(connectionId);
      if (records.size === 0) tenants.delete(tenant);
      return true;
    },

    async listConnections(tenant) {
      const records = tenants.get(tenant);
      return records ? [...records.values()].sort(byListOrder).map((r) => structuredClone(r)) : [];
    },

    async listTenants({ after, limit }) {
      return [...tenants.keys()]
        .filter((tenant) => after === undefined || tenant > after)
        .sort()
        .slice(0, limit);
    },

    async saveAuthorization(authorization) {
      authorizations.set(
        authorization.stateHash,
        structuredClone({
          ...authorization,
          connectionId: authorization.connectionId ?? DEFAULT_CONNECTION_ID,
        }),
      );
    },

    // Synchronous between lookup and update, so it is atomic within the one JavaScript thread.
    async consumeAuthorization({ stateHash, tenant, usedAt }): Promise<ConsumeResult> {
      const found = authorizations.get(stateHash);
      if (!found || (tenant !== undefined && found.tenant !== tenant)) return { status: 'unknown' };
      if (found.usedAt !== undefined) return { status: 'already_used' };
      found.usedAt = usedAt;
      const { usedAt: _used, ...authorization } = found;
      return { status: 'consumed', authorization: structuredClone(authorization) };
    },

    async deleteExpiredAuthorizations(before) {
      let removed = 0;
      for (const [hash, authorization] of authorizations) {
        if (authorization.expiresAt < before) {
          authorizations.delete(hash);
          removed++;
        }
      }
      return removed;
    },

    async close() {
      tenants.clear();
      authorizations.clear();
    },
  };
}
