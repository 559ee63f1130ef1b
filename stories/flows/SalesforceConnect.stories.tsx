import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import {
  connectAndExpectExplanation,
  connectAndWaitForSuccess,
  connectionStatus,
  exampleCredentials,
  fillAndSaveCredentials,
  flowMeta,
  flowTimeout,
  loadedAdapter,
  page,
  sandboxConnection,
  waitForSuccess,
} from './memory-flow.js';

/**
 * The all-in-one component on the memory adapter: the whole flow from an empty form to a
 * connected org, with a simulated Salesforce sign-in, no backend. Every story gets a fresh
 * adapter (`parameters.memoryAdapter` configures it); the Connect button opens a blank window
 * that Salesforce's simulated answer closes again about a second later.
 */
const meta = {
  ...flowMeta(),
  title: 'Flows/SalesforceConnect',
  argTypes: {
    ...flowMeta().argTypes,
    mode: { control: 'inline-radio', options: ['inline', 'dialog'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof SalesforceConnect>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Inline on a settings page, from nothing: the guide and the form; saving brings the Connect
 * button; Connect opens the (blank) Salesforce window, the simulated sign-in answers, and the
 * status says Connected.
 */
export const Inline: Story = {
  args: { mode: 'inline' },
  play: async ({ args, step }) => {
    await step('Empty: guide and credentials form', async () => {
      await waitFor(
        () => expect(connectionStatus()).toHaveTextContent('Not connected'),
        flowTimeout,
      );
      await expect(page().getByRole('textbox', { name: 'Login URL' })).toHaveValue('');
    });
    await step('Fill the form and save', async () => {
      await fillAndSaveCredentials();
      await waitFor(
        () => expect(connectionStatus()).toHaveTextContent('credentials saved'),
        flowTimeout,
      );
    });
    await step('Connect: the simulated Salesforce sign-in completes', async () => {
      await connectAndWaitForSuccess();
      await expect(args.onSuccess).toHaveBeenCalledTimes(1);
      await expect(connectionStatus()).toHaveTextContent('Acme Corporation');
    });
  },
};

/** The same flow behind one button, in a dialog; closing it returns focus to the trigger. */
export const Dialog: Story = {
  args: { mode: 'dialog' },
  parameters: { memoryAdapter: { initial: 'configured' } },
  play: async ({ args, step }) => {
    const trigger = page().getByRole('button', { name: 'Salesforce connection' });
    await step('Open the dialog', async () => {
      await userEvent.click(trigger);
      await expect(
        await page().findByRole('dialog', { name: 'Salesforce connection' }),
      ).toBeVisible();
    });
    await step('Connect inside the dialog', async () => {
      const dialog = within(page().getByRole('dialog', { name: 'Salesforce connection' }));
      await connectAndWaitForSuccess(dialog);
      await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    });
    await step('Close: focus goes back to the trigger', async () => {
      const dialog = await page().findByRole('dialog', { name: 'Salesforce connection' });
      await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(page().queryByRole('dialog')).toBeNull(), flowTimeout);
      await expect(trigger).toHaveFocus();
    });
  },
};

/** Production org, connected: org, instance, user, since; Disconnect (with confirmation). */
export const ConnectedProduction: Story = {
  parameters: { memoryAdapter: { initial: 'connected' } },
  play: async () => {
    await waitFor(() => expect(connectionStatus()).toHaveTextContent('Connected'), flowTimeout);
    await expect(page().queryByText('Sandbox')).toBeNull();
  },
};

/** A sandbox org (test.salesforce.com): the sandbox badge shows. */
export const ConnectedSandbox: Story = {
  parameters: {
    memoryAdapter: { initial: sandboxConnection },
  },
  play: async () => {
    await waitFor(() => expect(connectionStatus()).toHaveTextContent('Connected'), flowTimeout);
    await expect(page().getByText('Sandbox')).toBeVisible();
  },
};

/** Salesforce stopped accepting the saved authorization: Reconnect, then connected again. */
export const NeedsReauth: Story = {
  parameters: { memoryAdapter: { scenario: 'needs_reauth' } },
  play: async ({ loaded, step }) => {
    await step('Reconnect needed', async () => {
      await waitFor(
        () => expect(connectionStatus()).toHaveTextContent('Reconnect needed'),
        flowTimeout,
      );
    });
    await step('Reconnect: the same record connects again', async () => {
      // Signing in again gives Salesforce a fresh authorization to accept.
      loadedAdapter(loaded).setScenario('happy');
      await connectAndWaitForSuccess(page(), 'Reconnect to Salesforce');
    });
  },
};

/** Nothing saved yet: "Not connected", the guide and the empty form. */
export const Disconnected: Story = {
  play: async () => {
    await waitFor(() => expect(connectionStatus()).toHaveTextContent('Not connected'), flowTimeout);
  },
};

/**
 * Fill the form, connect, and Salesforce refuses the Consumer Secret (`invalid_client`): the
 * dialog explains it with fixes and a link to the guide step; the admin follows it, pastes the
 * key and the right secret again, saves and connects: connected.
 */
export const ErrorAndRecovery: Story = {
  parameters: { memoryAdapter: { scenario: 'invalid_client' } },
  play: async ({ loaded, step }) => {
    await step('Fill the form and save', async () => {
      await waitFor(
        () => expect(connectionStatus()).toHaveTextContent('Not connected'),
        flowTimeout,
      );
      await fillAndSaveCredentials();
    });
    await step('Connect: Salesforce refuses the secret, the kit explains', async () => {
      const dialog = await connectAndExpectExplanation('invalid_client');
      await userEvent.click(
        dialog.getByRole('link', { name: 'Show this step in the setup guide' }),
      );
      const stillOpen = page().queryByRole('dialog', { name: 'Could not connect to Salesforce' });
      if (stillOpen)
        await userEvent.click(within(stillOpen).getByRole('button', { name: 'Close' }));
    });
    await step('Paste the right secret, save', async () => {
      // The admin copies the right secret: from now on the simulated Salesforce accepts it.
      loadedAdapter(loaded).setScenario('happy');
      // Nothing typed was lost: the key is still in its box.
      await expect(page().getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(
        exampleCredentials.consumerKey,
      );
      await userEvent.click(
        await page().findByRole('button', { name: 'Replace Consumer Secret' }, flowTimeout),
      );
      await userEvent.click(page().getByLabelText('Consumer Secret'));
      await userEvent.paste('9876543210987654321');
      await userEvent.click(page().getByRole('button', { name: 'Save credentials' }));
      await expect(await page().findByText('Credentials saved.', {}, flowTimeout)).toBeVisible();
    });
    await step('Connect again: connected', async () => {
      await connectAndWaitForSuccess();
    });
  },
};

/**
 * The browser blocks the Salesforce window (here: `window.open` answers null once, as a popup
 * blocker does): the dialog offers "Open Salesforce", which opens it on a fresh click.
 */
export const PopupBlocked: Story = {
  parameters: { memoryAdapter: { initial: 'configured' } },
  beforeEach: () => {
    const original = window.open;
    let blocked = false;
    window.open = (...parameters: Parameters<typeof window.open>) => {
      if (!blocked) {
        blocked = true;
        return null;
      }
      return original.apply(window, parameters);
    };
    return () => {
      window.open = original;
    };
  },
  play: async ({ args, step }) => {
    await step('Connect: the browser blocks the window', async () => {
      await userEvent.click(
        await page().findByRole('button', { name: 'Connect to Salesforce' }, flowTimeout),
      );
      const dialog = await page().findByRole('dialog', {}, flowTimeout);
      await waitFor(
        () => expect(dialog).toHaveTextContent('The browser blocked the Salesforce window'),
        flowTimeout,
      );
    });
    await step('Open Salesforce: the window opens and the sign-in completes', async () => {
      const dialog = page().getByRole('dialog');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Open Salesforce' }));
      await waitForSuccess();
      await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    });
  },
};
