import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Installs the peer kits into bench/peers/node_modules from its own lock file when any is missing
 * or at another version. `--legacy-peer-deps`: @apideck/vault-react's peer range stops at React 18;
 * React is external in every measured bundle, so no peer needs it installed here.
 */
export function ensurePeersInstalled(peersDir: string): { installed: boolean } {
  const manifest = JSON.parse(readFileSync(join(peersDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const current = Object.entries(manifest.dependencies).every(([name, version]) => {
    const file = join(peersDir, 'node_modules', name, 'package.json');
    return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).version === version;
  });
  if (current) return { installed: false };
  console.log('Installing the peer kits into bench/peers/node_modules (npm ci) …');
  const result = spawnSync(
    'npm',
    ['ci', '--prefix', peersDir, '--legacy-peer-deps', '--no-audit', '--no-fund'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('npm ci in bench/peers failed (see its output above)');
  return { installed: true };
}

/** How the kit's dist/ compared with its sources when the bench ran. */
export interface KitBuildState {
  /** The bench ran `vite build` because dist/ was missing or older than src/. */
  rebuilt: boolean;
  /** dist/ is missing files or older than src/, and was not rebuilt (`--skip-build`). */
  stale: boolean;
  /** When the oldest of dist/'s entry files was written. */
  builtAt: string;
}

/**
 * Makes sure dist/ holds a build of the current sources: the bundle table measures the package as
 * an app installs it. Builds when an entry file is missing or any file in src/ is newer than the
 * oldest entry file, unless `skipBuild` (then a stale dist/ is measured and reported as such).
 */
export function ensureKitBuilt(kitRoot: string, options: { skipBuild: boolean }): KitBuildState {
  const entries = distEntryFiles(kitRoot);
  const builtAt = () =>
    Math.min(...entries.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const sourcesChanged = newestMtime(resolve(kitRoot, 'src'));
  const fresh = () => builtAt() > 0 && builtAt() >= sourcesChanged;
  if (fresh()) return { rebuilt: false, stale: false, builtAt: iso(builtAt()) };
  if (options.skipBuild) {
    console.warn('dist/ is missing files or older than src/, and --skip-build was given.');
    return { rebuilt: false, stale: true, builtAt: iso(builtAt()) };
  }
  // `npm run build`: the Vite build and then the declaration files (the Next.js app type-checks
  // against the packed package's types).
  console.log('dist/ is missing or older than src/: building the kit (npm run build) …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: kitRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed (see its output above)');
  return { rebuilt: true, stale: !fresh(), builtAt: iso(builtAt()) };
}

/** The files package.json's exports point at (JavaScript and CSS). */
function distEntryFiles(kitRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(resolve(kitRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default?: string }>;
  };
  return Object.values(manifest.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target): target is string => target?.startsWith('./dist/') === true)
    .map((target) => resolve(kitRoot, target));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : 'never');
