import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isColorToken, parseThemeTokens } from '../../.storybook/theme-tokens.js';
import { root } from './story-files.js';

const stylesDir = join(root, 'src/components/styles');
const stylesheets = Object.fromEntries(
  readdirSync(stylesDir)
    .filter((name) => name.endsWith('.css'))
    .map((name) => [name, readFileSync(join(stylesDir, name), 'utf8')]),
);

describe('parseThemeTokens (the Theming page and the dark toolbar read the CSS through it)', () => {
  const tokens = parseThemeTokens(stylesheets);
  const byName = new Map(tokens.map((token) => [token.name, token]));

  it('lists every public property the stylesheets read, once', () => {
    const read = new Set(
      Object.values(stylesheets).flatMap((css) =>
        [...css.matchAll(/var\(\s*(--sfc-[a-z0-9-]+)/g)].map((match) => match[1]),
      ),
    );
    expect(tokens.map((token) => token.name).sort()).toEqual([...read].sort());
  });

  it('reads light and dark defaults from their blocks', () => {
    expect(byName.get('--sfc-color-bg')).toMatchObject({ light: '#ffffff', dark: '#15171d' });
    expect(byName.get('--sfc-overlay')).toMatchObject({
      light: 'rgb(10 12 18 / 0.55)',
      dark: 'rgb(0 0 0 / 0.7)',
    });
    // Same in both themes: no dark value.
    expect(byName.get('--sfc-radius')).toEqual({
      name: '--sfc-radius',
      light: '0.5rem',
      files: ['base.css'],
    });
  });

  it('keeps multi-line fallbacks with nested commas whole', () => {
    const font = byName.get('--sfc-font');
    expect(font?.light).toMatch(/^system-ui, -apple-system, "Segoe UI", .*sans-serif$/);
    expect(byName.get('--sfc-z-index')).toMatchObject({ light: '1000', files: ['dialog.css'] });
  });

  it('tells colours from other tokens', () => {
    expect(isColorToken(byName.get('--sfc-color-accent')!)).toBe(true);
    expect(isColorToken(byName.get('--sfc-overlay')!)).toBe(true);
    expect(isColorToken(byName.get('--sfc-radius')!)).toBe(false);
  });

  it('ignores comments and properties that are not read through var()', () => {
    const parsed = parseThemeTokens({
      'x.css': `/* var(--sfc-ghost, red) */ .a { --_sfc-duration: 0s; color: var(--sfc-real, calc(1px + var(--x, 2px))); }`,
    });
    expect(parsed).toEqual([
      { name: '--sfc-real', light: 'calc(1px + var(--x, 2px))', files: ['x.css'] },
    ]);
  });
});
