import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { type RemoteEvidence, scanRemoteEvidence } from './remote-evidence.js';
import { type ByteSize, measureBytes } from './size.js';
import type { BundleSubject, RemoteLoad } from './subjects.js';

/**
 * The one set of bundler settings every subject is built with: what an app's production build
 * does to a dependency (bundle, minify, tree-shake), React left out because the app has it anyway.
 * `mainFields` skips `browser` for everyone: react-plaid-link's points at a UMD build that cannot
 * be tree-shaken in an ESM bundle, and each package's ESM build is what bundlers pick.
 */
export const BUNDLE_SETTINGS = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  mainFields: ['module', 'main'],
  external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Only the kit's sources have JSX (when measured from src/); compiled packages are unaffected.
  jsx: 'automatic',
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Where the subjects' imports resolve from. */
export interface BundleRoots {
  /** The kit's root, with its package.json. */
  kit: string;
  /**
   * `dist`: `salesforce-connect` resolves through the exports map to the built files, exactly what
   * an app installing the package gets. `src`: to the TypeScript entry each export is built from
   * (its `types` path, `dist/` → `src/`), for when dist/ is older than the sources.
   */
  kitFrom: 'dist' | 'src';
  /** bench/peers, with the peers installed in its node_modules. */
  peers: string;
}

/** One measured row. `size` is null when the subject could not be built (see `error`). */
export interface BundleMeasurement {
  id: string;
  kind: BundleSubject['kind'];
  specifier: string;
  packageName: string;
  version: string;
  imports: string;
  notes: string;
  size: ByteSize | null;
  /** Null: loads nothing remote. */
  remote: RemoteLoad | null;
  /** Kit rows: what was bundled (`dist`, `src`, or the component module when no entry has it). */
  measuredFrom?: 'dist' | 'src' | 'src module';
  evidence: RemoteEvidence | null;
  /** Why the row has no size, or why its remote claim did not hold. */
  error?: string;
}

/**
 * Builds each subject with {@link BUNDLE_SETTINGS} and measures the output. A subject that fails
 * to build (say, an export not yet in dist/) becomes a row with its error instead of ending the run.
 *
 * @example
 * const rows = await measureBundles([...KIT_SUBJECTS, ...PEER_SUBJECTS], { kit: root, peers });
 */
export async function measureBundles(
  subjects: readonly BundleSubject[],
  roots: BundleRoots,
): Promise<BundleMeasurement[]> {
  const rows: BundleMeasurement[] = [];
  for (const subject of subjects) rows.push(await measureBundle(subject, roots));
  return rows;
}

async function measureBundle(subject: BundleSubject, roots: BundleRoots) {
  const root = subject.kind === 'kit' ? roots.kit : roots.peers;
  const row: BundleMeasurement = {
    id: subject.id,
    kind: subject.kind,
    specifier: subject.specifier,
    packageName: subject.packageName,
    version: installedVersion(subject, roots),
    imports: subject.imports,
    notes: subject.notes,
    size: null,
    remote: subject.remote,
    evidence: null,
  };
  const bundle = async (source: string) => {
    const result = await build({
      ...BUNDLE_SETTINGS,
      stdin: {
        contents: source,
        resolveDir: root,
        sourcefile: `bench-entry-${subject.id}.${subject.loader}`,
        loader: subject.loader,
      },
      plugins: subject.kind === 'kit' ? [kitResolver(roots.kit, roots.kitFrom)] : [],
    });
    return result.outputFiles.map((file) => file.text).join('');
  };
  let code: string;
  try {
    code = await bundle(subject.source);
    if (subject.kind === 'kit') row.measuredFrom = roots.kitFrom;
  } catch (error) {
    row.error = buildFailure(error);
    // From the sources, an export the entry does not have yet can still be measured from its own
    // module; the row says so.
    if (roots.kitFrom !== 'src' || !subject.sourceModuleFallback) return row;
    try {
      code = await bundle(subject.sourceModuleFallback);
      row.measuredFrom = 'src module';
      row.notes = `${row.error}: measured from its module. ${row.notes}`;
      delete row.error;
    } catch (fallbackError) {
      row.error = `${row.error}; its module failed too: ${buildFailure(fallbackError)}`;
      return row;
    }
  }
  row.size = measureBytes(code);
  row.evidence = scanRemoteEvidence(code, subject.remote?.urls ?? []);
  if (subject.remote && row.evidence.urlsMissing.length > 0) {
    row.error = `the bundle lacks ${row.evidence.urlsMissing.join(', ')}: the remote-code claim needs checking`;
  }
  if (!subject.remote && (row.evidence.createsIframe || row.evidence.createsScript)) {
    row.error = 'the bundle creates an iframe or a script element: it may load remote code';
  }
  return row;
}

function installedVersion(subject: BundleSubject, roots: BundleRoots): string {
  const file =
    subject.kind === 'kit'
      ? resolve(roots.kit, 'package.json')
      : resolve(roots.peers, 'node_modules', subject.packageName, 'package.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return json.version ?? 'unknown';
}

/** esbuild's failure carries its messages; the first one says what is missing. */
function buildFailure(error: unknown): string {
  const messages = (error as { errors?: Array<{ text: string }> }).errors;
  const first = messages?.[0]?.text;
  return first ?? (error instanceof Error ? error.message : String(error));
}

/** Exports whose source is not at their `types` path (the stylesheet has none). */
const SOURCE_OF_EXPORT: Record<string, string> = { './styles.css': 'src/components/styles.css' };

/**
 * Resolves `salesforce-connect` and its subpaths through the package's exports map: to the built
 * files (`dist`), or to the sources each is built from (`src`).
 */
function kitResolver(kitRoot: string, from: BundleRoots['kitFrom']): Plugin {
  const manifest = JSON.parse(readFileSync(resolve(kitRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types?: string; default: string }>;
  };
  const targetOf = (key: string): string | undefined => {
    const target = manifest.exports[key];
    if (target === undefined) return undefined;
    if (from === 'dist') return typeof target === 'string' ? target : target.default;
    const source =
      SOURCE_OF_EXPORT[key] ??
      (typeof target === 'string' ? undefined : target.types)
        ?.replace(/^\.\/dist\//, './src/')
        .replace(/\.d\.ts$/, '.ts');
    return source;
  };
  return {
    name: `salesforce-connect-from-${from}`,
    setup(bundler) {
      bundler.onResolve({ filter: /^salesforce-connect(\/.*)?$/ }, (args) => {
        const key = `.${args.path.slice('salesforce-connect'.length)}`;
        const target = targetOf(key);
        if (target === undefined) {
          return { errors: [{ text: `salesforce-connect exports no "${key}" (from ${from})` }] };
        }
        return { path: resolve(kitRoot, target) };
      });
    },
  };
}
