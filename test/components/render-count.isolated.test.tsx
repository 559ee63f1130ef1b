// Render counts per subtree: typing in the credentials form must not re-render the setup guide or
// the connection status, and a parent that re-renders with fresh inline props must not make the
// kit load, prefetch or subscribe again.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ProfilerOnRenderCallback, useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
} from '../../src/components/SalesforceConnect.js';

// These tests pin what each view does once its parts are there; SalesforceConnect.lazy.isolated
// pins the views before they arrive.
beforeAll(() => preloadSalesforceConnect());

const renders = vi.hoisted(() => ({ guide: 0, status: 0, form: 0 }));
const storeSubscriptions = vi.hoisted(() => ({ count: 0 }));

// Counts every subscription to the connect flow's store (React's and the flow's own).
vi.mock('../../src/core/connect-machine.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/connect-machine.js')>();
  return {
    ...actual,
    createConnectStore: (options: Parameters<typeof actual.createConnectStore>[0]) => {
      const store = actual.createConnectStore(options);
      return {
        ...store,
        subscribe: (listener: () => void) => {
          storeSubscriptions.count++;
          return store.subscribe(listener);
        },
      };
    },
  };
});

// Each part is wrapped in a Profiler that counts its subtree's commits.
vi.mock('../../src/components/SetupGuide.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/components/SetupGuide.js')>();
  const onRender: ProfilerOnRenderCallback = () => void renders.guide++;
  return {
    ...actual,
    SetupGuide: (props: Parameters<typeof actual.SetupGuide>[0]) => (
      <Profiler id="guide" onRender={onRender}>
        <actual.SetupGuide {...props} />
      </Profiler>
    ),
  };
});
vi.mock('../../src/components/ConnectionStatus.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/components/ConnectionStatus.js')>();
  const onRender: ProfilerOnRenderCallback = () => void renders.status++;
  return {
    ...actual,
    ConnectionStatus: (props: Parameters<typeof actual.ConnectionStatus>[0]) => (
      <Profiler id="status" onRender={onRender}>
        <actual.ConnectionStatus {...props} />
      </Profiler>
    ),
  };
});
vi.mock('../../src/components/CredentialsForm.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/components/CredentialsForm.js')>();
  const onRender: ProfilerOnRenderCallback = () => void renders.form++;
  return {
    ...actual,
    CredentialsForm: (props: Parameters<typeof actual.CredentialsForm>[0]) => (
      <Profiler id="form" onRender={onRender}>
        <actual.CredentialsForm {...props} />
      </Profiler>
    ),
  };
});

describe('render counts', () => {
  it('typing in the credentials form re-renders neither the guide nor the status', async () => {
    const user = userEvent.setup();
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    render(<SalesforceConnect adapter={adapter} setup={{ storage: null }} />);
    const loginUrl = await screen.findByRole('textbox', { name: 'Login URL' });
    await waitFor(() => expect(screen.getByDisplayValue(/oauth\/callback$/)).toBeInTheDocument());
    await act(async () => {});
    const before = { ...renders };
    await user.type(loginUrl, 'acme.my.salesforce.com');
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.keyboard('3MVG9abc');
    // The form itself did re-render as the admin typed: the counters work.
    expect(renders.form).toBeGreaterThan(before.form + 5);
    expect(renders.guide).toBe(before.guide);
    expect(renders.status).toBe(before.status);
  });

  it('a parent re-rendering with new inline callbacks and adapter object starts nothing again', async () => {
    const memory = createMemoryAdapter({ latencyMs: 0, initial: 'configured' });
    const calls = {
      getConnection: vi.spyOn(memory, 'getConnection'),
      getSetupInfo: vi.spyOn(memory, 'getSetupInfo'),
      startAuthorization: vi.spyOn(memory, 'startAuthorization'),
    };
    const callbacks = vi.fn();
    let rerenderParent: () => void = () => {};
    function Parent() {
      const [count, setCount] = useState(0);
      rerenderParent = () => setCount((value) => value + 1);
      // A new adapter object and new callbacks on every render, as in
      // `adapter={createFetchAdapter(...)}` with inline handlers.
      const adapter: SalesforceConnectAdapter = {
        getConnection: (o) => memory.getConnection(o),
        saveCredentials: (i, o) => memory.saveCredentials(i, o),
        startAuthorization: (i, o) => memory.startAuthorization(i, o),
        completeAuthorization: (i, o) => memory.completeAuthorization(i, o),
        disconnect: (o) => memory.disconnect(o),
        getSetupInfo: (o) => memory.getSetupInfo(o),
      };
      return (
        <div data-count={count}>
          <SalesforceConnect
            adapter={adapter}
            setup={{ storage: null }}
            onSuccess={() => callbacks('success')}
            onEvent={(event) => callbacks(event.type)}
            onExit={() => callbacks('exit')}
          />
        </div>
      );
    }
    render(<Parent />);
    const button = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    await waitFor(() => expect(button).toHaveAttribute('data-ready'));
    const before = {
      getConnection: calls.getConnection.mock.calls.length,
      getSetupInfo: calls.getSetupInfo.mock.calls.length,
      startAuthorization: calls.startAuthorization.mock.calls.length,
      events: callbacks.mock.calls.length,
      subscriptions: storeSubscriptions.count,
    };
    for (let i = 0; i < 3; i++) act(() => rerenderParent());
    await act(async () => {});
    expect(calls.getConnection.mock.calls.length).toBe(before.getConnection);
    expect(calls.getSetupInfo.mock.calls.length).toBe(before.getSetupInfo);
    expect(calls.startAuthorization.mock.calls.length).toBe(before.startAuthorization);
    expect(callbacks.mock.calls.length).toBe(before.events);
    expect(storeSubscriptions.count).toBe(before.subscriptions);
    expect(before.subscriptions).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Connect to Salesforce' })).toHaveAttribute(
      'data-ready',
    );
  });
});
