import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import {
  defineConfig,
  type TestProjectInlineConfiguration,
  type ViteUserConfig,
} from 'vitest/config';
import pkg from './package.json' with { type: 'json' };
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './test/helpers/chromium-flags.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Public entry points: `salesforce-connect/<name>` → `dist/<name>.js`. */
const entries = {
  index: here('src/index.ts'),
  connect: here('src/connect.ts'),
  core: here('src/core/index.ts'),
  guide: here('src/core/guide/index.ts'),
  adapters: here('src/adapters/index.ts'),
  testing: here('src/testing/index.ts'),
  callback: here('src/callback/index.ts'),
  server: here('src/server/index.ts'),
  simulator: here('src/simulator/index.ts'),
};

const entryPrefix = 'salesforce-connect-entry:';

/**
 * Each entry is a one-line facade (`export * from` the entry's source), so no source module is an
 * entry itself: every one gets its own chunk, and `index` re-exporting `core` imports core's
 * chunks rather than writing a bare `import "./core.js"` (which esbuild warns about and a bundler
 * that ignores `sideEffects` would keep whole).
 */
function entryFacades(): Plugin {
  return {
    name: 'salesforce-connect:entry-facades',
    // Vite's library mode hands entries over as paths under the root: the name follows the prefix.
    resolveId: (id) => (id.includes(entryPrefix) ? `\0${id.slice(id.indexOf(entryPrefix))}` : null),
    load(id) {
      if (!id.startsWith(`\0${entryPrefix}`)) return null;
      const source = entries[id.slice(entryPrefix.length + 1) as keyof typeof entries];
      return `export * from ${JSON.stringify(source)};`;
    },
  };
}

/**
 * Entries that are client modules as a whole under React Server Components: only `connect`,
 * which re-exports one component. The main entry stays a plain barrel. Marked `'use client'`, it
 * was one client reference with every export, so a server component that rendered
 * `SalesforceConnect` from it sent the browser every component, the form with zod and the dialog
 * before paint (Next.js 16, Turbopack: 96.6 KB of the kit instead of 14.3 KB; `npm run bench --
 * --only nextjs`). Each React chunk it re-exports carries the directive itself (below).
 */
const clientEntries = new Set(['connect']);
const sourceRoot = here('src/');

/**
 * One chunk per source module (the entries are facades). An app's bundler places code file by
 * file, so a file that held both what a connected page paints and what loads on demand (the form,
 * the dialog) would put both in the page's first load; one module per file lets every bundler
 * split the kit where the kit's own `import()`s do. (Grouping the modules of each on-demand part
 * was tried: esbuild's inlined total grew, Vite's split did not change.)
 */
function chunkOf(id: string): string | null {
  if (!id.startsWith(sourceRoot)) return null;
  return id
    .slice(sourceRoot.length)
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/[/\\]/g, '-');
}

/**
 * Chunks that hold React code (components, hooks, React helpers) are client modules under React
 * Server Components: each starts with `'use client'`, the entry and the chunks it loads on demand
 * alike, so a server component can import any of them and a bundler meets the directive first.
 */
const holdsReact = (moduleIds: readonly string[]) =>
  moduleIds.some((id) => /[/\\]src[/\\](components|hooks|react)[/\\]|\.tsx$/.test(id));

const externalPackages = [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)];
const isExternal = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  externalPackages.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Ships the stylesheet as one file, `dist/styles.css`, with its local `@import`s inlined (one
 * request for the integrator, and the kit's JS never imports CSS).
 */
function copyStylesheet(): Plugin {
  const inlineImports = (file: string): string =>
    readFileSync(file, 'utf8').replace(/@import\s+"(\.[^"]+)";/g, (_, path: string) =>
      inlineImports(fileURLToPath(new URL(path, `file://${file}`))),
    );
  return {
    name: 'salesforce-connect:styles',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'styles.css',
        source: inlineImports(here('src/components/styles.css')),
      });
    },
  };
}

/**
 * Browser projects are built in a function so that Node-only runs (the library build, the
 * unit project) never load playwright.
 */
async function browserProjects(): Promise<TestProjectInlineConfiguration[]> {
  const { playwright } = await import('@vitest/browser-playwright');
  const { storybookTest } = await import('@storybook/addon-vitest/vitest-plugin');
  const browser = (name: string) => ({
    enabled: true,
    headless: true,
    screenshotFailures: false,
    provider: playwright({
      launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] },
    }),
    instances: [{ browser: 'chromium' as const, name }],
    // One page per browser project: a second page made its files share the CPU with the Node
    // files (which are the longer chain) and with each other, so both ran longer.
    fileParallelism: false,
  });
  return [
    {
      extends: true,
      test: {
        name: 'browser',
        include: ['test/**/*.browser.test.{ts,tsx}'],
        browser: browser('browser:chromium'),
      },
    },
    {
      extends: true,
      plugins: [storybookTest({ configDir: here('.storybook') })],
      test: {
        name: 'storybook',
        browser: browser('storybook:chromium'),
        setupFiles: [here('test/setup/storybook.ts')],
        // Story files share one page: a story renders into a fresh root either way, and
        // reloading Storybook's preview, React and axe-core for each of the files cost ~1 s of
        // CPU a file (docs/design-changes.md, "The test suite").
        isolate: false,
        // Whole flows with axe on every story: generous on a busy 2-core machine.
        testTimeout: 90_000,
      },
    },
  ];
}

const react18 = here('test/react18/node_modules');

/** Resolves React, React DOM and Testing Library to React 18 (installed in test/react18). */
const react18Aliases = [
  { find: /^react$/, replacement: `${react18}/react/index.js` },
  { find: /^react\/(.*)$/, replacement: `${react18}/react/$1` },
  { find: /^react-dom$/, replacement: `${react18}/react-dom/index.js` },
  { find: /^react-dom\/(.*)$/, replacement: `${react18}/react-dom/$1` },
  // Its CommonJS build would `require` React 19 behind Vite's back; the ESM build is inlined,
  // so the aliases above apply to it too.
  {
    find: /^@testing-library\/react$/,
    replacement: here('node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
  },
];

/**
 * What React 18 runs again (docs/design-changes.md, "The test suite"): only what can differ
 * between the majors. The hooks hold every effect, ref, subscription and state update; the
 * all-in-one component renders every other component through them (inline and in the dialog's
 * portal); the button is the synchronous click → `window.open` path; the render-count tests pin
 * how often each major renders; `react-version` proves the project really runs React 18. The
 * other component files check words, ARIA, forms and axe on markup both majors render the same,
 * and run once, on React 19. A new test that must run on both majors ends in `.react18.test.tsx`
 * (or is added here).
 */
const react18Include = [
  'test/hooks/**/*.test.tsx',
  'test/components/{SalesforceConnect,ConnectButton,react-version}.test.tsx',
  'test/**/*.react18.test.tsx',
];
/** Files that mock modules: all of them run on both majors (they are the render-count tests). */
const react18IsolatedInclude = ['test/{hooks,components}/**/*.isolated.test.tsx'];

/**
 * The jsdom tests for one React major: `dom` (React 19) runs every `*.test.tsx`, `react18` the
 * subset above. Files share modules and one jsdom (test/setup/dom.ts resets the page between
 * tests), except `*.isolated.test.tsx` (they mock modules), which get a project of their own with
 * isolation.
 */
function jsdomProjects(
  name: 'dom' | 'react18',
  major: '18' | '19',
): TestProjectInlineConfiguration[] {
  const include = name === 'dom' ? ['test/**/*.test.tsx'] : react18Include;
  const isolatedInclude = name === 'dom' ? ['test/**/*.isolated.test.tsx'] : react18IsolatedInclude;
  const base = {
    extends: true,
    ...(name === 'react18' ? { resolve: { alias: react18Aliases } } : {}),
  } as const;
  const test = {
    environment: 'jsdom' as const,
    env: { EXPECTED_REACT_MAJOR: major },
    setupFiles: [here('test/setup/dom.ts')],
    ...(name === 'react18' ? { server: { deps: { inline: true as const } } } : {}),
  };
  const excluded = ['test/**/*.browser.test.tsx', 'test/e2e/**', 'test/ssr/**'];
  return [
    {
      ...base,
      test: {
        ...test,
        name,
        include,
        exclude: [...excluded, 'test/**/*.isolated.test.tsx'],
        isolate: false,
      },
    },
    {
      ...base,
      test: {
        ...test,
        name: `${name}:isolated`,
        include: isolatedInclude,
        exclude: excluded,
      },
    },
  ];
}

/**
 * Test files that read what the builds write: the package's dist/ and Storybook's static site
 * (`storybook-static/index.json`, when STORYBOOK_INDEX names it). Project `built`.
 */
const builtInclude = ['test/package/dist.test.ts', 'test/storybook/coverage.test.ts'];

export default defineConfig(
  async (): Promise<ViteUserConfig> => ({
    root,
    // The declaration files are TypeScript 7's (`tsc -p tsconfig.build.json` after this build,
    // see package.json's `build`): the same files as a declaration plugin on TypeScript 6 wrote,
    // for a fifth of the CPU (docs/design-changes.md, "The test suite").
    plugins: [react(), copyStylesheet(), entryFacades()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      target: 'es2022',
      lib: {
        entry: Object.fromEntries(
          Object.keys(entries).map((name) => [name, `${entryPrefix}${name}`]),
        ),
        formats: ['es' as const],
      },
      rolldownOptions: {
        external: isExternal,
        // Required by per-module chunks; the entries are barrels, so none gains an export.
        preserveEntrySignatures: 'allow-extension',
        // What package.json's `sideEffects` says of the shipped files, said of the sources too, so
        // the build writes no bare `import "./core.js"` that an app's bundler must then judge.
        treeshake: { moduleSideEffects: (id: string) => id.endsWith('.css') },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: chunkOf, debugName: 'one chunk per module' }],
          },
          banner: (chunk: { name: string; isEntry: boolean; moduleIds: string[] }) =>
            (chunk.isEntry && clientEntries.has(chunk.name)) || holdsReact(chunk.moduleIds)
              ? "'use client';"
              : '',
        },
      },
    },
    test: {
      // Ceilings, not expectations: every wait in a test is on a condition, and these only end a
      // test that hangs. They are generous because `npm test` must pass on two cores that other
      // work keeps busy (a 5 s default failed property tests at load 17).
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // `expect.poll` and `expect.element` wait for their condition up to this (Vitest's default
      // is 1 s, which a busy machine overruns); a condition that holds returns at once.
      expect: { poll: { timeout: 30_000 } },
      // Longest projects first, so the end of the run is short files (scripts/vitest-sequencer.ts).
      ...(process.env.VITEST
        ? { sequence: { sequencer: (await import('./scripts/vitest-sequencer.js')).default } }
        : {}),
      // Vitest's default on two cores is one worker (cores − 1) for every Node file of every
      // project, one after another, and one page per browser project: the Node files alone took
      // longer than the whole rest of the run. Two let an end-to-end file, which waits on
      // Chromium and its servers, run beside a CPU-bound file (measured in
      // docs/design-changes.md, "The test suite"); every project gets the same (Vitest requires
      // it of projects that run together); the browser projects keep one page each (below).
      maxWorkers: 2,
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['test/**/*.test.ts'],
            exclude: [
              'test/**/*.browser.test.ts',
              'test/**/*.pg.test.ts',
              'test/e2e/**',
              'test/package/**',
              ...builtInclude,
            ],
            // Modules are shared between files (half the run time on two cores); tests keep no
            // state in modules.
            isolate: false,
          },
        },
        {
          extends: true,
          test: {
            // Real PostgreSQL through `pg`: one throwaway cluster per run, started by the
            // globalSetup (the run fails if it cannot start), shared by the files.
            name: 'postgres',
            environment: 'node',
            include: ['test/**/*.pg.test.ts'],
            globalSetup: [here('test/setup/postgres.ts'), here('test/setup/demo-page.ts')],
            testTimeout: 30_000,
            hookTimeout: 120_000,
          },
        },
        ...jsdomProjects('dom', '19'),
        ...jsdomProjects('react18', '18'),
        {
          extends: true,
          test: {
            name: 'ssr',
            environment: 'node',
            include: ['test/ssr/**/*.test.tsx', 'test/package/**/*.test.ts'],
            exclude: builtInclude,
          },
        },
        {
          // What reads the builds (dist/, storybook-static/): `npm test` runs this project on its
          // own once they exist, and every other project from the start, beside the builds.
          extends: true,
          test: {
            name: 'built',
            environment: 'node',
            include: builtInclude,
          },
        },
        {
          // Server rendering and hydration differ between the majors: React 18 runs them too.
          extends: true,
          resolve: { alias: react18Aliases },
          test: {
            name: 'ssr:react18',
            environment: 'node',
            include: ['test/ssr/**/*.test.tsx'],
            env: { EXPECTED_REACT_MAJOR: '18' },
            server: { deps: { inline: true } },
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            // The demo page, built once for every file's stack (test/setup/demo-page.ts).
            globalSetup: [here('test/setup/demo-page.ts')],
            include: ['test/e2e/**/*.e2e.test.ts'],
            testTimeout: 120_000,
            hookTimeout: 120_000,
            // Each file starts its own stack (free ports, its own data folder) and Chromium, so
            // files run beside the other projects' instead of one by one after all of them.
            // Files share a worker's modules (isolate: false): the servers, the simulator,
            // PGlite's WebAssembly and Playwright load once per worker, not once per file; each
            // file's state lives in its own stack and browser, started and stopped by the file.
            isolate: false,
          },
        },
        // `npm test` runs project `built` on its own, after the builds: it needs no browser.
        ...(process.env.VITEST && process.env.SFC_TEST_NO_BROWSER !== '1'
          ? await browserProjects()
          : []),
      ],
    },
  }),
);
