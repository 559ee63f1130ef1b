// `flow: 'client-credentials'`: Connect asks the backend for a token as the app's Run As user.
// No window opens, no authorize URL is fetched (not even prefetched); the states, events and
// errors are the popup flow's.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AdapterCallOptions, SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';
import { createConnectFlow } from '../../src/hooks/connect-flow.js';
import {
  type SalesforceConnectEvent,
  type UseSalesforceConnectOptions,
  useSalesforceConnect,
} from '../../src/hooks/useSalesforceConnect.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const configured: Connection = {
  status: 'configured',
  flow: 'client-credentials',
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKeyHint: 'WXYZ',
  hasConsumerSecret: true,
};
const connected: Connection = {
  ...configured,
  status: 'connected',
  org: { id: '00D000000000001AAA', name: 'Acme', instanceUrl: 'https://acme.my.salesforce.com' },
  user: { id: '005000000000001AAA', username: 'integration@acme.example' },
};

/** A backend whose client credentials answers the test controls, one deferred call at a time. */
function backend() {
  const calls: {
    signal: AbortSignal | undefined;
    resolve: (c: Connection) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const adapter = {
    getConnection: vi.fn(async () => configured),
    saveCredentials: vi.fn(async () => configured),
    startAuthorization: vi.fn(async () => ({
      authorizeUrl: 'https://acme.my.salesforce.com/x',
      state: 's',
    })),
    disconnect: vi.fn(async () => ({ status: 'disconnected' }) as Connection),
    connectWithClientCredentials: vi.fn(
      (options?: AdapterCallOptions) =>
        new Promise<Connection>((resolve, reject) => {
          calls.push({ signal: options?.signal, resolve, reject });
        }),
    ),
  } satisfies SalesforceConnectAdapter;
  return { adapter, calls };
}

function setup(extra: Partial<UseSalesforceConnectOptions> = {}) {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: 'https://app.example.com' } });
  const { adapter, calls } = backend();
  const events: SalesforceConnectEvent[] = [];
  const onSuccess = vi.fn();
  const onExit = vi.fn();
  const hook = renderHook(() =>
    useSalesforceConnect({
      adapter,
      flow: 'client-credentials',
      onSuccess,
      onExit,
      onEvent: (event) => events.push(event),
      environment: { ...fake.environment, window },
      ...extra,
    }),
  );
  const current = () => hook.result.current;
  return { fake, adapter, calls, events, onSuccess, onExit, hook, current };
}

describe('useSalesforceConnect({ flow: "client-credentials" })', () => {
  it('connects through the backend without a window or an authorize URL', async () => {
    const t = setup();
    await waitFor(() => expect(t.current().connection?.status).toBe('configured'));
    expect(t.current().flow).toBe('client-credentials');
    // Nothing is prefetched: this flow has no authorize URL.
    expect(t.current().ready).toBe(false);
    expect(t.adapter.startAuthorization).not.toHaveBeenCalled();

    act(() => t.current().open());
    expect(t.current().phase).toBe('completing');
    expect(t.current().popupState).toBe('none');
    expect(t.fake.host.opened).toEqual([]);
    await waitFor(() => expect(t.calls).toHaveLength(1));
    // A second click while it runs changes nothing.
    act(() => t.current().open());
    act(() => t.current().retry());
    await Promise.resolve();
    expect(t.calls).toHaveLength(1);

    await act(async () => t.calls[0]?.resolve(connected));
    expect(t.current().phase).toBe('succeeded');
    expect(t.current().connection?.user?.username).toBe('integration@acme.example');
    expect(t.onSuccess).toHaveBeenCalledWith({ connection: connected });
    expect(t.adapter.startAuthorization).not.toHaveBeenCalled();
    expect(t.fake.host.opened).toEqual([]);
    expect(t.events.map((e) => e.type)).toEqual([
      'connection_loaded',
      'open',
      'completing',
      'succeeded',
    ]);
    expect(t.events).toContainEqual({ type: 'completing', via: 'client-credentials' });
  });

  it("explains Salesforce's refusal, then Try again asks once more", async () => {
    const t = setup();
    await waitFor(() => expect(t.current().connection).toBeDefined());
    act(() => t.current().open());
    await waitFor(() => expect(t.calls).toHaveLength(1));
    await act(async () =>
      t.calls[0]?.reject(new ConnectError('run_as_user_inactive', 'The Run As user is inactive.')),
    );
    expect(t.current().phase).toBe('failed');
    expect(t.current().error?.code).toBe('run_as_user_inactive');
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'error', error: t.current().error });
    expect(t.events).toContainEqual({ type: 'failed', errorCode: 'run_as_user_inactive' });

    act(() => t.current().retry());
    expect(t.current().phase).toBe('completing');
    await waitFor(() => expect(t.calls).toHaveLength(2));
    await act(async () => t.calls[1]?.resolve(connected));
    expect(t.current().phase).toBe('succeeded');
    expect(t.fake.host.opened).toEqual([]);
  });

  it('treats an answer that is not connected as a failure with its reason', async () => {
    const t = setup();
    await waitFor(() => expect(t.current().connection).toBeDefined());
    act(() => t.current().open());
    await waitFor(() => expect(t.calls).toHaveLength(1));
    await act(async () =>
      t.calls[0]?.resolve({
        ...configured,
        status: 'error',
        error: { code: 'client_credentials_disabled', message: 'The flow is off.' },
      }),
    );
    expect(t.current().phase).toBe('failed');
    expect(t.current().error?.code).toBe('client_credentials_disabled');
    expect(t.current().connection?.status).toBe('error');
  });

  it('cancel stops the request: its signal aborts and a late answer changes nothing', async () => {
    const t = setup();
    await waitFor(() => expect(t.current().connection).toBeDefined());
    act(() => t.current().open());
    await waitFor(() => expect(t.calls).toHaveLength(1));
    act(() => t.current().cancel());
    expect(t.calls[0]?.signal?.aborted).toBe(true);
    expect(t.current().phase).toBe('idle');
    expect(t.onExit).toHaveBeenCalledWith({ reason: 'cancelled' });
    await act(async () => t.calls[0]?.resolve(connected));
    expect(t.current().phase).toBe('idle');
    expect(t.onSuccess).not.toHaveBeenCalled();
  });

  it('unmounting aborts the request', async () => {
    const t = setup();
    await waitFor(() => expect(t.current().connection).toBeDefined());
    act(() => t.current().open());
    await waitFor(() => expect(t.calls).toHaveLength(1));
    t.hook.unmount();
    expect(t.calls[0]?.signal?.aborted).toBe(true);
    expect(t.onExit).not.toHaveBeenCalled();
  });

  it('a stateReducer that refuses authorize sends nothing', async () => {
    const t = setup({
      stateReducer: (state, { type, changes }) => (type === 'authorize' ? state : changes),
    });
    await waitFor(() => expect(t.current().connection).toBeDefined());
    act(() => t.current().open());
    await Promise.resolve();
    expect(t.current().phase).toBe('idle');
    expect(t.adapter.connectWithClientCredentials).not.toHaveBeenCalled();
  });

  it('names the missing adapter method in a developer error', () => {
    const { adapter } = backend();
    const { connectWithClientCredentials: _, ...withoutMethod } = adapter;
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() =>
        renderHook(() =>
          useSalesforceConnect({ adapter: withoutMethod, flow: 'client-credentials' }),
        ),
      ).toThrow(
        /useSalesforceConnect needs its `adapter\.connectWithClientCredentials` option\. Flow 'client-credentials' calls it/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('the framework-free flow fails the attempt as adapter_error without the method', async () => {
    const { adapter } = backend();
    const { connectWithClientCredentials: _, ...withoutMethod } = adapter;
    const flow = createConnectFlow(() => ({ adapter: withoutMethod, flow: 'client-credentials' }));
    const stop = flow.start();
    await vi.waitFor(() => expect(flow.store.getSnapshot().connection).toBeDefined());
    flow.open();
    await vi.waitFor(() => expect(flow.store.getSnapshot().phase).toBe('failed'));
    expect(flow.store.getSnapshot().error?.code).toBe('adapter_error');
    expect(flow.store.getSnapshot().error?.message).toContain('connectWithClientCredentials');
    stop();
  });

  it('the default flow still opens the popup and never calls connectWithClientCredentials', async () => {
    const t = setup({ flow: undefined });
    await waitFor(() => expect(t.current().ready).toBe(true));
    expect(t.current().flow).toBe('authorization-code');
    act(() => t.current().open());
    expect(t.fake.host.opened).toHaveLength(1);
    expect(t.adapter.connectWithClientCredentials).not.toHaveBeenCalled();
  });
});
