import { describe, expect, it } from 'vitest';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { CALLBACK_URL, createHarness, PUBLIC_URL } from './handler-harness.js';

describe('GET /setup and the login hosts', () => {
  it('names the login hosts the server accepts, so the form can accept the same ones', async () => {
    const h = createHarness({ allowedLoginHosts: ['localhost:4010', '127.0.0.1:4010'] });
    const setup = await h.request('GET', '/setup');
    expect(setup.json).toEqual({
      callbackUrls: [CALLBACK_URL],
      scopes: ['api', 'refresh_token', 'id'],
      allowedLoginHosts: ['localhost:4010', '127.0.0.1:4010'],
    });
  });

  it('leaves them out when only Salesforce’s hosts are accepted', async () => {
    const setup = await createHarness().request('GET', '/setup');
    expect(setup.json).not.toHaveProperty('allowedLoginHosts');
  });

  it('reaches the fetch adapter’s getSetupInfo unchanged', async () => {
    const h = createHarness({ allowedLoginHosts: ['localhost:4010'] });
    const adapter = createFetchAdapter({
      baseUrl: PUBLIC_URL,
      fetch: (input, init) => h.handler(new Request(input, init)),
    });
    expect((await adapter.getSetupInfo()).allowedLoginHosts).toEqual(['localhost:4010']);
  });
});
