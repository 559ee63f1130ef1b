import { act, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';
import { type UseConnectionOptions, useConnection } from '../../src/hooks/useConnection.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const connected: Connection = {
  status: 'connected',
  org: { id: '00D5g00000ACMEdEAA', instanceUrl: 'https://acme.my.salesforce.com' },
};

/** A backend whose getConnection answers `answer` (a function of the call number). */
function backend(answer: (call: number) => Connection | Promise<Connection> = () => connected) {
  const signals: AbortSignal[] = [];
  const getConnection = vi.fn(async (options?: { signal?: AbortSignal }) => {
    if (options?.signal) signals.push(options.signal);
    return answer(getConnection.mock.calls.length);
  });
  const adapter: SalesforceConnectAdapter = {
    getConnection,
    saveCredentials: vi.fn(),
    startAuthorization: vi.fn(),
    disconnect: vi.fn(),
  };
  return { adapter, getConnection, signals };
}

/** A document whose visibility the test switches, and a window that only fires focus. */
function page() {
  const document = Object.assign(new EventTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
  });
  const window = new EventTarget();
  return {
    environment: { document, window },
    hide() {
      document.visibilityState = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      document.visibilityState = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    focus: () => window.dispatchEvent(new Event('focus')),
  };
}

function setup(options: Partial<UseConnectionOptions> = {}, b = backend()) {
  const p = page();
  const hook = renderHook(() =>
    useConnection({ adapter: b.adapter, environment: p.environment, ...options }),
  );
  return { ...b, ...p, hook, current: () => hook.result.current };
}

const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useConnection', () => {
  it('loads the connection on mount', async () => {
    const t = setup();
    expect(t.current()).toMatchObject({ loading: true, status: undefined });
    await tick();
    expect(t.current()).toMatchObject({ loading: false, status: 'connected', error: undefined });
    expect(t.current().connection).toEqual(connected);
  });

  it('does not poll unless asked', async () => {
    const t = setup();
    await tick(60 * 60_000);
    expect(t.getConnection).toHaveBeenCalledTimes(1);
  });

  it('polls every pollMs while the tab is visible', async () => {
    const t = setup({ pollMs: 10_000 });
    await tick(30_000);
    expect(t.getConnection).toHaveBeenCalledTimes(4);
  });

  it('pauses while the tab is hidden and refreshes when it is visible again', async () => {
    const t = setup({ pollMs: 10_000 });
    await tick();
    act(() => t.hide());
    await tick(60_000);
    expect(t.getConnection).toHaveBeenCalledTimes(1);
    act(() => t.show());
    await tick();
    expect(t.getConnection).toHaveBeenCalledTimes(2);
    await tick(10_000);
    expect(t.getConnection).toHaveBeenCalledTimes(3);
  });

  it('refreshes when the window regains focus (a popup that lost its opener finished)', async () => {
    const t = setup(
      {},
      backend((call) => (call === 1 ? { status: 'configured' } : connected)),
    );
    await tick();
    expect(t.current().status).toBe('configured');
    act(() => t.focus());
    await tick();
    expect(t.current().status).toBe('connected');
  });

  it('keeps the last connection when a refresh fails, and clears the error on the next answer', async () => {
    const t = setup(
      {},
      backend((call) => {
        if (call === 2) throw new ConnectError('network', 'Offline.');
        return connected;
      }),
    );
    await tick();
    await act(() => t.current().refresh());
    expect(t.current().error?.code).toBe('network');
    expect(t.current().status).toBe('connected');
    await act(() => t.current().refresh());
    expect(t.current().error).toBeUndefined();
  });

  it('wraps a plain failure as adapter_error', async () => {
    const t = setup(
      {},
      backend(() => {
        throw new Error('HTTP 500');
      }),
    );
    await tick();
    expect(t.current().error).toMatchObject({ code: 'adapter_error', message: 'HTTP 500' });
    expect(t.current().loading).toBe(false);
  });

  it('aborts an older request when a newer one starts, keeping only the newer answer', async () => {
    const resolvers: ((c: Connection) => void)[] = [];
    const t = setup(
      {},
      backend(() => new Promise<Connection>((resolve) => resolvers.push(resolve))),
    );
    const newer = t.current().refresh();
    expect(t.signals[0]?.aborted).toBe(true);
    resolvers[1]?.(connected);
    resolvers[0]?.({ status: 'disconnected' });
    await act(() => newer);
    expect(t.current().status).toBe('connected');
  });

  it('aborts its request and stops polling on unmount', async () => {
    const t = setup(
      { pollMs: 1000 },
      backend(() => new Promise<Connection>(() => {})),
    );
    t.hook.unmount();
    expect(t.signals[0]?.aborted).toBe(true);
    await tick(10_000);
    expect(t.getConnection).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('under StrictMode ends with one poll timer and one live request', async () => {
    const b = backend();
    const p = page();
    renderHook(
      () => useConnection({ adapter: b.adapter, pollMs: 5000, environment: p.environment }),
      {
        wrapper: StrictMode,
      },
    );
    expect(b.signals.filter((signal) => !signal.aborted)).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    await tick(5000);
    expect(b.getConnection).toHaveBeenCalledTimes(3);
  });
});
