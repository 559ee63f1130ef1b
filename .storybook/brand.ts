/**
 * An example brand for the "Brand" toolbar item: it re-themes the kit only through the public
 * `--sfc-*` custom properties, as an integrator would in their own stylesheet. Colours come in a
 * light and a dark set because a brand's accent that reads on white rarely reads on near-black;
 * both sets keep text at WCAG AA contrast, so the axe run passes with the brand applied.
 */
export type BrandVariables = Readonly<Record<`--sfc-${string}`, string>>;

const shared: BrandVariables = {
  '--sfc-font': '"Iowan Old Style", "Palatino Linotype", Georgia, serif',
  '--sfc-font-size': '1rem',
  '--sfc-radius': '1rem',
  '--sfc-space': '0.3rem',
};

export const exampleBrand: { light: BrandVariables; dark: BrandVariables } = {
  light: {
    ...shared,
    '--sfc-color-bg': '#fffdf8',
    '--sfc-color-surface': '#f4eefb',
    '--sfc-color-text': '#1f1530',
    '--sfc-color-muted': '#54476a',
    '--sfc-color-border': '#a895c4',
    '--sfc-color-accent': '#6b2fb3',
    '--sfc-color-accent-hover': '#55228f',
    '--sfc-color-accent-text': '#ffffff',
    '--sfc-color-focus': '#8a4fd6',
    '--sfc-color-info-bg': '#efe7fb',
  },
  dark: {
    ...shared,
    '--sfc-color-bg': '#1a1424',
    '--sfc-color-surface': '#251c33',
    '--sfc-color-text': '#f3eefa',
    '--sfc-color-muted': '#c6b8da',
    '--sfc-color-border': '#6a5a85',
    '--sfc-color-accent': '#c9a6ff',
    '--sfc-color-accent-hover': '#dcc4ff',
    '--sfc-color-accent-text': '#1a1030',
    '--sfc-color-focus': '#c9a6ff',
    '--sfc-color-info-bg': '#2a2040',
  },
};
