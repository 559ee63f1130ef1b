/// <reference types="vite/client" />
import { type CSSProperties, type ReactNode, useLayoutEffect } from 'react';
import baseCss from '../src/components/styles/base.css?raw';
import { SalesforceConnectMessagesProvider } from '../src/messages/context.js';
import { type BrandVariables, exampleBrand } from './brand.js';
import { messagesByLocale, type StorybookLocale } from './locales.js';
import { parseThemeTokens } from './theme-tokens.js';

/** The toolbar's choices, as the decorator reads them from `context.globals`. */
export interface KitEnvironment {
  theme: 'light' | 'dark';
  dir: 'ltr' | 'rtl';
  locale: StorybookLocale;
  brand: 'kit' | 'example';
}

export const defaultKitEnvironment: KitEnvironment = {
  theme: 'light',
  dir: 'ltr',
  locale: 'en',
  brand: 'kit',
};

/** Reads the toolbar globals, falling back to the defaults for anything unset or unknown. */
export function kitEnvironmentFrom(globals: Record<string, unknown>): KitEnvironment {
  const pick = <K extends keyof KitEnvironment>(key: K, options: readonly KitEnvironment[K][]) =>
    options.find((option) => option === globals[key]) ?? defaultKitEnvironment[key];
  return {
    theme: pick('theme', ['light', 'dark']),
    dir: pick('dir', ['ltr', 'rtl']),
    locale: pick('locale', ['en', 'de']),
    brand: pick('brand', ['kit', 'example']),
  };
}

/**
 * The kit's own light and dark values of every token that differs between the themes, read from
 * base.css (never copied). Both are set explicitly, so "Light" stays light on a machine whose OS
 * prefers dark.
 */
const themeVariables: Record<KitEnvironment['theme'], BrandVariables> = (() => {
  const themed = parseThemeTokens({ 'base.css': baseCss }).filter((token) => token.dark);
  const values = (pick: (token: (typeof themed)[number]) => string) =>
    Object.fromEntries(themed.map((token) => [token.name, pick(token)])) as BrandVariables;
  return { light: values((token) => token.light), dark: values((token) => token.dark ?? '') };
})();

/** Every custom property the environment sets: the theme's values, then the brand's over them. */
const variablesCache = new Map<string, BrandVariables>();
function variablesFor({ theme, brand }: KitEnvironment): BrandVariables {
  const key = `${theme}/${brand}`;
  let variables = variablesCache.get(key);
  if (!variables) {
    variables = { ...themeVariables[theme], ...(brand === 'example' ? exampleBrand[theme] : {}) };
    variablesCache.set(key, variables);
  }
  return variables;
}

const surface = (theme: KitEnvironment['theme']): CSSProperties => ({
  background: 'var(--sfc-color-bg)',
  color: 'var(--sfc-color-text)',
  colorScheme: theme,
});

/**
 * Puts every story on a page the way an integrator's page hosts the kit: the theme and the brand
 * arrive only as public `--sfc-*` custom properties on an ancestor, `dir` and `lang` as
 * attributes. The kit's elements stay the outermost kit scopes, so a story that sets a token on a
 * component itself still wins, as it would in an app. The surface takes the theme's background,
 * so axe's colour-contrast check measures what a reader would see.
 *
 * On a story's own page the same is applied to `<body>` and `<html>` too, so parts Radix portals
 * out of the story's root (the connect dialog) are themed, mirrored and translated like the rest.
 * On a docs page many stories share one document with Storybook's own UI, so only the frame
 * around each story is touched.
 */
export function KitFrame({
  environment,
  wholePage,
  children,
}: {
  environment: KitEnvironment;
  wholePage: boolean;
  children: ReactNode;
}) {
  const { theme, dir, locale } = environment;
  const variables = variablesFor(environment);

  useLayoutEffect(() => {
    if (!wholePage) return;
    const { body, documentElement: html } = document;
    const before = {
      style: body.getAttribute('style'),
      dir: html.getAttribute('dir'),
      lang: html.getAttribute('lang'),
    };
    for (const [name, value] of Object.entries(variables)) body.style.setProperty(name, value);
    Object.assign(body.style, surface(theme));
    html.setAttribute('dir', dir);
    html.setAttribute('lang', locale);
    return () => {
      restoreAttribute(body, 'style', before.style);
      restoreAttribute(html, 'dir', before.dir);
      restoreAttribute(html, 'lang', before.lang);
    };
  }, [wholePage, variables, theme, dir, locale]);

  return (
    <SalesforceConnectMessagesProvider messages={messagesByLocale[locale]}>
      <div
        data-sb-kit-frame={theme}
        dir={dir}
        lang={locale}
        style={{
          ...(variables as CSSProperties),
          ...surface(theme),
          ...(wholePage ? {} : { padding: '1rem' }),
        }}
      >
        {children}
      </div>
    </SalesforceConnectMessagesProvider>
  );
}

function restoreAttribute(element: Element, name: string, value: string | null) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
