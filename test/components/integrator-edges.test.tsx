import { render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectButton, type ConnectButtonFlow } from '../../src/components/ConnectButton.js';
import { ConnectDialog, type ConnectDialogFlow } from '../../src/components/ConnectDialog.js';
import { CopyField } from '../../src/components/CopyField.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { useConnection } from '../../src/hooks/useConnection.js';
import { useCredentialsForm } from '../../src/hooks/useCredentialsForm.js';
import { useSalesforceConnect } from '../../src/hooks/useSalesforceConnect.js';

const API = 'https://app.example.com/api/salesforce';

/** A backend answering GET /connection and GET /setup the way the reference server does. */
function stubBackend(setup: Record<string, unknown>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const body = url.endsWith('/setup') ? setup : { status: 'disconnected' };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

const statusText = () =>
  document.querySelector('[data-sfc-part="connection-status"]')?.textContent ?? '';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('a string apiUrl instead of an adapter (what a server component can pass)', () => {
  it('builds the fetch adapter itself and talks to the reference server’s routes', async () => {
    const calls = stubBackend({ callbackUrls: [`${API}/oauth/callback`] });
    render(<SalesforceConnect apiUrl={API} setup={{ storage: null }} />);
    await waitFor(() => expect(statusText()).toContain('Not connected'));
    expect(calls).toContain(`GET ${API}/connection`);
    expect(calls).toContain(`GET ${API}/setup`);
  });
});

describe('one allowlist for login hosts', () => {
  const typeLoginUrl = async (value: string) => {
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Login URL');
    await user.type(box, value);
    await user.tab();
    return box;
  };

  it('accepts the hosts the backend names in GET /setup', async () => {
    stubBackend({ callbackUrls: [`${API}/oauth/callback`], allowedLoginHosts: ['localhost:4010'] });
    render(<SalesforceConnect apiUrl={API} setup={{ storage: null }} />);
    await waitFor(() => expect(statusText()).toContain('Not connected'));
    const box = await typeLoginUrl('http://localhost:4010');
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(await screen.findByText(/We'll use http:\/\/localhost:4010/)).toBeInTheDocument();
  });

  it('refusing a host, tells the developer which setting accepts it', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    render(<CredentialsForm adapter={adapter} />);
    const box = await typeLoginUrl('http://localhost:4010');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    const error = document.getElementById(box.getAttribute('aria-describedby')!.split(' ').at(-1)!);
    expect(error?.textContent).toMatch(/localhost isn't a Salesforce address/);
    expect(error?.textContent).toMatch(/To accept localhost:4010.*allowedLoginHosts.*GET \/setup/);
  });

  it('names an IP address host the same way', async () => {
    render(<CredentialsForm adapter={createMemoryAdapter({ latencyMs: 0 })} />);
    await typeLoginUrl('http://127.0.0.1:4010');
    expect(screen.getByText(/not an IP address.*To accept 127\.0\.0\.1:4010/)).toBeInTheDocument();
  });

  it('keeps the admin’s message plain in a production build', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    render(<CredentialsForm adapter={createMemoryAdapter({ latencyMs: 0 })} />);
    await typeLoginUrl('http://localhost:4010');
    expect(screen.getByText(/localhost isn't a Salesforce address/)).toBeInTheDocument();
    expect(screen.queryByText(/allowedLoginHosts/)).toBeNull();
  });
});

describe('a missing required prop', () => {
  // React logs the render error it rethrows; the assertion is on the error itself.
  const quietly = (fn: () => void) => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      fn();
    } finally {
      spy.mockRestore();
    }
  };
  const missing = <T,>() => undefined as unknown as T;

  it.each([
    [
      '<ConnectButton>',
      () => render(<ConnectButton connect={missing<ConnectButtonFlow>()} />),
      /`connect` prop.*useSalesforceConnect\(\)/,
    ],
    [
      '<ConnectDialog>',
      () => render(<ConnectDialog connect={missing<ConnectDialogFlow>()} />),
      /`connect` prop/,
    ],
    [
      '<CopyField>',
      () => render(<CopyField label="Scopes" value={missing<string>()} />),
      /`value` prop/,
    ],
    [
      '<CredentialsForm>',
      () => render(<CredentialsForm adapter={missing<SalesforceConnectAdapter>()} />),
      /`adapter` prop.*saveCredentials/,
    ],
    [
      '<SalesforceConnect>',
      () => render(<SalesforceConnect />),
      /`adapter` prop.*apiUrl="\/api\/salesforce"/,
    ],
  ])('%s says which prop and how to give it', (name, renderIt, message) => {
    quietly(() => expect(renderIt).toThrow(message));
    quietly(() => expect(renderIt).toThrow(name));
  });

  it.each([
    [
      'useSalesforceConnect',
      () => renderHook(() => useSalesforceConnect(missing())),
      /useSalesforceConnect needs its `adapter` option/,
    ],
    [
      'useCredentialsForm',
      () => renderHook(() => useCredentialsForm(missing())),
      /useCredentialsForm needs its `adapter` option/,
    ],
    [
      'useConnection',
      () => renderHook(() => useConnection({ adapter: missing() })),
      /useConnection needs its `adapter` option/,
    ],
  ])('%s says which option and how to give it', (_name, renderIt, message) => {
    quietly(() => expect(renderIt).toThrow(message));
  });
});
