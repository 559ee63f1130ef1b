import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ConnectError } from '../../src/core/errors.js';
import { defineConnectionFields } from '../../src/core/fields.js';
import { presets } from '../../src/core/guide/presets.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { credentialsFormMessagesDe } from '../../src/messages/credentialsForm.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

// The integrator's fields and the connection name in the credentials form (issue 17 §1).

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';

const fields = defineConnectionFields({
  companies: presets.connectedAppDeviceFlowFullAccess.connectionFields.companies,
  region: {
    kind: 'select',
    label: 'Region',
    description: 'Where your data is kept.',
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
  syncDeleted: { kind: 'checkbox', label: 'Sync deleted records', description: 'Also removes.' },
  workspace: { kind: 'text', label: 'Workspace', maxLength: 10 },
  apiToken: { kind: 'text', label: 'API token', secret: true, required: true },
});

function setup(
  save: SalesforceConnectAdapter['saveCredentials'] = async (input) => configured(input),
  props: Partial<Parameters<typeof CredentialsForm>[0]> = {},
) {
  const adapter = { saveCredentials: vi.fn(save) };
  const user = userEvent.setup();
  const view = render(
    <CredentialsForm
      adapter={adapter}
      fields={fields}
      connectionName={{ required: true }}
      {...props}
    />,
  );
  return { adapter, user, ...view };
}

const configured = (input: CredentialsInput): Connection => ({
  status: 'configured',
  loginUrl: input.loginUrl,
  consumerKeyHint: input.consumerKey.slice(-4),
  hasConsumerSecret: true,
  ...(input.name ? { name: input.name } : {}),
});

async function fillCredentials(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Connection name' }), 'Production');
  await user.type(screen.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
  await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
  await user.paste(KEY);
  await user.click(screen.getByLabelText('Consumer Secret'));
  await user.paste(SECRET);
  await user.click(screen.getByLabelText('API token'));
  await user.paste('tok-123');
}

const submit = () => screen.getByRole('button', { name: 'Save credentials' });

describe('CredentialsForm with connection fields', () => {
  it('renders every kind with its label and help, accessibly', async () => {
    const { container } = setup();
    const name = screen.getByRole('textbox', { name: 'Connection name' });
    expect(name).toHaveAttribute('aria-required', 'true');
    const companies = screen.getByRole('textbox', { name: 'Company names' });
    expect(companies.tagName).toBe('TEXTAREA');
    expect(companies).toHaveValue('*');
    expect(companies).toHaveAccessibleDescription(/Use \* or names, not both\. One per row\.$/);
    const region = screen.getByRole('combobox', { name: 'Region' });
    expect(region).toHaveAccessibleDescription('Where your data is kept.');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose…',
      'Europe',
      'United States',
    ]);
    expect(screen.getByRole('checkbox', { name: 'Sync deleted records' })).not.toBeChecked();
    expect(screen.getByLabelText('API token')).toHaveAttribute('type', 'password');
    await expectNoAxeViolations(container);
  });

  it('saves the name and normalized fields', async () => {
    const { adapter, user } = setup();
    await fillCredentials(user);
    const companies = screen.getByRole('textbox', { name: 'Company names' });
    await user.clear(companies);
    await user.type(companies, ' Acme {enter}acme{enter}{enter}Globex');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region' }), 'us');
    await user.click(screen.getByRole('checkbox', { name: 'Sync deleted records' }));
    await user.click(submit());
    await waitFor(() => expect(adapter.saveCredentials).toHaveBeenCalledTimes(1));
    expect(adapter.saveCredentials.mock.calls[0]?.[0]).toMatchObject({
      name: 'Production',
      fields: {
        companies: ['Acme', 'Globex'],
        region: 'us',
        syncDeleted: true,
        apiToken: 'tok-123',
      },
    });
    // The secret field leaves the form once saved; the other values stay.
    await waitFor(() => expect(screen.getByLabelText('API token')).toHaveValue(''));
    expect(companies).toHaveValue('Acme\nGlobex');
  });

  it('refuses * mixed with names beside the box, keeping what was typed', async () => {
    const { adapter, user } = setup();
    await fillCredentials(user);
    const companies = screen.getByRole('textbox', { name: 'Company names' });
    await user.type(companies, '{enter}Acme');
    await user.click(submit());
    await waitFor(() => expect(companies).toHaveAttribute('aria-invalid', 'true'));
    expect(companies).toHaveAccessibleErrorMessage(
      'Use * alone to mean all, or list the names; not both.',
    );
    expect(companies).toHaveFocus();
    expect(companies).toHaveValue('*\nAcme');
    expect(adapter.saveCredentials).not.toHaveBeenCalled();
  });

  it('refuses a missing name and a too-long one with core’s sentences', async () => {
    const { user } = setup();
    await user.click(submit());
    const name = screen.getByRole('textbox', { name: 'Connection name' });
    await waitFor(() => expect(name).toHaveAccessibleErrorMessage('Give the connection a name.'));
    await user.type(name, 'x'.repeat(81));
    await user.tab();
    await waitFor(() =>
      expect(name).toHaveAccessibleErrorMessage(
        'The connection name is 81 characters long; shorten it to 80 or fewer.',
      ),
    );
  });

  it('puts a server refusal beside the field it names, focuses it, and loses nothing', async () => {
    const { user } = setup(async () => {
      throw new ConnectError('invalid_input', 'Workspace acme-eu does not exist.', {
        field: 'fields.workspace',
      });
    });
    await fillCredentials(user);
    const workspace = screen.getByRole('textbox', { name: 'Workspace' });
    await user.type(workspace, 'acme-eu');
    await user.click(submit());
    await waitFor(() => expect(workspace).toHaveAttribute('aria-invalid', 'true'), {
      timeout: 5000,
    });
    expect(workspace).toHaveAccessibleErrorMessage('Workspace acme-eu does not exist.');
    await waitFor(() => expect(workspace).toHaveFocus());
    expect(workspace).toHaveValue('acme-eu');
    expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveValue('Production');
    expect(screen.getByLabelText('API token')).toHaveValue('tok-123');
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
  });

  it('puts a server refusal of the name beside the name box', async () => {
    const { user } = setup(async () => {
      throw new ConnectError('invalid_input', 'That name is taken.', { field: 'name' });
    });
    await fillCredentials(user);
    await user.click(submit());
    const name = screen.getByRole('textbox', { name: 'Connection name' });
    await waitFor(() => expect(name).toHaveAccessibleErrorMessage('That name is taken.'), {
      timeout: 5000,
    });
    await waitFor(() => expect(name).toHaveFocus());
  });

  it('keeps a saved secret field when left empty, saying it is saved, never prefilled', async () => {
    const connection: Connection = {
      status: 'configured',
      loginUrl: 'https://login.salesforce.com',
      consumerKeyHint: 'AAAA',
      hasConsumerSecret: true,
      name: 'Production',
      fields: { companies: ['Acme'], region: 'eu' },
      savedSecretFields: ['apiToken'],
    };
    const { adapter, user } = setup(async (input) => configured(input), { connection });
    const token = screen.getByLabelText('API token');
    expect(token).toHaveValue('');
    expect(token).toHaveAccessibleDescription('Saved. Leave it empty to keep the saved value.');
    expect(screen.getByRole('textbox', { name: 'Company names' })).toHaveValue('Acme');
    expect(screen.getByRole('combobox', { name: 'Region' })).toHaveValue('eu');
    expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveValue('Production');
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(`3MVG9${'A'.repeat(76)}AAAA`);
    await user.click(submit());
    await waitFor(() => expect(adapter.saveCredentials).toHaveBeenCalledTimes(1));
    const sent = adapter.saveCredentials.mock.calls[0]?.[0];
    expect(sent?.fields).not.toHaveProperty('apiToken');
  });

  it('works against the memory adapter with the same definitions', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0, fields });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    render(<CredentialsForm adapter={adapter} fields={fields} connectionName onSaved={onSaved} />);
    await fillCredentials(user);
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [details] = onSaved.mock.calls[0] ?? [];
    const { connection } = details as { connection: Connection };
    expect(connection.name).toBe('Production');
    expect(connection.fields).toEqual({ companies: ['*'], syncDeleted: false });
    expect(connection.savedSecretFields).toEqual(['apiToken']);
  });

  it('speaks German', async () => {
    const user = userEvent.setup();
    render(
      <SalesforceConnectMessagesProvider messages={{ credentialsForm: credentialsFormMessagesDe }}>
        <CredentialsForm
          adapter={{ saveCredentials: vi.fn() }}
          fields={fields}
          connectionName={{ required: true }}
        />
      </SalesforceConnectMessagesProvider>,
    );
    const companies = screen.getByRole('textbox', { name: 'Company names' });
    await user.type(companies, '{enter}Acme');
    await user.click(screen.getByRole('button', { name: 'Zugangsdaten speichern' }));
    await waitFor(() =>
      expect(companies).toHaveAccessibleErrorMessage(
        'Verwenden Sie * allein für alle oder listen Sie die Namen auf, nicht beides.',
      ),
    );
    expect(
      screen.getByRole('textbox', { name: 'Name der Verbindung' }),
    ).toHaveAccessibleErrorMessage('Geben Sie der Verbindung einen Namen.');
  });
});
