import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import { ErrorExplanation } from '../../src/components/ErrorExplanation.js';
import {
  SalesforceConnect,
  type SalesforceConnectProps,
} from '../../src/components/SalesforceConnect.js';
import {
  type ClientCredentialsBackendOptions,
  createClientCredentialsBackend,
} from './client-credentials-backend.js';
import { connectionStatus, exampleCredentials, flowTimeout, page } from './memory-flow.js';

type Parameters = {
  /** The memory adapter's options: its client credentials scenarios, its starting connection. */
  memoryAdapter?: MemoryAdapterOptions;
  /** The in-page backend instead, for what the memory adapter cannot hold (a Connect in flight). */
  clientCredentials?: ClientCredentialsBackendOptions;
};

/** A connection saved for this flow on the org's My Domain, as the memory adapter's start. */
const savedForThisFlow = {
  status: 'configured',
  flow: 'client-credentials',
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKeyHint: 'Qx7W',
  hasConsumerSecret: true,
} as const;

/**
 * `<SalesforceConnect flow="client-credentials">`: the backend connects on its own, server to
 * server, as the app's Run As user. No Salesforce window opens. The guide turns on "Enable Client
 * Credentials Flow" and asks for the Run As user; the form takes the My Domain URL only; the status
 * shows "Runs as". Each story gets a fresh in-page backend (`parameters.clientCredentials`) that
 * answers Connect with the outcome set: a token, or one of the refusals the kit explains.
 */
const meta = {
  title: 'Flows/ClientCredentials',
  component: SalesforceConnect,
  loaders: [
    ({ parameters }: { parameters: Parameters }) => ({
      backend: parameters.clientCredentials
        ? createClientCredentialsBackend({ latencyMs: 250, ...parameters.clientCredentials })
        : createMemoryAdapter({
            latencyMs: 250,
            initial: savedForThisFlow,
            user: { username: 'integration@acme.example', displayName: 'Acme Integration' },
            ...parameters.memoryAdapter,
          }),
    }),
  ],
  render: (args, { loaded }) => (
    <SalesforceConnect {...args} adapter={loaded.backend as SalesforceConnectProps['adapter']} />
  ),
  args: {
    // Replaced in `render` by the loader's fresh backend; here for the props table.
    adapter: createClientCredentialsBackend(),
    flow: 'client-credentials',
    setup: { storage: null },
    onSuccess: fn(),
    onExit: fn(),
  },
  argTypes: { adapter: { control: false } },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof SalesforceConnect>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The form in this mode: the box asks for the My Domain URL. https://login.salesforce.com is
 * refused beside it (the flow does not work there), and every typed value stays.
 */
export const GenericHostRefused: Story = {
  parameters: { memoryAdapter: { initial: 'disconnected' } },
  play: async ({ step }) => {
    const box = await page().findByRole('textbox', { name: 'My Domain URL' }, flowTimeout);
    await step('Type the generic login host, key and secret, and save', async () => {
      await userEvent.type(box, 'login.salesforce.com');
      await userEvent.click(page().getByRole('textbox', { name: 'Consumer Key' }));
      await userEvent.paste(exampleCredentials.consumerKey);
      await userEvent.click(page().getByLabelText('Consumer Secret'));
      await userEvent.paste(exampleCredentials.consumerSecret);
      await userEvent.click(page().getByRole('button', { name: 'Save credentials' }));
    });
    await step('Refused beside the box, nothing lost', async () => {
      await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'), flowTimeout);
      await expect(box).toHaveAccessibleDescription(/does not work on login\.salesforce\.com/);
      await expect(box).toHaveValue('login.salesforce.com');
      await expect(page().getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(
        exampleCredentials.consumerKey,
      );
    });
  },
};

/** Connect while the backend asks Salesforce for a token: "Connecting…", no window. */
export const Connecting: Story = {
  parameters: { clientCredentials: { connectLatencyMs: 600_000 } },
  play: async () => {
    const button = await page().findByRole(
      'button',
      { name: 'Connect to Salesforce' },
      flowTimeout,
    );
    await waitFor(() => expect(button).toBeEnabled(), flowTimeout);
    await userEvent.click(button);
    const dialog = await page().findByRole('dialog', { name: 'Connecting…' }, flowTimeout);
    await expect(dialog).toHaveAccessibleDescription(/No Salesforce window opens/);
  },
};

/** Connected: the status names the org and the app's Run As user ("Runs as"). */
export const ConnectedRunAs: Story = {
  parameters: {
    memoryAdapter: {
      latencyMs: 0,
      initial: {
        ...savedForThisFlow,
        status: 'connected',
        org: {
          id: '00D5g000004ACMEAAO',
          name: 'Acme Corporation',
          instanceUrl: 'https://acme.my.salesforce.com',
        },
        user: {
          id: '0055g00000INTGRAAB',
          username: 'integration@acme.example',
          displayName: 'Acme Integration',
        },
      },
    },
  },
  play: async () => {
    await waitFor(
      () => expect(connectionStatus()).toHaveTextContent('Acme Corporation'),
      flowTimeout,
    );
    await expect(page().getByText('Runs as')).toBeVisible();
    await expect(page().queryByText('User')).toBeNull();
  },
};

/** Connect from saved credentials: "Connecting…", then "Runs as" in the dialog and the status. */
export const ConnectRunsAs: Story = {
  play: async ({ args }) => {
    const button = await page().findByRole(
      'button',
      { name: 'Connect to Salesforce' },
      flowTimeout,
    );
    await waitFor(() => expect(button).toBeEnabled(), flowTimeout);
    await userEvent.click(button);
    const dialog = await page().findByRole(
      'dialog',
      { name: 'Connected to Acme Corporation' },
      flowTimeout,
    );
    await expect(dialog).toHaveAccessibleDescription('Runs as Acme Integration.');
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await expect(page().getByText('Runs as')).toBeVisible();
  },
};

const explains = (code: string) => async () => {
  const button = await page().findByRole('button', { name: 'Connect to Salesforce' }, flowTimeout);
  await waitFor(() => expect(button).toBeEnabled(), flowTimeout);
  await userEvent.click(button);
  const dialog = await page().findByRole(
    'dialog',
    { name: 'Could not connect to Salesforce' },
    flowTimeout,
  );
  const explanation = dialog.querySelector('[data-sfc-part="error-explanation"]');
  await expect(explanation).toHaveAttribute('data-state', code);
  await expect(within(explanation as HTMLElement).getAllByRole('listitem').length).toBeGreaterThan(
    0,
  );
};

/** The app's "Enable Client Credentials Flow" is off: explained, with where to tick it. */
export const FlowNotEnabled: Story = {
  parameters: { memoryAdapter: { scenario: 'client_credentials_disabled' } },
  play: explains('client_credentials_disabled'),
};

/** The app has no Run As user: explained, with where to choose one. */
export const NoRunAsUser: Story = {
  parameters: { memoryAdapter: { scenario: 'run_as_user_missing' } },
  play: explains('run_as_user_missing'),
};

/** The Run As user is inactive: explained, with reactivating or choosing another. */
export const RunAsUserInactive: Story = {
  parameters: { memoryAdapter: { scenario: 'run_as_user_inactive' } },
  play: explains('run_as_user_inactive'),
};

/** The Run As user may not use the API: explained, with the permission to give. */
export const RunAsUserWithoutApi: Story = {
  parameters: { memoryAdapter: { scenario: 'run_as_user_no_api' } },
  play: explains('run_as_user_no_api'),
};

/**
 * The backend's refusal of a generic login host (`generic_login_host`), as ErrorExplanation
 * explains it where a form of one's own lets it through.
 */
export const GenericLoginHostExplained: Story = {
  render: () => (
    <ErrorExplanation
      error="generic_login_host"
      values={{ loginUrl: 'https://login.salesforce.com', appName: 'Acme Sync' }}
    />
  ),
  play: async ({ canvasElement }) => {
    const explanation = canvasElement.querySelector('[data-sfc-part="error-explanation"]');
    await expect(explanation).toHaveAttribute('data-state', 'generic_login_host');
    await expect(explanation?.textContent).toContain('My Domain');
  },
};
