import { afterEach, describe, expect, it } from 'vitest';
import { startSalesforceSimulator } from '../../src/simulator/index.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('Setup deep links on the simulator', () => {
  it('answer with the simulated org’s apps instead of Not Found', async () => {
    const simulator = await startSalesforceSimulator({
      apps: [{ name: 'Acme Connector', callbackUrls: ['https://app.example.com/oauth/callback'] }],
    });
    closers.push(() => simulator.close());
    for (const page of ['ManageExternalClientApplication/home', 'NavigationMenus/home']) {
      const response = await fetch(`${simulator.url}/lightning/setup/${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toContain('Acme Connector');
    }
    const post = await fetch(`${simulator.url}/lightning/setup/NavigationMenus/home`, {
      method: 'POST',
    });
    expect(post.status).toBe(405);
  });
});
