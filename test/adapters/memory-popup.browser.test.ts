// The memory adapter's "complete without a real popup" mechanism, end to end in Chromium: the
// kit's popup session opens a real popup on the memory adapter's about:blank authorize URL, and
// simulateCallback's BroadcastChannel message is what finishes the flow.
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory.js';
import { createPopupSession, type PopupOutcome } from '../../src/core/popup-session.js';

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

/** What a Connect click does: open the popup at once, then follow the URL from the adapter. */
function connect(options: MemoryAdapterOptions = {}) {
  openSpy = vi.spyOn(window, 'open');
  const adapter = createMemoryAdapter({ latencyMs: 20, initial: 'configured', ...options });
  const session = createPopupSession({ getConnection: (o) => adapter.getConnection(o) });
  session.open(adapter.startAuthorization({ returnOrigin: window.location.origin }));
  let outcome: PopupOutcome | undefined;
  void session.result.then((value) => {
    outcome = value;
  });
  const popup = () => openSpy?.mock.results[0]?.value as Window | null | undefined;
  return { adapter, session, popup, outcome: () => outcome };
}

describe('memory adapter with the popup session in Chromium', () => {
  it('keeps the popup blank and on the page’s origin, then finishes on simulateCallback', async () => {
    const t = connect();
    await expect.poll(() => t.session.authorizeUrl, WAIT).toBeDefined();
    await expect.poll(() => t.popup()?.location.href.startsWith('about:blank?'), WAIT).toBe(true);
    expect(t.outcome()).toBeUndefined();

    const message = t.adapter.simulateCallback();
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({
      type: 'code',
      code: 'code' in message ? message.code : undefined,
      state: message.state,
    });
    const outcome = t.outcome() as { code: string; state: string };
    const connection = await t.adapter.completeAuthorization(outcome);
    expect(connection.status).toBe('connected');
    await expect.poll(() => t.popup()?.closed, WAIT).toBe(true);
  });

  it('plays the whole flow on its own with autoCallbackMs', async () => {
    const t = connect({ autoCallbackMs: 50 });
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()?.type).toBe('code');
  });

  it('brings a denied consent back as access_denied', async () => {
    const t = connect({ scenario: 'access_denied', autoCallbackMs: 50 });
    await expect.poll(t.outcome, WAIT).toBeDefined();
    const outcome = t.outcome();
    expect(outcome?.type === 'error' && outcome.error.code).toBe('access_denied');
  });

  it('brings Salesforce’s own error page codes back as the kit’s codes', async () => {
    const t = connect({ scenario: 'app_not_found', autoCallbackMs: 50 });
    await expect.poll(t.outcome, WAIT).toBeDefined();
    const outcome = t.outcome();
    expect(outcome?.type === 'error' && outcome.error.code).toBe('app_not_found');
  });
});
