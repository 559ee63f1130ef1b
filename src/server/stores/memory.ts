import type {
  ConnectionRecord,
  ConnectStore,
  ConsumeResult,
  PendingAuthorization,
  SaveConnectionResult,
} from './types.js';

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
  const connections = new Map<string, ConnectionRecord>();
  const authorizations = new Map<string, PendingAuthorization & { usedAt?: number }>();

  return {
    async getConnection(tenant) {
      const record = connections.get(tenant);
      return record ? structuredClone(record) : undefined;
    },

    async saveConnection(record, condition): Promise<SaveConnectionResult> {
      const stored = connections.get(record.tenant);
      const revision = stored?.revision ?? 0;
      if (condition && condition.expectedRevision !== revision) {
        return { saved: false, current: stored ? structuredClone(stored) : undefined };
      }
      const next = structuredClone({ ...record, revision: revision + 1 });
      connections.set(record.tenant, next);
      return { saved: true, revision: revision + 1 };
    },

    async deleteConnection(tenant, condition) {
      const stored = connections.get(tenant);
      if (!stored) return false;
      if (condition && condition.expectedRevision !== stored.revision) return false;
      return connections.delete(tenant);
    },

    async listTenants({ after, limit }) {
      return [...connections.keys()]
        .filter((tenant) => after === undefined || tenant > after)
        .sort()
        .slice(0, limit);
    },

    async saveAuthorization(authorization) {
      authorizations.set(authorization.stateHash, structuredClone(authorization));
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
      connections.clear();
      authorizations.clear();
    },
  };
}
