import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
  type SalesforceConnectProps,
} from '../../src/components/SalesforceConnect.js';
import { connectButtonMessagesDe } from '../../src/messages/connect.js';
import { localeDe } from '../../src/messages/locales.js';
import { salesforceConnectMessagesDe } from '../../src/messages/salesforceConnect.js';
import { connectionStatusMessagesDe } from '../../src/messages/status.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

// These tests pin what each view does once its parts are there; SalesforceConnect.lazy.isolated
// pins the views before they arrive.
beforeAll(() => preloadSalesforceConnect());

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';
const ORIGIN = 'https://app.example.com';

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
});

function setup(
  adapterOptions: MemoryAdapterOptions = {},
  props: Partial<SalesforceConnectProps> = {},
) {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
  const adapter = createMemoryAdapter({
    latencyMs: 0,
    BroadcastChannel: fake.hub.Channel,
    callbackUrl: `${ORIGIN}/api/salesforce/oauth/callback`,
    ...adapterOptions,
  });
  const onSuccess = vi.fn();
  const view = render(
    <SalesforceConnect
      adapter={adapter}
      environment={{ ...fake.environment, window }}
      setup={{ storage: null }}
      onSuccess={onSuccess}
      {...props}
    />,
  );
  return { ...fake, adapter, onSuccess, view, user: userEvent.setup() };
}

/** The connection status region (the guide and form have live regions of their own). */
const status = () =>
  screen.getByRole('status', { name: /connected|credentials|checking|reconnect|problem/i });

// The whole kit renders here (guide, form, dialog) and axe reads all of it: give it time.
describe('SalesforceConnect', () => {
  it('before credentials: the guide, fed by getSetupInfo, and the credentials form', async () => {
    const t = setup();
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'));
    expect(
      screen.getByRole('heading', { level: 2, name: /Set up Salesforce for Example App/ }),
    ).toBeInTheDocument();
    // The callback URL from getSetupInfo is in the guide (in a step still folded).
    expect(
      await screen.findByDisplayValue(`${ORIGIN}/api/salesforce/oauth/callback`),
    ).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: 'Login URL' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect to Salesforce' })).toBeNull();
    expect(t.view.container.firstElementChild).toHaveAttribute('data-state', 'setup');
    await expectNoAxeViolations(t.view.container);
  });

  it('saving credentials brings the Connect button and folds the guide away', async () => {
    const t = setup();
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'));
    await t.user.click(screen.getByRole('textbox', { name: 'Login URL' }));
    await t.user.paste('login.salesforce.com');
    await t.user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await t.user.paste(KEY);
    await t.user.click(screen.getByLabelText('Consumer Secret'));
    await t.user.paste(SECRET);
    await t.user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(status()).toHaveTextContent('Not connected — credentials saved'));
    expect(screen.getByRole('button', { name: 'Connect to Salesforce' })).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Setup guide and credentials' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('textbox', { name: 'Consumer Key' })).toBeNull();
    await expectNoAxeViolations(t.view.container);
  });

  it('keeps the form open, with what was typed, when the saved credentials carry a finding', async () => {
    const t = setup({ scenario: 'invalid_client_id' });
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'));
    await t.user.click(screen.getByRole('textbox', { name: 'Login URL' }));
    await t.user.paste('login.salesforce.com');
    await t.user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await t.user.paste(KEY);
    await t.user.click(screen.getByLabelText('Consumer Secret'));
    await t.user.paste(SECRET);
    const key = screen.getByRole('textbox', { name: 'Consumer Key' });
    await t.user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(key).toHaveAttribute('aria-invalid', 'true'));
    // The same input, never remounted: the key is still there to correct.
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toBe(key);
    expect(key).toHaveValue(KEY);
    expect(screen.getByRole('button', { name: 'Setup guide and credentials' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('connects through the popup and the dialog, then disconnects after confirming', async () => {
    const t = setup({ initial: 'configured' });
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toHaveAttribute('data-ready'));
    await t.user.click(button);
    expect(t.host.opened).toHaveLength(1);
    expect(screen.getByRole('dialog')).toHaveAccessibleName('Waiting for Salesforce…');
    await expectNoAxeViolations(screen.getByRole('dialog'));
    act(() => void t.adapter.simulateCallback());
    await waitFor(() =>
      expect(screen.getByRole('dialog')).toHaveAccessibleName('Connected to Acme Corporation'),
    );
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    await t.user.click(screen.getByRole('button', { name: 'Done' }));
    expect(status()).toHaveTextContent('Connected to Acme Corporation');
    expect(t.view.container.firstElementChild).toHaveAttribute('data-state', 'connected');
    expect(screen.queryByRole('button', { name: 'Connect to Salesforce' })).toBeNull();
    await expectNoAxeViolations(t.view.container);

    await t.user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByRole('group', { name: 'Disconnect from Salesforce?' });
    await t.user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(status()).toHaveTextContent('Not connected'));
    // The memory backend keeps the credentials: connecting again needs no retyping.
    expect(screen.getByRole('button', { name: 'Connect to Salesforce' })).toBeInTheDocument();
  });

  it('an error’s "show this step" link unfolds the guide at that step', async () => {
    const t = setup({
      initial: { status: 'configured', error: { code: 'redirect_uri_mismatch', message: 'x' } },
    });
    await waitFor(() => expect(status()).toHaveTextContent('credentials saved'));
    const toggle = screen.getByRole('button', { name: 'Setup guide and credentials' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await t.user.click(
      within(
        t.view.container.querySelector('[data-sfc-part="connection-status"]') as HTMLElement,
      ).getByRole('link', { name: 'Show this step in the setup guide' }),
    );
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const step = document.getElementById('sfc-step-callback-url') as HTMLElement;
    await waitFor(() => expect(step.querySelector('[data-sfc-part="step-toggle"]')).toHaveFocus());
  });

  it('a failed attempt’s guide link closes the dialog and leaves focus on that guide step', async () => {
    const t = setup({ initial: 'configured', scenario: 'redirect_uri_mismatch' });
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toHaveAttribute('data-ready'));
    await t.user.click(button);
    act(() => void t.adapter.simulateCallback());
    const dialog = await screen.findByRole('dialog', { name: 'Could not connect to Salesforce' });
    await t.user.click(
      within(dialog).getByRole('link', { name: 'Show this step in the setup guide' }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    const toggle = document.querySelector(
      '#sfc-step-callback-url [data-sfc-part="step-toggle"]',
    ) as HTMLElement;
    await waitFor(() => expect(toggle).toHaveFocus());
    // Radix hands focus back in a 0 ms timer queued at closing (before this one): it must stay.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(toggle).toHaveFocus();
  });

  it('mode="dialog": a trigger opens it all in a dialog, and focus returns to the trigger', async () => {
    const t = setup({ initial: 'connected' }, { mode: 'dialog' });
    const trigger = screen.getByRole('button', { name: 'Salesforce connection' });
    await t.user.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'Salesforce connection' });
    await waitFor(() => expect(status()).toHaveTextContent('Connected to Acme Corporation'));
    await expectNoAxeViolations(dialog);
    await t.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(trigger).toHaveFocus();
  });

  it('speaks German with the German message groups', async () => {
    setup(
      {},
      {
        messages: {
          connectionStatus: connectionStatusMessagesDe,
          connectButton: connectButtonMessagesDe,
          salesforceConnect: salesforceConnectMessagesDe,
        },
        mode: 'dialog',
      },
    );
    expect(screen.getByRole('button', { name: 'Salesforce-Verbindung' })).toBeInTheDocument();
  });

  it('speaks German end to end with the shipped locale: guide, form and status', async () => {
    setup({}, { messages: localeDe });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: /Nicht verbunden/ })).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('heading', { level: 2, name: /Salesforce für Example App einrichten/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: localeDe.credentialsForm.submit })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save credentials' })).toBeNull();
    expect(screen.queryByText(/Set up Salesforce for/)).toBeNull();
  });

  it('works under StrictMode: one load of the setup info, one popup', async () => {
    const fake = fakePopupEnvironment();
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial: 'configured',
      BroadcastChannel: fake.hub.Channel,
    });
    const setupInfo = vi.spyOn(adapter, 'getSetupInfo');
    render(
      <StrictMode>
        <SalesforceConnect
          adapter={adapter}
          environment={fake.environment}
          setup={{ storage: null }}
        />
      </StrictMode>,
    );
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toHaveAttribute('data-ready'));
    const answered = setupInfo.mock.calls.filter(([options]) => !options?.signal?.aborted);
    expect(answered).toHaveLength(1);
    await userEvent.setup().click(button);
    expect(fake.host.opened).toHaveLength(1);
  });
});
