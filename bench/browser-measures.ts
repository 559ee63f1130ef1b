import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createFetchAdapter } from '../src/adapters/fetch.js';
import { SIMULATOR_DEMO_USER } from '../src/simulator/index.js';
import { CHROMIUM_ARGS, CHROMIUM_BROWSER_EXECUTABLE } from '../test/helpers/chromium-flags.js';
import { percentile } from './bounded-load.js';
import type { BenchInstruments, OpenRecord } from './browser/instrument.js';
import type { MountOptions, ProfilerTotals } from './browser/page.js';
import { type DemoStack, startDemoStack } from './demo-stack.js';

/** Debian's Chromium, with the flags known to work on this kind of machine (TOOLCHAIN.md). */
export const CHROMIUM = { executablePath: CHROMIUM_BROWSER_EXECUTABLE, args: [...CHROMIUM_ARGS] };

/** Repetitions: enough for a median on 2 shared cores, few enough to stay under a minute. */
export const SAMPLES = { popup: 15, callback: 5 };

/** What an admin pastes: shaped like Setup's values (a 85-character key, a 64-hex secret). */
export const TYPED = {
  'Login URL': 'https://acme.my.salesforce.com',
  'Consumer Key': `3MVG9${'rT2vLq7Ws1Nc8Hk3Jy6Pf0Ue5Za2Mi4Gb7'.repeat(3)}`.slice(0, 85),
  'Consumer Secret': 'A1B2C3D4E5F60718'.repeat(4),
} as const;

export interface Spread {
  median: number;
  p95: number;
  min: number;
  max: number;
}

export interface BrowserMeasures {
  browser: string;
  /** How the kit was put on the page for these measures. */
  app: string;
  popup: {
    samples: number;
    /** From the click's dispatch reaching the window to `window.open`. */
    clickToOpenMs: Spread;
    /** From the input event's creation (its time stamp) to `window.open`. */
    inputToOpenMs: Spread;
    /** Every `window.open` ran inside the click's dispatch. */
    synchronous: boolean;
    /** Awaits between the click and `window.open`: 0 when synchronous. */
    awaitsBeforeOpen: number | null;
    /** The browser still held the click's user activation at every call. */
    userActivation: boolean;
  };
  typing: Array<{
    app: MountOptions['app'];
    field: keyof typeof TYPED;
    keystrokes: number;
    /** Renders of the CredentialsForm component (render counter). */
    formRenders: number;
    formRendersPerKeystroke: number;
    /** Renders of the SetupGuide component while typing (render counter). */
    guideRenders: number;
    /** React commits while typing (all roots). */
    commits: number;
    /** Profiler `onRender` calls by Profiler id (`app`, and `form`/`guide` when apart). */
    profilerCommits: Record<string, number>;
    /** Time React spent rendering the app per keystroke (Profiler `actualDuration`). */
    renderMsPerKeystroke: number;
    /** Every component that rendered while typing in this field, with its count. */
    renders: Record<string, number>;
  }>;
  callback: {
    samples: number;
    /** From the callback page's message reaching the app to the status saying "Connected". */
    messageToConnectedMs: Spread;
    /** The same interval in parts, for the samples where the kit's request was seen. */
    breakdown: {
      samples: number;
      kitToRequestMs: Spread;
      requestMs: Spread;
      responseToConnectedMs: Spread;
      reactRenderMs: Spread;
    };
  };
}

/**
 * Drives the kit in Chromium: the popup's timing after a click (memory adapter), renders while an
 * admin types the three credentials, and the time from the callback page's message to "Connected"
 * through the real stack (reference server, simulator, PGlite) on loopback.
 *
 * @example
 * const measures = await measureInBrowser();
 * console.log(measures.popup.clickToOpenMs.median);
 */
export async function measureInBrowser(): Promise<BrowserMeasures> {
  const pages = await bundlePage();
  const stack = await startDemoStack({ pages });
  const browser = await chromium.launch({ headless: true, ...CHROMIUM });
  try {
    const allowedHosts = [new URL(stack.simulatorUrl).host];
    return {
      browser: `Chromium ${browser.version()}`,
      app: '<SalesforceConnect> (all-in-one) unless noted; production React (profiling build)',
      popup: await measurePopup(browser, stack),
      typing: [
        ...(await measureTyping(browser, stack, 'all-in-one', allowedHosts)),
        ...(await measureTyping(browser, stack, 'parts', allowedHosts)),
      ],
      callback: await measureCallback(browser, stack, allowedHosts),
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}

/** The page and its stylesheet, bundled as an app's production build would (plus names kept). */
async function bundlePage() {
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const common = {
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
    platform: 'browser',
    target: 'es2022',
  } as const;
  const script = await build({
    ...common,
    entryPoints: [here('./browser/page.tsx')],
    format: 'esm',
    jsx: 'automatic',
    // Component names survive minification so renders can be counted by name; the profiling
    // build of react-dom is production React with the Profiler's timings on.
    keepNames: true,
    alias: { 'react-dom/client': 'react-dom/profiling' },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const instruments = await build({
    ...common,
    entryPoints: [here('./browser/instrument.ts')],
    format: 'esm',
  });
  const styles = await build({ ...common, entryPoints: [here('../src/components/styles.css')] });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>salesforce-connect bench</title>
<link rel="stylesheet" href="/styles.css"></head>
<body><div id="root"></div>
<script type="module" src="/instrument.js"></script>
<script type="module" src="/page.js"></script></body></html>`;
  return {
    '/': { contentType: 'text/html; charset=utf-8', body: html },
    '/instrument.js': {
      contentType: 'text/javascript',
      body: instruments.outputFiles[0]?.text ?? '',
    },
    '/page.js': { contentType: 'text/javascript', body: script.outputFiles[0]?.text ?? '' },
    '/styles.css': { contentType: 'text/css', body: styles.outputFiles[0]?.text ?? '' },
  };
}

async function openApp(browser: Browser, stack: DemoStack, options: MountOptions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.origin}/`);
  await page.waitForFunction(() => window.__benchPage !== undefined);
  await page.evaluate((mount) => window.__benchPage.mount(mount), options);
  return page;
}

const instrumentsOf = (page: Page) =>
  page.evaluate(() => {
    const { renders, commits, opens, callback } = window.__benchInstruments;
    return { renders, commits, opens, callback } as Pick<
      BenchInstruments,
      'renders' | 'commits' | 'opens' | 'callback'
    >;
  });

async function measurePopup(browser: Browser, stack: DemoStack) {
  const records: OpenRecord[] = [];
  const mount: MountOptions = { app: 'all-in-one', backend: 'memory', initial: 'configured' };
  const page = await openApp(browser, stack, mount);
  for (let sample = 0; sample < SAMPLES.popup; sample++) {
    // A fresh app and adapter each time; the authorize URL is prefetched before the click, so
    // the click opens Salesforce directly.
    await page.evaluate((options) => window.__benchPage.mount(options), mount);
    await page.locator('button[data-ready]').waitFor();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Connect to Salesforce' }).click();
    const opened = await popup;
    const { opens } = await instrumentsOf(page);
    const record = opens.at(-1);
    if (!record || opens.length !== sample + 1) {
      throw new Error(`Click ${sample + 1} called window.open ${opens.length - sample} times.`);
    }
    records.push(record);
    if (!opened.isClosed()) await opened.close();
  }
  await page.context().close();
  const awaitsSeen = records.map((record) =>
    record.duringClickDispatch ? 0 : (record.microtaskTurnsAfterDispatch ?? Number.NaN),
  );
  return {
    samples: records.length,
    clickToOpenMs: spread(records.map((record) => record.openAt - (record.clickAt ?? Number.NaN))),
    inputToOpenMs: spread(
      records.map((record) => record.openAt - (record.clickTimeStamp ?? Number.NaN)),
    ),
    synchronous: records.every((record) => record.duringClickDispatch),
    awaitsBeforeOpen: awaitsSeen.every(Number.isFinite) ? Math.max(...awaitsSeen) : null,
    userActivation: records.every((record) => record.userActivation === true),
  };
}

async function measureTyping(
  browser: Browser,
  stack: DemoStack,
  app: MountOptions['app'],
  allowedHosts: string[],
) {
  const page = await openApp(browser, stack, { app, backend: 'memory', allowedHosts });
  const rows: BrowserMeasures['typing'] = [];
  for (const [field, value] of Object.entries(TYPED) as Array<[keyof typeof TYPED, string]>) {
    const box = page.getByRole('textbox', { name: field, exact: true });
    await box.click();
    await settle(page);
    await page.evaluate(() => {
      window.__benchInstruments.resetRenders();
      window.__benchPage.resetProfilers();
    });
    await box.pressSequentially(value);
    await settle(page);
    const { renders, commits } = await instrumentsOf(page);
    const profilers = await page.evaluate(
      (): Record<string, ProfilerTotals> => structuredClone(window.__benchPage.profilers),
    );
    const formRenders = renders.CredentialsForm ?? 0;
    rows.push({
      app,
      field,
      keystrokes: value.length,
      formRenders,
      formRendersPerKeystroke: round(formRenders / value.length, 2),
      guideRenders: renders.SetupGuide ?? 0,
      commits,
      profilerCommits: Object.fromEntries(
        Object.entries(profilers).map(([id, totals]) => [id, totals.commits]),
      ),
      renderMsPerKeystroke: round((profilers.app?.actualMs ?? 0) / value.length, 3),
      renders,
    });
  }
  await page.context().close();
  return rows;
}

async function measureCallback(browser: Browser, stack: DemoStack, allowedHosts: string[]) {
  const samples: CallbackSample[] = [];
  for (let sample = 0; sample < SAMPLES.callback; sample++) {
    const tenant = `browser-${sample}`;
    await createFetchAdapter({
      baseUrl: stack.publicUrl,
      headers: { 'x-tenant': tenant },
    }).saveCredentials(stack.credentials);
    const page = await openApp(browser, stack, {
      app: 'all-in-one',
      backend: 'server',
      tenant,
      allowedHosts,
    });
    await page.locator('button[data-ready]').waitFor();
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Connect to Salesforce' }).click();
    await logInAtSimulator(await popupOpened);
    // Not by role: while the dialog is open the page behind it is aria-hidden, status included.
    await page.waitForFunction(
      () => window.__benchInstruments.callback.connectedAt !== null,
      null,
      {
        timeout: 20_000,
      },
    );
    samples.push(await page.evaluate(readCallbackSample));
    await page.context().close();
  }
  const part = (pick: (breakdown: CallbackBreakdown) => number) =>
    spread(samples.flatMap((one) => (one.breakdown ? [pick(one.breakdown)] : [])));
  return {
    samples: samples.length,
    messageToConnectedMs: spread(samples.map((one) => one.totalMs)),
    breakdown: {
      samples: samples.filter((one) => one.breakdown).length,
      kitToRequestMs: part((breakdown) => breakdown.kitToRequestMs),
      requestMs: part((breakdown) => breakdown.requestMs),
      responseToConnectedMs: part((breakdown) => breakdown.responseToConnectedMs),
      reactRenderMs: part((breakdown) => breakdown.reactRenderMs),
    },
  };
}

/** Where the time between the message and "Connected" went, from the page's resource timing. */
interface CallbackBreakdown {
  /** From the message to the kit's `GET /connection` leaving the page. */
  kitToRequestMs: number;
  /** The request itself: the reference server on loopback. */
  requestMs: number;
  /** From the answer to the status saying "Connected" (the kit's update, React's commit). */
  responseToConnectedMs: number;
  /** Of the whole interval, the time React spent rendering (the app Profiler's actualDuration). */
  reactRenderMs: number;
}

interface CallbackSample {
  totalMs: number;
  breakdown: CallbackBreakdown | null;
}

/** Runs in the page. */
function readCallbackSample(): CallbackSample {
  const { messageAt, connectedAt, renderMsAtMessage, renderMsAtConnected } =
    window.__benchInstruments.callback;
  if (messageAt === null || connectedAt === null) throw new Error('No callback timing.');
  const request = performance
    .getEntriesByType('resource')
    .filter(
      (entry): entry is PerformanceResourceTiming =>
        entry instanceof PerformanceResourceTiming &&
        new URL(entry.name).pathname.endsWith('/connection') &&
        entry.startTime >= messageAt &&
        entry.responseEnd <= connectedAt,
    )
    .at(0);
  return {
    totalMs: connectedAt - messageAt,
    breakdown: request
      ? {
          kitToRequestMs: request.startTime - messageAt,
          requestMs: request.responseEnd - request.startTime,
          responseToConnectedMs: connectedAt - request.responseEnd,
          reactRenderMs: (renderMsAtConnected ?? 0) - (renderMsAtMessage ?? 0),
        }
      : null,
  };
}

/**
 * The admin's part in the popup: log in, then Allow (the simulator asks once per app).
 *
 * @example
 * await logInAtSimulator(await page.waitForEvent('popup'));
 */
export async function logInAtSimulator(popup: Page) {
  await popup.getByLabel('Username').fill(SIMULATOR_DEMO_USER.username);
  await popup.getByLabel('Password').fill(SIMULATOR_DEMO_USER.password);
  await popup.getByRole('button', { name: 'Log In' }).click();
  const allow = popup.getByRole('button', { name: 'Allow' });
  // Either "Allow Access?" shows, or the popup went straight to the callback page and closed.
  const shown = await allow.waitFor({ timeout: 20_000 }).then(
    () => true,
    () => false,
  );
  if (shown && !popup.isClosed()) await allow.click();
}

/** Two animation frames: every commit and effect of the last input has run. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );

function spread(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  return {
    median: round(percentile(finite, 50), 3),
    p95: round(percentile(finite, 95), 3),
    min: round(finite.length > 0 ? Math.min(...finite) : 0, 3),
    max: round(finite.length > 0 ? Math.max(...finite) : 0, 3),
  };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
