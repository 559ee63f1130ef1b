import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { createMemoryAdapter } from '../src/adapters/memory.js';
import { SalesforceConnect } from '../src/components/SalesforceConnect.js';
import { localeDe } from '../src/messages/locales.js';
import {
  loadedAdapter,
  memoryAdapterLoader,
  page,
  connectionStatus as status,
} from './flows/memory-flow.js';

const timeout = { timeout: 15_000 };

/**
 * Each story gets its own memory backend (no story sees another's saved credentials), set by
 * `parameters.memoryAdapter` on top of this file's slower defaults.
 */
const meta = {
  title: 'Components/SalesforceConnect',
  component: SalesforceConnect,
  loaders: [memoryAdapterLoader],
  render: (args, { loaded }) => <SalesforceConnect {...args} adapter={loadedAdapter(loaded)} />,
  args: {
    adapter: createMemoryAdapter(),
    setup: { storage: null },
    onSuccess: fn(),
    onExit: fn(),
  },
  argTypes: {
    adapter: { control: false },
    mode: { control: 'inline-radio', options: ['inline', 'dialog'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  parameters: { layout: 'padded', memoryAdapter: { latencyMs: 300, autoCallbackMs: 1200 } },
} satisfies Meta<typeof SalesforceConnect>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing saved: the guide, fed by the backend's setup info, and the credentials form. */
export const NotConfigured: Story = {
  play: async () => {
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'), timeout);
    await expect(page().getByRole('textbox', { name: 'Login URL' })).toBeVisible();
  },
};

/** Credentials saved: Connect to Salesforce, the guide folded away. */
export const Configured: Story = {
  parameters: { memoryAdapter: { initial: 'configured' } },
  play: async ({ args }) => {
    const button = await page().findByRole('button', { name: 'Connect to Salesforce' }, timeout);
    await waitFor(() => expect(button).toHaveAttribute('data-ready'), timeout);
    await userEvent.click(button);
    await waitFor(
      () =>
        expect(page().getByRole('dialog')).toHaveAccessibleName('Connected to Acme Corporation'),
      timeout,
    );
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await userEvent.click(page().getByRole('button', { name: 'Done' }));
    await expect(status()).toHaveTextContent('Connected to Acme Corporation');
  },
};

/** Connected: the status with Disconnect. */
export const Connected: Story = {
  parameters: { memoryAdapter: { initial: 'connected' } },
  play: async () => {
    await waitFor(() => expect(status()).toHaveTextContent('Connected'), timeout);
  },
};

/** Salesforce revoked the authorization: Reconnect to Salesforce. */
export const NeedsReauth: Story = {
  parameters: { memoryAdapter: { initial: 'needs_reauth' } },
  play: async () => {
    await expect(
      await page().findByRole('button', { name: 'Reconnect to Salesforce' }, timeout),
    ).toBeVisible();
  },
};

/** The backend's check of the saved credentials failed: the fix is shown with the status. */
export const PreflightFinding: Story = {
  parameters: { memoryAdapter: { initial: 'configured', scenario: 'invalid_client_id' } },
  play: async () => {
    await waitFor(() => expect(status()).toHaveTextContent('credentials saved'), timeout);
    await expect(
      page().getByRole('link', { name: 'Show this step in the setup guide' }),
    ).toBeVisible();
  },
};

/** Behind one button, in a dialog. */
export const DialogMode: Story = {
  args: { mode: 'dialog' },
  parameters: { memoryAdapter: { initial: 'connected' } },
  play: async () => {
    await userEvent.click(page().getByRole('button', { name: 'Salesforce connection' }));
    await waitFor(() => expect(status()).toHaveTextContent('Connected'), timeout);
  },
};

/** German throughout. */
export const German: Story = {
  args: {
    messages: localeDe,
  },
  play: async () => {
    await waitFor(
      () =>
        expect(page().getByRole('status', { name: /verbunden/i })).toHaveTextContent(
          'Nicht verbunden',
        ),
      timeout,
    );
    await expect(page().getByRole('textbox', { name: 'Login-URL' })).toBeVisible();
  },
};

/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { memoryAdapter: { initial: 'configured' }, backgrounds: { value: 'dark' } },
  play: async () => {
    await page().findByRole('button', { name: 'Connect to Salesforce' }, timeout);
  },
};
