import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { freshDataDir } from './support/data-dir.js';

// `npm start` as a person runs it: the values printed last and plain, the page and the API
// served, Ctrl-C ends everything with exit code 0, and a busy port is named with its setting.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const started: ChildProcess[] = [];
const dataDirs: string[] = [];

afterAll(async () => {
  for (const child of started) {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A port free on loopback right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Run {
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs what `npm start` runs (its script, checked below), without npm in between: npm answers
 * Ctrl-C by killing itself with the signal, which would hide the demo's own exit code.
 */
async function npmStart(env: Record<string, string>, sharedDataDir?: string): Promise<Run> {
  const dataDir = sharedDataDir ?? (await freshDataDir());
  if (!sharedDataDir) dataDirs.push(dataDir);
  const [command = '', ...args] = pkg.scripts.start.split(' ');
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, DEMO_DATA_DIR: dataDir, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a Ctrl-C reaches npm, the shell and node at once, as in
    // a terminal.
    detached: true,
  });
  started.push(child);
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { dataDir, child, output: () => text, exited };
}

/** Resolves once the output contains `text`; fails with the output if the process ends first. */
async function outputHas(run: Run, text: string): Promise<void> {
  await expect
    .poll(
      () => {
        if (run.child.exitCode !== null && !run.output().includes(text)) {
          throw new Error(`npm start ended (${run.child.exitCode}):\n${run.output()}`);
        }
        return run.output().includes(text);
      },
      { timeout: 45_000, interval: 100 },
    )
    .toBe(true);
}

describe('npm start', () => {
  it('serves the page and the API, prints the values last, stops on Ctrl-C with exit code 0', async () => {
    expect(pkg.scripts.start).toBe('node --import tsx demo/start.ts');
    const [port, simulatorPort, instancePort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const run = await npmStart({
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_INSTANCE_PORT: String(instancePort),
    });
    await outputHas(run, 'Stop: Ctrl-C');

    const lines = run.output().trimEnd().split('\n').slice(-7);
    expect(lines).toEqual([
      `Demo: http://localhost:${port}`,
      `Salesforce login URL: http://127.0.0.1:${simulatorPort}`,
      expect.stringMatching(/^Consumer Key: 3MVG9[A-Za-z0-9._]{80}$/),
      expect.stringMatching(/^Consumer Secret: [0-9A-F]{64}$/),
      'Username: admin@acme-demo.example',
      'Password: demo-password-1',
      'Stop: Ctrl-C',
    ]);
    expect(run.output()).not.toContain('\u001b['); // plain: no colours when not a terminal

    const page = await fetch(`http://localhost:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const connection = await fetch(`http://localhost:${port}/api/salesforce/connection`);
    expect(await connection.json()).toEqual({ status: 'disconnected' });

    // A second start on the same page port says which port and which setting to change.
    // Every other port free (the simulator's instance port too: its default, SIMULATOR_PORT + 1,
    // may be anyone's), so the page port is the one refused.
    const busy = await npmStart({
      PORT: String(port),
      SIMULATOR_PORT: String(await freePort()),
      SIMULATOR_INSTANCE_PORT: String(await freePort()),
    });
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toContain(`Port ${port} (the demo page) is already in use`);
    expect(busy.output()).toContain(`PORT=${port + 1} npm start`);

    // Another start on the same data folder would open the same database: refused by name.
    const twin = await npmStart(
      {
        PORT: String(await freePort()),
        SIMULATOR_PORT: String(await freePort()),
        SIMULATOR_INSTANCE_PORT: String(await freePort()),
      },
      run.dataDir,
    );
    expect(await twin.exited).toBe(1);
    expect(twin.output()).toContain(`Another demo (process `);
    expect(twin.output()).toContain(`is using ${run.dataDir}`);

    // Ctrl-C in a terminal: SIGINT to the whole foreground process group.
    process.kill(-(run.child.pid ?? 0), 'SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopped.');
    await expect(fetch(`http://localhost:${port}/`)).rejects.toThrow();
    // And the folder is free again.
    expect(existsSync(`${run.dataDir}/demo.lock`)).toBe(false);
  });
});
