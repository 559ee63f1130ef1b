// SalesforceConnect before its on-demand parts arrive: the connected view paints and works with
// none of them (not even the popup session), each view loads what it shows (and says so while it
// waits), the Connect button waits for the popup session's and the dialog's code, and the idle
// browser fetches the rest. Each part's module is held
// behind a gate the test opens, so "not loaded yet" lasts exactly as long as the test needs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

type Gate = { loads: number; open: () => void; opened: Promise<void> };
const gates = vi.hoisted(() => {
  const gate = (): Gate => {
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { loads: 0, open, opened };
  };
  return { gate, setup: gate(), dialog: gate(), error: gate(), popup: gate() };
});
const idle = vi.hoisted(() => ({ tasks: [] as Array<() => void> }));

/** Holds a module's import until the test opens its gate, and counts the imports. */
const gated =
  (name: 'setup' | 'dialog' | 'error' | 'popup') =>
  async (importOriginal: () => Promise<unknown>) => {
    gates[name].loads++;
    await gates[name].opened;
    return importOriginal();
  };

const ORIGIN = 'https://app.example.com';

/**
 * A fresh copy of the kit (and of React and Testing Library with it, so the React 18 project's
 * inlined React stays one copy): parts loaded by an earlier test are not loaded here.
 */
async function freshKit() {
  vi.resetModules();
  gates.setup = gates.gate();
  gates.dialog = gates.gate();
  gates.error = gates.gate();
  gates.popup = gates.gate();
  // Registered again each time: a mock's module, once loaded, would otherwise be reused.
  vi.doMock('../../src/components/internal/setup-details.js', gated('setup'));
  vi.doMock('../../src/components/ConnectDialog.js', gated('dialog'));
  vi.doMock('../../src/components/ErrorExplanation.js', gated('error'));
  // Were it imported before paint, importing the component below would wait on this gate.
  vi.doMock('../../src/core/popup-session.js', gated('popup'));
  const testing = await import('@testing-library/react');
  const { default: userEvent } = await import('@testing-library/user-event');
  const { SalesforceConnect } = await import('../../src/components/SalesforceConnect.js');
  const { createMemoryAdapter } = await import('../../src/adapters/memory.js');
  const render = (initial: 'connected' | 'configured') => {
    const fake = fakePopupEnvironment();
    const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial,
      BroadcastChannel: fake.hub.Channel,
      callbackUrl: `${ORIGIN}/api/salesforce/oauth/callback`,
    });
    const view = testing.render(
      <SalesforceConnect
        adapter={adapter}
        environment={{ ...fake.environment, window }}
        setup={{ storage: null }}
      />,
    );
    return { ...fake, view, user: userEvent.setup() };
  };
  const status = () =>
    testing.screen.getByRole('status', { name: /connected|credentials|checking|problem/i });
  return { ...testing, render, status };
}

let unmount: (() => void) | undefined;
beforeEach(() => {
  idle.tasks = [];
  // The idle prefetch runs when the test says the browser is idle, not on a timer.
  vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.tasks.push(task));
  vi.stubGlobal('cancelIdleCallback', () => {});
});
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

describe('SalesforceConnect before its parts load', { timeout: 30_000 }, () => {
  it('paints a connected org, and disconnects, with none of the on-demand parts loaded', async () => {
    const kit = await freshKit();
    const t = kit.render('connected');
    unmount = t.view.unmount;
    await kit.waitFor(() =>
      expect(kit.status()).toHaveTextContent('Connected to Acme Corporation'),
    );
    expect(t.view.container.firstElementChild).toHaveAttribute('data-state', 'connected');
    expect(kit.screen.getByRole('button', { name: 'Setup guide and credentials' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect([gates.setup.loads, gates.dialog.loads, gates.error.loads, gates.popup.loads]).toEqual([
      0, 0, 0, 0,
    ]);
    // Only a prefetch is waiting for the browser to be idle.
    expect(idle.tasks).toHaveLength(1);

    await t.user.click(kit.screen.getByRole('button', { name: 'Disconnect' }));
    const confirm = kit.screen.getByRole('group', { name: 'Disconnect from Salesforce?' });
    await t.user.click(kit.within(confirm).getByRole('button', { name: 'Disconnect' }));
    await kit.waitFor(() => expect(kit.status()).toHaveTextContent('Not connected'));
    expect([gates.setup.loads, gates.error.loads]).toEqual([0, 0]);
  });

  it('unfolding the guide loads it, and says so while it arrives', async () => {
    const kit = await freshKit();
    const t = kit.render('connected');
    unmount = t.view.unmount;
    await kit.waitFor(() => expect(kit.status()).toHaveTextContent('Connected'));
    expect(gates.setup.loads).toBe(0);

    await t.user.click(kit.screen.getByRole('button', { name: 'Setup guide and credentials' }));
    await kit.waitFor(() => expect(gates.setup.loads).toBe(1));
    expect(kit.screen.getByRole('status', { name: '' })).toHaveTextContent(
      'Loading the setup guide…',
    );
    expect(kit.screen.queryByRole('textbox', { name: 'Login URL' })).toBeNull();

    gates.setup.open();
    gates.error.open();
    expect(
      await kit.screen.findByRole('textbox', { name: 'Login URL' }, { timeout: 20_000 }),
    ).toBeVisible();
    expect(kit.screen.queryByText('Loading the setup guide…')).toBeNull();
  });

  it('keeps Connect disabled until the popup session’s and the dialog’s code are there; then the click opens the popup at once', async () => {
    const kit = await freshKit();
    const t = kit.render('configured');
    unmount = t.view.unmount;
    const button = await kit.screen.findByRole('button', { name: 'Connect to Salesforce' });
    // The ready view asks for the dialog at once, not when the browser is idle.
    await kit.waitFor(() => expect([gates.dialog.loads, gates.popup.loads]).toEqual([1, 1]));
    expect(button).toBeDisabled();
    expect(gates.setup.loads).toBe(0);

    // The dialog alone is not enough: the click must open the window itself.
    gates.dialog.open();
    gates.error.open();
    await gates.dialog.opened;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(button).toBeDisabled();
    await t.user.click(button);
    expect(t.host.opened).toHaveLength(0);

    gates.popup.open();
    // The dialog and Radix are compiled on first import here: a generous ceiling.
    await kit.waitFor(() => expect(button).toBeEnabled(), { timeout: 20_000 });
    await t.user.click(button);
    expect(t.host.opened).toHaveLength(1);
    expect(kit.screen.getByRole('dialog')).toHaveAccessibleName('Waiting for Salesforce…');
  });

  it('fetches every part once the browser is idle, so unfolding the guide is instant', async () => {
    const kit = await freshKit();
    const t = kit.render('connected');
    unmount = t.view.unmount;
    await kit.waitFor(() => expect(kit.status()).toHaveTextContent('Connected'));
    gates.setup.open();
    gates.dialog.open();
    gates.error.open();
    gates.popup.open();
    expect([gates.setup.loads, gates.dialog.loads, gates.error.loads, gates.popup.loads]).toEqual([
      0, 0, 0, 0,
    ]);

    kit.act(() => {
      for (const task of idle.tasks) task();
    });
    await kit.waitFor(() =>
      expect([gates.setup.loads, gates.dialog.loads, gates.error.loads, gates.popup.loads]).toEqual(
        [1, 1, 1, 1],
      ),
    );
    // Once there, the folded guide and form are rendered (hidden): unfolding shows them at once.
    await kit.waitFor(
      () => expect(t.view.container.querySelector('[data-sfc-part="setup"]')).not.toBeNull(),
      { timeout: 20_000 },
    );
    await t.user.click(kit.screen.getByRole('button', { name: 'Setup guide and credentials' }));
    expect(kit.screen.getByRole('textbox', { name: 'Login URL' })).toBeVisible();
    expect(kit.screen.queryByText('Loading the setup guide…')).toBeNull();
  });
});
