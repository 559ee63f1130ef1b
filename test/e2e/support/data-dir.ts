// A fresh data folder for each test file's stack, with the database already initialised: initdb
// costs seconds on a busy machine, so it runs once into a template that every run copies.
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'salesforce-connect-e2e');

async function pgliteVersion(): Promise<string> {
  const manifest = join(repoRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The initialised, closed database every data folder starts from (made on first use). */
async function databaseTemplate(): Promise<string> {
  const template = join(cacheDir, `pglite-${await pgliteVersion()}`);
  if (await exists(join(template, 'PG_VERSION'))) return template;
  await mkdir(cacheDir, { recursive: true });
  const building = await mkdtemp(join(cacheDir, 'building-'));
  const db = new PGlite(building);
  await db.waitReady;
  await db.close();
  // Another run may have finished first: then its template stands and this one goes.
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}

/**
 * A temp folder holding `pglite/` (an empty, initialised database), for `startDemoStack({ dataDir })`.
 *
 * @example
 * const dataDir = await freshDataDir();
 * // … startDemoStack({ dataDir }) … then:
 * await rm(dataDir, { recursive: true, force: true });
 */
export async function freshDataDir(): Promise<string> {
  const template = await databaseTemplate();
  const dataDir = await mkdtemp(join(tmpdir(), 'sfc-e2e-'));
  await cp(template, join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}
