import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { type ConnectionFieldDefinitions, defineConnectionFields } from '../../src/core/fields.js';
import { presets } from '../../src/core/guide/presets.js';

/**
 * The integrator's own fields on the connection (`defineConnectionFields`): one story per kind,
 * each also with its error, the connection name, and the presets of seeds 002 and 003.
 */
const meta = {
  title: 'Components/CredentialsForm/Connection fields',
  component: CredentialsForm,
  tags: ['!autodocs'],
  args: { adapter: createMemoryAdapter({ latencyMs: 0 }), onSaved: fn() },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof CredentialsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const text = defineConnectionFields({
  workspace: {
    kind: 'text',
    label: 'Workspace',
    description: 'The workspace id shown in your account settings.',
    required: true,
    maxLength: 12,
  },
});
const list = defineConnectionFields({
  companies: presets.connectedAppDeviceFlowFullAccess.connectionFields.companies,
});
const select = defineConnectionFields({
  region: {
    kind: 'select',
    label: 'Region',
    description: 'Where your data is kept.',
    required: true,
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
});
const checkbox = defineConnectionFields({
  consent: {
    kind: 'checkbox',
    label: 'Collect data for deleted users too',
    description: 'Required by the audit report.',
    required: true,
  },
});
const secret = defineConnectionFields({
  apiToken: {
    kind: 'text',
    label: 'API token',
    description: 'From your account settings; write-only once saved.',
    secret: true,
    required: true,
  },
});

const withFields = (fields: ConnectionFieldDefinitions) => ({
  fields,
  adapter: createMemoryAdapter({ latencyMs: 0, fields }),
});

/** Submits the form empty, so every field shows its error. */
async function submitEmpty(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
  return canvas;
}

/** A text field with its label, help and limit. */
export const Text: Story = { args: withFields(text) };

/** A text field left empty: its error is linked to the box. */
export const TextError: Story = {
  args: withFields(text),
  play: async ({ canvasElement }) => {
    const canvas = await submitEmpty(canvasElement);
    const box = canvas.getByRole('textbox', { name: 'Workspace' });
    await waitFor(() => expect(box).toHaveAccessibleErrorMessage('Fill in Workspace.'));
  },
};

/** A list, one value per row (seed 003's Company names: `*` alone means all). */
export const List: Story = { args: withFields(list) };

/** `*` mixed with names is refused, beside the box, and the rows stay. */
export const ListError: Story = {
  args: withFields(list),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole('textbox', { name: 'Company names' });
    await userEvent.type(box, '{enter}Acme');
    await submitEmpty(canvasElement);
    await waitFor(() =>
      expect(box).toHaveAccessibleErrorMessage(
        'Use * alone to mean all, or list the names; not both.',
      ),
    );
    await expect(box).toHaveValue('*\nAcme');
  },
};

/** A choice among fixed options. */
export const Select: Story = { args: withFields(select) };

/** A required choice left open. */
export const SelectError: Story = {
  args: withFields(select),
  play: async ({ canvasElement }) => {
    const canvas = await submitEmpty(canvasElement);
    const box = canvas.getByRole('combobox', { name: 'Region' });
    await waitFor(() => expect(box).toHaveAccessibleErrorMessage('Fill in Region.'));
  },
};

/** An on/off choice. */
export const Checkbox: Story = { args: withFields(checkbox) };

/** A checkbox that must be ticked. */
export const CheckboxError: Story = {
  args: withFields(checkbox),
  play: async ({ canvasElement }) => {
    const canvas = await submitEmpty(canvasElement);
    const box = canvas.getByRole('checkbox', { name: 'Collect data for deleted users too' });
    await waitFor(() =>
      expect(box).toHaveAccessibleErrorMessage(
        'Tick Collect data for deleted users too to continue.',
      ),
    );
  },
};

/** A secret field: write-only like the Consumer Secret, never prefilled. */
export const Secret: Story = { args: withFields(secret) };

/** A secret field with a saved value: empty keeps it. */
export const SecretSaved: Story = {
  args: {
    ...withFields(secret),
    connection: {
      status: 'configured',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: 'Qx7W',
      hasConsumerSecret: true,
      savedSecretFields: ['apiToken'],
    },
  },
};

/** A required secret field left empty. */
export const SecretError: Story = {
  args: withFields(secret),
  play: async ({ canvasElement }) => {
    const canvas = await submitEmpty(canvasElement);
    const box = canvas.getByLabelText('API token');
    await waitFor(() => expect(box).toHaveAccessibleErrorMessage('Fill in API token.'));
  },
};

/** The connection name (seed 002), required. */
export const ConnectionName: Story = { args: { connectionName: { required: true } } };

/** A name longer than 80 characters is refused with its length. */
export const ConnectionNameError: Story = {
  args: { connectionName: { required: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole('textbox', { name: 'Connection name' });
    await userEvent.type(box, 'x'.repeat(81));
    await submitEmpty(canvasElement);
    await waitFor(() =>
      expect(box).toHaveAccessibleErrorMessage(
        'The connection name is 81 characters long; shorten it to 80 or fewer.',
      ),
    );
  },
};

/** Seed 002's preset in the whole component: the guide and form ask for a Connection name. */
export const Seed002Preset: Story = {
  render: () => (
    <SalesforceConnect
      adapter={createMemoryAdapter({ latencyMs: 0 })}
      setup={{
        ...presets.externalClientAppWithoutPkce,
        storage: null,
        callbackUrls: ['https://app.example.com/oauth/salesforce/callback'],
      }}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('textbox', { name: 'Connection name' })).toBeVisible();
  },
};

/** Seed 003's preset: Company names with its `*` rule, the production Login URL filled in. */
export const Seed003Preset: Story = {
  render: () => (
    <SalesforceConnect
      adapter={createMemoryAdapter({
        latencyMs: 0,
        fields: presets.connectedAppDeviceFlowFullAccess.connectionFields,
      })}
      setup={{
        ...presets.connectedAppDeviceFlowFullAccess,
        storage: null,
        callbackUrls: ['https://login.salesforce.com/services/oauth2/success'],
      }}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('textbox', { name: 'Company names' })).toHaveValue('*');
    await expect(canvas.getByRole('textbox', { name: 'Login URL' })).toHaveValue(
      'https://login.salesforce.com',
    );
  },
};
