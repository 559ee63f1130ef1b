import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/types.js';
import { relayData } from '../helpers/relay-page.js';
import { ORG_ID } from './fake-salesforce.js';
import { APP_ORIGIN, createHarness, PUBLIC_URL } from './handler-harness.js';

const REFRESHED_ORG_ID = '00D5g000000ZzzzEAC';

type Harness = ReturnType<typeof createHarness>;

/** Signs in again with the saved credentials: start, approve at Salesforce, land on the callback. */
async function reconnect(h: Harness) {
  const start = await h.start();
  const landed = await h.salesforce.approve(start.json.authorizeUrl);
  return h.request('GET', landed.slice(PUBLIC_URL.length));
}

/** Connected to ORG_ID, then the sandbox is refreshed and the admin signs in again. */
async function landedInRefreshedOrg() {
  const h = createHarness();
  await h.connect();
  const [firstAccess, firstRefresh] = h.salesforce.issued as [string, string];
  h.salesforce.refreshOrg(REFRESHED_ORG_ID);
  h.clock.now += 60_000;
  const page = await reconnect(h);
  const [, , newAccess, newRefresh] = h.salesforce.issued as [string, string, string, string];
  return { h, page, firstAccess, firstRefresh, newAccess, newRefresh };
}

const resolve = (h: Harness, choice: unknown) =>
  h.request('POST', '/connection/org-change', { body: { choice } });

describe('a reconnect that lands in another org', () => {
  it('same org: updates the record in place and lets go of the previous grant', async () => {
    const h = createHarness();
    await h.connect();
    const [, firstRefresh] = h.salesforce.issued as [string, string];
    const before = await h.store.getConnection('acme');
    h.clock.now += 60_000;
    const page = await reconnect(h);
    expect(JSON.stringify(relayData(page.text))).toContain('oauth_complete');
    const connection = await h.getConnection();
    expect(connection.status).toBe('connected');
    expect(connection.org?.id).toBe(ORG_ID);
    expect(connection.orgChange).toBeUndefined();
    const after = await h.store.getConnection('acme');
    expect(after?.credentialsId).toBe(before?.credentialsId);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    // One approval at a time: the replaced refresh token is revoked.
    expect(h.salesforce.isLive(firstRefresh)).toBe(false);
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
  });

  it('another org: keeps the connection, parks the new grant encrypted, and reports org_changed', async () => {
    const { h, page, firstRefresh, newAccess, newRefresh } = await landedInRefreshedOrg();
    const relayed = JSON.stringify(relayData(page.text));
    expect(relayed).toContain('org_changed');
    expect(relayed).toContain(APP_ORIGIN);
    expect(relayed).toMatch(/refreshed sandbox gets a new org id behind the same address/);

    const connection: Connection = await h.getConnection();
    expect(connection.status).toBe('connected');
    expect(connection.org?.id).toBe(ORG_ID);
    expect(connection.error).toBeUndefined();
    expect(connection.orgChange?.org.id).toBe(REFRESHED_ORG_ID);
    expect(connection.orgChange?.detectedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const stored = JSON.stringify(await h.store.getConnection('acme'));
    expect(stored).not.toContain(newAccess);
    expect(stored).not.toContain(newRefresh);
    for (const body of h.bodies) {
      expect(body).not.toContain(newAccess);
      expect(body).not.toContain(newRefresh);
    }
    // Both grants stay alive until the choice.
    expect(h.salesforce.isLive(firstRefresh)).toBe(true);
    expect(h.salesforce.isLive(newRefresh)).toBe(true);
    const session = await h.handler.getSalesforceSession({ tenant: 'acme' });
    expect(session.orgId).toBe(ORG_ID);
  });

  it('keep the new org: the parked grant becomes the connection, the previous one is revoked', async () => {
    const { h, firstRefresh, newRefresh } = await landedInRefreshedOrg();
    const answer = await resolve(h, 'keep_new');
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('connected');
    expect(answer.json.org.id).toBe(REFRESHED_ORG_ID);
    expect(answer.json.orgChange).toBeUndefined();
    expect(h.salesforce.isLive(firstRefresh)).toBe(false);
    expect(h.salesforce.isLive(newRefresh)).toBe(true);
    const session = await h.handler.getSalesforceSession({ tenant: 'acme', forceRefresh: true });
    expect(session.orgId).toBe(REFRESHED_ORG_ID);
    expect((await h.getConnection()).org?.id).toBe(REFRESHED_ORG_ID);
  });

  it('go back: the parked grant is revoked and the previous connection stays as it was', async () => {
    const { h, firstRefresh, newAccess, newRefresh } = await landedInRefreshedOrg();
    const before = await h.store.getConnection('acme');
    const answer = await resolve(h, 'keep_previous');
    expect(answer.status).toBe(200);
    expect(answer.json.org.id).toBe(ORG_ID);
    expect(answer.json.orgChange).toBeUndefined();
    expect(h.salesforce.isLive(newRefresh)).toBe(false);
    expect(h.salesforce.isLive(newAccess)).toBe(false);
    expect(h.salesforce.isLive(firstRefresh)).toBe(true);
    const after = await h.store.getConnection('acme');
    expect(after?.refreshToken).toBe(before?.refreshToken);
    expect(after?.accessToken).toBe(before?.accessToken);
    expect(after?.pendingOrgChange).toBeUndefined();
  });

  it('refuses a choice when nothing waits, and a choice that is not one of the two', async () => {
    const h = createHarness();
    await h.connect();
    const none = await resolve(h, 'keep_new');
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe('invalid_input');
    expect(none.json.error.message).toMatch(/no change of org waiting/);
    const { h: changed } = await landedInRefreshedOrg();
    const wrong = await resolve(changed, 'both');
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toMatch(/keep_new/);
    expect((await changed.getConnection()).orgChange?.org.id).toBe(REFRESHED_ORG_ID);
    // Chosen once; a second answer (another tab) finds nothing left to choose.
    expect((await resolve(changed, 'keep_previous')).status).toBe(200);
    expect((await resolve(changed, 'keep_new')).status).toBe(400);
  });

  it('a disconnect while the choice waits revokes both grants', async () => {
    const { h, firstRefresh, newRefresh } = await landedInRefreshedOrg();
    const answer = await h.request('DELETE', '/connection');
    expect(answer.json.status).toBe('disconnected');
    expect(answer.json.orgChange).toBeUndefined();
    expect(h.salesforce.isLive(firstRefresh)).toBe(false);
    expect(h.salesforce.isLive(newRefresh)).toBe(false);
  });

  it('a second landing in the new org replaces the parked grant and revokes the first one', async () => {
    const { h, newRefresh } = await landedInRefreshedOrg();
    const page = await reconnect(h);
    expect(JSON.stringify(relayData(page.text))).toContain('org_changed');
    expect(h.salesforce.isLive(newRefresh)).toBe(false);
    expect((await resolve(h, 'keep_new')).json.org.id).toBe(REFRESHED_ORG_ID);
    expect(h.salesforce.liveRefreshTokens()).toBe(1);
  });
});
