import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import type { CredentialsInput } from '../../src/core/types.js';
import { rejection } from '../helpers/rejection.js';

const credentials: CredentialsInput = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey:
    '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
  consumerSecret: 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90',
};
const sandboxCredentials: CredentialsInput = {
  loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
  consumerKey: '3MVG9SandboxKeyForTheUatSandboxOnlyXyZ0123456789abcdefABCDEFghijkl',
  consumerSecret: 'F0E1D2C3B4A5968778695A4B3C2D1E0F',
};
const origin = 'https://app.example.com';

const adapterFor = (options: MemoryAdapterOptions = {}) =>
  createMemoryAdapter({ latencyMs: 0, connections: { max: 3 }, ...options });

/** Starts and approves an authorization of one connection, then completes it. */
async function connect(adapter: ReturnType<typeof createMemoryAdapter>, connectionId?: string) {
  const options = connectionId === undefined ? {} : { connectionId };
  const start = await adapter.startAuthorization({ returnOrigin: origin }, options);
  const message = adapter.simulateCallback({ state: start.state, broadcast: false });
  const code = 'code' in message ? (message.code ?? '') : '';
  return adapter.completeAuthorization({ code, state: start.state }, options);
}

describe('memory adapter: several connections', () => {
  it('keeps each connection to itself, lists them default first, and answers ids when asked by id', async () => {
    const adapter = adapterFor();
    expect(await adapter.listConnections()).toEqual([]);
    const sandbox = await adapter.saveCredentials(
      { ...sandboxCredentials, name: '  UAT sandbox ' },
      { connectionId: 'sandbox' },
    );
    expect(sandbox).toMatchObject({ id: 'sandbox', name: 'UAT sandbox', status: 'configured' });
    // The default connection is untouched, and answers as before (no id).
    expect(await adapter.getConnection()).toEqual({ status: 'disconnected' });
    await adapter.saveCredentials({ ...credentials, name: 'Production' });
    await connect(adapter);
    expect(await adapter.getConnection({ connectionId: 'sandbox' })).toMatchObject({
      id: 'sandbox',
      status: 'configured',
      loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    });
    const list = await adapter.listConnections();
    expect(list.map((c) => [c.id, c.name, c.status])).toEqual([
      ['default', 'Production', 'connected'],
      ['sandbox', 'UAT sandbox', 'configured'],
    ]);
    const connected = await connect(adapter, 'sandbox');
    expect(connected).toMatchObject({ id: 'sandbox', status: 'connected' });
    // Each connection has an org of its own.
    expect(connected.org?.id).not.toBe(list[0]?.org?.id);
    expect(connected.org?.id).toMatch(/^00D[0-9A-Za-z]{15}$/);
  });

  it('disconnecting one leaves the others connected; forgetCredentials removes it from the list', async () => {
    const adapter = adapterFor({
      initial: 'connected',
      initialConnections: [{ id: 'sandbox', name: 'UAT', initial: 'connected' }],
    });
    expect(await adapter.disconnect({ connectionId: 'sandbox' })).toMatchObject({
      id: 'sandbox',
      status: 'disconnected',
      hasConsumerSecret: true,
    });
    expect((await adapter.getConnection()).status).toBe('connected');
    expect((await adapter.listConnections()).map((c) => c.id)).toEqual(['default', 'sandbox']);
    expect(await adapter.disconnect({ connectionId: 'sandbox', forgetCredentials: true })).toEqual({
      id: 'sandbox',
      status: 'disconnected',
    });
    expect((await adapter.listConnections()).map((c) => c.id)).toEqual(['default']);
    expect(await adapter.getConnection({ connectionId: 'sandbox' })).toEqual({
      id: 'sandbox',
      status: 'disconnected',
    });
    // Gone means gone: connecting it needs credentials again.
    const refused = await rejection(
      adapter.startAuthorization({ returnOrigin: origin }, { connectionId: 'sandbox' }),
    );
    expect(refused.code).toBe('not_configured');
  });

  it('renames with the shared name rules; an unknown id is not_configured', async () => {
    const adapter = adapterFor({ initialConnections: [{ id: 'eu', name: 'EU' }] });
    expect(
      await adapter.renameConnection({ name: ' Europe ' }, { connectionId: 'eu' }),
    ).toMatchObject({ id: 'eu', name: 'Europe' });
    const blank = await rejection(adapter.renameConnection({ name: '  ' }, { connectionId: 'eu' }));
    expect([blank.code, blank.field]).toEqual(['invalid_input', 'name']);
    expect((await adapter.getConnection({ connectionId: 'eu' })).name).toBe('Europe');
    const unknown = await rejection(
      adapter.renameConnection({ name: 'Nope' }, { connectionId: 'nope' }),
    );
    expect(unknown.code).toBe('not_configured');
    expect(await adapter.listConnections()).toHaveLength(1);
  });

  it('refuses a bad name with field name and adds nothing; a full tenant hears the limit first', async () => {
    const adapter = adapterFor({ connections: { max: 2 }, initial: 'configured' });
    const badName = await rejection(
      adapter.saveCredentials({ ...credentials, name: 'a'.repeat(81) }, { connectionId: 'b' }),
    );
    expect([badName.code, badName.field]).toEqual(['invalid_input', 'name']);
    expect((await adapter.listConnections()).map((c) => c.id)).toEqual(['default']);
    await adapter.saveCredentials(credentials, { connectionId: 'b' });
    const full = await rejection(
      adapter.saveCredentials({ ...credentials, consumerKey: '' }, { connectionId: 'c' }),
    );
    expect(full.code).toBe('connection_limit');
  });

  it('refuses a malformed id before doing anything', async () => {
    const adapter = adapterFor();
    for (const connectionId of ['Sandbox', '', 'a b', '-x', 'x'.repeat(41)]) {
      const refused = await rejection(adapter.saveCredentials(credentials, { connectionId }));
      expect(refused.code).toBe('invalid_input');
    }
    expect(await adapter.listConnections()).toEqual([]);
  });

  it('connection_limit: max 1 by default, the message names the limit, existing ones can change', async () => {
    const single = createMemoryAdapter({ latencyMs: 0, initial: 'configured' });
    const refused = await rejection(single.saveCredentials(credentials, { connectionId: 'two' }));
    expect(refused.code).toBe('connection_limit');
    expect(refused.message).toContain('only one Salesforce org');
    expect(await single.listConnections()).toHaveLength(1);

    const three = adapterFor({ initial: 'configured', initialConnections: [{ id: 'b' }] });
    await three.saveCredentials(credentials, { connectionId: 'c' });
    const fourth = await rejection(three.saveCredentials(credentials, { connectionId: 'd' }));
    expect(fourth.code).toBe('connection_limit');
    expect(fourth.message).toBe('You can connect at most 3 Salesforce orgs; remove one first.');
    // Changing one of the three is fine, and so is adding once one is removed.
    await three.saveCredentials(sandboxCredentials, { connectionId: 'c' });
    await three.disconnect({ connectionId: 'b', forgetCredentials: true });
    expect((await three.saveCredentials(credentials, { connectionId: 'd' })).id).toBe('d');
  });

  it('duplicate_org: a sign-in into an org another connection uses is refused and names it', async () => {
    const adapter = adapterFor({
      initial: 'connected',
      orgFor: () => ({ id: '00D5g00000ACMEdEAA' }),
    });
    await adapter.renameConnection({ name: 'Production' });
    await adapter.saveCredentials(sandboxCredentials, { connectionId: 'copy' });
    const refused = await rejection(connect(adapter, 'copy'));
    expect(refused.code).toBe('duplicate_org');
    expect(refused.message).toContain('“Production”');
    expect(await adapter.getConnection({ connectionId: 'copy' })).toMatchObject({
      status: 'configured',
      error: { code: 'duplicate_org' },
    });
    expect((await adapter.getConnection()).status).toBe('connected');

    // onePerOrg: false allows it.
    const lenient = adapterFor({
      connections: { max: 3, onePerOrg: false },
      initial: 'connected',
      orgFor: () => ({ id: '00D5g00000ACMEdEAA' }),
    });
    await lenient.saveCredentials(sandboxCredentials, { connectionId: 'copy' });
    expect((await connect(lenient, 'copy')).status).toBe('connected');
  });

  it('a state completes only the connection it was started for', async () => {
    const adapter = adapterFor({ initial: 'configured', initialConnections: [{ id: 'b' }] });
    const start = await adapter.startAuthorization({ returnOrigin: origin }, { connectionId: 'b' });
    const message = adapter.simulateCallback({ state: start.state, broadcast: false });
    const code = 'code' in message ? (message.code ?? '') : '';
    const refused = await rejection(adapter.completeAuthorization({ code, state: start.state }));
    expect(refused.code).toBe('state_mismatch');
    expect((await adapter.getConnection()).status).toBe('configured');
    expect((await adapter.getConnection({ connectionId: 'b' })).status).toBe('configured');
  });

  it('names the default connection with connectionName', async () => {
    const adapter = adapterFor({ initial: 'connected', connectionName: ' Production ' });
    expect(await adapter.listConnections()).toMatchObject([
      { id: 'default', name: 'Production', status: 'connected', org: { id: '00D5g00000ACMEdEAA' } },
    ]);
    expect((await adapter.getConnection()).name).toBe('Production');
  });

  it('needs_reauth reaches every connected connection', async () => {
    const adapter = adapterFor({
      initial: 'connected',
      initialConnections: [{ id: 'b', initial: 'connected' }, { id: 'c' }],
    });
    adapter.setScenario('needs_reauth');
    expect((await adapter.listConnections()).map((c) => c.status)).toEqual([
      'needs_reauth',
      'needs_reauth',
      'configured',
    ]);
  });

  it('refuses initialConnections that reuse an id or name the default', () => {
    expect(() => createMemoryAdapter({ initialConnections: [{ id: 'default' }] })).toThrow(
      TypeError,
    );
    expect(() =>
      createMemoryAdapter({
        connections: { max: 3 },
        initialConnections: [{ id: 'a' }, { id: 'a' }],
      }),
    ).toThrow(TypeError);
  });
});
