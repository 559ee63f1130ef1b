import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectionStatus } from '../src/components/ConnectionStatus.js';
import { ConnectError } from '../src/core/errors.js';
import type { Connection } from '../src/core/types.js';
import { connectionStatusMessagesDe } from '../src/messages/status.js';

const connected: Connection = {
  status: 'connected',
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKeyHint: 'Qx7W',
  org: {
    id: '00D5g00000ACMEdEAA',
    name: 'Acme Corporation',
    instanceUrl: 'https://acme.my.salesforce.com',
    isSandbox: false,
  },
  user: { id: '0055g00000ADMNdAAB', username: 'admin@acme.example.com', displayName: 'Alex Admin' },
  connectedAt: '2026-03-04T09:30:00.000Z',
};

const meta = {
  title: 'Components/ConnectionStatus',
  component: ConnectionStatus,
  args: { connection: { status: 'disconnected' }, onDisconnect: fn(), onReconnect: fn() },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof ConnectionStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

const statusText = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('status').textContent;

/** Waiting for the backend's first answer. */
export const Loading: Story = { args: { connection: undefined } };

/** Nothing saved yet. */
export const Disconnected: Story = {
  play: async ({ canvasElement }) => {
    await expect(statusText(canvasElement)).toBe('Not connected');
  },
};

/** Credentials saved, not connected yet. */
export const Configured: Story = {
  args: { connection: { status: 'configured', consumerKeyHint: 'Qx7W', hasConsumerSecret: true } },
};

/** Credentials saved, and the backend's check found a problem to fix before connecting. */
export const ConfiguredWithPreflightFinding: Story = {
  args: {
    connection: {
      status: 'configured',
      error: { code: 'redirect_uri_mismatch', message: 'redirect_uri must match configuration' },
    },
    errorValues: { callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback' },
  },
};

/** The Salesforce window is open. */
export const Connecting: Story = {
  args: { connection: { status: 'configured' }, connecting: true },
};

/** Connected: org, instance, user and since when. */
export const Connected: Story = {
  args: { connection: connected },
  play: async ({ canvasElement }) => {
    await expect(statusText(canvasElement)).toBe('Connected to Acme Corporation');
    await expect(within(canvasElement).getByText('ends in MEdEAA')).toBeVisible();
  },
};

/**
 * A sandbox that carries production's name: the org id's ending and the Sandbox badge tell the
 * two apart (compare with Connected).
 */
export const SandboxNamedLikeProduction: Story = {
  args: {
    connection: {
      ...connected,
      org: {
        id: '00D7X0000009UATeAA',
        name: 'Acme Corporation',
        instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
        isSandbox: true,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(statusText(canvasElement)).toBe('Connected to Acme Corporation');
    await expect(canvas.getByText('ends in UATeAA')).toBeVisible();
    await expect(canvas.getByText('Sandbox')).toBeVisible();
  },
};

/** A sandbox org without a name: the id stands in, and a badge marks the sandbox. */
export const ConnectedSandbox: Story = {
  args: {
    connection: {
      ...connected,
      org: {
        id: '00D7X0000009UATeAA',
        instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
        isSandbox: true,
      },
    },
  },
};

/** Salesforce revoked the authorization: Reconnect reuses the saved credentials. */
export const NeedsReauth: Story = {
  args: {
    connection: {
      ...connected,
      status: 'needs_reauth',
      error: {
        code: 'invalid_grant',
        message: 'expired access/refresh token',
        salesforceError: 'invalid_grant',
      },
    },
  },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Reconnect' }));
    await expect(args.onReconnect).toHaveBeenCalledTimes(1);
  },
};

/** The backend reports an error with the connection. */
export const ErrorState: Story = {
  name: 'Error',
  args: {
    connection: {
      status: 'error',
      error: { code: 'inactive_org', message: 'inactive organization' },
    },
  },
};

/** The connection could not even be loaded. */
export const LoadFailed: Story = {
  args: { connection: undefined, error: new ConnectError('network', 'Failed to fetch') },
};

/** Disconnect asks first; focus goes to the safe choice. */
export const DisconnectConfirmation: Story = {
  args: { connection: connected },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect' }));
    const confirm = canvas.getByRole('group', { name: 'Disconnect from Salesforce?' });
    await expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await expect(args.onDisconnect).not.toHaveBeenCalled();
  },
};

/** The disconnect is under way. */
export const Disconnecting: Story = { args: { connection: connected, disconnecting: true } };

/** German, with a German date. */
export const German: Story = {
  args: { connection: connected, messages: connectionStatusMessagesDe },
};

/** Dark theme. */
export const Dark: Story = {
  args: { connection: connected },
  render: (args) => (
    <div className="sfc-scope" data-theme="dark" style={{ padding: '1rem' }}>
      <ConnectionStatus {...args} />
    </div>
  ),
};

/** Right to left. */
export const RightToLeft: Story = {
  args: { connection: connected },
  render: (args) => (
    <div dir="rtl">
      <ConnectionStatus {...args} />
    </div>
  ),
};

/** 320 px wide. */
export const Narrow: Story = {
  args: { connection: connected },
  render: (args) => (
    <div style={{ inlineSize: 320 }}>
      <ConnectionStatus {...args} />
    </div>
  ),
};
