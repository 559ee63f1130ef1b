// `npm run bench`: the kit against its peers (bundle cost), the connect flow in Chromium (popup
// delay, renders while typing, callback to "Connected") and the reference server's throughput
// against the simulator. Prints one table per section and writes bench/results.json.
//
//   npm run bench                      everything (installs bench/peers and builds dist/ if needed)
//   npm run bench -- --only bundle     one section (bundle, browser, server; comma-separated)
//   npm run bench -- --skip-build      measure dist/ as it is, even if older than src/
import { writeFileSync } from 'node:fs';
import { arch, cpus, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLE_SETTINGS, type BundleMeasurement, measureBundles } from './bundle-cost.js';
import { ensureKitBuilt, ensurePeersInstalled, type KitBuildState } from './prerequisites.js';
import { formatKilobytes } from './size.js';
import { KIT_SUBJECTS, PEER_SUBJECTS } from './subjects.js';
import { formatTable } from './table.js';

const kitRoot = fileURLToPath(new URL('..', import.meta.url));
const peersDir = fileURLToPath(new URL('./peers', import.meta.url));
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

const SECTIONS = ['bundle', 'browser', 'server'] as const;
type Section = (typeof SECTIONS)[number];

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});

function chosenSections(): Set<Section> {
  if (!flags.only) return new Set(SECTIONS);
  const names = flags.only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}.`);
  }
  return new Set(names as Section[]);
}

function machine() {
  const processors = cpus();
  return {
    os: `${type()} ${release()} ${arch()}`,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

function printBundleTable(rows: readonly BundleMeasurement[]) {
  const size = (row: BundleMeasurement, key: 'min' | 'gzip') =>
    row.size ? formatKilobytes(row.size[key]) : '—';
  const remote = (row: BundleMeasurement) => (row.remote ? `yes: ${row.remote.what}` : 'no');
  const notes = (row: BundleMeasurement) => (row.error ? `NOT MEASURED: ${row.error}` : row.notes);
  console.log(
    formatTable(
      [
        { header: 'subject', cell: (row) => row.specifier },
        { header: 'version', cell: (row) => row.version },
        { header: 'imports', cell: (row) => row.imports },
        { header: 'min', cell: (row) => size(row, 'min'), align: 'right' },
        { header: 'gzip', cell: (row) => size(row, 'gzip'), align: 'right' },
        { header: 'loads remote code at run time', cell: remote },
        { header: 'notes', cell: notes },
      ],
      rows,
    ),
  );
}

async function main() {
  const sections = chosenSections();
  const results: Record<string, unknown> = {
    command: 'npm run bench',
    date: new Date().toISOString(),
    machine: machine(),
  };

  if (sections.has('bundle')) {
    const peers = ensurePeersInstalled(peersDir);
    const kitBuild: KitBuildState = ensureKitBuilt(kitRoot, { skipBuild: flags['skip-build'] });
    const rows = await measureBundles([...KIT_SUBJECTS, ...PEER_SUBJECTS], {
      kit: kitRoot,
      peers: peersDir,
    });
    console.log(
      '\nBundle cost: esbuild, minified, tree-shaken, ESM for browsers, react and react-dom external; gzip level 9; 1 KB = 1,024 bytes\n',
    );
    printBundleTable(rows);
    if (kitBuild.stale)
      console.log('\nThe kit rows measure a dist/ older than src/ (--skip-build).');
    const { write: _write, logLevel: _logLevel, ...settings } = BUNDLE_SETTINGS;
    results.bundle = { settings, gzipLevel: 9, kitBuild, peersInstalledNow: peers.installed, rows };
  }

  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${resultsFile}`);
}

await main();
