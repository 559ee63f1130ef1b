import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SalesforceSimulator,
  SIMULATOR_DEMO_USER,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import { idSuffix, toId18 } from '../../src/simulator/salesforce-ids.js';
import {
  authorizeAndApprove,
  authorizeUrl,
  Browser,
  CALLBACK,
  connect,
  exchangeCode,
  hiddenField,
  locationOf,
  pkcePair,
  refresh,
  revoke,
  withBearer,
} from './drive.js';

const started: SalesforceSimulator[] = [];
async function start(options: Parameters<typeof startSalesforceSimulator>[0] = {}) {
  const simulator = await startSalesforceSimulator(options);
  started.push(simulator);
  return simulator;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((simulator) => simulator.close()));
});

/** Whether a TCP port can be bound on loopback right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('starting and stopping', () => {
  it('listens on a free loopback port and frees it on close()', async () => {
    const simulator = await start();
    const url = new URL(simulator.url);
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await portIsFree(port)).toBe(false);
    await simulator.close();
    await simulator.close(); // twice is fine
    expect(await portIsFree(port)).toBe(true);
    const again = await start({ port });
    expect(again.url).toBe(simulator.url);
  });

  it('ends kept-alive connections on close()', async () => {
    const simulator = await start();
    await fetch(`${simulator.url}/services/data/`); // leaves a keep-alive socket open
    await simulator.close(); // would wait for the socket's timeout without closeAllConnections
    await expect(fetch(`${simulator.url}/services/data/`)).rejects.toThrow();
  });

  it('listens on loopback only, and says so', async () => {
    await expect(startSalesforceSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
    await expect(startSalesforceSimulator({ port: 70000 })).rejects.toThrow(/0 to 65535/);
    await expect(startSalesforceSimulator({ sessionTimeoutMs: -1 })).rejects.toThrow(
      /sessionTimeoutMs/,
    );
  });

  it('checks apps and users with plain-words errors', async () => {
    const simulator = await start();
    expect(() => simulator.addApp({ callbackUrls: [] })).toThrow(/at least one callback URL/);
    expect(() => simulator.addApp({ callbackUrls: ['not a url'] })).toThrow(
      /not a full web address/,
    );
    const app = simulator.addApp({ consumerKey: 'my-custom-key', callbackUrls: [CALLBACK] });
    expect(app.consumerKey).toBe('my-custom-key');
    expect(() =>
      simulator.addApp({ consumerKey: 'my-custom-key', callbackUrls: [CALLBACK] }),
    ).toThrow(/already exists/);
    expect(() => simulator.updateApp('nope', { name: 'x' })).toThrow(/No simulator app/);
    await expect(
      startSalesforceSimulator({
        users: [
          { username: 'a@x.example', password: 'p' },
          { username: 'A@x.example', password: 'q' },
        ],
      }),
    ).rejects.toThrow(/listed twice/);
    await expect(startSalesforceSimulator({ org: { id: '001000000000001' } })).rejects.toThrow(
      /starts with "00D"/,
    );
  });
});

describe('what the simulated org looks like', () => {
  it('generates credentials shaped like Salesforce’s', async () => {
    const simulator = await start();
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    expect(app.consumerKey).toMatch(/^3MVG9[A-Za-z0-9._]{80}$/);
    expect(app.consumerSecret).toMatch(/^[0-9A-F]{64}$/);
    expect(app).toMatchObject({
      scopes: ['api', 'refresh_token', 'id'],
      requirePkce: true,
      requireSecretForWebServer: true,
      requireSecretForRefresh: true,
      permittedUsers: 'all',
      refreshTokenRotation: false,
      activationDelayMs: 600_000,
    });
    expect(simulator.getApp(app.consumerKey)).toBe(app);
  });

  it('has a demo org and user by default', async () => {
    const simulator = await start();
    expect(simulator.org.name).toBe('Acme (Simulated)');
    expect(simulator.org.isSandbox).toBe(false);
    expect(simulator.org.id).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect(simulator.org.id.slice(15)).toBe(idSuffix(simulator.org.id.slice(0, 15)));
    expect(simulator.users).toEqual([
      {
        id: expect.stringMatching(/^005[A-Za-z0-9]{15}$/),
        username: SIMULATOR_DEMO_USER.username,
        displayName: 'Ada Admin',
        email: SIMULATOR_DEMO_USER.email,
        active: true,
        apiEnabled: true,
      },
    ]);
    expect(simulator.users[0]).not.toHaveProperty('password');
  });

  it('takes its org and users from the options', async () => {
    const simulator = await start({
      org: { id: '00D000000000062', name: 'Globex Sandbox', isSandbox: true },
      users: [{ username: 'ops@globex.example', password: 'hunter2-hunter2', displayName: 'Ops' }],
    });
    expect(simulator.org.id).toBe('00D000000000062EAA');
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    // Only the org's own users can log in: the demo user does not exist here.
    const demoLogin = await fetch(`${simulator.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: SIMULATOR_DEMO_USER.username,
        pw: SIMULATOR_DEMO_USER.password,
      }).toString(),
      redirect: 'manual',
    });
    expect(demoLogin.status).toBe(200);
    expect(await demoLogin.text()).toContain('role="alert"');
    const token = await connectAs(simulator, app, 'ops@globex.example', 'hunter2-hunter2');
    const org = await withBearer(
      simulator,
      '/services/data/v62.0/query?q=SELECT+Name,+IsSandbox+FROM+Organization',
      token.access_token!,
    );
    expect(await org.json()).toMatchObject({
      records: [{ Name: 'Globex Sandbox', IsSandbox: true }],
    });
  });
});

async function connectAs(
  simulator: SalesforceSimulator,
  app: ReturnType<SalesforceSimulator['addApp']>,
  username: string,
  password: string,
) {
  const browser = new Browser();
  const pkce = pkcePair();
  const start = await browser.request(
    authorizeUrl(simulator, { clientId: app.consumerKey, challenge: pkce.challenge }),
  );
  const page = await browser.request(locationOf(start.response, simulator.url));
  const login = await browser.request(`${simulator.url}/`, {
    form: { username, pw: password, startURL: hiddenField(page.text, 'startURL') },
  });
  const consentUrl = locationOf(login.response, simulator.url);
  const consent = await browser.request(consentUrl);
  const answered = await browser.request(
    `${simulator.url}/setup/secur/RemoteAccessAuthorizationPage.apexp`,
    { form: { source: hiddenField(consent.text, 'source'), decision: 'allow' } },
  );
  const code = new URL(locationOf(answered.response, simulator.url)).searchParams.get('code')!;
  return (await exchangeCode(simulator, app, code, pkce.verifier)).body;
}

describe('Salesforce ids', () => {
  it('computes the 18-character suffix (00D000000000062 → 00D000000000062EAA)', () => {
    expect(toId18('00D000000000062')).toBe('00D000000000062EAA');
    expect(toId18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('gives ids that differ only in letter case different 18-character forms, ignoring case', () => {
    const idChar = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''),
    );
    const id15 = fc.string({ unit: idChar, minLength: 15, maxLength: 15 });
    const flips = fc.array(fc.boolean(), { minLength: 15, maxLength: 15 });
    const flipCase = (char: string) =>
      char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
    fc.assert(
      fc.property(id15, flips, (a, mask) => {
        const b = [...a].map((char, index) => (mask[index] ? flipCase(char) : char)).join('');
        fc.pre(a !== b);
        expect(toId18(a).toLowerCase()).not.toBe(toId18(b).toLowerCase());
      }),
    );
    fc.assert(
      fc.property(id15, (id) => {
        const long = toId18(id);
        expect(long).toHaveLength(18);
        expect(long.startsWith(id)).toBe(true);
        expect(long.slice(15)).toMatch(/^[A-Z0-5]{3}$/);
      }),
    );
  });
});

describe('what the simulator records and logs', () => {
  it('keeps secrets, codes, tokens, states and passwords out of `requests` and the log', async () => {
    const lines: string[] = [];
    const simulator = await start({ log: (line) => lines.push(line) });
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { callback, verifier } = await authorizeAndApprove(simulator, app);
    const code = callback.searchParams.get('code')!;
    const { body } = await exchangeCode(simulator, app, code, verifier);
    const refreshed = (await refresh(simulator, app, body.refresh_token!)).body;
    await withBearer(simulator, '/services/oauth2/userinfo', refreshed.access_token!);
    await fetch(`${simulator.url}/services/oauth2/revoke?token=${body.access_token!}`);
    await revoke(simulator, body.refresh_token!);
    simulator.setFault('invalid_client', { times: 1 });
    await refresh(simulator, app, body.refresh_token!);

    const recorded = JSON.stringify(simulator.requests);
    const logged = lines.join('\n');
    const secrets = [
      app.consumerSecret,
      code,
      encodeURIComponent(code),
      verifier,
      body.access_token!,
      body.refresh_token!,
      refreshed.access_token!,
      SIMULATOR_DEMO_USER.password,
      'state-123',
    ];
    for (const secret of secrets) {
      expect(recorded).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    expect(simulator.requests).toContainEqual({
      method: 'POST',
      path: '/services/oauth2/token',
      status: 200,
    });
    expect(simulator.requests).toContainEqual({
      method: 'GET',
      path: '/services/oauth2/revoke',
      status: 200,
    });
    expect(lines).toContain('POST /services/oauth2/token 200');
    expect(lines).toContain('fault invalid_client at refresh_grant');
  });

  it('records every answered request, in order, with its status', async () => {
    const simulator = await start();
    await fetch(`${simulator.url}/nowhere?secret=1`);
    await fetch(`${simulator.url}/.well-known/openid-configuration`);
    await fetch(`${simulator.url}/services/oauth2/token`, { method: 'PUT' });
    expect(simulator.requests).toEqual([
      { method: 'GET', path: '/nowhere', status: 404 },
      { method: 'GET', path: '/.well-known/openid-configuration', status: 200 },
      { method: 'PUT', path: '/services/oauth2/token', status: 400 },
    ]);
    // A copy: callers cannot rewrite the record.
    (simulator.requests as unknown as unknown[]).length = 0;
    expect(simulator.requests).toHaveLength(3);
  });

  it('connects the demo user end to end (the default setup the demo relies on)', async () => {
    const simulator = await start();
    const app = simulator.addApp({ callbackUrls: [CALLBACK] });
    const { token } = await connect(simulator, app);
    expect(token.refresh_token).toBeTruthy();
  });
});
