import '../../src/components/styles.css';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ConnectError } from '../../src/core/errors.js';
import { defineConnectionFields } from '../../src/core/fields.js';
import { presets } from '../../src/core/guide/presets.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

// Focus and layout of the connection fields in real Chromium (issue 17 §1).

const KEY = `3MVG9${'C'.repeat(80)}`;
const SECRET = '1234567890123456789';

const fields = defineConnectionFields({
  companies: presets.connectedAppDeviceFlowFullAccess.connectionFields.companies,
  region: {
    kind: 'select',
    label: 'Region',
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
  syncDeleted: { kind: 'checkbox', label: 'Sync deleted records' },
  apiToken: { kind: 'text', label: 'API token', secret: true },
});

async function fill() {
  await userEvent.fill(page.getByRole('textbox', { name: 'Connection name' }), 'Production');
  await userEvent.fill(page.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
  await userEvent.fill(page.getByRole('textbox', { name: 'Consumer Key' }), KEY);
  await userEvent.fill(page.getByLabelText('Consumer Secret', { exact: true }), SECRET);
}

describe('CredentialsForm connection fields in Chromium', () => {
  it('moves focus to the list box refused for * mixed with names, keeping its rows', async () => {
    const adapter = { saveCredentials: vi.fn() };
    const { container } = await render(
      <CredentialsForm adapter={adapter} fields={fields} connectionName />,
    );
    await fill();
    const companies = page.getByRole('textbox', { name: 'Company names' });
    await userEvent.fill(companies, '*\nAcme');
    // Leaving the box shows the error at once (the note moves the button: click it after).
    await userEvent.tab();
    await expect.element(companies).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    await expect.element(companies).toHaveAttribute('aria-invalid', 'true');
    await expect.element(companies).toHaveFocus();
    await expect
      .element(companies)
      .toHaveAccessibleErrorMessage('Use * alone to mean all, or list the names; not both.');
    await expect.element(companies).toHaveValue('*\nAcme');
    expect(adapter.saveCredentials).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('moves focus to the box a server refusal names; the keyboard reaches every kind', async () => {
    const adapter = {
      saveCredentials: vi.fn(async () => {
        throw new ConnectError('invalid_input', 'Pick the region your account is in.', {
          field: 'fields.region',
        });
      }),
    };
    await render(<CredentialsForm adapter={adapter} fields={fields} connectionName />);
    await fill();
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Region' }), 'us');
    // Tab from the list box through the select and the checkbox, ticking it with Space.
    await userEvent.click(page.getByRole('textbox', { name: 'Company names' }));
    await userEvent.tab();
    await expect.element(page.getByRole('combobox', { name: 'Region' })).toHaveFocus();
    await userEvent.tab();
    const checkbox = page.getByRole('checkbox', { name: 'Sync deleted records' });
    await expect.element(checkbox).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect.element(checkbox).toBeChecked();
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    const region = page.getByRole('combobox', { name: 'Region' });
    await expect.element(region).toHaveFocus();
    await expect
      .element(region)
      .toHaveAccessibleErrorMessage('Pick the region your account is in.');
    await expect.element(region).toHaveValue('us');
    await expect.element(checkbox).toBeChecked();
    await expect
      .element(page.getByRole('textbox', { name: 'Connection name' }))
      .toHaveValue('Production');
  });
});
