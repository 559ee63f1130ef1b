import type { Meta, Parameters, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
} from '../src/adapters/memory.js';
import { SalesforceConnections } from '../src/components/SalesforceConnections.js';
import { errorCatalogueEn } from '../src/core/error-catalogue.js';
import { localeDe } from '../src/messages/locales.js';
import { flowTimeout, page } from './flows/memory-flow.js';

const timeout = { timeout: 15_000 };

const production = {
  id: '00D5g00000ACMEdEAA',
  name: 'Acme Corporation',
  instanceUrl: 'https://acme.my.salesforce.com',
};
const sandbox = {
  id: '00D7Q000005UATxUAG',
  name: 'Acme UAT',
  instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
  isSandbox: true,
};
const user = {
  id: '0055g00000ADMNdAAB',
  username: 'admin@acme.example.com',
  displayName: 'Alex Admin',
};

/** Production (the default connection) and a UAT sandbox, both connected. */
const productionAndSandbox: MemoryAdapterOptions = {
  connections: { max: 3 },
  initial: { status: 'connected', name: 'Production', org: production, user },
  initialConnections: [
    { id: 'uat', name: 'UAT sandbox', initial: { status: 'connected', org: sandbox, user } },
  ],
};

/**
 * A fresh memory backend per story render, set by `parameters.memoryAdapter` (default:
 * production and a sandbox) over quick defaults, and the Salesforce popup answering by itself after 0.8 s.
 */
const loader = (context: { parameters: Parameters }) => ({
  adapter: createMemoryAdapter({
    latencyMs: 150,
    autoCallbackMs: 800,
    // Not merged with the meta's: a story's backend is all its own.
    ...((context.parameters.memoryAdapter as MemoryAdapterOptions | undefined) ??
      productionAndSandbox),
  }),
});

const meta = {
  title: 'Components/SalesforceConnections',
  component: SalesforceConnections,
  loaders: [loader],
  render: (args, { loaded }) => (
    <SalesforceConnections {...args} adapter={loaded.adapter as MemoryAdapter} />
  ),
  args: {
    adapter: createMemoryAdapter(),
    max: 3,
    onChange: fn(),
    connect: { setup: { storage: null } },
  },
  argTypes: {
    adapter: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof SalesforceConnections>;

export default meta;
type Story = StoryObj<typeof meta>;

const list = () => page().findByRole('list', { name: 'Salesforce connections' }, timeout);
const row = async (name: string) => within(await list()).findByRole('listitem', { name }, timeout);

/** No connection yet: a sentence saying so, and Add connection. */
export const Empty: Story = {
  parameters: { memoryAdapter: { connections: { max: 3 } } },
  play: async () => {
    await expect(
      await page().findByText(
        'No Salesforce org is connected yet. Add a connection to connect one.',
        {},
        timeout,
      ),
    ).toBeVisible();
    await expect(page().getByRole('button', { name: 'Add connection' })).not.toHaveAttribute(
      'aria-disabled',
    );
  },
};

/** Production and a UAT sandbox: the sandbox carries its badge; both are connected. */
export const ProductionAndSandbox: Story = {
  play: async () => {
    const uat = await row('UAT sandbox');
    await expect(uat).toHaveTextContent('Sandbox');
    await expect(uat).toHaveTextContent('Connected');
    await expect(await row('Production')).not.toHaveTextContent('Sandbox');
  },
};

/** At `max`: Add connection stays focusable, does nothing, and says why. */
export const AtMax: Story = {
  args: { max: 2 },
  play: async () => {
    await list();
    const add = page().getByRole('button', { name: 'Add connection' });
    await expect(add).toHaveAttribute('aria-disabled', 'true');
    await expect(add).toHaveAccessibleDescription(
      'You have 2 connections, the most allowed. Remove one to add another.',
    );
  },
};

/** Rename by keyboard; an empty name is refused beside the input, and Escape backs out. */
export const RenameError: Story = {
  play: async () => {
    const uat = within(await row('UAT sandbox'));
    uat.getByRole('button', { name: 'Rename' }).focus();
    await userEvent.keyboard('{Enter}');
    const input = page().getByRole('textbox', { name: 'Connection name' });
    await waitFor(() => expect(input).toHaveFocus());
    await userEvent.clear(input);
    await userEvent.type(input, '   {Enter}');
    await waitFor(() => expect(input).toHaveAccessibleDescription('Give the connection a name.'));
    await expect(input).toHaveValue('   ');
    await expect(input).toHaveFocus();
  },
};

/** Rename saved with Enter: focus returns to Rename and the change is announced. */
export const RenameSaved: Story = {
  play: async () => {
    const uat = within(await row('UAT sandbox'));
    uat.getByRole('button', { name: 'Rename' }).focus();
    await userEvent.keyboard('{Enter}');
    const input = page().getByRole('textbox', { name: 'Connection name' });
    await userEvent.clear(input);
    await userEvent.type(input, 'UAT (March refresh){Enter}');
    const renamed = within(await row('UAT (March refresh)'));
    await waitFor(
      () => expect(renamed.getByRole('button', { name: 'Rename' })).toHaveFocus(),
      timeout,
    );
  },
};

/** Remove asks first, naming the connection; by keyboard, then focus moves on. */
export const RemoveConfirm: Story = {
  play: async ({ args }) => {
    const prod = within(await row('Production'));
    prod.getByRole('button', { name: 'Remove' }).focus();
    await userEvent.keyboard('{Enter}');
    const confirm = page().getByRole('group', { name: 'Remove “Production”?' });
    await expect(confirm).toHaveAccessibleDescription(/Salesforce access for it stops/);
    await waitFor(() =>
      expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(prod.getByRole('button', { name: 'Remove' })).toHaveFocus());
    await userEvent.keyboard(' ');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    const uat = within(await row('UAT sandbox'));
    await waitFor(() => expect(uat.getByRole('button', { name: 'Rename' })).toHaveFocus(), timeout);
    await expect(args.onChange).toHaveBeenCalledWith({ type: 'removed', connectionId: 'default' });
  },
};

/** Waiting for the backend's first answer. */
export const Loading: Story = {
  parameters: { memoryAdapter: { ...productionAndSandbox, latencyMs: 3_600_000 } },
  play: async () => {
    await expect(
      await page().findByText('Loading your Salesforce connections…', {}, timeout),
    ).toBeVisible();
  },
};

/**
 * The sign-in of a new connection lands in the org Production already uses: the backend refuses
 * it (`duplicate_org`) and the list explains why beside Add connection.
 */
export const DuplicateOrgError: Story = {
  parameters: {
    memoryAdapter: {
      ...productionAndSandbox,
      initialConnections: [
        ...(productionAndSandbox.initialConnections ?? []),
        { id: 'emea', name: 'EMEA', initial: 'configured' },
      ],
      // EMEA's sign-in lands in Production's org.
      orgFor: (id: string) => (id === 'emea' ? production : undefined),
    },
  },
  play: async () => {
    const emea = within(await row('EMEA'));
    await userEvent.click(emea.getByRole('button', { name: 'Connect' }));
    const dialog = within(await page().findByRole('dialog', { name: 'Connect “EMEA”' }, timeout));
    await userEvent.click(
      await dialog.findByRole('button', { name: 'Connect to Salesforce' }, flowTimeout),
    );
    const title = errorCatalogueEn.errors.duplicate_org.title;
    await expect(await page().findByRole('heading', { name: title }, flowTimeout)).toBeVisible();
    await waitFor(() => expect(page().queryByRole('dialog')).toBeNull(), flowTimeout);
  },
};

/** German throughout. */
export const German: Story = {
  args: { messages: localeDe, max: 2 },
  play: async () => {
    const list = await page().findByRole('list', { name: 'Salesforce-Verbindungen' }, timeout);
    await expect(within(list).getByRole('listitem', { name: 'UAT sandbox' })).toHaveTextContent(
      'Verbunden',
    );
    await expect(page().getByRole('button', { name: 'Verbindung hinzufügen' })).toBeVisible();
  },
};

/** The dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  play: async () => {
    await row('UAT sandbox');
  },
};
