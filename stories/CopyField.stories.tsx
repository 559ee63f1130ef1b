import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CopyField } from '../src/components/CopyField.js';
import { copyFieldMessagesDe } from '../src/messages/copyField.js';

const meta = {
  title: 'Components/CopyField',
  component: CopyField,
  args: {
    label: 'Callback URL',
    value: 'https://app.example.com/api/salesforce/oauth/callback',
    onCopy: fn(),
  },
} satisfies Meta<typeof CopyField>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** The clipboard accepted the value: the button says so and a live region announces it. */
export const Copied: Story = {
  beforeEach: () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    const writeText = fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    return () => {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    };
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Copy Callback URL' }));
    await expect(await canvas.findByText('Copied')).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Copied');
    await expect(args.onCopy).toHaveBeenCalledWith({ value: args.value, ok: true });
  },
};

/** The clipboard refused (no permission, insecure page): the value is selected for a manual copy. */
export const ClipboardRefused: Story = {
  beforeEach: () => {
    const writeText = fn(async (_text: string) => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    return () => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    };
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Copy Callback URL' }));
    await expect(
      await canvas.findByText('Select the text and copy it by hand'),
    ).toBeInTheDocument();
  },
};

/** The scope list a guide asks the admin to copy. */
export const Scopes: Story = {
  args: { label: 'Scope values', value: 'api refresh_token id' },
};

/** German words on the button and in the announcement. */
export const German: Story = {
  args: { messages: copyFieldMessagesDe },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Callback URL kopieren' })).toBeVisible();
  },
};

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
};

/** A long URL on the narrowest supported screen: the box scrolls, the button stays in view. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  args: {
    value:
      'https://integrations.app.example.com/api/v2/tenants/acme-corporation/salesforce/oauth/callback',
  },
  decorators: [
    (Story) => (
      <div style={{ maxInlineSize: 320 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector('[data-sfc-part="copy-field"]') as HTMLElement;
    const button = canvas.getByRole('button', { name: 'Copy Callback URL' });
    await expect(button.getBoundingClientRect().right).toBeLessThanOrEqual(
      root.getBoundingClientRect().right,
    );
  },
};
