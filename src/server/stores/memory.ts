import type {
  ConnectionRecord,
  ConnectStore,
  ConsumeResult,
  PendingAuthorization,
} from './types.js';

/**
 * A {@link ConnectStore} in process memory: for tests, demos and single-process prototypes.
 * Everything is lost when the process exits. Records are copied in and out, so callers never
 * share objects with the store.
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

    async saveConnection(record) {
      connections.set(record.tenant, structuredClone(record));
    },

    async deleteConnection(tenant) {
      connections.delete(tenant);
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
