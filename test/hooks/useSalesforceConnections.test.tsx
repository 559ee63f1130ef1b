import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MemoryAdapterOptions } from '../../src/adapters/memory.js';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectError } from '../../src/core/errors.js';
import { isConnectionId } from '../../src/core/types.js';
import {
  createConnectionId,
  type UseSalesforceConnectionsOptions,
  useSalesforceConnections,
} from '../../src/hooks/useSalesforceConnections.js';
import { acmeOrg as acme, tenantWithConnections } from '../fixtures/connections.js';

const credentials = {
  loginUrl: 'https://test.salesforce.com',
  consumerKey: `3MVG9${'Xq7RmT2wZ4'.repeat(8)}`,
  consumerSecret: '8432019765513348270',
};

function setup(
  backendOptions: MemoryAdapterOptions = {},
  hookOptions: Partial<UseSalesforceConnectionsOptions> = {},
  { strict = false } = {},
) {
  const backend = tenantWithConnections(backendOptions);
  const hook = renderHook(
    (props: Partial<UseSalesforceConnectionsOptions>) =>
      useSalesforceConnections({ adapter: backend, ...hookOptions, ...props }),
    { initialProps: {}, ...(strict ? { wrapper: StrictMode } : {}) },
  );
  const current = () => hook.result.current;
  return {
    backend,
    hook,
    current,
    loaded: () => waitFor(() => expect(current().loaded).toBe(true)),
  };
}

describe('createConnectionId', () => {
  it('makes valid, distinct ids', () => {
    const ids = new Set(Array.from({ length: 500 }, () => createConnectionId()));
    expect(ids.size).toBe(500);
    for (const id of ids) {
      expect(isConnectionId(id)).toBe(true);
      expect(id).toMatch(/^c-[a-z2-7]{16}$/);
    }
  });
});

describe('useSalesforceConnections', () => {
  it('lists the tenant’s connections with status, org, sandbox flag and user', async () => {
    const t = setup(undefined, {}, { strict: true });
    expect(t.current().loading).toBe(true);
    expect(t.current().canAdd).toBe(false);
    expect(t.current().addBlockedBy).toBe('loading');
    await t.loaded();
    expect(
      t.current().connections.map((c) => [c.id, c.name, c.status, c.org?.name, c.org?.isSandbox]),
    ).toEqual([
      ['default', 'Production', 'connected', 'Acme', undefined],
      ['uat', 'UAT sandbox', 'connected', 'Acme UAT', true],
    ]);
    expect(t.current().connections[0]?.user?.username).toBeTruthy();
    expect(t.current().canAdd).toBe(true);
    expect(t.current().error).toBeUndefined();
  });

  it('turns canAdd off at max, and on again once one is removed', async () => {
    const t = setup(undefined, { max: 2 });
    await t.loaded();
    expect(t.current().canAdd).toBe(false);
    expect(t.current().addBlockedBy).toBe('limit');
    let added: string | undefined = 'not called';
    act(() => {
      added = t.current().add();
    });
    expect(added).toBeUndefined();
    expect(t.current().openFlow).toBeUndefined();
    await act(() => t.current().remove('uat'));
    expect(t.current().canAdd).toBe(true);
  });

  it('add() opens the flow under a fresh id; closeFlow() lists what the flow saved', async () => {
    const t = setup();
    await t.loaded();
    let id: string | undefined;
    act(() => {
      id = t.current().add();
    });
    expect(isConnectionId(id)).toBe(true);
    expect(t.current().openFlow).toEqual({ connectionId: id, mode: 'add' });
    // What the flow does: credentials saved under the new id add the connection.
    await t.backend.saveCredentials(
      { ...credentials, name: 'Second sandbox' },
      { connectionId: id ?? '' },
    );
    await act(() => t.current().closeFlow());
    expect(t.current().openFlow).toBeUndefined();
    expect(t.current().connections.map((c) => [c.id, c.name, c.status])).toEqual([
      ['default', 'Production', 'connected'],
      ['uat', 'UAT sandbox', 'connected'],
      [id, 'Second sandbox', 'configured'],
    ]);
  });

  it('refuses an id from createConnectionId that is not a valid connection id', async () => {
    const t = setup(undefined, { createConnectionId: () => 'Not Valid' });
    await t.loaded();
    expect(() => t.current().add()).toThrow(/createConnectionId returned "Not Valid"/);
  });

  it('reconnect() opens the flow for that connection', async () => {
    const t = setup();
    await t.loaded();
    act(() => t.current().reconnect('uat'));
    expect(t.current().openFlow).toEqual({ connectionId: 'uat', mode: 'reconnect' });
  });

  it('renames (trimmed) and lists the new name; a bad name is refused before any call', async () => {
    const t = setup();
    await t.loaded();
    const rename = vi.spyOn(t.backend, 'renameConnection');
    await expect(t.current().rename('uat', '   ')).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
    await expect(t.current().rename('uat', 'x'.repeat(81))).rejects.toMatchObject({
      field: 'name',
    });
    expect(rename).not.toHaveBeenCalled();
    await act(() => t.current().rename('uat', '  UAT (March refresh)  '));
    expect(rename).toHaveBeenCalledWith(
      { name: 'UAT (March refresh)' },
      expect.objectContaining({ connectionId: 'uat' }),
    );
    await waitFor(() =>
      expect(t.current().connections.find((c) => c.id === 'uat')?.name).toBe('UAT (March refresh)'),
    );
    expect(t.current().pending).toEqual({});
  });

  it('passes a backend refusal of a rename on as a ConnectError', async () => {
    const t = setup();
    await t.loaded();
    await expect(t.current().rename('gone', 'Name')).rejects.toMatchObject({
      code: 'not_configured',
    });
  });

  it('removes with disconnect({ forgetCredentials: true }); the other connection stays connected', async () => {
    const t = setup();
    await t.loaded();
    const disconnect = vi.spyOn(t.backend, 'disconnect');
    act(() => t.current().askToRemove('uat'));
    expect(t.current().removal).toBe('uat');
    act(() => t.current().cancelRemove());
    expect(t.current().removal).toBeUndefined();
    act(() => t.current().askToRemove('uat'));
    let removing: Promise<void> | undefined;
    act(() => {
      removing = t.current().remove('uat');
    });
    expect(t.current().pending).toEqual({ uat: 'removing' });
    expect(t.current().removal).toBeUndefined();
    await act(() => removing);
    expect(disconnect).toHaveBeenCalledWith(
      expect.objectContaining({ connectionId: 'uat', forgetCredentials: true }),
    );
    await waitFor(() => expect(t.current().connections.map((c) => c.id)).toEqual(['default']));
    expect(t.current().connections[0]?.status).toBe('connected');
    expect((await t.backend.listConnections()).map((c) => c.id)).toEqual(['default']);
  });

  it('keeps the list when a refresh fails, and says why', async () => {
    const t = setup();
    await t.loaded();
    vi.spyOn(t.backend, 'listConnections').mockRejectedValueOnce(
      new ConnectError('network', 'Offline.'),
    );
    await act(() => t.current().refresh());
    expect(t.current().error?.code).toBe('network');
    expect(t.current().connections).toHaveLength(2);
    await act(() => t.current().refresh());
    expect(t.current().error).toBeUndefined();
  });

  it('aborts its requests on unmount and updates nothing after', async () => {
    const t = setup();
    await t.loaded();
    const signals: AbortSignal[] = [];
    let release: () => void = () => {};
    vi.spyOn(t.backend, 'disconnect').mockImplementation(
      (options) =>
        new Promise((resolve) => {
          if (options?.signal) signals.push(options.signal);
          release = () => resolve({ status: 'disconnected' });
        }),
    );
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let removing: Promise<void> | undefined;
    act(() => {
      removing = t.current().remove('uat');
    });
    t.hook.unmount();
    expect(signals[0]?.aborted).toBe(true);
    release();
    await expect(removing).rejects.toMatchObject({ code: 'aborted' });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('shows a backend without listConnections as its one default connection, adding unsupported', async () => {
    // A backend from before several connections: the four required methods only.
    const singleOnly = (memory: SalesforceConnectAdapter): SalesforceConnectAdapter => ({
      getConnection: (o) => memory.getConnection(o),
      saveCredentials: (input, o) => memory.saveCredentials(input, o),
      startAuthorization: (input, o) => memory.startAuthorization(input, o),
      disconnect: (o) => memory.disconnect(o),
    });
    const memory = singleOnly(
      createMemoryAdapter({ latencyMs: 0, initial: 'connected', org: acme }),
    );
    const hook = renderHook(() => useSalesforceConnections({ adapter: memory }));
    await waitFor(() => expect(hook.result.current.loaded).toBe(true));
    expect(hook.result.current.connections.map((c) => [c.id, c.status])).toEqual([
      ['default', 'connected'],
    ]);
    expect(hook.result.current.addBlockedBy).toBe('unsupported');

    const empty = singleOnly(createMemoryAdapter({ latencyMs: 0 }));
    const other = renderHook(() => useSalesforceConnections({ adapter: empty }));
    await waitFor(() => expect(other.result.current.loaded).toBe(true));
    expect(other.result.current.connections).toEqual([]);
  });
});
