import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { errorCatalogueEn } from '../../src/core/error-catalogue.js';
import { CONNECT_ERROR_CODES } from '../../src/core/errors.js';
import { errorCatalogueDe } from '../../src/core/locales/de.js';
import { ErrorCataloguePage } from './ErrorCatalogue.js';
import { ThemePlayground } from './ThemePlayground.js';
import { themeTokens } from './theme-data.js';

/**
 * The live parts of the Theming and Errors pages, as stories so the Storybook test run renders
 * them in Chromium, runs axe on them and checks they work. Hidden from the sidebar: designers
 * meet them on the docs pages.
 */
const meta = {
  title: 'Docs/Blocks',
  tags: ['!dev', '!autodocs'],
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The token table lists the CSS's tokens, and a typed value re-themes the real components. */
export const ThemeTokens: Story = {
  render: () => <ThemePlayground />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const name of ['--sfc-color-accent', '--sfc-color-bg', '--sfc-font', '--sfc-radius']) {
      await expect(themeTokens.map((token) => token.name)).toContain(name);
    }
    const accent = themeTokens.find((token) => token.name === '--sfc-color-accent');
    await expect(accent?.dark).toBeDefined();

    // Transitions off through the kit's own token, so colours are final when read.
    await userEvent.type(canvas.getByLabelText('Value for --sfc-duration'), '0s');
    const save = canvas.getByRole('button', { name: 'Save credentials' });
    const before = getComputedStyle(save).backgroundColor;
    await userEvent.type(canvas.getByLabelText('Value for --sfc-color-accent'), '#6b2fb3');
    await expect(getComputedStyle(save).backgroundColor).toBe('rgb(107, 47, 179)');
    await expect(before).not.toBe('rgb(107, 47, 179)');
    await expect(canvas.getByTestId('theme-css')).toHaveTextContent('--sfc-color-accent: #6b2fb3;');

    await userEvent.clear(canvas.getByLabelText('Value for --sfc-color-accent'));
    await expect(getComputedStyle(save).backgroundColor).toBe(before);
    await userEvent.click(canvas.getByRole('button', { name: 'Reset every value' }));
    await expect(canvas.getByLabelText('Value for --sfc-duration')).toHaveValue('');
  },
};

/** Every code, in English and German, straight from core's catalogues. */
export const ErrorCatalogueTable: Story = {
  render: () => <ErrorCataloguePage />,
  play: async ({ canvasElement }) => {
    const sections = canvasElement.querySelectorAll('section[id^="error-"]');
    await expect(sections).toHaveLength(CONNECT_ERROR_CODES.length);
    const invalidClient = within(
      canvasElement.querySelector<HTMLElement>('#error-invalid_client')!,
    );
    await expect(
      invalidClient.getByRole('link', { name: 'scenario invalid_client' }),
    ).toHaveAttribute('href', './?path=/story/flows-scenarios--invalid-client');
    await expect(
      invalidClient.getByText(errorCatalogueEn.errors.invalid_client.title),
    ).toBeVisible();
    await expect(
      invalidClient.getByText(errorCatalogueDe.errors.invalid_client.title),
    ).toBeVisible();
    await expect(canvasElement.querySelectorAll('[data-locale="de"]')).toHaveLength(
      CONNECT_ERROR_CODES.length,
    );
  },
};
