import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { type ByteSize, measureBytes } from './size.js';

/**
 * One bundler's output for the bench app: its files, which files each imports statically (loaded
 * with it) and dynamically (loaded on demand), and the source modules each holds.
 */
export interface AppBuild {
  entry: string;
  files: Map<string, { code: Uint8Array; imports: string[]; modules: string[] }>;
}

/** What a page view loads, as the bundler split it. */
export interface ViewCost {
  view: AppView;
  /** JavaScript loaded before the view paints (the entry and its static imports, React aside). */
  size: ByteSize;
  files: number;
}

/**
 * Views of `<SalesforceConnect>`: `connected` paints the status only; `setup` adds the guide and
 * the form; `dialog` adds the dialog that follows the Connect popup; `total` is every file the
 * app build emitted for the kit.
 */
export type AppView = 'connected' | 'setup' | 'dialog' | 'total';

/** The source module whose file a view loads on top of the first load. */
const VIEW_MODULE: Record<'setup' | 'dialog', RegExp> = {
  setup: /components[-/]internal[-/]setup-details/,
  dialog: /components[-/]ConnectDialog/,
};

export interface AppBundlerResult {
  bundler: string;
  version: string;
  /** The specifier the app imports `SalesforceConnect` from. */
  specifier: AppSpecifier;
  views: ViewCost[];
  error?: string;
}

/**
 * The app imports `SalesforceConnect` from the main entry, as most do, or from the entry that
 * holds only the component (`salesforce-connect/connect`).
 */
export type AppSpecifier = 'salesforce-connect' | 'salesforce-connect/connect';

const APP_ENTRY: Record<AppSpecifier, string> = {
  'salesforce-connect': fileURLToPath(new URL('./app/main.jsx', import.meta.url)),
  'salesforce-connect/connect': fileURLToPath(new URL('./app/connect-entry.jsx', import.meta.url)),
};
const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
const isReact = (id: string) => REACT.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Costs per view from a build: the entry's static closure, plus the closure of the file that holds
 * the view's module. A module the bundler left in the first load costs nothing extra (it was
 * already paid for), which is exactly the failure this table exists to show.
 */
export function viewCosts(app: AppBuild): ViewCost[] {
  const closure = (start: string, into = new Set<string>()) => {
    if (into.has(start) || !app.files.has(start)) return into;
    into.add(start);
    for (const next of app.files.get(start)?.imports ?? []) closure(next, into);
    return into;
  };
  const cost = (view: AppView, files: Set<string>): ViewCost => {
    const parts = [...files].map((file) => app.files.get(file)?.code ?? new Uint8Array());
    // Each file is sent (and compressed) on its own.
    const sizes = parts.map((code) => measureBytes(code));
    return {
      view,
      files: files.size,
      size: {
        min: sizes.reduce((sum, size) => sum + size.min, 0),
        gzip: sizes.reduce((sum, size) => sum + size.gzip, 0),
      },
    };
  };
  const first = closure(app.entry);
  const views: ViewCost[] = [cost('connected', first)];
  for (const view of ['setup', 'dialog'] as const) {
    const holder = [...app.files].find(([, file]) =>
      file.modules.some((id) => VIEW_MODULE[view].test(id)),
    )?.[0];
    const files = new Set(first);
    if (holder) closure(holder, files);
    views.push(cost(view, files));
  }
  views.push(cost('total', new Set(app.files.keys())));
  return views;
}

/** esbuild with code splitting, minified, React external. */
export async function buildWithEsbuild(specifier: AppSpecifier): Promise<AppBuild> {
  const appEntry = APP_ENTRY[specifier];
  const outdir = '/virtual-out';
  const result = await esbuild({
    entryPoints: [appEntry],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    loader: { '.jsx': 'jsx' },
    external: REACT.flatMap((name) => [name, `${name}/*`]),
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files: AppBuild['files'] = new Map();
  const name = (path: string) => path.replace(/^.*virtual-out\//, '');
  let entry = '';
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const key = name(file.path);
    const meta = Object.entries(result.metafile.outputs).find(([path]) => name(path) === key)?.[1];
    if (!meta) continue;
    // Chunks loaded by import() are entry points to esbuild too: the app's is the one it was given.
    if (meta.entryPoint && appEntry.endsWith(meta.entryPoint)) entry = key;
    files.set(key, {
      code: file.contents,
      imports: meta.imports
        .filter((record) => record.kind === 'import-statement' && !record.external)
        .map((record) => name(record.path)),
      modules: Object.keys(meta.inputs),
    });
  }
  return { entry, files };
}

/** Vite's production build (Rolldown), minified, React external, the way an app builds. */
export async function buildWithVite(specifier: AppSpecifier): Promise<AppBuild> {
  const appEntry = APP_ENTRY[specifier];
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('./app', import.meta.url)),
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rolldownOptions: { input: appEntry, external: isReact },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  const files: AppBuild['files'] = new Map();
  let entry = '';
  for (const result of outputs) {
    if (!('output' in result)) continue;
    for (const chunk of result.output) {
      if (chunk.type !== 'chunk') continue;
      if (chunk.isEntry) entry = chunk.fileName;
      files.set(chunk.fileName, {
        code: Buffer.from(chunk.code, 'utf8'),
        imports: chunk.imports.filter((id) => !isReact(id)),
        modules: chunk.moduleIds,
      });
    }
  }
  return { entry, files };
}

/**
 * Builds the bench app with each bundler and costs its views. A bundler that fails becomes a row
 * with its error.
 */
export async function measureAppViews(): Promise<AppBundlerResult[]> {
  const bundlers: Array<[string, string, (specifier: AppSpecifier) => Promise<AppBuild>]> = [
    ['Vite (Rolldown)', await versionOf('vite'), buildWithVite],
    ['esbuild', await versionOf('esbuild'), buildWithEsbuild],
  ];
  const results: AppBundlerResult[] = [];
  for (const [bundler, version, run] of bundlers) {
    for (const specifier of Object.keys(APP_ENTRY) as AppSpecifier[]) {
      try {
        results.push({ bundler, version, specifier, views: viewCosts(await run(specifier)) });
      } catch (error) {
        results.push({
          bundler,
          version,
          specifier,
          views: [],
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return results;
}

async function versionOf(name: string): Promise<string> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
