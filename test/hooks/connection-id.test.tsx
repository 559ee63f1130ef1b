import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { scopeAdapter } from '../../src/hooks/scoped-adapter.js';
import { useConnection } from '../../src/hooks/useConnection.js';
import { useSalesforceConnect } from '../../src/hooks/useSalesforceConnect.js';
import { acmeOrg as acme, tenantWithConnections, uatOrg as uat } from '../fixtures/connections.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const ORIGIN = 'https://app.example.com';

describe('scopeAdapter', () => {
  it('hands back the adapter itself without an id: single-connection calls are unchanged', () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    expect(scopeAdapter(adapter, undefined)).toBe(adapter);
  });

  it('adds the id to every call, keeps absent methods absent and one wrapper per id', async () => {
    const calls: unknown[] = [];
    const adapter: SalesforceConnectAdapter = {
      getConnection: (options) => {
        calls.push(['getConnection', options]);
        return { status: 'disconnected' };
      },
      saveCredentials: (input, options) => {
        calls.push(['saveCredentials', input.consumerKey, options]);
        return { status: 'configured' };
      },
      startAuthorization: (input, options) => {
        calls.push(['startAuthorization', input.returnOrigin, options]);
        return { authorizeUrl: 'about:blank', state: 's' };
      },
      disconnect: (options) => {
        calls.push(['disconnect', options]);
        return { status: 'disconnected' };
      },
    };
    const scoped = scopeAdapter(adapter, 'sandbox');
    expect(scopeAdapter(adapter, 'sandbox')).toBe(scoped);
    expect(scoped.completeAuthorization).toBeUndefined();
    expect(scoped.listConnections).toBeUndefined();
    const signal = new AbortController().signal;
    await scoped.getConnection({ signal });
    await scoped.saveCredentials({ loginUrl: '', consumerKey: 'k', consumerSecret: '' });
    await scoped.startAuthorization({ returnOrigin: ORIGIN }, { signal });
    await scoped.disconnect({ forgetCredentials: true });
    // A caller's own id wins.
    await scoped.getConnection({ connectionId: 'other' });
    expect(calls).toEqual([
      ['getConnection', { signal, connectionId: 'sandbox' }],
      ['saveCredentials', 'k', { connectionId: 'sandbox' }],
      ['startAuthorization', ORIGIN, { signal, connectionId: 'sandbox' }],
      ['disconnect', { forgetCredentials: true, connectionId: 'sandbox' }],
      ['getConnection', { connectionId: 'other' }],
    ]);
  });
});

describe('useConnection({ connectionId })', () => {
  it('watches the connection the id names, and switching ids never shows the previous one', async () => {
    const backend = tenantWithConnections();
    const getConnection = vi.spyOn(backend, 'getConnection');
    const hook = renderHook((props: { connectionId?: string }) =>
      useConnection({ adapter: backend, ...props }),
    );
    await waitFor(() => expect(hook.result.current.connection?.org?.id).toBe(acme.id));
    expect(getConnection.mock.calls[0]?.[0]).not.toHaveProperty('connectionId');

    hook.rerender({ connectionId: 'uat' });
    // Until the answer about `uat` arrives, nothing of `default` shows.
    expect(hook.result.current.connection).toBeUndefined();
    expect(hook.result.current.loading).toBe(true);
    await waitFor(() => expect(hook.result.current.connection?.org?.id).toBe(uat.id));
    expect(hook.result.current.connection?.org?.isSandbox).toBe(true);
    expect(getConnection.mock.calls.at(-1)?.[0]).toMatchObject({ connectionId: 'uat' });
  });
});

describe('useSalesforceConnect({ connectionId })', () => {
  function setup(connectionId: string | undefined) {
    const fake = fakePopupEnvironment();
    const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
    const backend = tenantWithConnections({
      clock: { now: fake.clock.now },
      BroadcastChannel: fake.hub.Channel,
      initialConnections: [{ id: 'uat', name: 'UAT sandbox', initial: 'configured' }],
      orgFor: (id) => (id === 'uat' ? uat : undefined),
    });
    const spies = {
      getConnection: vi.spyOn(backend, 'getConnection'),
      startAuthorization: vi.spyOn(backend, 'startAuthorization'),
      completeAuthorization: vi.spyOn(backend, 'completeAuthorization'),
    };
    const onSuccess = vi.fn();
    const hook = renderHook(
      (props: { connectionId?: string | undefined }) =>
        useSalesforceConnect({
          adapter: backend,
          onSuccess,
          environment: { ...fake.environment, window },
          ...props,
        }),
      { initialProps: { connectionId } },
    );
    return { fake, backend, spies, hook, onSuccess };
  }

  it('runs the whole flow against that connection, leaving the default one alone', async () => {
    const t = setup('uat');
    await waitFor(() => expect(t.hook.result.current.ready).toBe(true));
    expect(t.hook.result.current.connection?.status).toBe('configured');
    act(() => t.hook.result.current.open());
    t.backend.simulateCallback();
    await waitFor(() => expect(t.hook.result.current.phase).toBe('succeeded'));
    expect(t.hook.result.current.connection).toMatchObject({ id: 'uat', status: 'connected' });
    expect(t.onSuccess).toHaveBeenCalledTimes(1);
    for (const spy of Object.values(t.spies)) {
      expect(spy).toHaveBeenCalled();
      for (const call of spy.mock.calls) {
        expect(call.at(-1)).toMatchObject({ connectionId: 'uat' });
      }
    }
    const list = await t.backend.listConnections();
    expect(list.map((c) => [c.id, c.status, c.org?.id])).toEqual([
      ['default', 'connected', acme.id],
      ['uat', 'connected', uat.id],
    ]);
  });

  it('starts afresh when the id changes: no state of the previous connection carries over', async () => {
    const t = setup(undefined);
    await waitFor(() => expect(t.hook.result.current.connection?.status).toBe('connected'));
    expect(t.spies.getConnection.mock.calls[0]?.[0]).not.toHaveProperty('connectionId');
    t.hook.rerender({ connectionId: 'uat' });
    expect(t.hook.result.current.connection).toBeUndefined();
    await waitFor(() => expect(t.hook.result.current.ready).toBe(true));
    expect(t.hook.result.current.connection).toMatchObject({ id: 'uat', status: 'configured' });
  });
});
