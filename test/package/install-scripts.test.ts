import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// npm 11 lists, on every install, each dependency whose install script `allowScripts` in
// package.json does not cover (and a later npm refuses to run them). Every folder that npm
// installs — the kit and the side projects the tests and the bench install — must cover all of
// its own, and name nothing it does not have (a stale approval would silently allow a newcomer
// of the same name).
const folders = ['.', 'test/react18', 'bench/peers', 'bench/nextjs'];

interface LockEntry {
  hasInstallScript?: boolean;
  optional?: boolean;
}

const read = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

/** Package names with an install script, from the lockfile's `node_modules/…` paths. */
function withInstallScripts(folder: string): string[] {
  const lock = read(`${folder}/package-lock.json`) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
}

describe.each(
  folders.filter((folder) => existsSync(new URL(`../../${folder}/package.json`, import.meta.url))),
)('install scripts in %s', (folder) => {
  const allow =
    (read(`${folder}/package.json`) as { allowScripts?: Record<string, boolean> }).allowScripts ??
    {};

  it('allowScripts decides on every dependency that has one', () => {
    const undecided = withInstallScripts(folder).filter((name) => !(name in allow));
    expect(undecided).toEqual([]);
  });

  it('allowScripts names only dependencies that have one', () => {
    const scripted = new Set(withInstallScripts(folder));
    expect(Object.keys(allow).filter((name) => !scripted.has(name))).toEqual([]);
  });
});

describe('the kit’s own install', () => {
  it('runs esbuild’s postinstall (it checks its platform binary and links the fast path)', () => {
    expect(read('package.json').allowScripts).toEqual({ esbuild: true });
  });
});
