import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const stylesDir = new URL('../../src/components/styles/', import.meta.url);
const css = readdirSync(stylesDir)
  .filter((file) => file.endsWith('.css'))
  .map((file) => readFileSync(new URL(file, stylesDir), 'utf8'))
  .join('\n');
const doc = readFileSync(new URL('../../docs/theming.md', import.meta.url), 'utf8');

describe('docs/theming.md', () => {
  it('documents every public custom property the stylesheet reads', () => {
    const used = new Set(
      css.match(/var\(\s*--sfc-[a-z-]+/g)?.map((m) => m.replace(/var\(\s*/, '')),
    );
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(doc, name).toContain(`\`${name}\``);
  });

  it('gives the same light default as the stylesheet for every color', () => {
    for (const [, name, value] of css.matchAll(
      /--_(sfc-color-[a-z-]+):\s*var\(--sfc-color-[a-z-]+,\s*(#[0-9a-f]{6})\)/g,
    )) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`--${name}\``));
      expect(row, name).toBeDefined();
      expect(row).toContain(value);
    }
  });
});
