// The kit as a customer installs it, in a real Next.js App Router app (bench/nextjs): `npm pack`,
// the app's own `npm ci`, the tarball installed beside it, `next build` on a machine without
// SALESFORCE_CONNECT_KEY (the route creates its handler on the first request), then `next start`
// with the key: the server-rendered page, the API route, and the page hydrated in Chromium with no
// console error or warning. Figures: build time, the JavaScript the page references, and what
// each view loads in Chromium (bench/nextjs-views.ts), against the Salesforce simulator.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CSRF_HEADER } from '../src/core/csrf.js';
import { startSalesforceSimulator } from '../src/simulator/index.js';
import { CHROMIUM_ARGS, CHROMIUM_BROWSER_EXECUTABLE } from '../test/helpers/chromium-flags.js';
import { measureNextViews, type NextRouteViews } from './nextjs-views.js';

/** One JavaScript file the page loads. */
export interface NextChunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The chunk holds the kit's components (its `data-sfc-part` attributes). */
  kit: boolean;
}

export interface NextAppMeasures {
  next: string;
  tarball: string;
  /** `next build`, wall clock, on a machine without SALESFORCE_CONNECT_KEY. */
  buildSeconds: number;
  /** The scripts the server-rendered page references, with their sizes. */
  pageChunks: NextChunk[];
  pageJs: { bytes: number; gzipBytes: number };
  /** The part of it that is the kit's own chunks. */
  kitJs: { bytes: number; gzipBytes: number };
  /** Every built chunk under .next/static/chunks. */
  allChunks: { count: number; bytes: number; gzipBytes: number };
  /** Per page (import path) and view, what Chromium loaded (bench/nextjs-views.ts). */
  views: NextRouteViews[];
  checks: {
    serverRenderedKit: boolean;
    /** A server component called `explainError` from the main entry on the server. */
    serverSafeExports: boolean;
    setupRouteAnswered: boolean;
    hydratedStatus: string;
    consoleProblems: string[];
  };
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Packs the kit (dist/ must be built) into appDir/.pack and returns the tarball's path. */
function packKit(kitRoot: string, appDir: string): string {
  const packDir = join(appDir, '.pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const out = run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: kitRoot });
  const [packed] = JSON.parse(out) as { filename: string }[];
  if (!packed) throw new Error('npm pack reported no tarball');
  return join(packDir, packed.filename);
}

/** The app's own dependencies from its lockfile (when missing or stale), then the tarball. */
function installApp(appDir: string, tarball: string): string {
  const wanted = (
    JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies.next;
  const installed = join(appDir, 'node_modules/next/package.json');
  const current =
    existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === wanted;
  if (!current) {
    console.log('Installing the Next.js app into bench/nextjs/node_modules (npm ci) …');
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: appDir });
  }
  // --no-save: the tarball's name and hash change with every pack; the app's lockfile does not.
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], { cwd: appDir });
  return wanted ?? 'unknown';
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** Polls `check` until it answers, with a generous ceiling. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ceilingMs = 90_000) {
  const deadline = Date.now() + ceilingMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: no answer within ${ceilingMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function chunkInfo(appDir: string, file: string): NextChunk {
  const body = readFileSync(file);
  return {
    file: relative(join(appDir, '.next'), file),
    bytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    kit: body.includes('data-sfc-part'),
  };
}

function allJs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allJs(path) : name.endsWith('.js') ? [path] : [];
  });
}

const sum = (chunks: NextChunk[]) => ({
  bytes: chunks.reduce((total, chunk) => total + chunk.bytes, 0),
  gzipBytes: chunks.reduce((total, chunk) => total + chunk.gzipBytes, 0),
});

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Packs, installs, builds and serves bench/nextjs, and measures it.
 *
 * @example
 * const measures = await measureNextApp({ kitRoot, appDir: join(kitRoot, 'bench/nextjs') });
 */
export async function measureNextApp(options: {
  kitRoot: string;
  appDir: string;
}): Promise<NextAppMeasures> {
  const { kitRoot, appDir } = options;
  const tarball = packKit(kitRoot, appDir);
  const next = installApp(appDir, tarball);
  const nextBin = join(appDir, 'node_modules/.bin/next');

  // The build machine has no runtime secrets.
  const { SALESFORCE_CONNECT_KEY: _key, APP_URL: _url, ...buildEnv } = process.env;
  rmSync(join(appDir, '.next'), { recursive: true, force: true });
  const started = Date.now();
  run(nextBin, ['build'], { cwd: appDir, env: { ...buildEnv, NEXT_TELEMETRY_DISABLED: '1' } });
  const buildSeconds = (Date.now() - started) / 1000;

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  // Salesforce, for the views that need saved credentials and a connection.
  const simulator = await startSalesforceSimulator({ port: 0 });
  const simulatorApp = simulator.addApp({
    name: 'Bench Next Sync',
    callbackUrls: [`${appUrl}/api/salesforce/oauth/callback`],
    scopes: ['api', 'refresh_token', 'id'],
  });
  const server = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env: {
      ...buildEnv,
      NEXT_TELEMETRY_DISABLED: '1',
      SALESFORCE_CONNECT_KEY: randomBytes(32).toString('base64'),
      APP_URL: appUrl,
      SALESFORCE_LOGIN_HOSTS: new URL(simulator.url).host,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  server.stdout?.on('data', (data) => {
    serverLog += data;
  });
  server.stderr?.on('data', (data) => {
    serverLog += data;
  });
  try {
    const html = await until('next start', async () => {
      const response = await fetch(`${appUrl}/`);
      return response.ok ? response.text() : undefined;
    });
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
    const pageChunks = [...new Set(scripts)]
      .filter((src) => src.startsWith('/_next/'))
      .map((src) =>
        join(
          appDir,
          '.next',
          decodeURIComponent(src.replace(/^\/_next\//, '').split('?')[0] ?? ''),
        ),
      )
      .filter((file) => existsSync(file))
      .map((file) => chunkInfo(appDir, file));
    const built = allJs(join(appDir, '.next/static/chunks')).map((file) => chunkInfo(appDir, file));

    const serverSafe = await fetch(`${appUrl}/server-safe`).then((response) => response.text());
    const setup = await fetch(`${appUrl}/api/salesforce/setup`);
    const setupInfo = (await setup.json()) as { callbackUrls?: string[] };

    const browser = await chromium.launch({
      headless: true,
      executablePath: CHROMIUM_BROWSER_EXECUTABLE,
      args: [...CHROMIUM_ARGS],
    });
    const consoleProblems: string[] = [];
    let hydratedStatus = '';
    let views: NextRouteViews[] = [];
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          consoleProblems.push(`${message.type()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
      // A console line about a failed resource does not name it: the response does.
      page.on('response', (response) => {
        if (response.status() >= 400) {
          consoleProblems.push(`HTTP ${response.status()}: ${response.url()}`);
        }
      });
      await page.goto(`${appUrl}/`);
      // Hydrated and talking to the route: the status leaves "loading" for the backend's answer.
      await page
        .locator('[data-sfc-part="salesforce-connect"][data-state="setup"]')
        .waitFor({ timeout: 60_000 });
      hydratedStatus =
        (await page.locator('[data-sfc-part="connection-status"]').textContent()) ?? '';
      await context.close();
      views = await measureNextViews(
        browser,
        {
          appUrl,
          async saveCredentials(tenant) {
            // What the form sends, through the app's route (the admin's typing is not measured).
            const response = await fetch(`${appUrl}/api/salesforce/connection/credentials`, {
              method: 'PUT',
              headers: {
                'content-type': 'application/json',
                [CSRF_HEADER.name]: CSRF_HEADER.value,
                origin: appUrl,
                cookie: `bench-tenant=${tenant}`,
              },
              body: JSON.stringify({
                loginUrl: simulator.url,
                consumerKey: simulatorApp.consumerKey,
                consumerSecret: simulatorApp.consumerSecret,
              }),
            });
            if (!response.ok) {
              throw new Error(
                `saving credentials: HTTP ${response.status} ${await response.text()}`,
              );
            }
          },
        },
        join(appDir, '.next/static/chunks'),
      );
    } finally {
      await browser.close();
    }

    return {
      next,
      tarball: relative(kitRoot, tarball),
      buildSeconds,
      pageChunks,
      pageJs: sum(pageChunks),
      kitJs: sum(pageChunks.filter((chunk) => chunk.kit)),
      allChunks: { count: built.length, ...sum(built) },
      views,
      checks: {
        serverRenderedKit: html.includes('data-sfc-part="salesforce-connect"'),
        serverSafeExports: /data-bench="server-explanation">[^<]+</.test(serverSafe),
        setupRouteAnswered:
          setup.ok && setupInfo.callbackUrls?.[0] === `${appUrl}/api/salesforce/oauth/callback`,
        hydratedStatus,
        consoleProblems,
      },
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- next start said:\n${serverLog.slice(-4000)}`);
  } finally {
    await stop(server);
    await simulator.close();
  }
}
