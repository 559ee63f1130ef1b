import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import {
  MEMORY_SCENARIO_OUTCOMES,
  MEMORY_SCENARIOS,
  type MemoryScenario,
  type MemoryScenarioOutcome,
  memoryScenarioOutcome,
} from '../../src/adapters/memory-scenarios.js';
import { ConnectError } from '../../src/core/errors.js';
import { type OAuthPopupMessage, resultChannelName } from '../../src/core/popup-protocol.js';
import { fromSalesforceError } from '../../src/core/salesforce-errors.js';
import type { CredentialsInput } from '../../src/core/types.js';
import { rejection } from '../helpers/rejection.js';

const credentials: CredentialsInput = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey:
    '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
  consumerSecret: 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90',
};
const origin = 'https://app.example.com';

/** A fixed clock the test moves by hand. */
const manualClock = (start = Date.UTC(2026, 0, 15, 9, 30)) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const adapterFor = (options: MemoryAdapterOptions = {}) =>
  createMemoryAdapter({ latencyMs: 0, ...options });

/** The code a rejected promise carried, or 'resolved'. */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return ConnectError.is(error) ? error.code : `not a ConnectError: ${String(error)}`;
  }
}

/** Saves, starts and approves: the code and state a callback page would relay. */
async function approved(adapter: ReturnType<typeof createMemoryAdapter>) {
  await adapter.saveCredentials(credentials);
  const start = await adapter.startAuthorization({ returnOrigin: origin });
  const message = adapter.simulateCallback({ state: start.state, broadcast: false });
  return { start, message, code: 'code' in message ? (message.code ?? '') : '' };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('saveCredentials', () => {
  it('stores the login URL as an origin, a four-character key hint and only the fact of a secret', async () => {
    const clock = manualClock();
    const adapter = adapterFor({ clock });
    const saved = await adapter.saveCredentials({
      ...credentials,
      loginUrl: 'https://acme.my.salesforce.com/lightning/setup/SetupOneHome/home',
    });
    expect(saved).toEqual({
      status: 'configured',
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKeyHint: 'Aejq',
      hasConsumerSecret: true,
      updatedAt: '2026-01-15T09:30:00.000Z',
    });
    expect(JSON.stringify(saved)).not.toContain(credentials.consumerSecret);
    expect(await adapter.getConnection()).toEqual(saved);
  });

  it.each([
    ['an empty Consumer Key', { consumerKey: '  ' }, 'invalid_input', /Consumer Key/],
    ['a Consumer Key with a space', { consumerKey: '3MVG9 abc' }, 'invalid_input', /spaces/],
    ['an empty login URL', { loginUrl: '' }, 'invalid_login_url', /login URL/],
    [
      'a host that is not Salesforce',
      { loginUrl: 'https://example.com' },
      'invalid_login_url',
      /isn't a Salesforce address/,
    ],
    [
      'a plain http login URL',
      { loginUrl: 'http://acme.my.salesforce.com' },
      'invalid_login_url',
      /https/,
    ],
    ['no secret on the first save', { consumerSecret: '' }, 'invalid_input', /Consumer Secret/],
  ] as const)('refuses %s with %s', async (_, change, code, message) => {
    const adapter = adapterFor();
    const error = await rejection(adapter.saveCredentials({ ...credentials, ...change }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await adapter.getConnection()).toEqual({ status: 'disconnected' });
  });

  it('accepts a login host the integrator allowed, such as a local simulator', async () => {
    const local = { ...credentials, loginUrl: 'http://localhost:4010/' };
    expect(await outcomeOf(adapterFor().saveCredentials(local))).toBe('invalid_login_url');
    const adapter = adapterFor({ allowedLoginHosts: ['localhost:4010'] });
    expect((await adapter.saveCredentials(local)).loginUrl).toBe('http://localhost:4010');
  });

  it('stores the login host an admin pasted from Lightning', async () => {
    const saved = await adapterFor().saveCredentials({
      ...credentials,
      loginUrl: 'acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    });
    expect(saved.loginUrl).toBe('https://acme.my.salesforce.com');
  });

  it('keeps the saved secret when the form sends an empty one', async () => {
    const adapter = adapterFor();
    await adapter.saveCredentials(credentials);
    const again = await adapter.saveCredentials({ ...credentials, consumerSecret: '' });
    expect(again).toMatchObject({ status: 'configured', hasConsumerSecret: true });
  });

  it('drops the connection when the credentials name another app', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    await adapter.completeAuthorization({ code, state: start.state });
    const saved = await adapter.saveCredentials({
      ...credentials,
      consumerKey: `${credentials.consumerKey}X`,
    });
    expect(saved.status).toBe('configured');
    expect(saved.org).toBeUndefined();
    expect(saved.consumerKeyHint).toBe('ejqX');
  });

  it('keeps the connection when only the secret changes (same app, tokens still valid)', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    const connected = await adapter.completeAuthorization({ code, state: start.state });
    const saved = await adapter.saveCredentials({ ...credentials, consumerSecret: 'F'.repeat(64) });
    expect(saved).toMatchObject({ status: 'connected', org: connected.org, user: connected.user });
  });

  it('clears a failed attempt when the same credentials are saved again', async () => {
    const adapter = adapterFor({ scenario: 'invalid_client' });
    const { start, code } = await approved(adapter);
    await outcomeOf(adapter.completeAuthorization({ code, state: start.state }));
    expect((await adapter.getConnection()).status).toBe('error');
    adapter.setScenario('happy');
    const saved = await adapter.saveCredentials({ ...credentials, consumerSecret: 'F'.repeat(64) });
    expect(saved.status).toBe('configured');
    expect(saved.error).toBeUndefined();
  });

  it('keeps a working connection when an attempt to replace it fails', async () => {
    const adapter = adapterFor({ initial: 'connected', scenario: 'invalid_client' });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const message = adapter.simulateCallback({ broadcast: false });
    const code = 'code' in message ? (message.code ?? '') : '';
    expect(await outcomeOf(adapter.completeAuthorization({ code, state: start.state }))).toBe(
      'invalid_client',
    );
    expect(await adapter.getConnection()).toMatchObject({ status: 'connected' });
  });

  it('voids authorizations started with credentials that were since replaced', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    await adapter.saveCredentials({ ...credentials, loginUrl: 'https://test.salesforce.com' });
    const error = await rejection(adapter.completeAuthorization({ code, state: start.state }));
    expect([error.code, error.message]).toEqual([
      'state_mismatch',
      'The credentials changed after this authorization started. Connect again.',
    ]);
  });

  it.each(['invalid_client_id', 'redirect_uri_mismatch'] as const)(
    'reports the %s preflight finding on the saved connection',
    async (scenario) => {
      const adapter = adapterFor({ scenario });
      const saved = await adapter.saveCredentials(credentials);
      expect(saved).toMatchObject({
        status: 'configured',
        consumerKeyHint: 'Aejq',
        error: { code: scenario, salesforceError: scenario },
      });
      adapter.setScenario('happy');
      expect((await adapter.saveCredentials(credentials)).error).toBeUndefined();
    },
  );
});

describe('startAuthorization', () => {
  it('issues a single-use 256-bit state and an about:blank authorize URL with the real parameters', async () => {
    const clock = manualClock();
    const adapter = adapterFor({ clock });
    await adapter.saveCredentials(credentials);
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    expect(start.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.expiresAt).toBe('2026-01-15T09:40:00.000Z');
    const url = new URL(start.authorizeUrl);
    expect(`${url.protocol}${url.pathname}`).toBe('about:blank');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: credentials.consumerKey,
      redirect_uri: 'https://app.example.com/api/salesforce/oauth/callback',
      scope: 'api refresh_token',
      state: start.state,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      display: 'popup',
    });
  });

  it('narrows the scopes and passes the prompt like the reference server, never widening', async () => {
    const adapter = adapterFor({});
    await adapter.saveCredentials(credentials);
    const start = await adapter.startAuthorization({
      returnOrigin: origin,
      scopes: ['api'],
      prompt: ['login', 'consent'],
    });
    const params = new URL(start.authorizeUrl).searchParams;
    expect(params.get('scope')).toBe('api');
    expect(params.get('prompt')).toBe('login consent');
    await expect(
      adapter.startAuthorization({ returnOrigin: origin, scopes: ['full'] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('puts redirect_uri on the page origin, so the popup session expects the result from there', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const start = await adapter.startAuthorization({ returnOrigin: 'http://localhost:6006' });
    const redirect = new URL(start.authorizeUrl).searchParams.get('redirect_uri') ?? '';
    expect(new URL(redirect).origin).toBe('http://localhost:6006');
    expect((await adapter.getSetupInfo()).callbackUrls).toEqual([redirect]);
  });

  it('uses a configured callback URL and authorize endpoint as given', async () => {
    const adapter = adapterFor({
      initial: 'configured',
      callbackUrl: 'https://app.example.com/settings/salesforce/callback',
      authorizeEndpoint: 'https://sim.example.test/services/oauth2/authorize',
    });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const url = new URL(start.authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://sim.example.test/services/oauth2/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe(
      'https://app.example.com/settings/salesforce/callback',
    );
  });

  it('never issues the same state twice', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const states = new Set<string>();
    for (let i = 0; i < 50; i++) {
      states.add((await adapter.startAuthorization({ returnOrigin: origin })).state);
    }
    expect(states.size).toBe(50);
  });

  it('refuses to start before credentials are saved', async () => {
    const error = await rejection(adapterFor().startAuthorization({ returnOrigin: origin }));
    expect(error.code).toBe('not_configured');
  });

  it.each([
    'https://app.example.com/',
    'https://app.example.com/settings',
    'app.example.com',
    'javascript:alert(1)',
  ])('refuses %s as a returnOrigin', async (returnOrigin) => {
    const adapter = adapterFor({ initial: 'configured' });
    expect(await outcomeOf(adapter.startAuthorization({ returnOrigin }))).toBe('invalid_input');
  });

  it('refuses origins outside allowedOrigins with unauthorized', async () => {
    const adapter = adapterFor({ initial: 'configured', allowedOrigins: [origin] });
    expect(
      await outcomeOf(adapter.startAuthorization({ returnOrigin: 'https://evil.example' })),
    ).toBe('unauthorized');
    expect(await outcomeOf(adapter.startAuthorization({ returnOrigin: origin }))).toBe('resolved');
  });
});

describe('completeAuthorization', () => {
  it('connects with the org, user, scopes and time of connection', async () => {
    const clock = manualClock();
    const adapter = adapterFor({ clock, user: { displayName: 'Grace Hopper' } });
    const { start, code } = await approved(adapter);
    clock.advance(60_000);
    const connection = await adapter.completeAuthorization({ code, state: start.state });
    expect(connection).toEqual({
      status: 'connected',
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKeyHint: 'Aejq',
      hasConsumerSecret: true,
      org: {
        id: '00D5g00000ACMEdEAA',
        name: 'Acme Corporation',
        instanceUrl: 'https://acme.my.salesforce.com',
        isSandbox: false,
      },
      user: {
        id: '0055g00000ADMNdAAB',
        username: 'admin@acme.example.com',
        displayName: 'Grace Hopper',
      },
      scopes: ['api', 'refresh_token'],
      connectedAt: '2026-01-15T09:31:00.000Z',
      updatedAt: '2026-01-15T09:31:00.000Z',
    });
    expect(await adapter.getConnection()).toEqual(connection);
  });

  it.each([
    ['https://test.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com', true],
    ['https://login.salesforce.com', 'https://acme.my.salesforce.com', false],
    [
      'https://acme--dev.sandbox.my.salesforce.com',
      'https://acme--dev.sandbox.my.salesforce.com',
      true,
    ],
  ])('connects %s to the instance %s (sandbox: %s)', async (loginUrl, instanceUrl, isSandbox) => {
    const adapter = adapterFor();
    await adapter.saveCredentials({ ...credentials, loginUrl });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const message = adapter.simulateCallback({ broadcast: false });
    const connection = await adapter.completeAuthorization({
      code: 'code' in message ? (message.code ?? '') : '',
      state: start.state,
    });
    expect(connection.org).toMatchObject({ instanceUrl, isSandbox });
  });

  it('accepts a state once', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    await adapter.completeAuthorization({ code, state: start.state });
    const replay = await rejection(adapter.completeAuthorization({ code, state: start.state }));
    expect(replay.code).toBe('state_mismatch');
  });

  it('refuses a state it never issued', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    expect(await outcomeOf(adapter.completeAuthorization({ code: 'c', state: 'forged' }))).toBe(
      'state_mismatch',
    );
  });

  it('refuses a state after it expired', async () => {
    const clock = manualClock();
    const adapter = adapterFor({ clock, stateTtlMs: 120_000 });
    const { start, code } = await approved(adapter);
    clock.advance(120_000);
    expect(await outcomeOf(adapter.completeAuthorization({ code, state: start.state }))).toBe(
      'state_mismatch',
    );
  });

  it('refuses a code Salesforce did not issue for that state, and spends the state', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    const wrong = await rejection(
      adapter.completeAuthorization({ code: `${code}x`, state: start.state }),
    );
    expect(wrong).toMatchObject({ code: 'invalid_grant', salesforceError: 'invalid_grant' });
    expect(await outcomeOf(adapter.completeAuthorization({ code, state: start.state }))).toBe(
      'state_mismatch',
    );
  });

  it('refuses any code before the admin approved in the popup', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    expect(
      await outcomeOf(adapter.completeAuthorization({ code: 'guess', state: start.state })),
    ).toBe('invalid_grant');
  });

  it.each([[{ code: '', state: 's' }], [{ code: 'c', state: '' }], [{ code: 1, state: 's' }]])(
    'refuses malformed input %j with invalid_input',
    async (input) => {
      const adapter = adapterFor({ initial: 'configured' });
      expect(
        await outcomeOf(
          adapter.completeAuthorization(input as unknown as { code: string; state: string }),
        ),
      ).toBe('invalid_input');
    },
  );
});

describe('disconnect', () => {
  it('forgets the org and user but keeps the credentials, so reconnecting needs no retyping', async () => {
    const adapter = adapterFor();
    const { start, code } = await approved(adapter);
    await adapter.completeAuthorization({ code, state: start.state });
    const after = await adapter.disconnect();
    expect(after).toEqual({
      status: 'disconnected',
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKeyHint: 'Aejq',
      hasConsumerSecret: true,
      updatedAt: expect.any(String),
    });
    const again = await adapter.startAuthorization({ returnOrigin: origin });
    const message = adapter.simulateCallback({ broadcast: false });
    const reconnected = await adapter.completeAuthorization({
      code: 'code' in message ? (message.code ?? '') : '',
      state: again.state,
    });
    expect(reconnected.status).toBe('connected');
  });

  it('changes nothing when already disconnected', async () => {
    const adapter = adapterFor();
    expect(await adapter.disconnect()).toEqual({ status: 'disconnected' });
  });
});

describe('scenarios', () => {
  const byStage = (stage: string) =>
    MEMORY_SCENARIOS.filter((scenario) => memoryScenarioOutcome(scenario)?.stage === stage);

  it('lists happy and every scripted outcome, each with a known error code', () => {
    expect(MEMORY_SCENARIOS[0]).toBe('happy');
    expect(MEMORY_SCENARIOS.length).toBe(Object.keys(MEMORY_SCENARIO_OUTCOMES).length + 1);
    expect(memoryScenarioOutcome('happy')).toBeUndefined();
  });

  it('org_changed: a first connection connects; a reconnect waits for the choice', async () => {
    const adapter = adapterFor({ scenario: 'org_changed' });
    const first = await approved(adapter);
    const connected = await adapter.completeAuthorization({
      code: first.code,
      state: first.start.state,
    });
    expect(connected.status).toBe('connected');
    const previousOrg = connected.org;
    const again = await adapter.startAuthorization({ returnOrigin: origin });
    const landed = adapter.simulateCallback({ state: again.state, broadcast: false });
    const error = await rejection(
      adapter.completeAuthorization({
        code: 'code' in landed ? (landed.code ?? '') : '',
        state: again.state,
      }),
    );
    expect(error.code).toBe('org_changed');
    expect(error.message).toMatch(/refreshed sandbox gets a new org id behind the same address/);
    const waiting = await adapter.getConnection();
    expect(waiting.status).toBe('connected');
    expect(waiting.org).toEqual(previousOrg);
    expect(waiting.orgChange?.org.id).not.toBe(previousOrg?.id);
    expect(waiting.orgChange?.org.instanceUrl).toBe(previousOrg?.instanceUrl);

    const back = await adapter.resolveOrgChange({ choice: 'keep_previous' });
    expect(back.org).toEqual(previousOrg);
    expect(back.orgChange).toBeUndefined();
    expect((await rejection(adapter.resolveOrgChange({ choice: 'keep_new' }))).code).toBe(
      'invalid_input',
    );

    const third = await adapter.startAuthorization({ returnOrigin: origin });
    const landedAgain = adapter.simulateCallback({ state: third.state, broadcast: false });
    await rejection(
      adapter.completeAuthorization({
        code: 'code' in landedAgain ? (landedAgain.code ?? '') : '',
        state: third.state,
      }),
    );
    const newOrgId = (await adapter.getConnection()).orgChange?.org.id;
    const kept = await adapter.resolveOrgChange({ choice: 'keep_new' });
    expect(kept.status).toBe('connected');
    expect(kept.org?.id).toBe(newOrgId);
    expect(kept.orgChange).toBeUndefined();
  });

  it.each(byStage('token').filter((scenario) => scenario !== 'org_changed'))(
    '%s: the popup returns a code and the exchange fails',
    async (scenario) => {
      const expected: MemoryScenarioOutcome =
        MEMORY_SCENARIO_OUTCOMES[scenario as keyof typeof MEMORY_SCENARIO_OUTCOMES];
      const adapter = adapterFor({ scenario });
      const { start, message, code } = await approved(adapter);
      expect(message).not.toHaveProperty('error');
      const error = await rejection(adapter.completeAuthorization({ code, state: start.state }));
      expect({
        code: error.code,
        salesforceError: error.salesforceError,
        salesforceDescription: error.salesforceDescription,
        status: error.status,
      }).toEqual({
        code: expected.code,
        salesforceError: expected.salesforceError,
        salesforceDescription: expected.salesforceDescription,
        status: expected.status,
      });
      // The failure shows on the connection, as the reference server records it.
      expect(await adapter.getConnection()).toMatchObject({
        status: 'error',
        error: { code: expected.code },
      });
    },
  );

  it.each([...byStage('authorize'), ...byStage('preflight')])(
    '%s: the popup relays Salesforce’s error instead of a code',
    async (scenario) => {
      const expected: MemoryScenarioOutcome =
        MEMORY_SCENARIO_OUTCOMES[scenario as keyof typeof MEMORY_SCENARIO_OUTCOMES];
      const adapter = adapterFor({ scenario });
      const { start, message } = await approved(adapter);
      expect(message).toEqual({
        source: 'salesforce-connect',
        v: 1,
        type: 'oauth_result',
        state: start.state,
        error: expected.salesforceError,
        error_description: expected.salesforceDescription,
      });
      expect(
        await outcomeOf(adapter.completeAuthorization({ code: 'x', state: start.state })),
      ).toBe(expected.code);
    },
  );

  it('access_denied is what a deny outcome sends in any scenario', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    expect(adapter.simulateCallback({ outcome: 'deny', broadcast: false })).toEqual({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_result',
      state: start.state,
      error: 'access_denied',
      error_description: 'end-user denied authorization',
    });
  });

  it('needs_reauth: a stored connection stops working, and reconnecting mends it', async () => {
    const adapter = adapterFor({ scenario: 'needs_reauth' });
    const broken = await adapter.getConnection();
    expect(broken).toMatchObject({
      status: 'needs_reauth',
      org: { id: expect.any(String) },
      error: { code: 'invalid_grant', salesforceError: 'invalid_grant' },
    });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const message = adapter.simulateCallback({ broadcast: false });
    const mended = await adapter.completeAuthorization({
      code: 'code' in message ? (message.code ?? '') : '',
      state: start.state,
    });
    expect(mended.status).toBe('connected');
    expect(mended.error).toBeUndefined();
    expect((await adapter.getConnection()).status).toBe('connected');
  });

  it('switching to needs_reauth while connected revokes at once', async () => {
    const adapter = adapterFor({ initial: 'connected' });
    expect((await adapter.getConnection()).status).toBe('connected');
    adapter.setScenario('needs_reauth');
    expect(adapter.scenario).toBe('needs_reauth');
    expect((await adapter.getConnection()).status).toBe('needs_reauth');
  });

  it.each([
    ['network_down', 'network', undefined],
    ['server_error', 'adapter_error', 500],
  ] as const)(
    '%s: every call fails with %s until the scenario changes',
    async (scenario, code, status) => {
      const adapter = adapterFor({ initial: 'configured', scenario });
      const calls = [
        adapter.getConnection(),
        adapter.saveCredentials(credentials),
        adapter.startAuthorization({ returnOrigin: origin }),
        adapter.completeAuthorization({ code: 'c', state: 's' }),
        adapter.disconnect(),
        adapter.getSetupInfo(),
      ];
      for (const call of calls) {
        const error = await rejection(call);
        expect([error.code, error.status]).toEqual([code, status]);
      }
      adapter.setScenario('happy');
      expect((await adapter.getConnection()).status).toBe('configured');
    },
  );
});

describe('initial connection', () => {
  it.each([
    ['disconnected', { status: 'disconnected' }],
    ['configured', { status: 'configured', consumerKeyHint: 'Qx7W', hasConsumerSecret: true }],
    [
      'connected',
      { status: 'connected', org: { id: '00D5g00000ACMEdEAA' }, connectedAt: expect.any(String) },
    ],
    ['needs_reauth', { status: 'needs_reauth', error: { code: 'invalid_grant' } }],
    ['error', { status: 'error', error: { code: 'salesforce_unavailable' } }],
  ] as const)('%s preset', async (initial, expected) => {
    expect(await adapterFor({ initial }).getConnection()).toMatchObject(expected);
  });

  it('a configured start in a preflight scenario already carries the finding', async () => {
    const adapter = adapterFor({ initial: 'configured', scenario: 'redirect_uri_mismatch' });
    expect((await adapter.getConnection()).error?.code).toBe('redirect_uri_mismatch');
  });

  it('takes a connection of your own and can authorize from it', async () => {
    const adapter = adapterFor({
      initial: {
        status: 'configured',
        loginUrl: 'https://test.salesforce.com',
        consumerKeyHint: 'ZZ99',
      },
    });
    expect(await adapter.getConnection()).toEqual({
      status: 'configured',
      loginUrl: 'https://test.salesforce.com',
      consumerKeyHint: 'ZZ99',
    });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    expect(new URL(start.authorizeUrl).searchParams.get('client_id')).toMatch(/^3MVG9.*ZZ99$/);
  });
});

describe('answers', () => {
  it('are copies: changing one does not change the store', async () => {
    const adapter = adapterFor({ initial: 'connected' });
    const first = await adapter.getConnection();
    first.status = 'error';
    first.scopes?.push('full');
    const second = await adapter.getConnection();
    expect(second.status).toBe('connected');
    expect(second.scopes).toEqual(['api', 'refresh_token']);
  });

  it('getSetupInfo reports the callback URL, scopes and names', async () => {
    const adapter = adapterFor({
      scopes: ['api', 'refresh_token', 'id'],
      appName: 'Northwind Sync',
      vendorName: 'Northwind',
      callbackUrl: 'https://northwind.example/sf/callback',
    });
    expect(await adapter.getSetupInfo()).toEqual({
      callbackUrls: ['https://northwind.example/sf/callback'],
      appName: 'Northwind Sync',
      scopes: ['api', 'refresh_token', 'id'],
      vendorName: 'Northwind',
    });
  });

  it('getSetupInfo names the extra login hosts it accepts, like the reference server', async () => {
    const adapter = adapterFor({ allowedLoginHosts: ['localhost:4010'] });
    expect((await adapter.getSetupInfo()).allowedLoginHosts).toEqual(['localhost:4010']);
    expect(await adapterFor({}).getSetupInfo()).not.toHaveProperty('allowedLoginHosts');
  });
});

describe('latency and abort', () => {
  it('answers after latencyMs, not before', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latencyMs: 300 });
    let settled = false;
    const call = adapter.getConnection().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(settled).toBe(true);
  });

  it('waits 300 ms by default', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter();
    let settled = false;
    void adapter.getConnection().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('rejects with aborted as soon as the signal fires, clears its timer and saves nothing', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latencyMs: 1000 });
    const controller = new AbortController();
    const saving = outcomeOf(adapter.saveCredentials(credentials, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await saving).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
    const reading = adapter.getConnection();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await reading).toEqual({ status: 'disconnected' });
  });

  it('rejects a pre-aborted call without waiting', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latencyMs: 1000 });
    expect(await outcomeOf(adapter.getConnection({ signal: AbortSignal.abort() }))).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('latencyMs: Infinity never answers until aborted (loading states in stories)', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latencyMs: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    let result = 'pending';
    void outcomeOf(adapter.getConnection({ signal: controller.signal })).then((outcome) => {
      result = outcome;
    });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(result).toBe('pending');
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBe('aborted');
  });

  it('aborting during any method rejects it with aborted', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latencyMs: 500, initial: 'configured' });
    const calls: ((signal: AbortSignal) => Promise<unknown>)[] = [
      (signal) => adapter.getConnection({ signal }),
      (signal) => adapter.saveCredentials(credentials, { signal }),
      (signal) => adapter.startAuthorization({ returnOrigin: origin }, { signal }),
      (signal) => adapter.completeAuthorization({ code: 'c', state: 's' }, { signal }),
      (signal) => adapter.disconnect({ signal }),
      (signal) => adapter.getSetupInfo({ signal }),
    ];
    const outcomes = calls.map((call) => {
      const controller = new AbortController();
      const outcome = outcomeOf(call(controller.signal));
      controller.abort();
      return outcome;
    });
    expect(await Promise.all(outcomes)).toEqual(Array(calls.length).fill('aborted'));
  });
});

describe('simulateCallback', () => {
  const listen = (state: string) =>
    new Promise<OAuthPopupMessage>((resolve) => {
      const channel = new BroadcastChannel(resultChannelName(state));
      channel.onmessage = (event) => {
        channel.close();
        resolve(event.data as OAuthPopupMessage);
      };
    });

  it('posts the callback page’s exact message on the state’s BroadcastChannel', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const heard = listen(start.state);
    const sent = adapter.simulateCallback();
    expect(await heard).toEqual(sent);
    expect(sent).toEqual({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_result',
      state: start.state,
      code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // The code it posted is the one the backend accepts.
    const code = 'code' in sent ? (sent.code ?? '') : '';
    expect((await adapter.completeAuthorization({ code, state: start.state })).status).toBe(
      'connected',
    );
  });

  it('answers the latest authorization by default, or the one named', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    const first = await adapter.startAuthorization({ returnOrigin: origin });
    const second = await adapter.startAuthorization({ returnOrigin: origin });
    expect(adapter.simulateCallback({ broadcast: false }).state).toBe(second.state);
    expect(adapter.simulateCallback({ state: first.state, broadcast: false }).state).toBe(
      first.state,
    );
  });

  it('sends a custom Salesforce error', async () => {
    const adapter = adapterFor({ initial: 'configured' });
    await adapter.startAuthorization({ returnOrigin: origin });
    expect(
      adapter.simulateCallback({
        outcome: { error: 'OAUTH_EC_APP_NOT_FOUND' },
        broadcast: false,
      }),
    ).toMatchObject({ error: 'OAUTH_EC_APP_NOT_FOUND' });
  });

  it('says plainly when there is nothing to answer', () => {
    expect(() => adapterFor().simulateCallback()).toThrow(/startAuthorization first/);
  });

  it('autoCallbackMs answers every authorization on its own, once, through the channel', async () => {
    vi.useFakeTimers();
    const posted: { name: string; message: unknown }[] = [];
    class RecordingChannel {
      constructor(readonly name: string) {}
      postMessage(message: unknown) {
        posted.push({ name: this.name, message });
      }
      close() {}
    }
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial: 'configured',
      autoCallbackMs: 1500,
      BroadcastChannel: RecordingChannel,
    });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    await vi.advanceTimersByTimeAsync(1499);
    expect(posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(posted).toEqual([
      {
        name: resultChannelName(start.state),
        message: expect.objectContaining({ state: start.state, code: expect.any(String) }),
      },
    ]);
  });

  it('autoCallbackMs skips an authorization that was already completed', async () => {
    vi.useFakeTimers();
    const posted: unknown[] = [];
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial: 'configured',
      autoCallbackMs: 1000,
      BroadcastChannel: class {
        postMessage(message: unknown) {
          posted.push(message);
        }
        close() {}
      },
    });
    const start = await adapter.startAuthorization({ returnOrigin: origin });
    const message = adapter.simulateCallback({ broadcast: false });
    await adapter.completeAuthorization({
      code: 'code' in message ? (message.code ?? '') : '',
      state: start.state,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(posted).toEqual([]);
  });

  it('works without any BroadcastChannel (it still returns the message)', async () => {
    const adapter = adapterFor({ initial: 'configured', BroadcastChannel: undefined });
    await adapter.startAuthorization({ returnOrigin: origin });
    expect(adapter.simulateCallback().type).toBe('oauth_result');
  });
});

describe('scenario table', () => {
  const scripted = MEMORY_SCENARIOS.filter(
    (s): s is Exclude<MemoryScenario, 'happy'> => s !== 'happy',
  );

  it.each(scripted)('%s has a plain sentence for a message', (scenario) => {
    expect(memoryScenarioOutcome(scenario)?.message).toMatch(/^[A-Z].+[.;]/);
  });

  // The kit maps what Salesforce says with fromSalesforceError; the memory adapter's Salesforce
  // must say things that map to the very code the scenario promises.
  it.each(scripted.filter((scenario) => memoryScenarioOutcome(scenario)?.salesforceError))(
    '%s: Salesforce’s error maps to the same kit code',
    (scenario) => {
      const outcome = memoryScenarioOutcome(scenario) as MemoryScenarioOutcome;
      const mapped = fromSalesforceError({
        error: outcome.salesforceError ?? null,
        error_description: outcome.salesforceDescription ?? null,
      });
      expect(mapped.code).toBe(outcome.code);
    },
  );
});
