import { afterAll, describe, expect, it } from 'vitest';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import { CALLBACK, connect, refresh } from './drive.js';

const simulator = await startSalesforceSimulator({ org: { isSandbox: true, name: 'Acme UAT' } });
afterAll(() => simulator.close());

describe('refreshSandbox', () => {
  it('gives the org a new id behind the same addresses and ends the old org’s tokens', async () => {
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const before = simulator.org;
    const { token: first } = await connect(simulator, app);
    expect(String(first.id)).toContain(`/id/${before.id}/`);

    const refreshed = simulator.refreshSandbox();
    expect(refreshed.id).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect(refreshed.id).not.toBe(before.id);
    expect({ name: refreshed.name, isSandbox: refreshed.isSandbox }).toEqual({
      name: 'Acme UAT',
      isSandbox: true,
    });
    expect(simulator.org.id).toBe(refreshed.id);

    // The old org's refresh token no longer works.
    const stale = await refresh(simulator, app, String(first.refresh_token));
    expect(stale.status).toBe(400);
    expect(stale.body.error).toBe('invalid_grant');

    // Signing in again at the same address lands in the new org (a new login: sessions ended).
    const { token: second } = await connect(simulator, app);
    expect(second.instance_url).toBe(first.instance_url);
    expect(String(second.id)).toContain(`/id/${refreshed.id}/`);
    expect(String(second.access_token).slice(0, 15)).toBe(refreshed.id.slice(0, 15));
  });

  it('refuses the id the org already has', () => {
    expect(() => simulator.refreshSandbox(simulator.org.id)).toThrow(/new org id/);
  });
});
