// Server rendering in plain Node (no window, no document), then hydration of that exact markup in
// a fresh DOM: no mismatch, no warning, and the client takes over (loads, prefetches).
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtinEnvironments } from 'vitest/environments';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import type { Connection } from '../../src/core/types.js';

const connected: Connection = {
  status: 'connected',
  org: {
    id: '00D5g00000ACMEdEAA',
    name: 'Acme Corporation',
    instanceUrl: 'https://acme.my.salesforce.com',
  },
  user: { id: '005', username: 'admin@acme.example.com' },
  connectedAt: '2026-03-04T09:30:00.000Z',
};

let restoreGlobals: (() => unknown) | undefined;
afterEach(async () => {
  await restoreGlobals?.();
  restoreGlobals = undefined;
});

/** A browser DOM installed after the server render, the way a page gets one (Vitest's jsdom). */
async function browserGlobals(html: string) {
  const environment = await builtinEnvironments.jsdom.setup(globalThis, {
    jsdom: { url: 'https://app.example.com/settings', pretendToBeVisual: true },
  });
  restoreGlobals = () => environment.teardown(globalThis);
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

async function hydrate(element: React.ReactElement, html: string) {
  const container = await browserGlobals(html);
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const recoverable = vi.fn();
  const { hydrateRoot } = await import('react-dom/client');
  const { act } = await import('react');
  let root: ReturnType<typeof hydrateRoot> | undefined;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  await act(async () => {
    root = hydrateRoot(container, element, { onRecoverableError: recoverable });
  });
  return {
    container,
    errors,
    warnings,
    recoverable,
    settle: () =>
      act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }),
    unmount: () => act(() => root?.unmount()),
  };
}

describe('SalesforceConnect on the server', () => {
  it('renders in Node without touching window or document', () => {
    expect(typeof globalThis.window).toBe('undefined');
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const html = renderToString(<SalesforceConnect adapter={adapter} setup={{ storage: null }} />);
    expect(html).toContain('data-sfc-part="salesforce-connect"');
    expect(html).toContain('role="status"');
    expect(html).toContain('Checking the Salesforce connection…');
  });

  it('renders a connection the server already knows, dates included', () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const html = renderToString(
      <SalesforceConnect
        adapter={adapter}
        initialConnection={connected}
        setup={{ storage: null }}
      />,
    );
    expect(html).toContain('Connected to Acme Corporation');
    // No time zone or locale on the server: the date waits for the browser.
    expect(html).toContain('<time dateTime="2026-03-04T09:30:00.000Z">2026-03-04</time>');
  });

  it.each([
    ['loading', undefined],
    ['connected', connected],
  ] as const)(
    'hydrates the %s markup without a warning, then the client takes over',
    async (_, initial) => {
      const adapter = createMemoryAdapter({ latencyMs: 0, initial: 'configured' });
      const element = (
        <SalesforceConnect
          adapter={adapter}
          setup={{ storage: null }}
          {...(initial ? { initialConnection: initial } : {})}
        />
      );
      const html = renderToString(element);
      const t = await hydrate(element, html);
      await t.settle();
      expect(t.recoverable).not.toHaveBeenCalled();
      expect(t.errors).not.toHaveBeenCalled();
      expect(t.warnings).not.toHaveBeenCalled();
      // The client loaded the backend's connection and is ready to open Salesforce.
      const status = t.container.querySelector('[data-sfc-part="status-headline"]');
      expect(status?.textContent).toBe('Not connected — credentials saved');
      await t.unmount();
    },
  );

  it('hydrates mode="dialog" without a warning', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const element = <SalesforceConnect adapter={adapter} mode="dialog" setup={{ storage: null }} />;
    const html = renderToString(element);
    expect(html).toContain('Salesforce connection');
    const t = await hydrate(element, html);
    expect(t.recoverable).not.toHaveBeenCalled();
    expect(t.errors).not.toHaveBeenCalled();
    await t.unmount();
  });
});
