// The connect flow in real Chromium: real window.open, real popups, real BroadcastChannel, real
// clicks (with user activation) and real focus.
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import { ConnectButton } from '../../src/components/ConnectButton.js';
import { ConnectDialog } from '../../src/components/ConnectDialog.js';
import { ConnectionStatus } from '../../src/components/ConnectionStatus.js';
import {
  type UseSalesforceConnectOptions,
  useSalesforceConnect,
} from '../../src/hooks/useSalesforceConnect.js';
import '../../src/components/styles.css';

const WAIT = { timeout: 30_000, interval: 20 };
let openSpy: MockInstance<Window['open']> | undefined;

afterEach(() => {
  for (const result of openSpy?.mock.results ?? []) {
    const popup = result.value as Window | null;
    if (popup && !popup.closed) popup.close();
  }
  openSpy?.mockRestore();
  openSpy = undefined;
});

const popups = () =>
  (openSpy?.mock.results ?? []).map((result) => result.value as Window | null | undefined);

async function setup(
  adapterOptions: MemoryAdapterOptions = {},
  hookOptions: Partial<UseSalesforceConnectOptions> = {},
  { strict = false } = {},
) {
  openSpy = vi.spyOn(window, 'open');
  const adapter = createMemoryAdapter({ latencyMs: 20, initial: 'configured', ...adapterOptions });
  const onSuccess = vi.fn();
  const onExit = vi.fn();
  // Counts window.open calls at the end of each click's dispatch: same task, no microtask yet.
  const openedByEndOfClick: number[] = [];
  const onWindowClick = () => openedByEndOfClick.push(openSpy?.mock.calls.length ?? -1);
  window.addEventListener('click', onWindowClick);
  function Harness() {
    const connect = useSalesforceConnect({ adapter, onSuccess, onExit, ...hookOptions });
    return (
      <>
        <ConnectionStatus
          connection={connect.connection}
          connecting={connect.phase === 'authorizing' || connect.phase === 'completing'}
        />
        <ConnectButton connect={connect} />
        <ConnectDialog connect={connect} />
      </>
    );
  }
  await render(
    strict ? (
      <StrictMode>
        <Harness />
      </StrictMode>
    ) : (
      <Harness />
    ),
  );
  return {
    adapter,
    onSuccess,
    onExit,
    openedByEndOfClick,
    button: page.getByRole('button', { name: 'Connect to Salesforce' }),
    status: page.getByRole('status'),
    dialog: page.getByRole('dialog'),
    cleanup: () => window.removeEventListener('click', onWindowClick),
  };
}

describe('connecting in Chromium', () => {
  it('a click opens exactly one popup inside the click, straight to the prefetched URL', async () => {
    const t = await setup();
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    await userEvent.click(t.button);
    expect(t.openedByEndOfClick).toEqual([1]);
    expect(openSpy?.mock.calls[0]?.[0]).toMatch(/^about:blank\?response_type=code/);
    const popup = popups()[0];
    expect(popup).toBeTruthy();
    expect(popup?.closed).toBe(false);
    await expect.element(t.dialog).toHaveAccessibleName('Waiting for Salesforce…');
    t.cleanup();
  });

  it('before a URL is prefetched, a click opens a blank popup at once that follows the URL', async () => {
    // The adapter answers slowly enough that the click always lands before the URL does, even
    // when a busy machine takes seconds to deliver it (400 ms lost that race at load 10).
    const t = await setup({ latencyMs: 5_000 });
    await expect.element(t.button).toBeVisible();
    expect(t.button.element().hasAttribute('data-ready')).toBe(false);
    await userEvent.click(t.button);
    expect(t.openedByEndOfClick).toEqual([1]);
    expect(openSpy?.mock.calls[0]?.[0]).toBe('');
    await expect
      .poll(() => popups()[0]?.location.href.startsWith('about:blank?response_type=code'), WAIT)
      .toBe(true);
    t.cleanup();
  });

  it('a double click still opens one popup', async () => {
    const t = await setup();
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    await userEvent.dblClick(t.button);
    // The second click lands on the dialog's overlay or the button: either way, no second window.
    expect(openSpy).toHaveBeenCalledTimes(1);
    await expect.element(t.dialog).toBeVisible();
    expect(openSpy).toHaveBeenCalledTimes(1);
    t.cleanup();
  });

  it('a blocked popup offers "Open Salesforce", whose fresh click opens the real one', async () => {
    const t = await setup();
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    openSpy?.mockImplementationOnce(() => null);
    await userEvent.click(t.button);
    await expect
      .element(t.dialog)
      .toHaveAccessibleName('The browser blocked the Salesforce window');
    const url = openSpy?.mock.calls[0]?.[0];
    await userEvent.click(page.getByRole('button', { name: 'Open Salesforce' }));
    expect(openSpy).toHaveBeenCalledTimes(2);
    expect(openSpy?.mock.calls[1]?.[0]).toBe(url);
    expect(popups()[1]?.closed).toBe(false);
    await expect.element(t.dialog).toHaveAccessibleName('Waiting for Salesforce…');
    t.cleanup();
  });

  it('a popup the admin closes brings the flow back with a message and a way to reopen', async () => {
    const t = await setup({}, { popup: { blockedCheckMs: 0, closedPollMs: 50 } });
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    await userEvent.click(t.button);
    await expect.element(t.dialog).toHaveAccessibleName('Waiting for Salesforce…');
    // Let the session's own blocked-check timer (0 ms, queued first) run before the close.
    await new Promise((resolve) => setTimeout(resolve, 0));
    popups()[0]?.close();
    // First the dialog says so while it waits a moment for a late result…
    await expect.element(t.dialog).toHaveAccessibleName('The Salesforce window was closed');
    // …then the attempt ends, explained, with a way to open Salesforce again.
    await expect.element(t.dialog, WAIT).toHaveAccessibleName('Could not connect to Salesforce');
    await expect
      .element(page.getByRole('heading', { level: 3, name: 'The Salesforce window was closed' }))
      .toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Open Salesforce' })).toBeVisible();
    expect(t.onExit).toHaveBeenCalledWith(expect.objectContaining({ reason: 'popup_closed' }));
    await userEvent.click(page.getByRole('button', { name: 'Close' }));
    await expect.element(t.dialog).not.toBeInTheDocument();
    await expect.element(t.button).toHaveAttribute('data-state', 'idle');
    await expect.element(t.status).toHaveTextContent('Not connected — credentials saved');
    t.cleanup();
  });

  it('a result posted on the BroadcastChannel finishes the connection', async () => {
    const t = await setup();
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    await userEvent.click(t.button);
    await expect.element(t.dialog).toBeVisible();
    t.adapter.simulateCallback();
    await expect.element(t.dialog, WAIT).toHaveAccessibleName('Connected to Acme Corporation');
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    await expect.poll(() => popups()[0]?.closed, WAIT).toBe(true);
    await userEvent.click(page.getByRole('button', { name: 'Done' }));
    await expect.element(t.button).toHaveFocus();
    await expect.element(t.status).toHaveTextContent('Connected to Acme Corporation');
    t.cleanup();
  });

  it('under StrictMode: one prefetch, one popup, one success', async () => {
    const events: string[] = [];
    const t = await setup({}, { onEvent: (event) => events.push(event.type) }, { strict: true });
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    await userEvent.click(t.button);
    expect(openSpy).toHaveBeenCalledTimes(1);
    t.adapter.simulateCallback();
    await expect.element(t.dialog, WAIT).toHaveAccessibleName('Connected to Acme Corporation');
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    expect(events.filter((type) => type === 'authorization_prefetched')).toHaveLength(1);
    expect(events.filter((type) => type === 'succeeded')).toHaveLength(1);
    t.cleanup();
  });

  it('works from the keyboard: Enter opens, Escape cancels and closes the popup, focus returns', async () => {
    const t = await setup();
    await expect.element(t.button).toHaveAttribute('data-ready', '');
    (t.button.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(openSpy).toHaveBeenCalledTimes(1);
    await expect.element(t.dialog).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Bring the window back' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(t.dialog).not.toBeInTheDocument();
    await expect.element(t.button).toHaveFocus();
    expect(popups()[0]?.closed).toBe(true);
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'cancelled' });
    t.cleanup();
  });
});
