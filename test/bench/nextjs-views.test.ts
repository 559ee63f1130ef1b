import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitShareOf, measureChunk } from '../../bench/nextjs-views.js';
import { measureBytes } from '../../bench/size.js';

// A Turbopack chunk: a wrapper, then one source-map section per module from its offset on.
const section = (line: number, column: number, source: string) => ({
  offset: { line, column },
  map: { sources: [source] },
});

describe('the kit’s share of a Turbopack chunk', () => {
  const code = `${'w'.repeat(10)}${'k'.repeat(60)}\n${'r'.repeat(29)}`;

  it('counts the kit’s and its dependencies’ modules, not React’s, Next’s or the runtime’s', () => {
    const share = kitShareOf(code, {
      sections: [
        section(0, 10, 'turbopack:///[project]/node_modules/salesforce-connect/src/core/errors.ts'),
        section(0, 40, 'turbopack:///[project]/node_modules/zod/v4/core/schemas.js'),
        section(1, 0, 'turbopack:///[project]/node_modules/next/dist/compiled/react-dom/index.js'),
      ],
    });
    // 61 of the 90 mapped bytes: 30 of the kit's, 31 of zod's (its line's newline included), not
    // React's 29; the 10-byte wrapper before the first module is shared in proportion.
    expect(share).toBeCloseTo(61 / 90, 5);
  });

  it('gives a chunk without a map, or with only framework modules, no kit share', () => {
    expect(kitShareOf(code, {})).toBe(0);
    expect(
      kitShareOf(code, {
        sections: [section(0, 0, 'turbopack:///[turbopack]/browser/runtime.ts')],
      }),
    ).toBe(0);
  });
});

describe('a served chunk', () => {
  it('is measured without its sourceMappingURL comment, its share read from the map it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nextjs-views-'));
    const code = 'globalThis.kit=1;';
    writeFileSync(
      join(dir, 'abc.js.map'),
      JSON.stringify({
        version: 3,
        sections: [section(0, 0, 'turbopack:///[project]/node_modules/salesforce-connect/x.js')],
      }),
    );
    const measured = measureChunk(dir, 'k.js', `${code}\n//# sourceMappingURL=abc.js.map\n`);
    expect(measured).toEqual({
      file: 'k.js',
      bytes: code.length,
      gzipBytes: measureBytes(code).gzip,
      kitShare: 1,
    });
  });
});
