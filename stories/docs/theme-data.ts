/// <reference types="vite/client" />
// Data for the Theming page, in a .ts file: Storybook's docgen tags values exported from .tsx
// files as if they were components.
import { parseThemeTokens, type ThemeToken } from '../../.storybook/theme-tokens.js';

// The kit's own stylesheets, as text: the token table is read from them, never copied.
const stylesheetSources = import.meta.glob<string>('../../src/components/styles/*.css', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every `--sfc-*` property with its defaults, from the stylesheets this Storybook was built from. */
export const themeTokens: ThemeToken[] = parseThemeTokens(
  Object.fromEntries(
    Object.entries(stylesheetSources).map(([path, css]) => [path.split('/').pop() ?? path, css]),
  ),
);

/**
 * The toolbar's example brand as the stylesheet an integrator would write: light values on the
 * settings page, dark ones when the OS prefers dark.
 */
export function brandStylesheet(brand: {
  light: Readonly<Record<string, string>>;
  dark: Readonly<Record<string, string>>;
}): string {
  const block = (selector: string, values: Readonly<Record<string, string>>, indent = '') =>
    `${indent}${selector} {\n${Object.entries(values)
      .map(([name, value]) => `${indent}  ${name}: ${value};`)
      .join('\n')}\n${indent}}`;
  const darkOnly = Object.fromEntries(
    Object.entries(brand.dark).filter(([name, value]) => brand.light[name] !== value),
  );
  return [
    block('.settings-page', brand.light),
    `@media (prefers-color-scheme: dark) {\n${block('.settings-page', darkOnly, '  ')}\n}`,
  ].join('\n\n');
}
