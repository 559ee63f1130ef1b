/**
 * Reads the kit's public theme tokens out of its own stylesheets, so the Theming page lists
 * exactly the `--sfc-*` properties the CSS reads, with the defaults the CSS falls back to. Nothing
 * is written down twice: change a default in base.css and the page follows.
 */

/** One public custom property and what the kit uses when it is not set. */
export interface ThemeToken {
  /** e.g. `--sfc-color-accent`. */
  name: string;
  /** The fallback in the light theme (and in every theme, when `dark` is absent). */
  light: string;
  /** The fallback in the dark theme, when it differs from the light one. */
  dark?: string;
  /** Stylesheets that read it, by file name. */
  files: string[];
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text from `start` up to the parenthesis that closes the one opened just before `start`. */
function untilClosingParen(css: string, start: number): string | undefined {
  let depth = 0;
  for (let index = start; index < css.length; index++) {
    const char = css[index];
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) return css.slice(start, index);
      depth--;
    }
  }
  return undefined;
}

/** Innermost rule blocks: a selector (or at-rule prelude) and the declarations inside. */
function ruleBlocks(css: string): { selector: string; body: string }[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...withoutComments.matchAll(/([^{}]*)\{([^{}]*)\}/g)].map((match) => ({
    selector: collapse(match[1] ?? ''),
    body: match[2] ?? '',
  }));
}

/** A block written for the dark theme: the `data-theme="dark"` override or the OS preference. */
const isDarkSelector = (selector: string) =>
  selector.includes('[data-theme="dark"]') || selector.includes(':not([data-theme="light"])');

/**
 * Every `--sfc-*` property read through `var(--sfc-…, fallback)` in the given stylesheets, sorted
 * by name, with its light and (when different) dark fallback.
 *
 * @example
 * parseThemeTokens({ 'base.css': baseCss }).find((t) => t.name === '--sfc-color-bg')
 * // { name: '--sfc-color-bg', light: '#ffffff', dark: '#15171d', files: ['base.css'] }
 */
export function parseThemeTokens(stylesheets: Record<string, string>): ThemeToken[] {
  const tokens = new Map<string, { light?: string; dark?: string; files: Set<string> }>();
  for (const [file, css] of Object.entries(stylesheets)) {
    for (const { selector, body } of ruleBlocks(css)) {
      const theme = isDarkSelector(selector) ? 'dark' : 'light';
      for (const match of body.matchAll(/var\(\s*(--sfc-[a-z0-9-]+)\s*,/g)) {
        const name = match[1] ?? '';
        const fallback = untilClosingParen(body, (match.index ?? 0) + match[0].length);
        if (!name || fallback === undefined) continue;
        const entry = tokens.get(name) ?? { files: new Set<string>() };
        entry[theme] ??= collapse(fallback);
        entry.files.add(file);
        tokens.set(name, entry);
      }
    }
  }
  return [...tokens]
    .map(([name, entry]) => {
      const light = entry.light ?? entry.dark ?? '';
      const token: ThemeToken = { name, light, files: [...entry.files].sort() };
      if (entry.dark !== undefined && entry.dark !== light) token.dark = entry.dark;
      return token;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a token holds a colour, so the page can offer a colour picker and a swatch. */
export const isColorToken = (token: ThemeToken) =>
  /^#[0-9a-f]{3,8}$/i.test(token.light) || /^rgba?\(/.test(token.light);
