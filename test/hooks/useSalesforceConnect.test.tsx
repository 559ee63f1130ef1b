import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
} from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectError } from '../../src/core/errors.js';
import { createOAuthPopupMessage } from '../../src/core/popup-protocol.js';
import type { Connection } from '../../src/core/types.js';
import {
  type SalesforceConnectEvent,
  type UseSalesforceConnectOptions,
  useSalesforceConnect,
} from '../../src/hooks/useSalesforceConnect.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const ORIGIN = 'https://app.example.com';

/** A memory backend and a fake browser, wired together the way the real ones are. */
function setup(
  adapterOptions: MemoryAdapterOptions = {},
  hookOptions:
    | Partial<UseSalesforceConnectOptions>
    | ((adapter: MemoryAdapter) => Partial<UseSalesforceConnectOptions>) = {},
  { strict = false } = {},
) {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
  const adapter = createMemoryAdapter({
    latencyMs: 0,
    initial: 'configured',
    clock: { now: fake.clock.now },
    BroadcastChannel: fake.hub.Channel,
    ...adapterOptions,
  });
  const spies = {
    getConnection: vi.spyOn(adapter, 'getConnection'),
    startAuthorization: vi.spyOn(adapter, 'startAuthorization'),
    completeAuthorization: vi.spyOn(adapter, 'completeAuthorization'),
    disconnect: vi.spyOn(adapter, 'disconnect'),
  };
  const extra = typeof hookOptions === 'function' ? hookOptions(adapter) : hookOptions;
  const events: SalesforceConnectEvent[] = [];
  const onSuccess = vi.fn();
  const onExit = vi.fn();
  const environment = { ...fake.environment, window };
  const hook = renderHook(
    (props: Partial<UseSalesforceConnectOptions>) =>
      useSalesforceConnect({
        adapter,
        onSuccess,
        onExit,
        onEvent: (event) => events.push(event),
        environment,
        ...extra,
        ...props,
      }),
    { initialProps: {}, ...(strict ? { wrapper: StrictMode } : {}) },
  );
  const current = () => hook.result.current;
  return {
    ...fake,
    adapter,
    spies,
    events,
    onSuccess,
    onExit,
    hook,
    current,
    /** Moves the fake clock (popup polling, grace period, expiry) inside act(). */
    advance: (ms: number) => act(() => fake.clock.advance(ms)),
    ready: () => waitFor(() => expect(current().ready).toBe(true)),
    loaded: () => waitFor(() => expect(current().connection).toBeDefined()),
  };
}

describe('loading and prefetching', () => {
  it('loads the connection, then prefetches an authorize URL for saved credentials', async () => {
    const t = setup();
    expect(t.current().connection).toBeUndefined();
    expect(t.current().ready).toBe(false);
    await t.ready();
    expect(t.current().connection?.status).toBe('configured');
    expect(t.current().state.authorizeUrl).toMatch(/^about:blank\?/);
    expect(t.spies.startAuthorization).toHaveBeenCalledTimes(1);
    expect(t.spies.startAuthorization.mock.calls[0]?.[0]).toEqual({ returnOrigin: ORIGIN });
    expect(t.events).toContainEqual({ type: 'connection_loaded', status: 'configured' });
    expect(t.events).toContainEqual({ type: 'authorization_prefetched' });
  });

  it('does not prefetch without credentials, nor once connected', async () => {
    for (const initial of ['disconnected', 'connected'] as const) {
      const t = setup({ initial });
      await t.loaded();
      await act(() => t.clock.advance(0));
      expect(t.current().ready).toBe(false);
      expect(t.spies.startAuthorization).not.toHaveBeenCalled();
      t.hook.unmount();
    }
  });

  it('prefetches a fresh URL before the prefetched state expires', async () => {
    const t = setup({ stateTtlMs: 120_000 });
    await t.ready();
    const first = t.current().state.authorizeUrl;
    await t.advance(60_000);
    expect(t.spies.startAuthorization).toHaveBeenCalledTimes(1);
    // 30 s before the 2-minute expiry, the URL is replaced.
    await t.advance(31_000);
    await t.ready();
    expect(t.spies.startAuthorization).toHaveBeenCalledTimes(2);
    expect(t.current().state.authorizeUrl).not.toBe(first);
  });

  it('forwards scopes and prompt to startAuthorization', async () => {
    const t = setup({}, { scopes: ['api', 'refresh_token'], prompt: 'login' });
    await t.ready();
    expect(t.spies.startAuthorization.mock.calls[0]?.[0]).toEqual({
      returnOrigin: ORIGIN,
      scopes: ['api', 'refresh_token'],
      prompt: 'login',
    });
  });

  it('reports a failed first load as a failure, and retry() loads again', async () => {
    const t = setup({}, (memory) => {
      vi.mocked(memory.getConnection).mockRejectedValueOnce(
        new ConnectError('network', 'Offline.'),
      );
      return {};
    });
    await waitFor(() => expect(t.current().phase).toBe('failed'));
    expect(t.current().error?.code).toBe('network');
    act(() => t.current().retry());
    await waitFor(() => expect(t.current().connection?.status).toBe('configured'));
    expect(t.current().phase).toBe('idle');
    expect(t.current().error).toBeUndefined();
  });
});

describe('open()', () => {
  it('opens the prefetched URL synchronously, before open() returns', async () => {
    const t = setup();
    await t.ready();
    const url = t.current().state.authorizeUrl;
    act(() => {
      t.current().open();
      // Still inside the click: the window is already there.
      expect(t.host.opened).toHaveLength(1);
    });
    expect(t.host.opened[0]?.url).toBe(url);
    expect(t.current().phase).toBe('authorizing');
    expect(t.current().popupState).toBe('open');
    expect(t.current().ready).toBe(false);
    expect(t.events).toContainEqual({ type: 'open', prefetched: true });
  });

  it('opens a blank popup at once when nothing is prefetched, and sends it on', async () => {
    const t = setup({}, (memory) => {
      vi.mocked(memory.startAuthorization).mockRejectedValueOnce(new ConnectError('network', 'x'));
      return {};
    });
    await waitFor(() =>
      expect(t.events).toContainEqual({
        type: 'authorization_prefetch_failed',
        errorCode: 'network',
      }),
    );
    expect(t.current().ready).toBe(false);
    act(() => t.current().open());
    expect(t.host.opened).toHaveLength(1);
    expect(t.host.opened[0]?.url).toBe('');
    await waitFor(() => expect(t.host.lastPopup?.visited).toHaveLength(1));
    expect(t.host.lastPopup?.visited[0]).toMatch(/^about:blank\?/);
    expect(t.current().state.authorizeUrl).toBe(t.host.lastPopup?.visited[0]);
  });

  it('focuses the open popup on a second call instead of opening another', async () => {
    const t = setup();
    await t.ready();
    act(() => {
      t.current().open();
      t.current().open();
    });
    act(() => t.current().open());
    expect(t.host.opened).toHaveLength(1);
    // Once when opened, then once per extra call.
    expect(t.host.lastPopup?.focusCount).toBe(3);
    expect(t.current().focusPopup()).toBe(true);
  });

  it('reports a blocked popup, and retry() reopens it with the kept URL on a fresh click', async () => {
    const t = setup();
    await t.ready();
    const url = t.current().state.authorizeUrl;
    t.host.behaviour = 'null';
    act(() => t.current().open());
    expect(t.current().phase).toBe('authorizing');
    expect(t.current().popupState).toBe('blocked');
    expect(t.events).toContainEqual({ type: 'popup_blocked' });
    expect(t.current().focusPopup()).toBe(false);

    t.host.behaviour = 'open';
    act(() => t.current().retry());
    expect(t.host.opened).toHaveLength(2);
    expect(t.host.opened[1]?.url).toBe(url);
    expect(t.current().popupState).toBe('open');
    expect(t.events).toContainEqual({ type: 'retry' });
  });

  it('a second open() after a blocked popup reopens it too', async () => {
    const t = setup();
    await t.ready();
    t.host.behaviour = 'null';
    act(() => t.current().open());
    t.host.behaviour = 'open';
    act(() => t.current().open());
    expect(t.host.opened).toHaveLength(2);
    expect(t.current().popupState).toBe('open');
  });
});

describe('the outcome', () => {
  it('drops a prefetched URL when new credentials are saved, so the next click does not fail', async () => {
    const t = setup();
    await t.ready();
    const stale = t.current().state.authorizeUrl;
    const saved = t.current().connection;
    // A minute later the admin saves another app's credentials at the same login URL, whose key
    // happens to end in the same four characters: the backend voids sign-ins started before.
    await t.advance(60_000);
    await act(() =>
      t.adapter.saveCredentials({
        loginUrl: saved?.loginUrl ?? '',
        consumerKey: `3MVG9${'B'.repeat(76)}${saved?.consumerKeyHint}`,
        consumerSecret: 'F'.repeat(64),
      }),
    );
    await act(() => t.current().refresh());
    await waitFor(() => {
      expect(t.current().ready).toBe(true);
      expect(t.current().state.authorizeUrl).not.toBe(stale);
    });
    act(() => t.current().open());
    t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.onExit).not.toHaveBeenCalled();
  });

  it('exchanges the relayed code and reports success once', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    const message = t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.current().connection?.status).toBe('connected');
    expect(t.spies.completeAuthorization).toHaveBeenCalledTimes(1);
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    expect(t.onSuccess).toHaveBeenCalledWith({ connection: t.current().connection });
    expect(t.onExit).not.toHaveBeenCalled();
    expect(t.host.lastPopup?.closed).toBe(true);
    expect(t.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['message_accepted', 'completing', 'succeeded']),
    );
    // Diagnostics never carry the code or the state.
    const logged = JSON.stringify(t.events);
    expect(logged).not.toContain(message.state);
    expect(logged).not.toContain('code' in message ? message.code : 'unreachable');
    // Nothing left listening.
    expect(t.host.listeners.size).toBe(0);
    expect(t.hub.openCount).toBe(0);
  });

  it('asks getConnection when the adapter has no completeAuthorization', async () => {
    let getConnection: ReturnType<typeof vi.fn<SalesforceConnectAdapter['getConnection']>>;
    const t = setup({}, (memory) => {
      getConnection = vi.fn(memory.getConnection);
      const adapter: SalesforceConnectAdapter = {
        getConnection,
        saveCredentials: memory.saveCredentials,
        startAuthorization: memory.startAuthorization,
        disconnect: memory.disconnect,
      };
      return { adapter };
    });
    await t.ready();
    act(() => t.current().open());
    getConnection!.mockResolvedValueOnce({
      status: 'connected',
      org: { id: '00D', instanceUrl: ORIGIN },
    });
    t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.spies.completeAuthorization).not.toHaveBeenCalled();
    expect(t.events).toContainEqual({ type: 'completing', via: 'code' });
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('asks getConnection when the backend’s callback page already exchanged the code', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    const state = new URL(t.current().state.authorizeUrl ?? '').searchParams.get('state') ?? '';
    t.spies.getConnection.mockResolvedValueOnce({
      status: 'connected',
      org: { id: '00D', instanceUrl: ORIGIN, name: 'Acme' },
    });
    act(() =>
      t.host.post(
        createOAuthPopupMessage(new URLSearchParams({ state }), { complete: true }),
        ORIGIN,
        t.host.lastPopup,
      ),
    );
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.spies.completeAuthorization).not.toHaveBeenCalled();
    expect(t.events).toContainEqual({ type: 'completing', via: 'callback' });
    expect(t.current().connection?.org?.name).toBe('Acme');
  });

  it('turns a Salesforce error into a failure with onExit({ reason: error })', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    t.adapter.simulateCallback({ outcome: 'deny' });
    await waitFor(() => expect(t.current().phase).toBe('failed'));
    expect(t.current().error?.code).toBe('access_denied');
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'error', error: t.current().error });
    expect(t.onSuccess).not.toHaveBeenCalled();
    expect(t.events).toContainEqual({ type: 'failed', errorCode: 'access_denied' });
  });

  it('reports a code the backend refuses (wrong secret) as a failure, and retries with a new state', async () => {
    const t = setup({ scenario: 'invalid_client' });
    await t.ready();
    act(() => t.current().open());
    const first = t.host.opened[0]?.url;
    t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('failed'));
    expect(t.current().error?.code).toBe('invalid_client');
    // A new URL is prefetched for the next attempt: the old state was spent.
    await t.ready();
    act(() => t.current().retry());
    expect(t.current().phase).toBe('authorizing');
    expect(t.host.opened).toHaveLength(2);
    expect(t.host.opened[1]?.url).not.toBe(first);
  });

  it('waits out the grace period when the admin closes the popup, then reports popup_closed', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    await t.advance(300);
    t.host.lastPopup!.closed = true;
    await t.advance(500);
    expect(t.current().popupState).toBe('closed');
    expect(t.current().phase).toBe('authorizing');
    await t.advance(1000);
    await waitFor(() => expect(t.current().phase).toBe('failed'));
    expect(t.current().error?.code).toBe('popup_closed');
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'popup_closed', error: t.current().error });
    // Dismissing it goes back to idle.
    act(() => t.current().cancel());
    expect(t.current().phase).toBe('idle');
    expect(t.current().error).toBeUndefined();
  });

  it('reopens a closed popup during the grace period on retry()', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    await t.advance(300);
    t.host.lastPopup!.closed = true;
    await t.advance(500);
    act(() => t.current().retry());
    expect(t.host.opened).toHaveLength(2);
    expect(t.current().popupState).toBe('open');
    await t.advance(5000);
    expect(t.current().phase).toBe('authorizing');
  });

  it('takes a connection found after the popup closed as success', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    await t.advance(300);
    t.spies.getConnection.mockResolvedValueOnce({
      status: 'connected',
      connectedAt: '2026-01-01T00:00:00Z',
      org: { id: '00D', instanceUrl: ORIGIN },
    });
    t.host.lastPopup!.closed = true;
    await t.advance(1600);
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('cancel() closes the popup, reports cancelled, and ignores a late result', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    act(() => t.current().cancel());
    expect(t.current().phase).toBe('idle');
    expect(t.host.lastPopup?.closed).toBe(true);
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'cancelled' });
    t.adapter.simulateCallback();
    await act(() => t.clock.advance(0));
    expect(t.current().phase).toBe('idle');
    expect(t.spies.completeAuthorization).not.toHaveBeenCalled();
    expect(t.host.listeners.size).toBe(0);
  });

  it('cancel() during completing stops the exchange', async () => {
    const t = setup();
    await t.ready();
    let signal: AbortSignal | undefined;
    t.spies.completeAuthorization.mockImplementationOnce(
      (_input, options) =>
        new Promise<Connection>(() => {
          signal = options?.signal;
        }),
    );
    act(() => t.current().open());
    t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('completing'));
    act(() => t.current().cancel());
    expect(signal?.aborted).toBe(true);
    expect(t.current().phase).toBe('idle');
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'cancelled' });
  });
});

describe('lifecycle', () => {
  it('aborts every call and closes the popup on unmount, without calling onExit', async () => {
    const t = setup();
    await t.ready();
    act(() => t.current().open());
    let signal: AbortSignal | undefined;
    t.spies.getConnection.mockImplementationOnce(
      (options) =>
        new Promise<Connection>(() => {
          signal = options?.signal;
        }),
    );
    void t.current().refresh();
    t.hook.unmount();
    expect(signal?.aborted).toBe(true);
    expect(t.host.lastPopup?.closed).toBe(true);
    expect(t.host.listeners.size).toBe(0);
    expect(t.hub.openCount).toBe(0);
    await act(() => t.clock.advance(10_000));
    expect(t.onExit).not.toHaveBeenCalled();
  });

  it('under StrictMode: one prefetch, one popup, no listener left behind', async () => {
    const t = setup({}, {}, { strict: true });
    await t.ready();
    // The first mount's load was aborted before it answered, so only one prefetch happened.
    expect(t.spies.startAuthorization).toHaveBeenCalledTimes(1);
    const aborted = t.spies.getConnection.mock.calls.filter(([o]) => o?.signal?.aborted);
    expect(aborted.length).toBe(t.spies.getConnection.mock.calls.length - 1);
    act(() => t.current().open());
    expect(t.host.opened).toHaveLength(1);
    t.adapter.simulateCallback();
    await waitFor(() => expect(t.current().phase).toBe('succeeded'));
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    expect(t.host.listeners.size).toBe(0);
    t.hook.unmount();
    expect(t.hub.openCount).toBe(0);
  });

  it('uses the latest callbacks without reloading when they change', async () => {
    const t = setup();
    await t.ready();
    const calls = t.spies.getConnection.mock.calls.length;
    const onSuccess = vi.fn();
    t.hook.rerender({ onSuccess, onExit: vi.fn(), onEvent: vi.fn() });
    t.hook.rerender({ onSuccess });
    expect(t.spies.getConnection.mock.calls.length).toBe(calls);
    act(() => t.current().open());
    t.adapter.simulateCallback();
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(t.onSuccess).not.toHaveBeenCalled();
  });

  it('keeps its functions stable across renders', async () => {
    const t = setup();
    const first = t.current();
    await t.ready();
    const later = t.current();
    for (const key of ['open', 'cancel', 'retry', 'disconnect', 'refresh', 'focusPopup'] as const) {
      expect(later[key]).toBe(first[key]);
    }
  });

  it('lets a stateReducer refuse an attempt: no window opens', async () => {
    const t = setup(
      {},
      { stateReducer: (state, { type, changes }) => (type === 'authorize' ? state : changes) },
    );
    await t.ready();
    act(() => t.current().open());
    expect(t.current().phase).toBe('idle');
    expect(t.host.opened).toHaveLength(0);
  });
});

describe('the actions a custom stateReducer sees', () => {
  /** A pass-through stateReducer that records each action's type, and the clicks to slice by. */
  function recording(adapterOptions: MemoryAdapterOptions = {}) {
    const seen: string[] = [];
    const t = setup(adapterOptions, {
      stateReducer: (_state, { type, changes }) => {
        seen.push(type);
        return changes;
      },
    });
    /** The action types one user action dispatches synchronously. */
    const during = (click: () => void) => {
      const from = seen.length;
      act(click);
      return seen.slice(from);
    };
    return { ...t, seen, during };
  }

  it('Connect: `authorize`, then one popup result', async () => {
    const t = recording();
    await t.ready();
    expect(t.during(() => t.current().open())).toEqual(['authorize', 'popup_opened']);
  });

  it('a blocked popup: `authorize`, `popup_blocked`; the fresh click: `retry`, then one `popup_opened`', async () => {
    const t = recording();
    await t.ready();
    t.host.behaviour = 'null';
    expect(t.during(() => t.current().open())).toEqual(['authorize', 'popup_blocked']);
    t.host.behaviour = 'open';
    expect(t.during(() => t.current().retry())).toEqual(['retry', 'popup_opened']);
    expect(t.current().popupState).toBe('open');
  });

  it('a retry still blocked: `retry`, then one `popup_blocked`', async () => {
    const t = recording();
    await t.ready();
    t.host.behaviour = 'null';
    act(() => t.current().open());
    expect(t.during(() => t.current().retry())).toEqual(['retry', 'popup_blocked']);
    expect(t.current().popupState).toBe('blocked');
  });

  it('a closed popup reopened during the grace period: `retry`, then one `popup_opened`', async () => {
    const t = recording();
    await t.ready();
    act(() => t.current().open());
    await t.advance(300);
    t.host.lastPopup!.closed = true;
    await t.advance(500);
    expect(t.current().popupState).toBe('closed');
    expect(t.during(() => t.current().retry())).toEqual(['retry', 'popup_opened']);
  });

  it('a retry after a failure: `retry`, then one popup result, like Connect', async () => {
    const t = recording();
    await t.ready();
    act(() => t.current().open());
    t.adapter.simulateCallback({ outcome: 'deny' });
    await waitFor(() => expect(t.current().phase).toBe('failed'));
    expect(t.during(() => t.current().retry())).toEqual(['retry', 'popup_opened']);
  });

  it('a stateReducer that refuses `retry` keeps the window shut', async () => {
    const t = setup(
      {},
      { stateReducer: (state, { type, changes }) => (type === 'retry' ? state : changes) },
    );
    await t.ready();
    t.host.behaviour = 'null';
    act(() => t.current().open());
    t.host.behaviour = 'open';
    act(() => t.current().retry());
    expect(t.host.opened).toHaveLength(1);
    expect(t.current().popupState).toBe('blocked');
    expect(t.events).not.toContainEqual({ type: 'retry' });
  });
});

describe('disconnect() and refresh()', () => {
  it('disconnects through the adapter', async () => {
    const t = setup({ initial: 'connected' });
    await waitFor(() => expect(t.current().connection?.status).toBe('connected'));
    let answer: Connection | undefined;
    await act(async () => {
      answer = await t.current().disconnect();
    });
    expect(answer?.status).toBe('disconnected');
    expect(t.current().connection?.status).toBe('disconnected');
    expect(t.current().state.disconnecting).toBe(false);
    expect(t.events).toContainEqual({ type: 'disconnected', status: 'disconnected' });
  });

  it('reports a failed disconnect, and retry() tries the disconnect again', async () => {
    const t = setup({ initial: 'connected' });
    await t.loaded();
    t.spies.disconnect.mockRejectedValueOnce(new ConnectError('network', 'Offline.'));
    await act(() => t.current().disconnect());
    expect(t.current().phase).toBe('failed');
    expect(t.current().error?.code).toBe('network');
    await act(async () => t.current().retry());
    await waitFor(() => expect(t.current().connection?.status).toBe('disconnected'));
    expect(t.spies.disconnect).toHaveBeenCalledTimes(2);
    expect(t.host.opened).toHaveLength(0);
  });

  it('refresh() reloads, and a failed refresh keeps the connection on screen', async () => {
    const t = setup({ initial: 'connected' });
    await t.loaded();
    t.spies.getConnection.mockRejectedValueOnce(new ConnectError('network', 'Offline.'));
    await act(() => t.current().refresh());
    expect(t.current().connection?.status).toBe('connected');
    expect(t.current().phase).toBe('idle');
    expect(t.events).toContainEqual({ type: 'connection_failed', errorCode: 'network' });
  });

  it('shows a server-rendered connection on the first render', () => {
    const initialConnection: Connection = { status: 'connected' };
    const t = setup({}, { initialConnection });
    expect(t.current().connection).toBe(initialConnection);
  });
});
