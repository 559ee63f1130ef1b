// What the Next.js bench app (bench/nextjs, Turbopack) makes a customer's browser load, per view:
// the app served by `next start`, each view opened in Chromium from the backend state it needs
// (nothing saved, credentials saved, connected through the Salesforce simulator), and every
// JavaScript response recorded. Each file is costed as the other bundlers' rows are (gzip level 9
// of the body) and split into the kit's share (the kit and its dependencies: zod,
// react-hook-form, Radix…) and React's and Next's runtime, read from the build's source maps.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import type { AppSpecifier, AppView } from './app-views.js';
import { logInAtSimulator } from './browser-measures.js';
import { measureBytes } from './size.js';

/** JavaScript bytes: raw (minified as built) and gzip level 9, with how many files. */
export interface JsBytes {
  bytes: number;
  gzipBytes: number;
  files: number;
}

/** One JavaScript file a view loaded. */
export interface NextViewFile {
  /** Its path under `/_next/static/chunks/`. */
  file: string;
  bytes: number;
  gzipBytes: number;
  /**
   * The part of its code that is the kit's or a dependency's (0 to 1), by the modules its source
   * map names; the rest is React, Next.js and Turbopack's runtime. Turbopack keeps them in
   * separate chunks here, so each file is (nearly) 0 or 1.
   */
  kitShare: number;
}

/** One view of one route. */
export interface NextViewCost {
  view: AppView;
  /** Every JavaScript file the page loaded for the view: React, Next.js and the kit. */
  page: JsBytes;
  /** Of those, the kit's share (the kit and its dependencies), comparable to the Vite rows. */
  kit: JsBytes;
  files: NextViewFile[];
}

/** The views of one page of the app: `/` imports the main entry, `/connect` the component's. */
export interface NextRouteViews {
  route: string;
  specifier: AppSpecifier;
  views: NextViewCost[];
}

/** The bench app's pages, one per import path. */
export const NEXT_ROUTES: ReadonlyArray<{ route: string; specifier: AppSpecifier }> = [
  { route: '/', specifier: 'salesforce-connect' },
  { route: '/connect', specifier: 'salesforce-connect/connect' },
];

/** Packages whose code is the framework's, not the kit's (React ships inside `next`). */
const RUNTIME = /^(next|react|react-dom|scheduler|styled-jsx|@swc\/helpers|@next\/[^/]+)$/;

/** The package (or `[turbopack]`, `[app]`) a source map's source belongs to. */
function ownerOf(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (inPackage?.[1]) return inPackage[1];
  return source.includes('[turbopack]') ? '[turbopack]' : '[app]';
}

interface SourceMapSection {
  offset: { line: number; column: number };
  map: { sources?: string[] };
}

/**
 * The kit's share of one chunk. Turbopack's maps have one section per module, starting at the
 * module's offset; a section's bytes run to the next one's start. The chunk's own wrapper (the
 * bytes before its first module) is shared in proportion, as the Vite and esbuild rows count each
 * file's import statements and wrappers with the code they load.
 */
export function kitShareOf(code: string, map: { sections?: SourceMapSection[] }): number {
  const lineStarts = [0];
  for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  const sections = (map.sections ?? [])
    .map((section) => ({
      start: (lineStarts[section.offset.line] ?? code.length) + section.offset.column,
      owner: (section.map.sources ?? []).map(ownerOf)[0],
    }))
    .sort((a, b) => a.start - b.start);
  let kitBytes = 0;
  let mappedBytes = 0;
  sections.forEach((section, index) => {
    const length = (sections[index + 1]?.start ?? code.length) - section.start;
    mappedBytes += length;
    const { owner } = section;
    if (owner && owner !== '[turbopack]' && owner !== '[app]' && !RUNTIME.test(owner)) {
      kitBytes += length;
    }
  });
  return mappedBytes === 0 ? 0 : kitBytes / mappedBytes;
}

const MAP_COMMENT = /\n?\/\/# sourceMappingURL=(\S+)\s*$/;

/**
 * One served chunk: measured without its `sourceMappingURL` comment (the bench app builds maps
 * only so that this file can be attributed; a site serving none ships the same code without it).
 */
export function measureChunk(chunksDir: string, file: string, body: string): NextViewFile {
  const mapName = MAP_COMMENT.exec(body)?.[1];
  const code = body.replace(MAP_COMMENT, '');
  const mapFile = mapName ? join(chunksDir, mapName) : undefined;
  const map =
    mapFile && existsSync(mapFile)
      ? (JSON.parse(readFileSync(mapFile, 'utf8')) as { sections?: SourceMapSection[] })
      : {};
  const size = measureBytes(code);
  return { file, bytes: size.min, gzipBytes: size.gzip, kitShare: kitShareOf(code, map) };
}

function costOf(view: AppView, files: NextViewFile[]): NextViewCost {
  const sorted = [...files].sort((a, b) => a.file.localeCompare(b.file));
  const part = (share: (file: NextViewFile) => number): JsBytes => ({
    bytes: Math.round(sorted.reduce((sum, file) => sum + file.bytes * share(file), 0)),
    gzipBytes: Math.round(sorted.reduce((sum, file) => sum + file.gzipBytes * share(file), 0)),
    files: sorted.filter((file) => share(file) >= 0.5).length,
  });
  return {
    view,
    page: part(() => 1),
    kit: part((file) => file.kitShare),
    files: sorted,
  };
}

/** The scripts a page receives, with a wait for the network to fall quiet. */
function recordScripts(page: Page) {
  const scripts: Response[] = [];
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    inFlight += delta;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  return {
    scripts,
    /** No request in flight for `quietMs` (a lazy part requested late would still be caught). */
    async quiet(quietMs = 750, ceilingMs = 60_000) {
      const deadline = Date.now() + ceilingMs;
      while (inFlight > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() > deadline) {
          throw new Error(`the network did not fall quiet within ${ceilingMs / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** What a view needs on the backend, set up through the app's own API route. */
export interface NextViewBackend {
  appUrl: string;
  /** Saves the simulator app's credentials for a tenant (the admin's form, done by the bench). */
  saveCredentials(tenant: string): Promise<void>;
}

/**
 * Opens one page in a fresh browser context as `tenant`, with the page's idle time held back: the
 * kit prefetches the views a page may open next once the browser is idle, and what is measured
 * here is what a view needs, not what it fetches ahead. Runs `reach` (the view appearing, a
 * click), waits for the network to fall quiet and costs every script the page received.
 */
async function openView(
  browser: Browser,
  options: {
    appUrl: string;
    chunksDir: string;
    route: string;
    tenant: string;
    view: AppView;
    reach: (page: Page) => Promise<void>;
    after?: (page: Page) => Promise<void>;
  },
): Promise<NextViewCost> {
  const context = await browser.newContext();
  try {
    await context.addCookies([
      { name: 'bench-tenant', value: options.tenant, url: options.appUrl },
    ]);
    await context.addInitScript(() => {
      // The callbacks never run: nothing waiting for an idle moment loads during the measure.
      window.requestIdleCallback = () => 0;
      window.cancelIdleCallback = () => undefined;
    });
    const page = await context.newPage();
    const recorder = recordScripts(page);
    await page.goto(new URL(options.route, options.appUrl).href);
    await options.reach(page);
    await recorder.quiet();
    const files = await Promise.all(
      recorder.scripts.map(async (response) => {
        const path = new URL(response.url()).pathname;
        const file = decodeURIComponent(path.replace(/^\/_next\/static\/chunks\//, ''));
        return measureChunk(options.chunksDir, file, (await response.body()).toString('utf8'));
      }),
    );
    await options.after?.(page);
    // A script served twice (it should not be) is paid twice: kept as the browser received it.
    return costOf(options.view, files);
  } finally {
    await context.close();
  }
}

/**
 * Every chunk a page can load: the scripts it loaded, and every chunk Turbopack's loaders name in
 * them (`"static/chunks/….js"`), transitively. The total a bundler's row reports.
 */
function totalOf(chunksDir: string, loaded: readonly NextViewFile[]): NextViewCost {
  const seen = new Set(loaded.map((file) => file.file));
  const queue = [...seen];
  const files: NextViewFile[] = [];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const path = join(chunksDir, file);
    if (!existsSync(path)) continue;
    const body = readFileSync(path, 'utf8');
    files.push(measureChunk(chunksDir, file, body));
    for (const match of body.matchAll(/static\/chunks\/([\w.-]+\.js)/g)) {
      const next = match[1];
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return costOf('total', files);
}

const root = (page: Page, state: string) =>
  page.locator(`[data-sfc-part="salesforce-connect"][data-state="${state}"]`).waitFor({
    timeout: 60_000,
  });

/**
 * Measures every route's views: `setup` (nothing saved: the guide and the form), `dialog` (saved
 * credentials; the Connect click opens the popup and the dialog), `connected` (the status, after
 * the popup's sign-in at the simulator) and `total` (every chunk the page can load).
 *
 * @example
 * const routes = await measureNextViews(browser, { appUrl, saveCredentials }, chunksDir);
 */
export async function measureNextViews(
  browser: Browser,
  backend: NextViewBackend,
  chunksDir: string,
): Promise<NextRouteViews[]> {
  const results: NextRouteViews[] = [];
  for (const [index, { route, specifier }] of NEXT_ROUTES.entries()) {
    const common = { appUrl: backend.appUrl, chunksDir, route };
    const setup = await openView(browser, {
      ...common,
      tenant: `setup-${index}`,
      view: 'setup',
      reach: async (page) => {
        await root(page, 'setup');
        await page.locator('[data-sfc-part="credentials-form"]').waitFor({ timeout: 60_000 });
      },
    });
    const tenant = `connect-${index}`;
    await backend.saveCredentials(tenant);
    let popup: Promise<Page> | undefined;
    const dialog = await openView(browser, {
      ...common,
      tenant,
      view: 'dialog',
      reach: async (page) => {
        await root(page, 'ready');
        // The button is enabled once the dialog's code is there (the popup opens inside the click).
        await page.locator('button[data-ready]').waitFor({ timeout: 60_000 });
        popup = page.waitForEvent('popup');
        await page.getByRole('button', { name: 'Connect to Salesforce' }).click();
        await page.locator('[data-sfc-part="dialog"]').waitFor({ timeout: 60_000 });
      },
      // The sign-in finishes after the measure: the tenant is connected for the next view.
      after: async (page) => {
        if (!popup) throw new Error('the Connect click opened no popup');
        await logInAtSimulator(await popup);
        await root(page, 'connected');
      },
    });
    const connected = await openView(browser, {
      ...common,
      tenant,
      view: 'connected',
      reach: (page) => root(page, 'connected'),
    });
    const total = totalOf(chunksDir, [...connected.files, ...setup.files, ...dialog.files]);
    results.push({ route, specifier, views: [connected, setup, dialog, total] });
  }
  return results;
}
