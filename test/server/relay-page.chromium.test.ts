import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultChannelName } from '../../src/core/popup-protocol.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../helpers/chromium-flags.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { type LiveServer, startLiveServer } from './live-harness.js';

// The callback page in real Chromium: its nonce'd script must run under its own CSP, post to the
// opener at the pinned origin, reach same-origin listeners on the BroadcastChannel, clean the
// address bar, close itself, and leave readable text and a Close button when it cannot close.

let live: LiveServer;
let browser: Browser;
let appServer: Server;
let appOrigin: string;

// The app's page, on another origin than the server (localhost vs 127.0.0.1): records messages.
const APP_PAGE = `<!doctype html><html lang="en"><title>App</title>
<button id="open" type="button">Connect</button>
<script>
  window.messages = [];
  window.addEventListener('message', (event) => window.messages.push({ origin: event.origin, data: event.data }));
  document.getElementById('open').addEventListener('click', () => {
    window.popup = window.open(window.callbackUrl, 'salesforce', 'popup,width=500,height=600');
  });
</script></html>`;

beforeAll(async () => {
  appServer = createServer((_, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(APP_PAGE);
  });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://localhost:${(appServer.address() as AddressInfo).port}`;
  live = await startLiveServer({ handler: { allowedOrigins: [appOrigin] } });
  browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: [...CHROMIUM_ARGS],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await live?.close();
  await new Promise<void>((resolve) => appServer?.close(() => resolve()));
});

/** A fresh authorization, taken through Salesforce: the callback URL the popup would land on. */
async function landedCallback() {
  await live.adapter.saveCredentials(live.credentials);
  const start = await live.adapter.startAuthorization({ returnOrigin: appOrigin });
  const landed = await authorizeAtSimulator(start.authorizeUrl);
  if (landed.kind !== 'callback') throw new Error(landed.url);
  return { state: start.state, url: landed.url };
}

// Generous limits: Chromium and two servers share two busy cores.
describe('relay page in Chromium', { timeout: 60_000 }, () => {
  it('posts oauth_complete to the opener at its origin, then closes itself', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${appOrigin}/settings`);
    const { state, url } = await landedCallback();
    await page.evaluate((callbackUrl) => {
      (window as unknown as { callbackUrl: string }).callbackUrl = callbackUrl;
    }, url);
    const popupOpened = page.waitForEvent('popup');
    await page.click('#open');
    const popup = await popupOpened;
    // The popup may close before a listener could be attached: poll instead of waiting.
    await expect.poll(() => popup.isClosed(), { timeout: 30_000 }).toBe(true);
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { messages: unknown[] }).messages.length),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    const messages = await page.evaluate(
      () => (window as unknown as { messages: unknown[] }).messages,
    );
    expect(messages).toEqual([
      {
        origin: new URL(live.publicUrl).origin,
        data: { source: 'salesforce-connect', v: 1, type: 'oauth_complete', state },
      },
    ]);
    expect(errors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    expect((await live.adapter.getConnection()).status).toBe('connected');
    await context.close();
  });

  it('reaches same-origin pages on the BroadcastChannel when the opener is gone', async () => {
    const context = await browser.newContext();
    const listener = await context.newPage();
    await listener.goto(`${live.publicUrl}/setup`);
    const { state, url } = await landedCallback();
    await listener.evaluate((channelName) => {
      const channel = new BroadcastChannel(channelName);
      (window as unknown as { received: Promise<unknown> }).received = new Promise((resolve) => {
        channel.onmessage = (event) => resolve(event.data);
      });
    }, resultChannelName(state));
    const popup = await context.newPage();
    await popup.goto(url);
    const received = await listener.evaluate(
      () => (window as unknown as { received: Promise<unknown> }).received,
    );
    expect(received).toEqual({ source: 'salesforce-connect', v: 1, type: 'oauth_complete', state });
    await context.close();
  });

  it('stays readable when it cannot close: text, a Close button, and no code in the address bar', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const { url } = await landedCallback();
    await tab.goto(url);
    await expect
      .poll(() => tab.url(), { timeout: 15_000 })
      .toBe(`${live.publicUrl}/oauth/callback`);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Salesforce is connected',
    );
    expect(await tab.getByRole('status').textContent()).toContain('You can close this window');
    expect(await tab.getByRole('button', { name: 'Close this window' }).isVisible()).toBe(true);
    await context.close();
  });

  it('an unknown state posts nothing and focuses the Close button', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appOrigin}/settings`);
    await page.evaluate(
      (callbackUrl) => {
        (window as unknown as { callbackUrl: string }).callbackUrl = callbackUrl;
      },
      `${live.publicUrl}/oauth/callback?code=forged&state=${'f'.repeat(43)}`,
    );
    const popupOpened = page.waitForEvent('popup');
    await page.click('#open');
    const popup = await popupOpened;
    await popup.waitForLoadState();
    expect(await popup.getByRole('heading', { level: 1 }).textContent()).toBe(
      'This sign-in has expired or was already used',
    );
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.id), { timeout: 15_000 })
      .toBe('sfc-close');
    expect(popup.isClosed()).toBe(false);
    expect(
      await page.evaluate(() => (window as unknown as { messages: unknown[] }).messages),
    ).toEqual([]);
    await popup.getByRole('button', { name: 'Close this window' }).click();
    await expect.poll(() => popup.isClosed(), { timeout: 15_000 }).toBe(true);
    await context.close();
  });

  it('has no accessibility violations, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // Bypassing CSP only so that axe itself can be injected into the page.
      const context = await browser.newContext({ bypassCSP: true, colorScheme });
      const tab = await context.newPage();
      await tab.goto(`${live.publicUrl}/oauth/callback?code=x&state=${'u'.repeat(43)}`);
      await tab.addScriptTag({ content: axe.source });
      const violations = await tab.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
        return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
      });
      expect(violations, colorScheme).toEqual([]);
      await context.close();
    }
  });
});
