// `npm run bench`: the kit against its peers (bundle cost), the connect flow in Chromium (popup
// delay, renders while typing, callback to "Connected"), the reference server's throughput
// against the simulator on PGlite and on a real PostgreSQL server (one handler process, then
// four), and the packed kit in a Next.js App Router app (build time, page JS). Prints one table
// per section and writes bench/results.json.
//
//   npm run bench                      everything (installs bench/peers and builds dist/ if needed)
//   npm run bench -- --only bundle     one section (bundle, browser, server, nextjs; comma-separated)
//   npm run bench -- --skip-build      no library build; a dist/ older than src/ is then not
//                                      measured: the kit rows are bundled from src/ instead
//   npm run bench -- --kit-from src    bundle the kit rows from src/ in any case
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureAppViews } from './app-views.js';
import { measureInBrowser } from './browser-measures.js';
import { BUNDLE_SETTINGS, measureBundles } from './bundle-cost.js';
import { measureNextApp } from './nextjs-app.js';
import { ensureKitBuilt, ensurePeersInstalled } from './prerequisites.js';
import {
  appViewsReport,
  browserReport,
  bundleReport,
  nextAppReport,
  postgresReport,
  serverReport,
} from './report.js';
import { measurePostgresThroughput } from './server-postgres.js';
import { measureServerThroughput } from './server-throughput.js';
import { KIT_SUBJECTS, PEER_SUBJECTS } from './subjects.js';

const kitRoot = fileURLToPath(new URL('..', import.meta.url));
const peersDir = fileURLToPath(new URL('./peers', import.meta.url));
const nextAppDir = fileURLToPath(new URL('./nextjs', import.meta.url));
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

const SECTIONS = ['bundle', 'browser', 'server', 'nextjs'] as const;
type Section = (typeof SECTIONS)[number];

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'kit-from': { type: 'string' },
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
    /** Other work on the machine skews every timing: the 1, 5 and 15 minute load averages. */
    loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

const heading = (text: string) => console.log(`\n${text}\n${'='.repeat(text.length)}\n`);

async function bundleSection() {
  const peers = ensurePeersInstalled(peersDir);
  const kitBuild = ensureKitBuilt(kitRoot, { skipBuild: flags['skip-build'] });
  // A stale dist/ would measure yesterday's kit: then the sources are measured instead.
  const kitFrom = flags['kit-from'] === 'src' || kitBuild.stale ? 'src' : 'dist';
  const rows = await measureBundles([...KIT_SUBJECTS, ...PEER_SUBJECTS], {
    kit: kitRoot,
    kitFrom,
    peers: peersDir,
  });
  heading('Bundle cost');
  console.log(
    'esbuild, one run per subject, same settings: minified, tree-shaken, ESM for browsers, react and react-dom external; gzip level 9; 1 KB = 1,024 bytes.\n',
  );
  console.log(bundleReport(rows));
  if (kitFrom === 'src') {
    console.log(
      `\nThe kit rows are bundled from src/ with the same settings${kitBuild.stale ? ' (dist/ is older than src/ and --skip-build was given)' : ''}.`,
    );
  }
  const { write: _write, logLevel: _logLevel, ...settings } = BUNDLE_SETTINGS;
  const failed = rows.filter((row) => row.error).map((row) => `${row.id}: ${row.error}`);
  // The way an app builds: the bench app through each bundler, costed per view from dist/.
  const appViews = kitFrom === 'dist' ? await measureAppViews() : [];
  if (appViews.length > 0) {
    heading('What a page loads, per view and bundler');
    console.log(
      'The bench app (bench/app: <SalesforceConnect> + createFetchAdapter) built for production by each bundler, react external. connected: the first load, before paint; setup: plus the guide and form; dialog open: plus the Connect dialog; total: every file. gzip level 9 per file, summed; (n) files.\n',
    );
    console.log(appViewsReport(appViews));
    failed.push(
      ...appViews.filter((row) => row.error).map((row) => `${row.bundler}: ${row.error}`),
    );
  }
  return {
    result: {
      settings,
      gzipLevel: 9,
      kitBuild,
      kitFrom,
      peersInstalledNow: peers.installed,
      rows,
      appViews,
    },
    failed,
  };
}

async function browserSection() {
  const measures = await measureInBrowser();
  heading('In Chromium');
  console.log(browserReport(measures));
  const failed = measures.popup.synchronous ? [] : ['popup: window.open is not synchronous'];
  return { result: measures, failed };
}

async function serverSection() {
  const throughput = await measureServerThroughput();
  heading('Reference server throughput (PGlite)');
  console.log(serverReport(throughput));
  const postgres = await measurePostgresThroughput([1, 4]);
  heading('Reference server throughput (PostgreSQL server through pg)');
  console.log(postgresReport(postgres));
  const failures =
    throughput.getConnection.failures +
    throughput.callbackExchange.failures +
    postgres.runs.reduce(
      (sum, run) => sum + run.getConnection.failures + run.callbackExchange.failures,
      0,
    );
  return {
    result: { ...throughput, postgres },
    failed: failures > 0 ? [`server: ${failures} failed requests`] : [],
  };
}

async function nextjsSection() {
  // The tarball is what a customer installs: it needs a fresh dist/.
  const kitBuild = ensureKitBuilt(kitRoot, { skipBuild: flags['skip-build'] });
  if (kitBuild.stale) throw new Error('dist/ is older than src/: run without --skip-build');
  const measures = await measureNextApp({ kitRoot, appDir: nextAppDir });
  heading('In a Next.js app (packed tarball)');
  console.log(nextAppReport(measures));
  const { checks } = measures;
  const failed = [
    ...(checks.serverRenderedKit ? [] : ['nextjs: the server component did not render the kit']),
    ...(checks.serverSafeExports
      ? []
      : ['nextjs: a server component could not call explainError from the main entry']),
    ...(checks.setupRouteAnswered ? [] : ['nextjs: GET /api/salesforce/setup did not answer']),
    ...(checks.hydratedStatus.includes('Not connected')
      ? []
      : [`nextjs: hydrated status reads "${checks.hydratedStatus}"`]),
    ...checks.consoleProblems.map((problem) => `nextjs console: ${problem}`),
  ];
  return { result: measures, failed };
}

const runners: Record<Section, () => Promise<{ result: unknown; failed: string[] }>> = {
  bundle: bundleSection,
  browser: browserSection,
  server: serverSection,
  nextjs: nextjsSection,
};

async function main() {
  const now = new Date().toISOString();
  // With --only, the sections not run keep their last results, each with the date it was
  // measured (`measured`), so one section can be re-run without losing the others.
  const previous: Record<string, unknown> =
    flags.only && existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
  const measured: Record<string, string> = {
    ...Object.fromEntries(
      SECTIONS.filter((section) => previous[section] !== undefined).map((section) => [
        section,
        String(
          (previous.measured as Record<string, string> | undefined)?.[section] ?? previous.date,
        ),
      ]),
    ),
  };
  const results: Record<string, unknown> = {
    ...previous,
    command: flags.only ? `npm run bench -- --only ${flags.only}` : 'npm run bench',
    date: now,
    machine: machine(),
    measured,
  };
  const problems: string[] = [];
  for (const section of chosenSections()) {
    measured[section] = now;
    try {
      const { result, failed } = await runners[section]();
      results[section] = result;
      problems.push(...failed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      heading(`${section}: NOT MEASURED`);
      console.log(message);
      results[section] = { error: message };
      problems.push(`${section}: ${message}`);
    }
  }
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${resultsFile}`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  }
}

await main();
