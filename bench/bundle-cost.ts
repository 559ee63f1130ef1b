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
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Where the subjects' imports resolve from. */
export interface BundleRoots {
  /** The kit's root: `salesforce-connect` resolves to its built `dist/` through its exports map. */
  kit: string;
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
  let code: string;
  try {
    const result = await build({
      ...BUNDLE_SETTINGS,
      stdin: {
        contents: subject.source,
        resolveDir: root,
        sourcefile: `bench-entry-${subject.id}.${subject.loader}`,
        loader: subject.loader,
      },
      plugins: subject.kind === 'kit' ? [kitFromDist(roots.kit)] : [],
    });
    code = result.outputFiles.map((file) => file.text).join('');
  } catch (error) {
    row.error = buildFailure(error);
    return row;
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

/**
 * Resolves `salesforce-connect` and its subpaths to the built files its package.json exports
 * name, exactly what an app installing the package gets (not the TypeScript sources).
 */
function kitFromDist(kitRoot: string): Plugin {
  const manifest = JSON.parse(readFileSync(resolve(kitRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
  };
  return {
    name: 'salesforce-connect-from-dist',
    setup(bundler) {
      bundler.onResolve({ filter: /^salesforce-connect(\/.*)?$/ }, (args) => {
        const key = `.${args.path.slice('salesforce-connect'.length)}`;
        const target = manifest.exports[key];
        if (target === undefined) {
          return { errors: [{ text: `salesforce-connect exports no "${key}"` }] };
        }
        return { path: resolve(kitRoot, typeof target === 'string' ? target : target.default) };
      });
    },
  };
}
