import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('runtime dependency ranges', () => {
  // An app that already has react-hook-form, zod or Radix must dedupe against the kit instead of
  // shipping a second copy: an exact pin in a library forces the duplicate. The lockfile still
  // pins what the tests run.
  it.each(Object.entries(pkg.dependencies))('%s uses a caret range (%s)', (_name, range) => {
    expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
  });
});
