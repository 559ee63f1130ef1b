import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
} from '../../src/components/SalesforceConnect.js';
import { useConnection } from '../../src/hooks/useConnection.js';
import { useSalesforceConnect } from '../../src/hooks/useSalesforceConnect.js';
import { acmeOrg as acme, tenantWithConnections, uatOrg as uat } from '../fixtures/connections.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const ORIGIN = 'https://app.example.com';

describe('SalesforceConnect connectionId', () => {
  beforeAll(() => preloadSalesforceConnect());

  it('saves the form under that id, which adds the connection beside the others', async () => {
    const adapter = tenantWithConnections();
    const save = vi.spyOn(adapter, 'saveCredentials');
    const user = userEvent.setup();
    render(
      <SalesforceConnect adapter={adapter} connectionId="c-second" setup={{ storage: null }} />,
    );
    await user.click(await screen.findByRole('textbox', { name: 'Login URL' }));
    await user.paste('test.salesforce.com');
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(`3MVG9${'A'.repeat(80)}`);
    await user.click(screen.getByLabelText('Consumer Secret'));
    await user.paste('1234567890123456789');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connect to Salesforce' })).toBeVisible(),
    );
    expect(save.mock.calls[0]?.[1]).toMatchObject({ connectionId: 'c-second' });
    const list = await adapter.listConnections();
    expect(list.map((c) => [c.id, c.status])).toEqual([
      ['default', 'connected'],
      ['uat', 'connected'],
      ['c-second', 'configured'],
    ]);
  });

  it('without connectionId calls the adapter exactly as before', async () => {
    const adapter = tenantWithConnections();
    const getConnection = vi.spyOn(adapter, 'getConnection');
    render(<SalesforceConnect adapter={adapter} setup={{ storage: null }} />);
    await waitFor(() => expect(getConnection).toHaveBeenCalled());
    for (const call of getConnection.mock.calls) expect(call[0]).not.toHaveProperty('connectionId');
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

  it('connects a client-credentials connection by its id, without a popup', async () => {
    const backend = tenantWithConnections();
    await backend.saveCredentials(
      {
        loginUrl: 'https://acme-sync.my.salesforce.com',
        consumerKey: `3MVG9${'B'.repeat(80)}`,
        consumerSecret: '1234567890123456789',
        flow: 'client-credentials',
      },
      { connectionId: 'sync' },
    );
    const connect = vi.spyOn(backend, 'connectWithClientCredentials');
    const fake = fakePopupEnvironment();
    const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
    const hook = renderHook(() =>
      useSalesforceConnect({
        adapter: backend,
        connectionId: 'sync',
        flow: 'client-credentials',
        environment: { ...fake.environment, window },
      }),
    );
    // No authorize URL to keep ready in this flow: Connect works once the connection is known.
    await waitFor(() => expect(hook.result.current.connection?.status).toBe('configured'));
    act(() => hook.result.current.open());
    await waitFor(() => expect(hook.result.current.phase).toBe('succeeded'));
    expect(connect.mock.calls[0]?.[0]).toMatchObject({ connectionId: 'sync' });
    const list = await backend.listConnections();
    expect(list.map((c) => [c.id, c.status])).toEqual([
      ['default', 'connected'],
      ['uat', 'connected'],
      ['sync', 'connected'],
    ]);
  });
});
