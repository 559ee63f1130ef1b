import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
} from '../../src/components/SalesforceConnect.js';
import { defineConnectionFields } from '../../src/core/fields.js';
import { presets } from '../../src/core/guide/presets.js';
import type { Connection } from '../../src/core/types.js';
import { useConnection } from '../../src/hooks/useConnection.js';

// The fields and the name reach SalesforceConnect's form and guide, from props or a preset, and
// their types reach onSuccess and useConnection (issue 17 §1).
beforeAll(() => preloadSalesforceConnect());

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';

describe('SalesforceConnect with fields', () => {
  it("takes seed 003's preset: Company names in the form and guide, production Login URL", async () => {
    const preset = presets.connectedAppDeviceFlowFullAccess;
    const adapter = createMemoryAdapter({ latencyMs: 0, fields: preset.connectionFields });
    render(
      <SalesforceConnect
        adapter={adapter}
        setup={{ ...preset, storage: null, callbackUrls: ['https://app.example.com/cb'] }}
      />,
    );
    const companies = await screen.findByRole('textbox', { name: 'Company names' });
    expect(companies).toHaveValue('*');
    expect(screen.getByRole('textbox', { name: 'Login URL' })).toHaveValue(
      'https://login.salesforce.com',
    );
    const lastStep = document.getElementById('sfc-step-enter-credentials');
    expect(lastStep).not.toBeNull();
    expect(within(lastStep as HTMLElement).getByText('Company names')).toBeInTheDocument();
  });

  it("takes seed 002's preset: a required Connection name, saved as the connection's name", async () => {
    const preset = presets.externalClientAppWithoutPkce;
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const user = userEvent.setup();
    render(
      <SalesforceConnect
        adapter={adapter}
        setup={{ ...preset, storage: null, callbackUrls: ['https://app.example.com/cb'] }}
      />,
    );
    const name = await screen.findByRole('textbox', { name: 'Connection name' });
    expect(name).toHaveAccessibleDescription('A name to help you identify this connection.');
    await user.type(screen.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    await user.click(screen.getByLabelText('Consumer Secret'));
    await user.paste(SECRET);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(name).toHaveAccessibleErrorMessage('Give the connection a name.'));
    await user.type(name, 'Sales EU');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(async () => expect((await adapter.getConnection()).name).toBe('Sales EU'));
  });

  it('types onSuccess and useConnection from the declaration', () => {
    const fields = defineConnectionFields({
      region: {
        kind: 'select',
        label: 'Region',
        options: [
          { value: 'eu', label: 'Europe' },
          { value: 'us', label: 'US' },
        ],
      },
      apiToken: { kind: 'text', label: 'API token', secret: true },
    });
    const adapter = createMemoryAdapter({ latencyMs: 0, fields });
    const onSuccess = vi.fn();
    render(
      <SalesforceConnect
        adapter={adapter}
        fields={fields}
        onSuccess={({ connection }) => {
          expectTypeOf(connection.fields?.region).toEqualTypeOf<'eu' | 'us' | undefined>();
          // @ts-expect-error secret fields are write-only: never on the readable type
          onSuccess(connection.fields?.apiToken);
        }}
      />,
    );
    function Probe() {
      const { connection } = useConnection({ adapter, fields });
      expectTypeOf(connection?.fields?.region).toEqualTypeOf<'eu' | 'us' | undefined>();
      return null;
    }
    render(<Probe />);
    // Code written before fields keeps compiling.
    render(
      <SalesforceConnect
        adapter={adapter}
        onSuccess={({ connection }: { connection: Connection }) => onSuccess(connection)}
      />,
    );
  });
});
