import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type SalesforceSimulator,
  type SimulatorAppInput,
  type SimulatorOptions,
  startSalesforceSimulator,
} from '../../src/simulator/index.js';
import {
  authorizeAndApprove,
  Browser,
  CALLBACK,
  connect,
  refresh,
  revoke,
  withBearer,
} from './drive.js';

// The demo restarts its simulator with `stateFile`: the org must come back as the same org, with
// the tokens a backend stored still working, so "connected" survives `npm start` twice.

const KEY = `3MVG9${'k'.repeat(80)}`;
const APP: SimulatorAppInput = {
  name: 'Acme Analytics',
  consumerKey: KEY,
  consumerSecret: 'A1'.repeat(32),
  callbackUrls: [CALLBACK],
};

let dir: string;
let file: string;
const running: SalesforceSimulator[] = [];

async function start(options: SimulatorOptions = {}) {
  const simulator = await startSalesforceSimulator({ stateFile: file, apps: [APP], ...options });
  running.push(simulator);
  return simulator;
}

/** Closes a simulator the way the demo does on Ctrl-C (which saves its state). */
async function stop(simulator: SalesforceSimulator) {
  running.splice(running.indexOf(simulator), 1);
  await simulator.close();
}

const savedState = async () => JSON.parse(await readFile(file, 'utf8'));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-state-'));
  file = join(dir, 'nested', 'simulator.json');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('stateFile', () => {
  it('brings back the same org, users and tokens after a restart', async () => {
    const first = await start();
    const app = first.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    const { token } = await connect(first, app);
    const orgId = first.org.id;
    const userId = first.users[0]?.id;
    await stop(first);

    const second = await start();
    expect(second.org.id).toBe(orgId);
    expect(second.users[0]?.id).toBe(userId);
    // The access token issued before the restart still opens the identity service…
    const identity = await withBearer(
      second,
      '/services/oauth2/userinfo',
      token.access_token ?? '',
    );
    expect(identity.status).toBe(200);
    expect(await identity.json()).toMatchObject({ organization_id: orgId, user_id: userId });
    // …and the refresh token still refreshes.
    const refreshed = await refresh(second, app, token.refresh_token ?? '');
    expect(refreshed.status).toBe(200);
    // Same org and user behind it (the port differs: both runs took a free one).
    expect(new URL(refreshed.body.id ?? '').pathname).toBe(new URL(token.id ?? '').pathname);
  });

  it('keeps the approval: a returning user is not asked "Allow Access?" again', async () => {
    const first = await start();
    const app = first.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    await connect(first, app);
    await stop(first);

    const second = await start();
    const browser = new Browser();
    const { callback } = await authorizeAndApprove(second, app, { browser });
    // No consent page was answered (authorizeAndApprove would have needed it): a code came back.
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('does not bring back what was revoked', async () => {
    const first = await start();
    const app = first.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    const { token } = await connect(first, app);
    expect((await revoke(first, token.refresh_token ?? '')).status).toBe(200);
    await stop(first);

    const second = await start();
    const refreshed = await refresh(second, app, token.refresh_token ?? '');
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    const identity = await withBearer(
      second,
      '/services/oauth2/userinfo',
      token.access_token ?? '',
    );
    expect(identity.status).toBe(403);
    expect(await identity.text()).toBe('Bad_OAuth_Token');
  });

  it('still recognises a reused refresh token after a restart, and revokes the grant', async () => {
    const rotating = { ...APP, refreshTokenRotation: true };
    const first = await start({ apps: [rotating] });
    const app = first.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    const { token } = await connect(first, app);
    const rotated = await refresh(first, app, token.refresh_token ?? '');
    expect(rotated.status).toBe(200);
    await stop(first);

    const second = await start({ apps: [rotating] });
    expect((await refresh(second, app, token.refresh_token ?? '')).body.error).toBe(
      'invalid_grant',
    );
    const current = await refresh(second, app, rotated.body.refresh_token ?? '');
    expect(current.body.error).toBe('invalid_grant');
  });

  it('reads a state file written before reuse detection existed', async () => {
    const simulator = await start();
    const app = simulator.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    const { token } = await connect(simulator, app);
    await stop(simulator);
    const state = await savedState();
    for (const saved of state.apps) delete saved.refreshTokenReuseDetection;
    await writeFile(file, JSON.stringify(state));

    const second = await start();
    expect(second.getApp(KEY)?.refreshTokenReuseDetection).toBe(true);
    expect((await refresh(second, app, token.refresh_token ?? '')).status).toBe(200);
  });

  it('restores apps added at run time; apps in the options win over their saved copies', async () => {
    const first = await start();
    const added = first.addApp({ callbackUrls: ['http://127.0.0.1:9/cb'], name: 'Added later' });
    first.updateApp(KEY, { name: 'Renamed at run time' });
    await stop(first);

    const second = await start({
      apps: [{ ...APP, callbackUrls: ['http://localhost:5999/api/salesforce/oauth/callback'] }],
    });
    expect(second.getApp(added.consumerKey)).toEqual(added);
    const configured = second.getApp(KEY);
    expect(configured?.name).toBe('Acme Analytics');
    expect(configured?.callbackUrls).toEqual([
      'http://localhost:5999/api/salesforce/oauth/callback',
    ]);
  });

  it('saves shortly after a change, without waiting for close()', async () => {
    const simulator = await start();
    const before = await savedState();
    expect(before.ledger.grants).toEqual([]);
    const app = simulator.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    const { token } = await connect(simulator, app);
    await vi.waitFor(
      async () => {
        const state = await savedState();
        expect(state.ledger.grants).toHaveLength(1);
        expect(state.ledger.grants[0].refreshToken).toBe(token.refresh_token);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('writes atomically and for the owner only', async () => {
    const simulator = await start();
    const app = simulator.getApp(KEY);
    if (!app) throw new Error('demo app missing');
    await connect(simulator, app);
    await stop(simulator);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'nested'))).toEqual(['simulator.json']);
  });

  it('refuses a damaged file with its path and what to do', async () => {
    const simulator = await start();
    await stop(simulator);
    await writeFile(file, '{"format":"salesforce-connect-simulator-state","version":1,');
    await expect(start()).rejects.toThrow(`${file} cannot be used: it is not valid JSON`);
    await writeFile(file, JSON.stringify({ ...(await stateWith({ version: 9 })) }));
    await expect(start()).rejects.toThrow(/version 9.*Delete it/);
  });

  it('refuses an org id that contradicts the saved org', async () => {
    const simulator = await start();
    await stop(simulator);
    await expect(start({ org: { id: '00D000000000001AAA' } })).rejects.toThrow(
      /belongs to org 00D/,
    );
  });

  it('fails at start, in plain words, when the file cannot be written', async () => {
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be');
    await expect(
      startSalesforceSimulator({ stateFile: join(dir, 'blocker', 'simulator.json') }),
    ).rejects.toThrow(/cannot write its state file/);
  });
});

/** A valid state file's JSON with some fields replaced. */
async function stateWith(changes: Record<string, unknown>) {
  const simulator = await startSalesforceSimulator({ stateFile: join(dir, 'valid.json') });
  await simulator.close();
  const valid = JSON.parse(await readFile(join(dir, 'valid.json'), 'utf8'));
  return { ...valid, ...changes };
}
