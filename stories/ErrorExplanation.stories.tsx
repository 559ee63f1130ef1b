import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ErrorExplanation } from '../src/components/ErrorExplanation.js';
import { CONNECT_ERROR_CODES, ConnectError } from '../src/core/errors.js';
import {
  errorCataloguesByLocale,
  errorExplanationMessagesDe,
} from '../src/messages/errorExplanation.js';

const values = {
  callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback',
  loginUrl: 'https://acme.my.salesforce.com',
  appName: 'Example App Salesforce Connector',
};

const meta = {
  title: 'Components/ErrorExplanation',
  component: ErrorExplanation,
  args: {
    error: new ConnectError('redirect_uri_mismatch', 'redirect_uri must match configuration', {
      salesforceError: 'redirect_uri_mismatch',
      salesforceDescription: 'redirect_uri must match configuration',
    }),
    values,
    onRetry: fn(),
    onGoToStep: fn(),
  },
  argTypes: { error: { control: false } },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof ErrorExplanation>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A fix made in Salesforce: numbered steps with the exact callback URL, and a guide link. */
export const CallbackUrlMismatch: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('link', { name: 'Show this step in the setup guide' }));
    await expect(args.onGoToStep).toHaveBeenCalledWith({ stepId: 'callback-url' });
    // Not fixed by trying again: no Try again button.
    await expect(canvas.queryByRole('button', { name: 'Try again' })).toBeNull();
  },
};

/** Something trying again can fix. */
export const Retryable: Story = {
  args: { error: new ConnectError('network', 'Failed to fetch') },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

/** The admin pastes the address of Salesforce's error page and gets it explained. */
export const PastedErrorPage: Story = {
  args: { error: 'popup_closed' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText(/Paste its address or text/));
    await userEvent.click(
      canvas.getByRole('textbox', { name: 'Address or text of the Salesforce error page' }),
    );
    await userEvent.paste(
      'https://acme.my.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client_id&error_description=client%20identifier%20invalid',
    );
    await expect(
      await canvas.findByText('Salesforce said: “client identifier invalid”'),
    ).toBeVisible();
  },
};

/**
 * A fix only the Salesforce admin can make: the explanation says so and offers the instructions
 * as text to send them. Here Salesforce's page said only OAUTH_AUTHORIZATION_BLOCKED.
 */
export const AdminMustAct: Story = {
  args: {
    error: new ConnectError('app_not_installed', 'Salesforce refused the request', {
      salesforceError: 'OAUTH_AUTHORIZATION_BLOCKED',
      salesforceDescription: 'OAUTH_AUTHORIZATION_BLOCKED',
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Your Salesforce admin fixes this in Setup/)).toBeVisible();
    await expect(
      canvas.getByRole('button', { name: 'Copy instructions for your Salesforce admin' }),
    ).toBeVisible();
  },
};

/** The Login URL leads to another org than the app's: the person connecting fixes it. */
export const AppInAnotherOrg: Story = {
  args: {
    error: new ConnectError('app_not_found', 'Salesforce refused the request', {
      salesforceError: 'OAUTH_EC_APP_NOT_FOUND',
      salesforceDescription: 'External client app is not installed in this org',
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText(/^Most likely, the Login URL points at another org/),
    ).toBeVisible();
    await expect(canvas.getByText('You can fix this yourself, here.')).toBeVisible();
  },
};

/** Pasted text that is not a Salesforce error. */
export const PastedUnknownText: Story = {
  args: { error: 'popup_closed' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText(/Paste its address or text/));
    await userEvent.type(canvas.getByRole('textbox'), 'the page was white');
    await expect(await canvas.findByText('We could not recognise that text')).toBeVisible();
  },
};

/** The compact form used in the connection status. */
export const Summary: Story = { args: { error: 'invalid_client_id', summary: true } };

/** German. */
export const German: Story = {
  args: {
    messages: errorExplanationMessagesDe,
    catalogue: errorCataloguesByLocale.de,
  },
};

/** Every error the kit can explain, as the admin reads it. */
export const EveryError: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '2rem' }}>
      {CONNECT_ERROR_CODES.map((code) => (
        <ErrorExplanation key={code} {...args} error={code} pasteHelp={false} headingLevel={2} />
      ))}
    </div>
  ),
};

/** Dark theme. */
export const Dark: Story = {
  render: (args) => (
    <div className="sfc-scope" data-theme="dark" style={{ padding: '1rem' }}>
      <ErrorExplanation {...args} />
    </div>
  ),
};
