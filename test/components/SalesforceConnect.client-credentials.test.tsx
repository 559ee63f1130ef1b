// <SalesforceConnect flow="client-credentials">: the guide and form for that flow, Connect with
// no popup, the Run As user in the status and the dialog, and each refusal explained.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
  type SalesforceConnectProps,
} from '../../src/components/SalesforceConnect.js';
import { presets } from '../../src/core/guide/presets.js';
import { localeDe } from '../../src/messages/locales.js';
import {
  type ClientCredentialsBackendOptions,
  createClientCredentialsBackend,
} from '../../stories/flows/client-credentials-backend.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

beforeAll(() => preloadSalesforceConnect());

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';

function setup(
  backendOptions: ClientCredentialsBackendOptions = {},
  props: Partial<SalesforceConnectProps> = {},
) {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: 'https://app.example.com' } });
  const adapter = createClientCredentialsBackend(backendOptions);
  const onSuccess = vi.fn();
  const view = render(
    <SalesforceConnect
      adapter={adapter}
      flow="client-credentials"
      environment={{ ...fake.environment, window }}
      setup={{ storage: null }}
      onSuccess={onSuccess}
      {...props}
    />,
  );
  return { ...fake, adapter, onSuccess, view, user: userEvent.setup() };
}

const status = () =>
  screen.getByRole('status', { name: /connected|credentials|checking|reconnect|problem/i });

describe('SalesforceConnect flow="client-credentials"', () => {
  it('guides to the My Domain URL, refuses login.salesforce.com keeping what was typed, then saves', async () => {
    const t = setup({ initial: 'empty' });
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'));
    // The guide is the client credentials one: the Run As user, no sign-in.
    expect((await screen.findAllByText(/Nobody signs in:/))[0]).toBeInTheDocument();
    const box = screen.getByRole('textbox', { name: 'My Domain URL' });
    await t.user.type(box, 'login.salesforce.com');
    await t.user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await t.user.paste(KEY);
    await t.user.click(screen.getByLabelText('Consumer Secret'));
    await t.user.paste(SECRET);
    await t.user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'));
    expect(box).toHaveAccessibleDescription(/does not work on login\.salesforce\.com/);
    expect(box).toHaveValue('login.salesforce.com');
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(KEY);
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
    await expectNoAxeViolations(t.view.container);

    await t.user.clear(box);
    await t.user.type(box, 'acme.my.salesforce.com');
    await t.user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(status()).toHaveTextContent('Not connected — credentials saved'));
    expect(screen.getByRole('button', { name: 'Connect to Salesforce' })).toBeInTheDocument();
  });

  it('connects without a popup and shows the Run As user', async () => {
    const t = setup({ latencyMs: 400 });
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toBeEnabled());
    await t.user.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveAccessibleName('Connecting…');
    expect(dialog).toHaveAccessibleDescription(/No Salesforce window opens/);
    await expectNoAxeViolations(dialog);
    await waitFor(() => expect(dialog).toHaveAccessibleName('Connected to Acme Corporation'));
    expect(dialog).toHaveAccessibleDescription('Runs as Acme Integration.');
    expect(t.host.opened).toEqual([]);
    expect(t.adapter.calls).toEqual({ connect: 1, startAuthorization: 0 });
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    await t.user.click(within(dialog).getByRole('button', { name: 'Done' }));

    expect(status()).toHaveTextContent('Connected to Acme Corporation');
    const runsAs = screen.getByText('Runs as');
    expect(runsAs.closest('div')).toHaveTextContent('Acme Integration (integration@acme.example)');
    expect(screen.queryByText('User')).toBeNull();
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    await expectNoAxeViolations(t.view.container);
  });

  it.each([
    ['client_credentials_disabled'],
    ['run_as_user_missing'],
    ['run_as_user_inactive'],
    ['run_as_user_no_api'],
  ] as const)(
    'explains %s with its fixes; Connect again connects once it is fixed',
    async (code) => {
      const t = setup({ outcome: code });
      const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
      await waitFor(() => expect(button).toBeEnabled());
      await t.user.click(button);
      const dialog = await screen.findByRole('dialog');
      await waitFor(() => expect(dialog).toHaveAccessibleName('Could not connect to Salesforce'));
      const explanation = dialog.querySelector<HTMLElement>('[data-sfc-part="error-explanation"]');
      expect(explanation).toHaveAttribute('data-state', code);
      // The Salesforce admin's fixes, not a sign-in's.
      const fixes = within(explanation as HTMLElement).getAllByRole('listitem');
      expect(fixes.length).toBeGreaterThan(0);
      expect(explanation).toHaveTextContent(/connect again/i);
      expect(explanation).not.toHaveTextContent(/Reconnect|Allow/);
      await expectNoAxeViolations(dialog);
      // Fixed in Salesforce: the admin connects again (nothing here retries on its own).
      t.adapter.setOutcome('connected');
      await t.user.click(within(dialog).getByRole('button', { name: 'Close' }));
      await t.user.click(screen.getByRole('button', { name: 'Connect to Salesforce' }));
      await waitFor(() =>
        expect(screen.getByRole('dialog')).toHaveAccessibleName('Connected to Acme Corporation'),
      );
      expect(t.host.opened).toEqual([]);
      expect(t.adapter.calls.connect).toBe(2);
    },
  );

  it('a preset for the flow chooses the mode too (setup.flow)', async () => {
    const t = setup(
      {},
      {
        flow: undefined,
        setup: { storage: null, ...presets.connectedAppClientCredentialsSync },
      },
    );
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toBeEnabled());
    await t.user.click(button);
    await waitFor(() =>
      expect(screen.getByRole('dialog')).toHaveAccessibleName('Connected to Acme Corporation'),
    );
    expect(t.host.opened).toEqual([]);
  });

  it('says Runs as in German', async () => {
    setup({ initial: 'connected' }, { messages: localeDe });
    expect(await screen.findByText('Läuft als')).toBeInTheDocument();
    expect(screen.getByText('Verbunden mit Acme Corporation')).toBeInTheDocument();
  });
});
