import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Connection, isConnectionId } from '../../src/core/types.js';
import { createSecretBox, DecryptionError } from '../../src/server/crypto.js';
import { reencryptAll } from '../../src/server/reencrypt.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import { ORG_ID } from './fake-salesforce.js';
import { APP_ORIGIN, createHarness, PUBLIC_URL, TEST_KEY } from './handler-harness.js';

// Several named connections per tenant (issue 17 §2): `/connections/:id…` beside the
// single-connection routes, the integrator's policy, and what stays exactly as it was.

const OTHER_ORG = '00D5g000000UatsEAA';
const NEW_KEY = 'base64:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=';

function harness(options: Parameters<typeof createHarness>[0] & { single?: boolean } = {}) {
  const { single, ...rest } = options;
  const h = createHarness(single ? rest : { connections: { max: 3 }, ...rest });
  const at = (id: string) => `/connections/${id}`;
  return {
    ...h,
    at,
    get: async (id: string) => (await h.request('GET', at(id))).json as Connection,
    list: async () => (await h.request('GET', '/connections')).json.connections as Connection[],
    saveAt: (id: string, extra: Record<string, unknown> = {}) =>
      h.request('PUT', `${at(id)}/credentials`, { body: { ...h.credentials(), ...extra } }),
    /** Authorizes the connection and lands on the server's own callback page (no id there). */
    async connectAt(id: string) {
      const start = await h.request('POST', `${at(id)}/authorize`, {
        body: { returnOrigin: APP_ORIGIN },
      });
      const landed = await h.salesforce.approve(start.json.authorizeUrl);
      return h.callback(landed);
    },
  };
}

describe('the single-connection routes stay as they were', () => {
  it('answer without an id, and /connections/default is the same connection with its id', async () => {
    const h = harness();
    expect(await h.getConnection()).toEqual({ status: 'disconnected' });
    expect(await h.get('default')).toEqual({ id: 'default', status: 'disconnected' });
    await h.connect();
    const plain = await h.getConnection();
    expect(plain.id).toBeUndefined();
    expect(plain.status).toBe('connected');
    expect(await h.get('default')).toEqual({ id: 'default', ...plain });
    expect(await h.list()).toEqual([{ id: 'default', ...plain }]);
    const session = await h.handler.getSalesforceSession({ tenant: 'acme' });
    expect(h.salesforce.isLive(session.accessToken)).toBe(true);
  });

  it('keep the default policy of one connection per tenant: another id is connection_limit', async () => {
    const h = harness({ single: true });
    await h.save();
    const calls = h.salesforce.requests.length;
    const refused = await h.saveAt('sandbox');
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'connection_limit' });
    expect(refused.json.error.message).toMatch(/only one Salesforce org/);
    expect((await h.list()).map((c) => c.id)).toEqual(['default']);
    // Refused before anything else: no preflight reached Salesforce.
    expect(h.salesforce.requests.length).toBe(calls);
  });
});

describe('several connections of one tenant', () => {
  it('connect side by side: the callback page completes the connection the sign-in was started for', async () => {
    const h = harness();
    await h.save({ ...h.credentials(), name: 'Production' });
    await h.connect();
    h.salesforce.refreshOrg(OTHER_ORG);
    const saved = await h.saveAt('uat', { name: '  UAT sandbox ' });
    expect(saved.json).toMatchObject({ id: 'uat', name: 'UAT sandbox', status: 'configured' });
    const page = await h.connectAt('uat');
    expect(page.status).toBe(200);
    const list = await h.list();
    expect(list.map((c) => [c.id, c.name, c.status, c.org?.id])).toEqual([
      ['default', 'Production', 'connected', ORG_ID],
      ['uat', 'UAT sandbox', 'connected', OTHER_ORG],
    ]);
    // Each connection has a session of its own.
    const production = await h.handler.getSalesforceSession({ tenant: 'acme' });
    const uat = await h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'uat' });
    expect(production.orgId).toBe(ORG_ID);
    expect(uat.orgId).toBe(OTHER_ORG);
    expect(uat.accessToken).not.toBe(production.accessToken);
    // Another tenant sees none of them.
    const other = await h.request('GET', '/connections', { headers: { 'x-tenant': 'globex' } });
    expect(other.json).toEqual({ connections: [] });
  });

  it('completes through /connections/:id/complete, and refuses a state of another connection', async () => {
    const h = harness();
    await h.save();
    await h.saveAt('uat');
    const start = await h.request('POST', '/connections/uat/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    const landed = new URL(await h.salesforce.approve(start.json.authorizeUrl));
    const body = {
      code: landed.searchParams.get('code'),
      state: landed.searchParams.get('state'),
    };
    const wrong = await h.request('POST', '/connection/complete', { body });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('state_mismatch');
    expect((await h.get('uat')).status).toBe('configured');

    const again = await h.request('POST', '/connections/uat/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    const relanded = new URL(await h.salesforce.approve(again.json.authorizeUrl));
    const done = await h.request('POST', '/connections/uat/complete', {
      body: {
        code: relanded.searchParams.get('code'),
        state: relanded.searchParams.get('state'),
      },
    });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id: 'uat', status: 'connected' });
    expect((await h.getConnection()).status).toBe('configured');
  });

  it('disconnecting one leaves the other connected; forgetCredentials removes it after revoking', async () => {
    const h = harness();
    await h.connect();
    h.salesforce.refreshOrg(OTHER_ORG);
    await h.saveAt('uat');
    await h.connectAt('uat');
    const uatSession = await h.handler.getSalesforceSession({
      tenant: 'acme',
      connectionId: 'uat',
    });
    const kept = await h.request('DELETE', '/connections/uat');
    expect(kept.json).toMatchObject({ id: 'uat', status: 'disconnected', hasConsumerSecret: true });
    expect(h.salesforce.isLive(uatSession.accessToken)).toBe(false);
    expect((await h.getConnection()).status).toBe('connected');

    await h.connectAt('uat');
    const again = await h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'uat' });
    const removed = await h.request('DELETE', '/connections/uat?forgetCredentials=true');
    expect(removed.json).toEqual({ id: 'uat', status: 'disconnected' });
    expect(h.salesforce.isLive(again.accessToken)).toBe(false);
    expect((await h.list()).map((c) => c.id)).toEqual(['default']);
    expect((await h.getConnection()).status).toBe('connected');
    const gone = await h.request('POST', '/connections/uat/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    expect(gone.json.error.code).toBe('not_configured');
  });

  it('renames with the shared name rules; an unknown connection is not_configured', async () => {
    const h = harness();
    await h.saveAt('uat', { name: 'UAT' });
    const renamed = await h.request('PATCH', '/connections/uat', { body: { name: ' Staging ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id: 'uat', name: 'Staging' });
    const blank = await h.request('PATCH', '/connections/uat', { body: { name: '   ' } });
    expect(blank.status).toBe(400);
    expect(blank.json.error).toMatchObject({ code: 'invalid_input', field: 'name' });
    expect((await h.get('uat')).name).toBe('Staging');
    const unknown = await h.request('PATCH', '/connections/nope', { body: { name: 'X' } });
    expect(unknown.status).toBe(409);
    expect(unknown.json.error.code).toBe('not_configured');
    expect((await h.list()).map((c) => c.id)).toEqual(['uat']);
    // The default connection answers PATCH on its own route too, without an id.
    await h.save();
    const plain = await h.request('PATCH', '/connection', { body: { name: 'Production' } });
    expect(plain.json.name).toBe('Production');
    expect(plain.json.id).toBeUndefined();
  });

  it('refuses a malformed id in the address with a plain 400, and an unknown sub-route with 404', async () => {
    const h = harness();
    for (const id of ['Sandbox', 'a%20b', '-x', 'x'.repeat(41), '%E0%A4%A']) {
      const answer = await h.request('GET', `/connections/${id}`);
      expect(answer.status, id).toBe(400);
      expect(answer.json.error.code).toBe('invalid_input');
      expect(answer.json.error.message).toMatch(/connection id in the address is not valid/);
    }
    expect((await h.request('GET', '/connections/uat/nothing')).status).toBe(404);
    expect((await h.request('PUT', '/connections/uat')).status).toBe(405);
    expect(await h.list()).toEqual([]);
  });

  it('answers any id in the address: a 400 unless it is a connection id (property)', async () => {
    const h = harness();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 45 }),
          fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,39}$/),
          fc.stringMatching(/^[A-Za-z0-9_.~-]{1,45}$/),
        ),
        async (id) => {
          // Dot segments are resolved by the URL parser before any router sees them.
          fc.pre(id !== '' && id !== '.' && id !== '..');
          const answer = await h.request('GET', `/connections/${encodeURIComponent(id)}`);
          if (isConnectionId(id)) {
            expect(answer.status).toBe(200);
            expect(answer.json).toEqual({ id, status: 'disconnected' });
          } else {
            expect(answer.status).toBe(400);
            expect(answer.json.error.code).toBe('invalid_input');
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(await h.list()).toEqual([]);
  });

  it('refuses a policy that makes no sense at startup', () => {
    for (const max of [0, -1, 1.5, Number.NaN]) {
      expect(() => createHarness({ connections: { max } })).toThrow(/connections\.max/);
    }
  });

  it('connection_limit names the limit and stores nothing; a removed connection frees its place', async () => {
    const h = harness({ connections: { max: 2 } });
    await h.save();
    await h.saveAt('uat');
    const third = await h.saveAt('eu', { name: 'EU' });
    expect(third.status).toBe(409);
    expect(third.json.error).toEqual({
      code: 'connection_limit',
      message: 'You can connect at most 2 Salesforce orgs; remove one first.',
    });
    expect((await h.list()).map((c) => c.id)).toEqual(['default', 'uat']);
    // Saving an existing one again is never refused.
    expect((await h.saveAt('uat', { name: 'UAT' })).status).toBe(200);
    await h.request('DELETE', '/connections/uat?forgetCredentials=true');
    expect((await h.saveAt('eu')).status).toBe(200);
  });

  it('duplicate_org: a first sign-in into an org another connection uses is refused, revoked and names it', async () => {
    const h = harness();
    await h.save({ ...h.credentials(), name: 'Production' });
    await h.connect();
    const liveBefore = h.salesforce.liveRefreshTokens();
    await h.saveAt('copy');
    const page = await h.connectAt('copy');
    expect(page.text).toContain('duplicate_org');
    const copy = await h.get('copy');
    expect(copy.status).toBe('configured');
    expect(copy.error?.code).toBe('duplicate_org');
    expect(copy.error?.message).toBe(
      'This Salesforce org is already connected as “Production”. Sign in to another org, or use that connection.',
    );
    expect(h.salesforce.liveRefreshTokens()).toBe(liveBefore);
    expect((await h.getConnection()).status).toBe('connected');

    // Through the app-origin completion, the same refusal as a 409.
    const start = await h.request('POST', '/connections/copy/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    const landed = new URL(await h.salesforce.approve(start.json.authorizeUrl));
    const done = await h.request('POST', '/connections/copy/complete', {
      body: { code: landed.searchParams.get('code'), state: landed.searchParams.get('state') },
    });
    expect(done.status).toBe(409);
    expect(done.json.error.code).toBe('duplicate_org');
    expect(h.salesforce.liveRefreshTokens()).toBe(liveBefore);
  });

  it('onePerOrg: false lets two connections use one org', async () => {
    const h = harness({ connections: { max: 3, onePerOrg: false } });
    await h.connect();
    await h.saveAt('copy');
    await h.connectAt('copy');
    expect((await h.list()).map((c) => [c.status, c.org?.id])).toEqual([
      ['connected', ORG_ID],
      ['connected', ORG_ID],
    ]);
  });

  it('keep_new of an org change into an org another connection uses is duplicate_org, and goes back', async () => {
    const h = harness();
    await h.save({ ...h.credentials(), name: 'Production' });
    await h.connect();
    h.salesforce.refreshOrg(OTHER_ORG);
    await h.saveAt('uat', { name: 'UAT' });
    await h.connectAt('uat');
    // The UAT connection signs in again, and lands in Production's org.
    h.salesforce.refreshOrg(ORG_ID);
    const page = await h.connectAt('uat');
    expect(page.text).toContain('org_changed');
    const chosen = await h.request('POST', '/connections/uat/org-change', {
      body: { choice: 'keep_new' },
    });
    expect(chosen.status).toBe(409);
    expect(chosen.json.error.code).toBe('duplicate_org');
    expect(chosen.json.error.message).toContain('“Production”');
    const uat = await h.get('uat');
    expect(uat.orgChange).toBeUndefined();
    expect(uat.org?.id).toBe(OTHER_ORG);
    expect(uat.status).toBe('connected');
  });

  it("binds each connection's envelopes to it: a secret copied into another connection does not decrypt", async () => {
    const store = createMemoryStore();
    const h = harness({ store });
    await h.save();
    await h.saveAt('uat');
    const uat = await store.getConnection('acme', 'uat');
    const main = await store.getConnection('acme');
    const box = createSecretBox(TEST_KEY);
    // The default connection's envelopes decrypt as before ids existed: bound to tenant and field.
    await expect(
      box.decrypt(main?.consumerSecret ?? '', { tenant: 'acme', field: 'consumer_secret' }),
    ).resolves.toBe(h.app.consumerSecret);
    await expect(
      box.decrypt(uat?.consumerSecret ?? '', { tenant: 'acme', field: 'consumer_secret' }),
    ).rejects.toBeInstanceOf(DecryptionError);
    await expect(
      box.decrypt(uat?.consumerSecret ?? '', {
        tenant: 'acme',
        field: 'consumer_secret',
        connectionId: 'uat',
      }),
    ).resolves.toBe(h.app.consumerSecret);
    // Replayed into the default connection, it is unreadable there.
    await store.saveConnection({
      ...(main as NonNullable<typeof main>),
      consumerSecret: uat?.consumerSecret ?? '',
    });
    const start = await h.request('POST', '/connection/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    const landed = await h.salesforce.approve(start.json.authorizeUrl);
    await h.callback(landed);
    expect((await h.getConnection()).status).not.toBe('connected');
  });

  it('refreshes each connection on its own: one refresh per connection when both are stale', async () => {
    const h = harness({ rotate: true });
    await h.connect();
    h.salesforce.refreshOrg(OTHER_ORG);
    await h.saveAt('uat');
    await h.connectAt('uat');
    h.clock.now += 20 * 60_000;
    const sessions = await Promise.all([
      h.handler.getSalesforceSession({ tenant: 'acme' }),
      h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'uat' }),
      h.handler.getSalesforceSession({ tenant: 'acme' }),
      h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'uat' }),
    ]);
    const refreshes = h.salesforce.requests.filter(
      (r) => r.form?.get('grant_type') === 'refresh_token',
    );
    expect(refreshes).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.orgId))).toEqual(new Set([ORG_ID, OTHER_ORG]));
    for (const session of sessions) expect(h.salesforce.isLive(session.accessToken)).toBe(true);
    await expect(
      h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'Not An Id' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      h.handler.getSalesforceSession({ tenant: 'acme', connectionId: 'nope' }),
    ).rejects.toMatchObject({ code: 'not_configured' });
  });

  it('reencryptAll re-encrypts every connection of every tenant, secret fields included', async () => {
    const store = createMemoryStore();
    const h = harness({ store });
    await h.connect();
    h.salesforce.refreshOrg(OTHER_ORG);
    await h.saveAt('uat');
    await h.connectAt('uat');
    await h.save(h.credentials(), 'globex');
    // Secret field values, as one envelope bound to the uat connection.
    const oldBox = createSecretBox(TEST_KEY);
    const uat = await store.getConnection('acme', 'uat');
    const secretFields = await oldBox.encrypt('{"apiToken":"s3cret"}', {
      tenant: 'acme',
      field: 'secret_fields',
      connectionId: 'uat',
    });
    await store.saveConnection({ ...(uat as NonNullable<typeof uat>), secretFields });

    expect(await reencryptAll(store, [NEW_KEY, TEST_KEY], { batchSize: 1 })).toEqual({
      scanned: 3,
      reencrypted: 3,
      unreadable: 0,
    });
    const newBox = createSecretBox(NEW_KEY);
    for (const [tenant, id] of [
      ['acme', 'default'],
      ['acme', 'uat'],
      ['globex', 'default'],
    ] as const) {
      const record = await store.getConnection(tenant, id);
      for (const envelope of [record?.consumerSecret, record?.accessToken, record?.refreshToken]) {
        if (envelope !== undefined) expect(await newBox.isCurrent(envelope)).toBe(true);
      }
    }
    const moved = (await store.getConnection('acme', 'uat'))?.secretFields ?? '';
    expect(await newBox.isCurrent(moved)).toBe(true);
    await expect(
      newBox.decrypt(moved, { tenant: 'acme', field: 'secret_fields', connectionId: 'uat' }),
    ).resolves.toBe('{"apiToken":"s3cret"}');
  });

  it('states of the reference page are for this server only: the callback URL stays one', async () => {
    const h = harness();
    await h.saveAt('uat');
    const start = await h.request('POST', '/connections/uat/authorize', {
      body: { returnOrigin: APP_ORIGIN },
    });
    const redirect = new URL(start.json.authorizeUrl).searchParams.get('redirect_uri');
    expect(redirect).toBe(`${PUBLIC_URL}/oauth/callback`);
  });
});
