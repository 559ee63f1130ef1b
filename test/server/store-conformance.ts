import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_ID } from '../../src/core/types.js';
import type {
  ConnectionRecord,
  ConnectStore,
  PendingAuthorization,
} from '../../src/server/stores/types.js';

/** A store under test, fresh (empty) for each check. */
export interface StoreSubject {
  store: ConnectStore;
  cleanup?: () => Promise<void>;
}

let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Math.random().toString(36).slice(2)}`;

// Whole milliseconds, as the server writes them; Postgres keeps microseconds, so they survive.
const at = (iso: string) => Date.parse(iso);

/**
 * What a store hands back for a record it was given: the record with its connection id filled in
 * (the default one when absent), the store's creation time, and the revision.
 */
export function asStored(record: ConnectionRecord, revision: number) {
  return {
    ...record,
    connectionId: record.connectionId ?? DEFAULT_CONNECTION_ID,
    createdAt: expect.any(Number),
    revision,
  };
}

/** A record with every field set, so a store that drops or mangles one is caught. */
export function fullRecord(tenant: string): ConnectionRecord {
  return {
    tenant,
    connectionId: DEFAULT_CONNECTION_ID,
    name: 'Production — EMEA',
    flow: 'authorization-code',
    fields: { region: 'emea', teams: ['sales', 'support'], syncContacts: true },
    secretFields: 'v1.kid.iv.secret-fields-ciphertext',
    status: 'connected',
    loginUrl: 'https://acme.my.salesforce.com',
    consumerKey: `3MVG9${'k'.repeat(80)}`,
    consumerSecret: 'v1.kid.iv.secret-ciphertext',
    credentialsId: 'cred-1',
    accessToken: 'v1.kid.iv.access-ciphertext',
    refreshToken: 'v1.kid.iv.refresh-ciphertext',
    tokenIssuedAt: at('2025-03-01T10:00:00.123Z'),
    instanceUrl: 'https://acme.my.salesforce.com',
    identityUrl: 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA',
    orgId: '00D000000000001AAA',
    orgName: 'Acme, Inc.',
    isSandbox: false,
    userId: '005000000000001AAA',
    username: 'admin@acme.example',
    displayName: 'Ada Admin',
    scopes: ['api', 'refresh_token'],
    error: { code: 'invalid_grant', message: 'Reconnect.', salesforceError: 'invalid_grant' },
    connectedAt: at('2025-03-01T10:00:01.456Z'),
    checkedAt: at('2025-03-01T10:05:00.789Z'),
    pendingOrgChange: {
      accessToken: 'v1.kid.iv.pending-access-ciphertext',
      refreshToken: 'v1.kid.iv.pending-refresh-ciphertext',
      tokenIssuedAt: at('2025-03-02T09:00:00.000Z'),
      instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
      identityUrl: 'https://test.salesforce.com/id/00D000000000002AAA/005000000000002AAA',
      scopes: ['api', 'refresh_token'],
      orgId: '00D000000000002AAA',
      orgName: 'Acme UAT',
      isSandbox: true,
      userId: '005000000000002AAA',
      username: 'admin@acme.example.uat',
      displayName: 'Ada Admin',
      detectedAt: at('2025-03-02T09:00:00.500Z'),
    },
    updatedAt: at('2025-03-01T10:05:00.789Z'),
  };
}

/** The smallest record a store must accept: credentials saved, nothing else yet. */
export function configuredRecord(tenant: string): ConnectionRecord {
  return {
    tenant,
    status: 'configured',
    loginUrl: 'https://login.salesforce.com',
    consumerKey: `3MVG9${'c'.repeat(80)}`,
    consumerSecret: 'v1.kid.iv.other-ciphertext',
    credentialsId: 'cred-2',
    updatedAt: at('2025-04-02T08:00:00.000Z'),
  };
}

function pending(
  tenant: string,
  overrides: Partial<PendingAuthorization> = {},
): PendingAuthorization {
  return {
    stateHash: unique('hash'),
    tenant,
    codeVerifier: 'v1.kid.iv.verifier-ciphertext',
    returnOrigin: 'https://app.example.com',
    credentialsId: 'cred-1',
    createdAt: at('2025-03-01T10:00:00.000Z'),
    expiresAt: at('2025-03-01T10:10:00.000Z'),
    ...overrides,
  };
}

/**
 * The behaviour every `ConnectStore` must have, registered as Vitest tests. `createSubject` is
 * called once per test and must hand back an empty store.
 */
export function runStoreConformance(name: string, createSubject: () => Promise<StoreSubject>) {
  const withStore = (body: (store: ConnectStore) => Promise<void>) => async () => {
    const { store, cleanup } = await createSubject();
    try {
      await body(store);
    } finally {
      await cleanup?.();
    }
  };

  describe(`${name} store conformance`, () => {
    it(
      'knows nothing about a tenant it was never told about',
      withStore(async (store) => {
        expect(await store.getConnection('nobody')).toBeUndefined();
      }),
    );

    it(
      'reads back every field of a saved connection exactly',
      withStore(async (store) => {
        const record = { ...fullRecord('acme'), refreshingUntil: at('2025-03-01T10:05:30.001Z') };
        await store.saveConnection(record);
        expect(await store.getConnection('acme')).toEqual(asStored(record, 1));
      }),
    );

    it(
      'keeps one record per tenant: saving again replaces it, and cleared fields stay cleared',
      withStore(async (store) => {
        await store.saveConnection(fullRecord('acme'));
        const replaced = configuredRecord('acme');
        await store.saveConnection(replaced);
        const read = await store.getConnection('acme');
        expect(read).toEqual(asStored(replaced, 2));
        expect(read?.refreshToken).toBeUndefined();
        expect(read?.error).toBeUndefined();
        expect(read?.scopes).toBeUndefined();
        expect(read?.name).toBeUndefined();
        expect(read?.fields).toBeUndefined();
        expect(read?.secretFields).toBeUndefined();
      }),
    );

    it(
      'does not hand out its own objects: changing a read or written record changes nothing stored',
      withStore(async (store) => {
        const record = fullRecord('acme');
        await store.saveConnection(record);
        record.status = 'error';
        record.scopes?.push('full');
        const read = await store.getConnection('acme');
        expect(read?.status).toBe('connected');
        expect(read?.scopes).toEqual(['api', 'refresh_token']);
        if (read) read.username = 'changed';
        expect((await store.getConnection('acme'))?.username).toBe('admin@acme.example');
      }),
    );

    it(
      'keeps tenants apart, whatever characters their ids hold',
      withStore(async (store) => {
        const odd = "o'brien; DROP TABLE x; -- ünïcødé 🚀";
        await store.saveConnection(fullRecord('acme'));
        await store.saveConnection(configuredRecord(odd));
        expect((await store.getConnection('acme'))?.status).toBe('connected');
        expect(await store.getConnection(odd)).toEqual(asStored(configuredRecord(odd), 1));
        await store.deleteConnection(odd);
        expect(await store.getConnection(odd)).toBeUndefined();
        expect((await store.getConnection('acme'))?.status).toBe('connected');
      }),
    );

    it(
      'deletes a connection, and deleting a missing one is not an error',
      withStore(async (store) => {
        await store.saveConnection(fullRecord('acme'));
        expect(await store.deleteConnection('acme')).toBe(true);
        expect(await store.getConnection('acme')).toBeUndefined();
        await expect(store.deleteConnection('acme')).resolves.toBe(false);
      }),
    );

    it(
      'bumps the revision on every write and ignores a revision passed in the record',
      withStore(async (store) => {
        expect(await store.saveConnection(fullRecord('acme'))).toEqual({
          saved: true,
          revision: 1,
        });
        const again = await store.saveConnection({ ...fullRecord('acme'), revision: 40 });
        expect(again).toEqual({ saved: true, revision: 2 });
        expect((await store.getConnection('acme'))?.revision).toBe(2);
      }),
    );

    it(
      'writes conditionally: at the revision read it wins, at an older one it loses and hands back the newer record',
      withStore(async (store) => {
        await store.saveConnection(fullRecord('acme'));
        const read = (await store.getConnection('acme')) as ConnectionRecord;
        const won = await store.saveConnection(
          { ...read, username: 'first' },
          { expectedRevision: read.revision ?? 0 },
        );
        expect(won).toEqual({ saved: true, revision: 2 });
        const lost = await store.saveConnection(
          { ...read, username: 'late' },
          { expectedRevision: read.revision ?? 0 },
        );
        expect(lost.saved).toBe(false);
        expect(!lost.saved && lost.current).toMatchObject({ username: 'first', revision: 2 });
        expect(await store.getConnection('acme')).toMatchObject({ username: 'first', revision: 2 });
      }),
    );

    it(
      'creates at revision 0 only when the tenant has no record, and loses to a delete',
      withStore(async (store) => {
        const created = await store.saveConnection(configuredRecord('acme'), {
          expectedRevision: 0,
        });
        expect(created).toEqual({ saved: true, revision: 1 });
        const twice = await store.saveConnection(fullRecord('acme'), { expectedRevision: 0 });
        expect(twice.saved).toBe(false);
        expect(!twice.saved && twice.current?.status).toBe('configured');
        await store.deleteConnection('acme');
        const gone = await store.saveConnection(fullRecord('acme'), { expectedRevision: 1 });
        expect(gone).toEqual({ saved: false, current: undefined });
        expect(await store.getConnection('acme')).toBeUndefined();
      }),
    );

    it(
      'deletes conditionally: only at the revision read',
      withStore(async (store) => {
        await store.saveConnection(fullRecord('acme'));
        await store.saveConnection(fullRecord('acme'));
        expect(await store.deleteConnection('acme', { expectedRevision: 1 })).toBe(false);
        expect((await store.getConnection('acme'))?.revision).toBe(2);
        expect(await store.deleteConnection('acme', { expectedRevision: 2 })).toBe(true);
        expect(await store.getConnection('acme')).toBeUndefined();
      }),
    );

    it(
      'lets exactly one of many concurrent conditional writers at one revision win',
      withStore(async (store) => {
        await store.saveConnection(fullRecord('acme'));
        const read = (await store.getConnection('acme')) as ConnectionRecord;
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.saveConnection(
              { ...read, username: `writer-${i}` },
              { expectedRevision: read.revision ?? 0 },
            ),
          ),
        );
        const winners = results.flatMap((r, i) => (r.saved ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(await store.getConnection('acme')).toMatchObject({
          username: `writer-${winners[0]}`,
          revision: 2,
        });
      }),
    );

    it(
      'loses no update when concurrent writers each read, change and retry on conflict',
      withStore(async (store) => {
        await store.saveConnection({ ...configuredRecord('acme'), checkedAt: 0 });
        const increment = async () => {
          for (let attempt = 0; attempt < 200; attempt++) {
            const read = (await store.getConnection('acme')) as ConnectionRecord;
            const result = await store.saveConnection(
              { ...read, checkedAt: (read.checkedAt ?? 0) + 1 },
              { expectedRevision: read.revision ?? 0 },
            );
            if (result.saved) return attempt;
          }
          throw new Error('never won a write in 200 attempts');
        };
        await Promise.all(Array.from({ length: 6 }, increment));
        const final = await store.getConnection('acme');
        expect(final?.checkedAt).toBe(6);
        expect(final?.revision).toBe(7);
      }),
    );

    it(
      'lists tenants in order, page by page',
      withStore(async (store) => {
        const tenants = ['delta', 'alpha', 'charlie', 'bravo', 'echo'];
        for (const tenant of tenants) await store.saveConnection(configuredRecord(tenant));
        expect(await store.listTenants({ limit: 2 })).toEqual(['alpha', 'bravo']);
        expect(await store.listTenants({ after: 'bravo', limit: 2 })).toEqual(['charlie', 'delta']);
        expect(await store.listTenants({ after: 'delta', limit: 2 })).toEqual(['echo']);
        expect(await store.listTenants({ after: 'echo', limit: 2 })).toEqual([]);
      }),
    );

    it(
      'hands out an authorization once, then reports it used; an unknown state is unknown',
      withStore(async (store) => {
        const authorization = pending('acme');
        await store.saveAuthorization(authorization);
        const usedAt = at('2025-03-01T10:01:00.000Z');
        const first = await store.consumeAuthorization({
          stateHash: authorization.stateHash,
          usedAt,
        });
        expect(first).toEqual({
          status: 'consumed',
          authorization: { ...authorization, connectionId: DEFAULT_CONNECTION_ID },
        });
        expect(
          await store.consumeAuthorization({ stateHash: authorization.stateHash, usedAt }),
        ).toEqual({ status: 'already_used' });
        expect(await store.consumeAuthorization({ stateHash: 'never-issued', usedAt })).toEqual({
          status: 'unknown',
        });
      }),
    );

    it(
      'gives a state to exactly one of many concurrent callers',
      withStore(async (store) => {
        const authorization = pending('acme');
        await store.saveAuthorization(authorization);
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store.consumeAuthorization({ stateHash: authorization.stateHash, usedAt: Date.now() }),
          ),
        );
        expect(results.filter((r) => r.status === 'consumed')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'already_used')).toHaveLength(7);
      }),
    );

    it(
      "does not let one tenant spend another tenant's state",
      withStore(async (store) => {
        const authorization = pending('acme');
        await store.saveAuthorization(authorization);
        const usedAt = Date.now();
        const stateHash = authorization.stateHash;
        expect(await store.consumeAuthorization({ stateHash, tenant: 'globex', usedAt })).toEqual({
          status: 'unknown',
        });
        const own = await store.consumeAuthorization({ stateHash, tenant: 'acme', usedAt });
        expect(own.status).toBe('consumed');
      }),
    );

    it(
      'forgets only authorizations that expired before the given time, and counts them',
      withStore(async (store) => {
        const old = pending('acme', { expiresAt: at('2025-03-01T09:00:00.000Z') });
        const older = pending('globex', { expiresAt: at('2025-03-01T08:00:00.000Z') });
        const live = pending('acme', { expiresAt: at('2025-03-01T11:00:00.000Z') });
        for (const a of [old, older, live]) await store.saveAuthorization(a);
        expect(await store.deleteExpiredAuthorizations(at('2025-03-01T10:00:00.000Z'))).toBe(2);
        const usedAt = Date.now();
        expect(
          (await store.consumeAuthorization({ stateHash: old.stateHash, usedAt })).status,
        ).toBe('unknown');
        expect(
          (await store.consumeAuthorization({ stateHash: live.stateHash, usedAt })).status,
        ).toBe('consumed');
        expect(await store.deleteExpiredAuthorizations(at('2025-03-01T10:00:00.000Z'))).toBe(0);
      }),
    );

    it(
      'keeps the time fields to the millisecond',
      withStore(async (store) => {
        const record = { ...configuredRecord('acme'), updatedAt: 1_700_000_000_001 };
        await store.saveConnection(record);
        expect((await store.getConnection('acme'))?.updatedAt).toBe(1_700_000_000_001);
        const authorization = pending('acme', {
          createdAt: 1_700_000_000_999,
          expiresAt: 1_700_000_600_999,
        });
        await store.saveAuthorization(authorization);
        const taken = await store.consumeAuthorization({
          stateHash: authorization.stateHash,
          usedAt: 1_700_000_000_500,
        });
        expect(taken).toEqual({
          status: 'consumed',
          authorization: { ...authorization, connectionId: DEFAULT_CONNECTION_ID },
        });
      }),
    );

    describe('several connections per tenant', () => {
      const sandbox = (tenant: string): ConnectionRecord => ({
        ...configuredRecord(tenant),
        connectionId: 'sandbox',
        name: 'UAT sandbox',
        loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
      });

      it(
        'addresses a record by tenant and connection id; absent means the default one',
        withStore(async (store) => {
          const { connectionId: _id, ...legacy } = fullRecord('acme');
          await store.saveConnection(legacy);
          await store.saveConnection(sandbox('acme'));
          expect(await store.getConnection('acme')).toEqual(asStored(legacy, 1));
          expect(await store.getConnection('acme', DEFAULT_CONNECTION_ID)).toEqual(
            asStored(legacy, 1),
          );
          expect(await store.getConnection('acme', 'sandbox')).toEqual(
            asStored(sandbox('acme'), 1),
          );
          expect(await store.getConnection('acme', 'nope')).toBeUndefined();
          // The same id under another tenant is another record.
          expect(await store.getConnection('globex', 'sandbox')).toBeUndefined();
        }),
      );

      it(
        'keeps revisions, conditional writes and deletes per connection',
        withStore(async (store) => {
          await store.saveConnection(fullRecord('acme'));
          await store.saveConnection(fullRecord('acme'));
          const created = await store.saveConnection(sandbox('acme'), { expectedRevision: 0 });
          expect(created).toEqual({ saved: true, revision: 1 });
          const lost = await store.saveConnection(
            { ...sandbox('acme'), username: 'late' },
            { expectedRevision: 2 },
          );
          expect(lost.saved).toBe(false);
          expect(!lost.saved && lost.current).toMatchObject({
            connectionId: 'sandbox',
            revision: 1,
          });
          expect(await store.deleteConnection('acme', { expectedRevision: 2 }, 'sandbox')).toBe(
            false,
          );
          expect(await store.deleteConnection('acme', { expectedRevision: 1 }, 'sandbox')).toBe(
            true,
          );
          expect(await store.getConnection('acme', 'sandbox')).toBeUndefined();
          expect(await store.getConnection('acme')).toMatchObject({ revision: 2 });
          expect(await store.deleteConnection('acme', undefined, 'sandbox')).toBe(false);
          expect(await store.deleteConnection('acme')).toBe(true);
          expect(await store.listConnections('acme')).toEqual([]);
        }),
      );

      it(
        'lists a tenant’s connections default first, then in the order they were added',
        withStore(async (store) => {
          expect(await store.listConnections('acme')).toEqual([]);
          for (const id of ['zulu', 'alpha', 'mike']) {
            await store.saveConnection({ ...configuredRecord('acme'), connectionId: id });
          }
          await store.saveConnection(configuredRecord('acme'));
          await store.saveConnection({ ...configuredRecord('globex'), connectionId: 'other' });
          // Writing one again keeps its place.
          await store.saveConnection({
            ...configuredRecord('acme'),
            connectionId: 'zulu',
            name: 'Renamed',
          });
          const list = await store.listConnections('acme');
          expect(list.map((r) => r.connectionId)).toEqual(['default', 'zulu', 'alpha', 'mike']);
          expect(list[1]).toEqual(
            asStored({ ...configuredRecord('acme'), connectionId: 'zulu', name: 'Renamed' }, 2),
          );
          const times = list.slice(1).map((r) => r.createdAt ?? 0);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }),
      );

      it(
        'sets createdAt on the first write and keeps it, whatever the caller passes',
        withStore(async (store) => {
          await store.saveConnection({ ...sandbox('acme'), createdAt: 5 });
          const first = (await store.getConnection('acme', 'sandbox'))?.createdAt;
          expect(first).toBeGreaterThan(1_600_000_000_000);
          await store.saveConnection({ ...sandbox('acme'), createdAt: 7 });
          expect((await store.getConnection('acme', 'sandbox'))?.createdAt).toBe(first);
        }),
      );

      it(
        'lists a tenant with several connections once, and one without a default connection too',
        withStore(async (store) => {
          await store.saveConnection(configuredRecord('bravo'));
          await store.saveConnection(sandbox('bravo'));
          await store.saveConnection(sandbox('alpha'));
          await store.saveConnection({ ...sandbox('alpha'), connectionId: 'third' });
          expect(await store.listTenants({ limit: 10 })).toEqual(['alpha', 'bravo']);
          expect(await store.listTenants({ after: 'alpha', limit: 10 })).toEqual(['bravo']);
        }),
      );

      it(
        'keeps the connection an authorization completes',
        withStore(async (store) => {
          const authorization = pending('acme', { connectionId: 'sandbox' });
          await store.saveAuthorization(authorization);
          const taken = await store.consumeAuthorization({
            stateHash: authorization.stateHash,
            tenant: 'acme',
            usedAt: Date.now(),
          });
          expect(taken).toEqual({ status: 'consumed', authorization });
        }),
      );
    });
  });
}
