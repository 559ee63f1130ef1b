#!/usr/bin/env node
// `npm test`: everything CI checks, in one command. Runs every step even when one fails, so a
// single run shows all that is wrong, then prints where the time went (per step, per Vitest
// project, the slowest files) and one closing line summed over every test runner:
//   tests: N passed, N failed, N skipped
// and exits non-zero when a step failed or when no test passed.
//
// Steps that do not depend on each other run side by side. Vitest starts first and at once: its
// browser, Storybook and end-to-end files are the longest chain of the run. Beside it:
//   lint → library build → declarations → publint → attw → size-limit → Storybook build → vitest (project
//   `built`: the tests that read dist/ and storybook-static/)
//   typecheck
// A step that runs beside Vitest prints its output in one block when it ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = `${root}.test-results`;
const vitestJson = `${resultsDir}/vitest.json`;
const timingsJson = `${resultsDir}/vitest-timings.json`;
const builtJson = `${resultsDir}/vitest-built.json`;
const builtTimingsJson = `${resultsDir}/vitest-built-timings.json`;
// GNU time gives each step's CPU seconds, which a busy shared machine distorts far less than
// wall time; without it the column is left out.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const load = () => loadavg()[0].toFixed(1);

/**
 * Runs a command; resolves to its exit code, wall and CPU seconds, and the 1-minute load average
 * when it ended. `buffered` collects its output and prints it in one block at the end.
 */
function run(label, command, args, options = {}) {
  const started = Date.now();
  const header = `\n▶ ${label}: ${command.replace(root, '')} ${args.join(' ')}\n`;
  const cpuFile = `${resultsDir}/cpu-${label.replace(/\W+/g, '-')}.txt`;
  const [file, argv] = gnuTime
    ? [gnuTime, ['-q', '-f', '%U %S', '-o', cpuFile, command, ...args]]
    : [command, args];
  if (!options.buffered) process.stdout.write(header);
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
      cwd: root,
      stdio: options.buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...options.env },
    });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('exit', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      let cpu = null;
      if (gnuTime && existsSync(cpuFile)) {
        const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2);
        cpu = Number(user) + Number(system);
        rmSync(cpuFile, { force: true });
        if (Number.isNaN(cpu)) cpu = null;
      }
      if (options.buffered) {
        process.stdout.write(`${header}${Buffer.concat(output).toString()}`);
      }
      process.stdout.write(
        `◀ ${label}: ${code === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s\n`,
      );
      resolve({ label, ok: code === 0, code: code ?? signal, seconds, cpu, load: load() });
    });
  });
}

/** Runs steps one after another (each runs even when an earlier one failed). */
async function chain(...steps) {
  const results = [];
  for (const step of steps) results.push(await step());
  return results;
}

const bin = (name) => `${root}node_modules/.bin/${name}`;

function readCounts(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!text) return { passed: 0, failed: 0, skipped: 0 };
  const json = JSON.parse(text);
  return {
    passed: json.numPassedTests ?? 0,
    failed: json.numFailedTests ?? 0,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

/** Per project and the slowest files, from the timings reporter (scripts/vitest-timings.ts). */
function printVitestTimings() {
  const runs = [timingsJson, builtTimingsJson]
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')));
  if (runs.length === 0) return;
  const projects = runs.flatMap((run) => run.projects).sort((a, b) => b.fileMs - a.fileMs);
  const files = runs.flatMap((run) => run.files).sort((a, b) => b.wallMs - a.wallMs);
  process.stdout.write(
    `\nVitest projects (runs ${runs.map((run) => seconds(run.runMs).trim()).join(' + ')}; "files" sums each file's wall time, "span" is first start to last end):\n`,
  );
  for (const project of projects) {
    process.stdout.write(
      `  ${project.project.padEnd(22)} ${String(project.files).padStart(3)} files ${String(project.tests).padStart(5)} tests  files ${seconds(project.fileMs)}  span ${seconds(project.spanMs)}\n`,
    );
  }
  process.stdout.write(
    'Slowest files (wall; import + tests; started at, from the start of its run):\n',
  );
  for (const file of files.slice(0, 10)) {
    process.stdout.write(
      `  ${seconds(file.wallMs)}  ${`${file.project}`.padEnd(20)} ${file.file} (${file.tests} tests; ${(file.importMs / 1000).toFixed(1)} + ${(file.testsMs / 1000).toFixed(1)} s; at ${(file.startMs / 1000).toFixed(1)} s)\n`,
    );
  }
}

async function main() {
  const started = Date.now();
  const startLoad = load();
  mkdirSync(resultsDir, { recursive: true });
  for (const file of [vitestJson, builtJson]) writeFileSync(file, '');
  for (const file of [timingsJson, builtTimingsJson]) rmSync(file, { force: true });
  const steps = [];

  // React 18 lives in its own folder: npm cannot hold two versions of a peer in one tree.
  if (!existsSync(`${root}test/react18/node_modules/react-dom`)) {
    steps.push(
      await run('react 18 fixture', 'npm', [
        'ci',
        '--prefix',
        'test/react18',
        '--no-audit',
        '--no-fund',
      ]),
    );
  }

  // Vitest starts at once (its browser and end-to-end files are the longest chain); the steps
  // that build and check the package run beside it, then the few tests that read the builds.
  const vitestArgs = (json) => [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${json}`,
    '--reporter=./scripts/vitest-timings.ts',
  ];
  const [vitest, builds, typecheck] = await Promise.all([
    run(
      'vitest (all projects)',
      bin('vitest'),
      [...vitestArgs(vitestJson), '--project', '!built'],
      {
        env: { TIMINGS_FILE: timingsJson },
      },
    ),
    chain(
      () => run('lint', bin('biome'), ['ci', '.'], { buffered: true }),
      () => run('build', bin('vite'), ['build', '--logLevel', 'warn'], { buffered: true }),
      // The declaration files, by TypeScript 7 (package.json's `build` does the same).
      () =>
        run(
          'declarations',
          process.execPath,
          [`${root}node_modules/typescript-7/bin/tsc`, '-p', 'tsconfig.build.json'],
          { buffered: true },
        ),
      () => run('publint', bin('publint'), ['--strict'], { buffered: true }),
      () =>
        run(
          'attw',
          bin('attw'),
          ['--pack', '--profile', 'esm-only', '--exclude-entrypoints', './styles.css'],
          { buffered: true },
        ),
      () => run('size-limit', bin('size-limit'), [], { buffered: true }),
      () =>
        run('storybook build', bin('storybook'), ['build', '--quiet', '-o', 'storybook-static'], {
          buffered: true,
        }),
      // The built package in plain Node, and the static site's index against the stories.
      () =>
        run('vitest (built)', bin('vitest'), [...vitestArgs(builtJson), '--project', 'built'], {
          buffered: true,
          env: {
            STORYBOOK_INDEX: 'storybook-static/index.json',
            TIMINGS_FILE: builtTimingsJson,
            SFC_TEST_NO_BROWSER: '1',
          },
        }),
    ),
    // TypeScript 7 (the native compiler) checks the types: the same checks as TypeScript 6 in
    // a quarter of the CPU (docs/design-changes.md, "The test suite"). TypeScript 6 stays for the
    // declaration files, whose plugin needs its JS API.
    run(
      'typecheck',
      process.execPath,
      [`${root}node_modules/typescript-7/bin/tsc`, '-p', 'tsconfig.json', '--noEmit'],
      { buffered: true },
    ),
  ]);
  steps.push(vitest, ...builds, typecheck);

  const counts = [readCounts(vitestJson), readCounts(builtJson)];
  const total = counts.reduce(
    (sum, c) => ({
      passed: sum.passed + c.passed,
      failed: sum.failed + c.failed,
      skipped: sum.skipped + c.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );

  const wall = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nSteps (wall; CPU = user + system of the step's processes; load = 1-minute load average at its end):\n`,
  );
  for (const step of steps) {
    const cpu = step.cpu === null ? '' : `  CPU ${step.cpu.toFixed(1).padStart(6)} s`;
    process.stdout.write(
      `  ${step.ok ? 'ok  ' : 'FAIL'} ${step.label.padEnd(24)} ${step.seconds.toFixed(1).padStart(6)} s${cpu}  load ${step.load}\n`,
    );
  }
  const cpuTotal = steps.every((step) => step.cpu !== null)
    ? `, CPU ${steps.reduce((sum, step) => sum + step.cpu, 0).toFixed(1)} s`
    : '';
  process.stdout.write(
    `  total ${wall.toFixed(1)} s wall${cpuTotal}; load ${startLoad} at the start, ${load()} at the end\n`,
  );
  printVitestTimings();
  const failedSteps = steps.filter((step) => !step.ok);
  writeFileSync(
    `${resultsDir}/summary.json`,
    `${JSON.stringify({ ...total, seconds: wall, steps }, null, 2)}\n`,
  );
  process.stdout.write(
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
  );
  if (failedSteps.length > 0 || total.failed > 0 || total.passed === 0) process.exit(1);
}

await main();
