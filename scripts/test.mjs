#!/usr/bin/env node
// `npm test`: everything CI checks, in one command. Runs every step even when one fails, so a
// single run shows all that is wrong, then prints one closing line summed over every test runner:
//   tests: N passed, N failed, N skipped
// and exits non-zero when a step failed or when no test passed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = `${root}.test-results`;
const vitestJson = `${resultsDir}/vitest.json`;

/** Runs a command with inherited output; resolves to its exit code and duration. */
function run(label, command, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...options.env },
    });
    child.on('exit', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      resolve({ label, ok: code === 0, code: code ?? signal, seconds });
    });
  });
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

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(vitestJson, '');
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

  steps.push(await run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
  steps.push(await run('lint', bin('biome'), ['ci', '.']));
  steps.push(await run('build', bin('vite'), ['build', '--logLevel', 'warn']));
  // Storybook is built before the tests so the coverage test can read the built site's index.
  steps.push(
    await run('storybook build', bin('storybook'), ['build', '--quiet', '-o', 'storybook-static']),
  );
  steps.push(
    await run(
      'vitest (all projects)',
      bin('vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
      { env: { STORYBOOK_INDEX: 'storybook-static/index.json' } },
    ),
  );
  steps.push(await run('publint', bin('publint'), ['--strict']));
  steps.push(
    await run('attw', bin('attw'), [
      '--pack',
      '--profile',
      'esm-only',
      '--exclude-entrypoints',
      './styles.css',
    ]),
  );
  steps.push(await run('size-limit', bin('size-limit'), []));

  const counts = [readCounts(vitestJson)];
  const total = counts.reduce(
    (sum, c) => ({
      passed: sum.passed + c.passed,
      failed: sum.failed + c.failed,
      skipped: sum.skipped + c.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );

  process.stdout.write('\nSteps:\n');
  for (const step of steps) {
    process.stdout.write(
      `  ${step.ok ? 'ok  ' : 'FAIL'} ${step.label.padEnd(24)} ${step.seconds.toFixed(1)} s\n`,
    );
  }
  const failedSteps = steps.filter((step) => !step.ok);
  writeFileSync(`${resultsDir}/summary.json`, `${JSON.stringify({ ...total, steps }, null, 2)}\n`);
  process.stdout.write(
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
  );
  if (failedSteps.length > 0 || total.failed > 0 || total.passed === 0) process.exit(1);
}

await main();
