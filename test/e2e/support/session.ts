// One Chromium per test file, one fresh browser context per test (axe needs a context of its own,
// and each context gets its own workspace on the demo server, so tests cannot see each other's
// connection), with everything the security checks need recorded: console lines, every URL the
// browser asked for, and every page (the app and each popup).
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type axeCore from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { DEMO_COOKIE_TENANT } from '../../../demo/demo-contract.js';
import { type DemoStack, type DemoStackOptions, startDemoStack } from '../../../demo/stack.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../helpers/chromium-flags.js';
import { freshDataDir } from './data-dir.js';

/** Debian's Chromium, headless (Playwright downloads no browser here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
}

/** The demo stack on free loopback ports with a temp data folder, and a way to restart it there. */
export interface E2eStack {
  readonly stack: DemoStack;
  readonly dataDir: string;
  /** Stops the stack and starts it again on the same ports and data (as a second `npm start`). */
  restart(): Promise<DemoStack>;
  /** Stops the stack and deletes its data. */
  close(): Promise<void>;
}

export async function startE2eStack(
  extra: Pick<DemoStackOptions, 'extraLoginHosts' | 'sql'> = {},
): Promise<E2eStack> {
  const dataDir = await freshDataDir();
  const lines: string[] = [];
  // The page built once per run by the project's globalSetup (test/setup/demo-page.ts).
  const builtPage = inject('demoPage');
  const options = {
    ...extra,
    dataDir,
    watch: false,
    ...(builtPage ? { builtPage } : {}),
    // Every status request asks the simulator, so a revocation shows on the very next one.
    connectionCheckIntervalMs: 1,
    log: (line: string) => lines.push(line),
  };
  let stack = await startDemoStack({ ...options, port: 0, simulatorPort: 0 });
  return {
    get stack() {
      return stack;
    },
    dataDir,
    async restart() {
      const port = Number(new URL(stack.origin).port);
      const simulatorPort = Number(new URL(stack.simulator.url).port);
      const simulatorInstancePort = Number(new URL(stack.simulator.instanceUrl).port);
      await stack.close();
      stack = await startDemoStack({ ...options, port, simulatorPort, simulatorInstancePort });
      return stack;
    },
    async close() {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let tenants = 0;

/** A browser context of its own, on its own workspace, with what happened in it recorded. */
export interface Session {
  readonly context: BrowserContext;
  /** The app page (Settings → Integrations), already loaded. */
  readonly page: Page;
  readonly tenant: string;
  /** Every console line of every page, popups included. */
  readonly consoleLines: string[];
  /** Every URL requested, popups included. */
  readonly requestedUrls: string[];
  /** Every page opened in the context after the app page (the popups). */
  readonly popups: Page[];
  close(): Promise<void>;
}

export async function openSession(
  browser: Browser,
  stack: DemoStack,
  options: {
    /** Scripts to run in every page before its own (e.g. to block `window.open`). */
    initScripts?: string[];
    /** Do not load the page yet. */
    noNavigation?: boolean;
    /**
     * Playwright's fake clock in every page: time flows as usual until the test moves it on with
     * `page.clock.runFor(ms)`, which fires the page's timers at once (the kit's popup checks).
     */
    fakeClock?: boolean;
  } = {},
): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tenant = `e2e-${process.pid}-${++tenants}`;
  await context.addCookies([{ name: DEMO_COOKIE_TENANT, value: tenant, url: stack.origin }]);
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  if (options.fakeClock) await context.clock.install();
  const consoleLines: string[] = [];
  const requestedUrls: string[] = [];
  const popups: Page[] = [];
  context.on('console', (message: ConsoleMessage) => consoleLines.push(message.text()));
  context.on('request', (request) => requestedUrls.push(request.url()));
  const page = await context.newPage();
  context.on('page', (opened) => popups.push(opened));
  // Generous: Chromium, Vite and the servers share two busy cores, and a file's first page waits
  // for Vite to transform the kit on demand (30 s was once not enough with every project running).
  page.setDefaultTimeout(60_000);
  context.setDefaultTimeout(60_000);
  if (!options.noNavigation) await page.goto(stack.pageUrl);
  return {
    context,
    page,
    tenant,
    consoleLines,
    requestedUrls,
    popups,
    close: () => context.close(),
  };
}

// axe-core itself, evaluated once per document. @axe-core/playwright's AxeBuilder evaluates the
// 500 KB source again on every analyze() and opens an extra page to finish each run: 2–4 s a
// screen on two busy cores, against ~0.5 s here — with the same engine and the same rules.
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Runs axe (every rule but the experimental ones) on a page, or on
 * the part `include` selects, and fails with the rules broken and where. The demo's own chrome
 * is included: the kit has to sit well in a real page.
 */
export async function expectNoAxeViolations(page: Page, screen: string, include?: string) {
  // A settled screen: axe reads colours mid-transition otherwise (endless spinners excepted).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
      ),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: typeof axeCore }).axe;
    const results = await axe.run(selector ? { include: [[selector]] } : document, {
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String),
        summary: node.failureSummary ?? '',
      })),
    }));
  }, include ?? null);
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' ')}: ${node.summary}`)
        .join(' | ')}`,
  );
  expect(found, `axe on "${screen}"`).toEqual([]);
}

/**
 * One e2e file's world: the demo stack and a Chromium, started before its tests and stopped
 * after, and `session()` for a fresh browser context on a workspace of its own (closed at the end).
 */
export function setUpE2eFile(stackOptions: Parameters<typeof startE2eStack>[0] = {}) {
  let e2e: E2eStack | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    [e2e, browser] = await Promise.all([startE2eStack(stackOptions), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close().catch(() => {})));
    await browser?.close();
    await e2e?.close();
  });
  const started = () => {
    if (!e2e || !browser)
      throw new Error('The e2e stack starts in beforeAll; use it inside tests.');
    return { e2e, browser };
  };
  return {
    /** The running demo stack. */
    get stack(): DemoStack {
      return started().e2e.stack;
    },
    /** Stops the stack and starts it again on the same ports and data. */
    restart: () => started().e2e.restart(),
    async session(options?: Parameters<typeof openSession>[2]): Promise<Session> {
      const { e2e: running, browser: chromiumBrowser } = started();
      const opened = await openSession(chromiumBrowser, running.stack, options);
      sessions.push(opened);
      return opened;
    },
  };
}
