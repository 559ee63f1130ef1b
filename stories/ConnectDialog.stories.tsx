import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryAdapter } from '../src/adapters/memory.js';
import { ConnectButton } from '../src/components/ConnectButton.js';
import { ConnectDialog, type ConnectDialogFlow } from '../src/components/ConnectDialog.js';
import { ConnectError } from '../src/core/errors.js';
import { useSalesforceConnect } from '../src/hooks/useSalesforceConnect.js';
import { connectDialogMessagesDe } from '../src/messages/dialog.js';
import { page } from './flows/memory-flow.js';

/** The flow the dialog follows, as `useSalesforceConnect` returns it, in one state. */
const flow = (overrides: Partial<ConnectDialogFlow> = {}): ConnectDialogFlow => ({
  phase: 'authorizing',
  popupState: 'open',
  connection: { status: 'configured' },
  error: undefined,
  open: fn(),
  cancel: fn(),
  retry: fn(),
  focusPopup: fn(() => true),
  ...overrides,
});

const meta = {
  title: 'Components/ConnectDialog',
  component: ConnectDialog,
  args: {
    connect: flow(),
    defaultOpen: true,
    onOpenChange: fn(),
    errorValues: { callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback' },
    onGoToStep: fn(),
  },
  argTypes: {
    connect: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof ConnectDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The window is opening (blank until the authorize URL arrives). */
export const Opening: Story = { args: { connect: flow({ popupState: 'opening' }) } };

/** Waiting for the admin to sign in and allow access in the Salesforce window. */
export const Waiting: Story = {
  play: async ({ args }) => {
    const dialog = page().getByRole('dialog', { name: 'Waiting for Salesforce…' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Bring the window back' }));
    await expect(args.connect.focusPopup).toHaveBeenCalledTimes(1);
  },
};

/** The browser blocked the window: a fresh click on "Open Salesforce" opens it. */
export const Blocked: Story = {
  args: { connect: flow({ popupState: 'blocked' }) },
  play: async ({ args }) => {
    await userEvent.click(page().getByRole('button', { name: 'Open Salesforce' }));
    await expect(args.connect.retry).toHaveBeenCalledTimes(1);
  },
};

/** The admin closed the window; the kit waits a moment for a late answer. */
export const Closed: Story = { args: { connect: flow({ popupState: 'closed' }) } };

/** Salesforce answered; the connection is being saved. */
export const Finishing: Story = {
  args: { connect: flow({ phase: 'completing', popupState: 'none' }) },
};

/** The admin denied access. */
export const Denied: Story = {
  args: {
    connect: flow({
      phase: 'failed',
      popupState: 'none',
      error: new ConnectError('access_denied', 'end-user denied authorization', {
        salesforceError: 'access_denied',
        salesforceDescription: 'end-user denied authorization',
      }),
    }),
  },
  play: async ({ args }) => {
    await userEvent.click(page().getByRole('button', { name: 'Try again' }));
    await expect(args.connect.retry).toHaveBeenCalledTimes(1);
  },
};

/** A setup mistake: the fix, with the exact callback URL and a link to the guide step. */
export const CallbackUrlMismatch: Story = {
  args: {
    connect: flow({
      phase: 'failed',
      popupState: 'none',
      error: new ConnectError('redirect_uri_mismatch', 'redirect_uri must match configuration'),
    }),
  },
  play: async ({ args }) => {
    await userEvent.click(page().getByRole('link', { name: 'Show this step in the setup guide' }));
    await expect(args.onGoToStep).toHaveBeenCalledWith({ stepId: 'callback-url' });
    await expect(args.connect.cancel).toHaveBeenCalled();
  },
};

/** The window closed before Salesforce answered: "Open Salesforce" tries again. */
export const ClosedBeforeAnswer: Story = {
  args: {
    connect: flow({
      phase: 'failed',
      popupState: 'none',
      error: new ConnectError('popup_closed', 'The Salesforce window was closed.'),
    }),
  },
};

/** Connected. */
export const Connected: Story = {
  args: {
    connect: flow({
      phase: 'succeeded',
      popupState: 'none',
      connection: {
        status: 'connected',
        org: {
          id: '00D5g00000ACMEdEAA',
          name: 'Acme Corporation',
          instanceUrl: 'https://acme.my.salesforce.com',
        },
        user: { id: '005', username: 'admin@acme.example.com', displayName: 'Alex Admin' },
      },
    }),
  },
};

/** Opened before any attempt: one button opens Salesforce. */
export const Start: Story = {
  args: { connect: flow({ phase: 'idle', popupState: 'none' }) },
};

/** German. */
export const German: Story = { args: { messages: connectDialogMessagesDe } };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** 320 px wide. */
export const Narrow: Story = {
  args: { connect: flow({ popupState: 'blocked' }) },
  globals: { viewport: { value: 'mobile1' } },
};

function LiveDialog() {
  const [adapter] = useState(() =>
    createMemoryAdapter({ latencyMs: 300, initial: 'configured', autoCallbackMs: 1200 }),
  );
  const connect = useSalesforceConnect({ adapter });
  return (
    <div style={{ padding: '1rem' }}>
      <ConnectButton connect={connect} />
      <ConnectDialog connect={connect} />
    </div>
  );
}

/**
 * On the memory adapter: Connect opens a (blank) window, the dialog waits, the simulated
 * Salesforce answers a second later, and the dialog says Connected.
 */
export const Live: Story = {
  args: { defaultOpen: false },
  render: () => <LiveDialog />,
  play: async () => {
    const button = page().getByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toHaveAttribute('data-ready'), { timeout: 15_000 });
    await userEvent.click(button);
    await waitFor(
      () =>
        expect(page().getByRole('dialog')).toHaveAccessibleName('Connected to Acme Corporation'),
      { timeout: 15_000 },
    );
    await userEvent.click(page().getByRole('button', { name: 'Done' }));
    await expect(button).toHaveFocus();
  },
};
