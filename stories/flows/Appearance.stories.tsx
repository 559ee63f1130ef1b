import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { exampleBrand } from '../../.storybook/brand.js';
import type { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { errorCatalogueDe } from '../../src/core/locales/de.js';
import { flowMeta, flowTimeout, page } from './memory-flow.js';

/**
 * The whole component under each toolbar setting — dark, right to left, German, the example
 * brand, 320 px — so every one of them is rendered and checked by axe (contrast included) in the
 * test run, not only when a designer flips the toolbar. Credentials are saved and the backend's
 * check found a problem, so the status, its explanation, the Connect button and (folded) the
 * guide and form are all on screen.
 */
const meta = {
  ...flowMeta(),
  title: 'Flows/Appearance',
  tags: ['!autodocs'],
  parameters: {
    layout: 'padded',
    memoryAdapter: { initial: 'configured', scenario: 'redirect_uri_mismatch' },
  },
} satisfies Meta<typeof SalesforceConnect>;

export default meta;
type Story = StoryObj<typeof meta>;

const kitRoot = () => document.querySelector<HTMLElement>('[data-sfc-part="salesforce-connect"]')!;

/** The rgb() string the browser computes for a hex colour. */
function rgb(hex: string) {
  const probe = document.createElement('span');
  probe.style.color = hex;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

const connectButton = (name = 'Connect to Salesforce') =>
  page().findByRole('button', { name }, flowTimeout);

/** Dark theme: the page and the kit take the dark tokens. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async () => {
    await connectButton();
    await expect(getComputedStyle(document.body).backgroundColor).toBe(rgb('#15171d'));
    await expect(getComputedStyle(kitRoot()).color).toBe(rgb('#eef0f5'));
  },
};

/** Right to left: the layout mirrors through logical properties. */
export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  play: async () => {
    await connectButton();
    await expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    await expect(getComputedStyle(kitRoot()).direction).toBe('rtl');
  },
};

/** German: every group of strings from the locale's messages, the explanation included. */
export const German: Story = {
  globals: { locale: 'de' },
  play: async () => {
    await connectButton('Mit Salesforce verbinden');
    await expect(document.documentElement).toHaveAttribute('lang', 'de');
    await expect(
      page().getByRole('heading', { name: errorCatalogueDe.errors.redirect_uri_mismatch.title }),
    ).toBeVisible();
  },
};

/** The example brand: only `--sfc-*` properties change, and the kit follows them. */
export const Brand: Story = {
  globals: { brand: 'example' },
  play: async () => {
    const button = await connectButton();
    await expect(getComputedStyle(button).backgroundColor).toBe(
      rgb(exampleBrand.light['--sfc-color-accent'] ?? ''),
    );
    await expect(getComputedStyle(document.body).backgroundColor).toBe(
      rgb(exampleBrand.light['--sfc-color-bg'] ?? ''),
    );
  },
};

/** The example brand in the dark: its own dark set of colours. */
export const BrandDark: Story = {
  globals: { brand: 'example', theme: 'dark' },
  play: async () => {
    const button = await connectButton();
    await expect(getComputedStyle(button).backgroundColor).toBe(
      rgb(exampleBrand.dark['--sfc-color-accent'] ?? ''),
    );
  },
};

/** The narrowest supported screen, 320 px: nothing sticks out sideways. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  play: async () => {
    await connectButton();
    await expect(window.innerWidth).toBe(320);
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
  },
};

/**
 * Dark, right to left and German at once, in dialog mode: the dialog lives in a portal outside
 * the story's root and still takes the theme, the direction and the language.
 */
export const DialogDarkRightToLeftGerman: Story = {
  globals: { theme: 'dark', dir: 'rtl', locale: 'de' },
  args: { mode: 'dialog' },
  play: async () => {
    await userEvent.click(page().getByRole('button', { name: 'Salesforce-Verbindung' }));
    const dialog = await page().findByRole('dialog', { name: 'Salesforce-Verbindung' });
    await within(dialog).findByRole('button', { name: 'Mit Salesforce verbinden' }, flowTimeout);
    await waitFor(() => expect(getComputedStyle(dialog).direction).toBe('rtl'));
    await expect(getComputedStyle(dialog).backgroundColor).not.toBe(rgb('#ffffff'));
    await expect(getComputedStyle(dialog).color).toBe(rgb('#eef0f5'));
  },
};
