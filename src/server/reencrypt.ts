import {
  createSecretBox,
  DecryptionError,
  type EncryptionKeyInput,
  type SecretBox,
} from './crypto.js';
import type { ConnectionRecord, ConnectStore } from './stores/types.js';

const ENVELOPE_FIELDS = [
  ['consumerSecret', 'consumer_secret'],
  ['secretFields', 'secret_fields'],
  ['accessToken', 'access_token'],
  ['refreshToken', 'refresh_token'],
] as const;

/** Envelopes only the admin can replace (by saving the credentials again): never dropped. */
const SAVED_BY_ADMIN: ReadonlySet<string> = new Set(['consumerSecret', 'secretFields']);

/** The envelopes of a sign-in parked on an org change, and their encryption fields. */
export const PENDING_ENVELOPE_FIELDS = [
  ['accessToken', 'pending_access_token'],
  ['refreshToken', 'pending_refresh_token'],
] as const;

/** Said on a connection whose tokens no configured key can read. */
export const UNREADABLE_TOKENS =
  'The server can no longer read the saved Salesforce tokens (its encryption key changed): reconnect to Salesforce.';

/** The record without the grant's tokens and any refresh lease on them; the org facts stay. */
export function withoutGrantTokens(record: ConnectionRecord): ConnectionRecord {
  const {
    accessToken: _a,
    refreshToken: _r,
    tokenIssuedAt: _t,
    refreshingUntil: _l,
    ...rest
  } = record;
  return rest;
}

/** The record without its tokens; a connected one becomes `needs_reauth` with "reconnect". */
export function withoutUnreadableTokens(record: ConnectionRecord, now: number): ConnectionRecord {
  const rest = withoutGrantTokens(record);
  if (record.status !== 'connected') return rest;
  return {
    ...rest,
    status: 'needs_reauth',
    error: { code: 'invalid_grant', message: UNREADABLE_TOKENS },
    updatedAt: now,
  };
}

/**
 * What writing a record again under the current key changes: envelopes from older keys are
 * re-encrypted; tokens no key can read are dropped (the connection needs a reconnect); a secret
 * no key can read is left as it is (the admin must save the credentials again).
 */
export async function reencryptRecord(
  box: SecretBox,
  record: ConnectionRecord,
  now: number,
): Promise<{ record: ConnectionRecord; changed: boolean; unreadable: boolean }> {
  let next = record;
  let changed = false;
  let unreadable = false;
  // Bound to the connection too (see `EncryptionContext.connectionId`).
  const bound = (field: string) => ({
    tenant: record.tenant,
    field,
    connectionId: record.connectionId,
  });
  for (const [name, field] of ENVELOPE_FIELDS) {
    const envelope = next[name];
    if (envelope === undefined || (await box.isCurrent(envelope))) continue;
    let plain: string | undefined;
    try {
      plain = await box.decrypt(envelope, bound(field));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
    }
    if (plain !== undefined) {
      next = { ...next, [name]: await box.encrypt(plain, bound(field)) };
      changed = true;
    } else {
      unreadable = true;
      if (!SAVED_BY_ADMIN.has(name)) {
        next = withoutUnreadableTokens(next, now);
        changed = true;
      }
    }
  }
  const parked = next.pendingOrgChange;
  if (parked) {
    const moved = { ...parked };
    let lost = false;
    for (const [name, field] of PENDING_ENVELOPE_FIELDS) {
      const envelope = moved[name];
      if (envelope === undefined || (await box.isCurrent(envelope))) continue;
      try {
        const plain = await box.decrypt(envelope, bound(field));
        moved[name] = await box.encrypt(plain, bound(field));
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        lost = true;
      }
      changed = true;
    }
    if (lost) {
      // A parked sign-in no key can read cannot be chosen any more: it goes, the connection stays.
      const { pendingOrgChange: _p, ...rest } = next;
      next = rest;
    } else if (changed) {
      next = { ...next, pendingOrgChange: moved };
    }
  }
  return { record: next, changed, unreadable };
}

/**
 * What {@link reencryptAll} did.
 *
 * @example
 * const report: ReencryptReport = await reencryptAll(store, [newKey, oldKey]);
 * if (report.unreadable === 0) console.log('the old key can be retired');
 */
export interface ReencryptReport {
  /** Records (connections) looked at. */
  scanned: number;
  /** Records written again under the current key. */
  reencrypted: number;
  /**
   * Records holding a value no configured key can read: their tokens were dropped (the tenant
   * reconnects), and an unreadable secret stays until the admin saves the credentials again.
   */
  unreadable: number;
}

/**
 * Finishes an encryption key rotation: writes every connection record (every connection of every
 * tenant) whose secret, secret fields or tokens were encrypted with an older key again under the
 * current (first) key, so the old key can be
 * removed from `encryptionKey`. Each write is conditional on the record's revision (a record
 * that changed meanwhile is read again), so it is safe while servers are running. Pending
 * sign-ins are not rewritten: they expire within `stateTtlMs` (10 minutes by default), so wait
 * that long after deploying the new key before removing the old one.
 *
 * @example
 * // After deploying encryptionKey: [NEW_KEY, OLD_KEY] everywhere:
 * const report = await reencryptAll(createPostgresStore(pool), [process.env.NEW_KEY ?? '', process.env.OLD_KEY ?? '']);
 * console.log(report); // { scanned: 120, reencrypted: 118, unreadable: 0 } → drop OLD_KEY
 */
export async function reencryptAll(
  store: ConnectStore,
  keys: EncryptionKeyInput,
  options: { batchSize?: number; clock?: () => number } = {},
): Promise<ReencryptReport> {
  if (!store || typeof store.listTenants !== 'function') {
    throw new TypeError('reencryptAll needs a store with listTenants (the ConnectStore contract).');
  }
  const box = createSecretBox(keys);
  const clock = options.clock ?? Date.now;
  const batchSize = options.batchSize ?? 100;
  const report: ReencryptReport = { scanned: 0, reencrypted: 0, unreadable: 0 };
  let after: string | undefined;
  for (;;) {
    const tenants = await store.listTenants({ after, limit: batchSize });
    if (tenants.length === 0) return report;
    for (const tenant of tenants) {
      for (const first of await store.listConnections(tenant)) {
        report.scanned++;
        let record: ConnectionRecord | undefined = first;
        for (let attempt = 0; record && attempt < 8; attempt++) {
          const result = await reencryptRecord(box, record, clock());
          if (!result.changed) {
            if (result.unreadable) report.unreadable++;
            break;
          }
          const saved = await store.saveConnection(result.record, {
            expectedRevision: record.revision ?? 0,
          });
          if (saved.saved) {
            report.reencrypted++;
            if (result.unreadable) report.unreadable++;
            break;
          }
          record = saved.current;
        }
      }
    }
    after = tenants[tenants.length - 1];
  }
}
