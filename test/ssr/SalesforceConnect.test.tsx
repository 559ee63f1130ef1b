// Server rendering in plain Node (no window, no document), then hydration of that exact markup in
// a fresh DOM: no mismatch, no warning, and the client takes over (loads, prefetches).
import { PassThrough } from 'node:stream';
import type { ReactElement } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
// The web-streams renderer: React 18 ships it only in the browser build, React 19 in both.
import { renderToReadableStream } from 'react-dom/server.browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinEnvironments } from 'vitest/environments';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
  type SalesforceConnectProps,
} from '../../src/components/SalesforceConnect.js';
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

describe('SalesforceConnect on the server', { timeout: 30_000 }, () => {
  // The browser's prefetch would otherwise load parts after a test has torn its DOM down.
  beforeAll(() => preloadSalesforceConnect(), 30_000);

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

  // React 18 switches a Suspense boundary that is still waiting for its code to client rendering
  // when an update reaches it during hydration (a recoverable error, then the loading line until
  // the part arrives); React 19 keeps the server HTML. docs/design-changes.md, "What a page loads".
  const keepsServerHtmlWhileCodeLoads = process.env.EXPECTED_REACT_MAJOR !== '18';

  it.runIf(keepsServerHtmlWhileCodeLoads)('hydrates mode="dialog" without a warning', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    const element = <SalesforceConnect adapter={adapter} mode="dialog" setup={{ storage: null }} />;
    const html = renderToString(element);
    expect(html).toContain('Salesforce connection');
    const t = await hydrate(element, html);
    expect(t.recoverable).not.toHaveBeenCalled();
    expect(t.errors).not.toHaveBeenCalled();
    await t.unmount();
  });

  it.runIf(keepsServerHtmlWhileCodeLoads)(
    'hydrates the setup view in a browser that has not loaded the guide and form yet',
    async () => {
      await preloadSalesforceConnect();
      const serverHtml = renderToString(page({ initialConnection: { status: 'disconnected' } }));
      const container = await browserGlobals(serverHtml);
      const input =
        container.querySelector('input[name="loginUrl"]') ?? container.querySelector('input');
      expect(input).not.toBeNull();
      // The browser's copy of the kit: nothing loaded on demand yet.
      vi.resetModules();
      const client = await import('../../src/components/SalesforceConnect.js');
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const recoverable = vi.fn();
      const { hydrateRoot } = await import('react-dom/client');
      const { act } = await import('react');
      (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
      let root: ReturnType<typeof hydrateRoot> | undefined;
      const element = (
        <client.SalesforceConnect
          adapter={createMemoryAdapter({ latencyMs: 0 })}
          setup={{ storage: null, callbackUrls: ['https://app.example.com/oauth/callback'] }}
          initialConnection={disconnected}
        />
      );
      await act(async () => {
        root = hydrateRoot(container, element, { onRecoverableError: recoverable });
      });
      // The server's guide and form stay on screen while their code arrives, then hydrate in place.
      expect(container.contains(input)).toBe(true);
      await act(() => client.preloadSalesforceConnect());
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      expect(container.contains(input)).toBe(true);
      const reactKeys = Object.keys(input as object).filter((key) => key.startsWith('__react'));
      expect(reactKeys.length).toBeGreaterThan(0);
      expect(recoverable).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
      await act(() => root?.unmount());
    },
  );
});

/**
 * React streams a large finished boundary after the shell (its fallback first, then the content
 * and a script that swaps it in) so the page paints sooner; the setup guide is one. For a byte
 * comparison the chunk size is unbounded so every boundary is written in place; the default is
 * checked on its own below.
 */
const inPlace = { progressiveChunkSize: Number.POSITIVE_INFINITY };

/** Node's streaming renderer, as Express-style servers use it: the HTML once all is ready. */
function renderToPipeable(
  element: ReactElement,
  options: { progressiveChunkSize?: number } = inPlace,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    let html = '';
    sink.on('data', (chunk: Buffer) => {
      html += chunk.toString('utf8');
    });
    sink.on('end', () => resolve(html));
    const stream = renderToPipeableStream(element, {
      ...options,
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: reject,
    });
  });
}

/** The web-streams renderer, as Next.js and edge runtimes use it. */
async function renderToWebStream(element: ReactElement): Promise<string> {
  const stream = await renderToReadableStream(element, {
    ...inPlace,
    onError: (error) => {
      throw error;
    },
  });
  await stream.allReady;
  return new Response(stream).text();
}

const disconnected: Connection = { status: 'disconnected' };
const configured: Connection = {
  status: 'configured',
  loginUrl: 'https://login.salesforce.com',
  consumerKeyHint: 'AAAA',
};

const firstViews: Array<[string, Partial<SalesforceConnectProps>]> = [
  ['setup', { initialConnection: disconnected }],
  ['ready', { initialConnection: configured }],
  ['connected', { initialConnection: connected }],
  ['loading', {}],
  ['dialog mode', { mode: 'dialog' }],
];

const page = (props: Partial<SalesforceConnectProps>) => (
  <SalesforceConnect
    adapter={createMemoryAdapter({ latencyMs: 0 })}
    setup={{ storage: null, callbackUrls: ['https://app.example.com/oauth/callback'] }}
    {...props}
  />
);

describe('SalesforceConnect on the server, with parts that load on demand', {
  timeout: 30_000,
}, () => {
  it.each(firstViews)(
    'renders the %s view to the same HTML as a string and as both streams',
    async (_, props) => {
      await preloadSalesforceConnect();
      const html = renderToString(page(props));
      expect(await renderToPipeable(page(props))).toBe(html);
      expect(await renderToWebStream(page(props))).toBe(html);
    },
  );

  it('puts the guide and the form in the setup view’s first HTML, and the status alone in the connected view’s', async () => {
    await preloadSalesforceConnect();
    const setupHtml = renderToString(page({ initialConnection: disconnected }));
    expect(setupHtml).toContain('data-sfc-part="setup-guide"');
    expect(setupHtml).toContain('Login URL');
    expect(setupHtml).not.toContain('Loading the setup guide');
    const connectedHtml = renderToString(page({ initialConnection: connected }));
    expect(connectedHtml).toContain('Connected to Acme Corporation');
    // Folded away until asked for: neither the guide nor the form is in the page's HTML.
    expect(connectedHtml).not.toContain('data-sfc-part="setup-guide"');
    expect(connectedHtml).not.toContain('Login URL');
  });

  it('streams the guide and the form even when no part was loaded before the request', async () => {
    vi.resetModules();
    const fresh = await import('../../src/components/SalesforceConnect.js');
    const element = (
      <fresh.SalesforceConnect
        adapter={createMemoryAdapter({ latencyMs: 0 })}
        setup={{ storage: null, callbackUrls: ['https://app.example.com/oauth/callback'] }}
        initialConnection={disconnected}
      />
    );
    // The stream waits for them: the page arrives with the guide and the form (React moves them
    // into place with its inline script), never with the loading notice alone.
    const streamed = await renderToPipeable(element, {});
    expect(streamed).toContain('data-sfc-part="setup-guide"');
    expect(streamed).toContain('Login URL');
    // Loaded now: every later render, string or stream, holds them in place.
    const html = renderToString(element);
    expect(html).toContain('Login URL');
    expect(html).not.toContain('Loading the setup guide');
    expect(await renderToPipeable(element)).toBe(html);
  });
});
