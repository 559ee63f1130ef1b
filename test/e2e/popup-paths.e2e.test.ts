import { describe, expect, it } from 'vitest';
import { DEMO_COOKIE_TENANT } from '../../demo/demo-contract.js';
import { CSRF_HEADER_NAME, CSRF_HEADER_VALUE } from '../../src/server/handler.js';
import { authorizeAtSimulator } from '../helpers/simulator-login.js';
import { ConnectDialogPage } from './pages/ConnectDialogPage.js';
import { SalesforceLoginPage } from './pages/SalesforceLoginPage.js';
import { StatusPage } from './pages/StatusPage.js';
import {
  closePopupLikeAPerson,
  openPopup,
  saveDemoCredentials,
  serverConnection,
} from './support/flows.js';
import { isFocused } from './support/keyboard.js';
import { expectNoAxeViolations, type Session, setUpE2eFile } from './support/session.js';

// What browsers do to popups — block them, let users close them, cut them off from their opener
// — and what other pages may try with messages: the kit must recover from the first and ignore
// the second.

const e2e = setUpE2eFile();
const session = e2e.session;

/** A page on another origin, served by the test itself (it never reaches the network). */
const ATTACKER = 'http://attacker.test';

/** An attacker's page that records every message it receives. */
const ATTACKER_PAGE = `<!doctype html><html lang="en"><title>Elsewhere</title><main><h1>Elsewhere</h1></main>
<script>
  window.received = [];
  window.addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
</script></html>`;

/** Serves pages on the attacker's origin: each records the messages it receives. */
function serveAttackerPage(session: Session) {
  return serveRecorderPage(session, `${ATTACKER}/**`);
}

/** Serves, at `url`, a page that records every message it receives (with its origin). */
async function serveRecorderPage(session: Session, url: string) {
  await session.context.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: ATTACKER_PAGE }),
  );
}

/** The state of the authorization the page started (from the authorize URL it requested). */
function startedState(session: Session): string {
  const url = session.requestedUrls.findLast((u) => u.includes('/services/oauth2/authorize'));
  const state = url && new URL(url).searchParams.get('state');
  if (!state) throw new Error('No authorize request was seen.');
  return state;
}

describe('popup paths', () => {
  it('blocked: the dialog says so, and "Open Salesforce" opens it on a fresh click', async () => {
    // The browser refuses the first window.open (as a popup blocker does), allows the next.
    const s = await session({
      initScripts: [
        `(() => {
          if (location.pathname !== '/') return;
          const open = window.open;
          let refused = false;
          window.open = function (...args) {
            if (!refused) { refused = true; return null; }
            return open.apply(this, args);
          };
        })();`,
      ],
    });
    const { page } = s;
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await saveDemoCredentials(page, e2e.stack);
    await status.connectButton.click();
    await dialog.waitForTitle('The browser blocked the Salesforce window');
    expect(s.popups).toEqual([]);
    await expectNoAxeViolations(page, 'dialog: popup blocked');
    const popup = await openPopup(page, () => dialog.openSalesforce.click());
    await new SalesforceLoginPage(popup).complete(e2e.stack.values);
    await dialog.waitForTitle('Connected to Acme (Simulated)');
    expect(s.popups).toHaveLength(1);
  });

  it('a double click opens one popup; closing it returns to the start with a message, no hang', async () => {
    const s = await session({ fakeClock: true });
    const { page } = s;
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await saveDemoCredentials(page, e2e.stack);
    const popup = await openPopup(page, () => status.connectButton.dblclick());
    await new SalesforceLoginPage(popup).logInButton.waitFor();
    expect(s.popups).toHaveLength(1);

    await closePopupLikeAPerson(page, popup);
    // No hang: the kit asks the server once, then says what happened and offers a fresh start.
    await dialog.waitForError('The Salesforce window was closed');
    await expectNoAxeViolations(page, 'dialog: popup closed');
    await page.keyboard.press('Escape');
    await dialog.waitForClosed();
    await status.waitFor('Not connected — credentials saved');
    await expect.poll(() => isFocused(status.connectButton)).toBe(true);
    expect((await serverConnection(page)).status).not.toBe('connected');
  });

  it('a callback page with COOP loses window.opener: the BroadcastChannel result still connects', async () => {
    const s = await session({ noNavigation: true });
    const { page, context } = s;
    const openers: boolean[] = [];
    const channelMessages: Array<{ name: string; data: { type?: string; state?: string } }> = [];
    await context.exposeBinding('__e2eOpener', (_source, hasOpener: boolean) => {
      openers.push(hasOpener);
    });
    await context.exposeBinding('__e2eChannel', (_source, name: string, data: unknown) => {
      channelMessages.push({ name, data: data as { type?: string; state?: string } });
    });
    await context.addInitScript(`(() => {
      if (location.pathname.endsWith('/oauth/callback')) {
        window.__e2eOpener(window.opener !== null);
        return;
      }
      const Channel = window.BroadcastChannel;
      window.BroadcastChannel = class extends Channel {
        constructor(name) {
          super(name);
          this.addEventListener('message', (event) => window.__e2eChannel(name, event.data));
        }
      };
    })();`);
    // The app's callback route sends Cross-Origin-Opener-Policy: same-origin, as some
    // frameworks do by default; the popup arrives from Salesforce's origin, so it is cut off.
    e2e.stack.setCallbackOpenerPolicy('same-origin');
    await page.goto(e2e.stack.pageUrl);
    const status = new StatusPage(page);
    await saveDemoCredentials(page, e2e.stack);
    const popup = await openPopup(page, () => status.connectButton.click());
    await new SalesforceLoginPage(popup).complete(e2e.stack.values);
    const dialog = new ConnectDialogPage(page);
    await dialog.waitForTitle('Connected to Acme (Simulated)');
    expect(openers).toEqual([false]);
    const state = startedState(s);
    expect(channelMessages).toContainEqual({
      name: `salesforce-connect:${state}`,
      data: expect.objectContaining({ source: 'salesforce-connect', state }),
    });
    expect((await serverConnection(page)).status).toBe('connected');
    e2e.stack.setCallbackOpenerPolicy(null);
  });
});

describe('messages from elsewhere', () => {
  it('a forged result from another origin, or with another state, changes nothing', async () => {
    const s = await session();
    const { page } = s;
    await serveAttackerPage(s);
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await saveDemoCredentials(page, e2e.stack);
    const popup = await openPopup(page, () => status.connectButton.click());
    const salesforce = new SalesforceLoginPage(popup);
    await salesforce.logInButton.waitFor();
    await dialog.waitForTitle('Waiting for Salesforce…');
    const state = startedState(s);

    // Count what reaches the page, to know the forgeries arrived before judging the outcome.
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      window.addEventListener('message', (event) => seen.push(event.data));
    });
    const forged = (forState: string) => ({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_complete',
      state: forState,
    });
    // 1. The right state, from a frame on another origin.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'elsewhere';
      document.body.append(frame);
    }, `${ATTACKER}/frame`);
    const frame = page.frameLocator('iframe[title="elsewhere"]');
    await frame.getByRole('heading', { name: 'Elsewhere' }).waitFor();
    const attacker = page.frames().find((f) => f.url().startsWith(ATTACKER));
    await attacker?.evaluate((message) => window.parent.postMessage(message, '*'), forged(state));
    // 2. Another state, from the page's own origin, by message and on the channel.
    await page.evaluate((message) => {
      window.postMessage(message, location.origin);
      const channel = new BroadcastChannel(`salesforce-connect:${message.state}`);
      channel.postMessage(message);
      channel.close();
    }, forged('not-the-state'));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length))
      .toBeGreaterThanOrEqual(2);

    // Still waiting for Salesforce; the server knows of no connection.
    await dialog.waitForTitle('Waiting for Salesforce…');
    expect((await serverConnection(page)).status).not.toBe('connected');
    // And the real answer, with the real state, still connects.
    await salesforce.complete(e2e.stack.values);
    await dialog.waitForTitle('Connected to Acme (Simulated)');
  });

  it('the relay page sends nothing to an origin not in allowedOrigins', async () => {
    const { stack } = e2e;
    // The pages below run in a browser whose workspace started the authorizations.
    const s = await session({ noNavigation: true });
    const headers = {
      'content-type': 'application/json',
      [CSRF_HEADER_NAME]: CSRF_HEADER_VALUE,
      cookie: `${DEMO_COOKIE_TENANT}=${s.tenant}`,
    };
    // The server will not even start an authorization that reports to a foreign origin.
    const refused = await fetch(`${stack.apiUrl}/connection/authorize`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ returnOrigin: ATTACKER }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('not in allowedOrigins');

    // Real results for the app's origin, opened once by a page of the app's origin (the control:
    // the message must arrive) and once by a page on another origin (it must not).
    const { values } = stack;
    const saved = await fetch(`${stack.apiUrl}/connection/credentials`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        loginUrl: values.loginUrl,
        consumerKey: values.consumerKey,
        consumerSecret: values.consumerSecret,
      }),
    });
    expect(saved.status).toBe(200);
    const landedCallback = async () => {
      const started = await fetch(`${stack.apiUrl}/connection/authorize`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ returnOrigin: stack.origin }),
      });
      const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
      const landed = await authorizeAtSimulator(authorizeUrl);
      if (landed.kind !== 'callback') throw new Error(`Salesforce showed ${landed.url}`);
      return landed.url;
    };
    await serveRecorderPage(s, `${stack.origin}/e2e-recorder`);
    await serveAttackerPage(s);

    /** Opens the callback URL from the current page; what that page received meanwhile. */
    const relayFrom = async (url: string) => {
      await s.page.evaluate(() => {
        (window as unknown as { received: unknown[] }).received.length = 0;
      });
      const relay = await openPopup(s.page, () =>
        s.page.evaluate((target) => {
          window.open(target, '_blank', 'popup');
        }, url),
      );
      // With a message to send it posts, then closes; with none it explains and waits.
      await Promise.any([
        relay.waitForEvent('close'),
        relay.getByRole('button', { name: 'Close' }).waitFor(),
      ]);
      // A message the page posts itself lands after anything already on its way to it.
      return s.page.evaluate(
        () =>
          new Promise<unknown[]>((resolve) => {
            const { received } = window as unknown as { received: unknown[] };
            window.addEventListener('message', () => resolve(received.slice(0, -1)), {
              once: true,
            });
            window.postMessage('marker', '*');
          }),
      );
    };

    await s.page.goto(`${stack.origin}/e2e-recorder`);
    expect(await relayFrom(await landedCallback())).toEqual([
      expect.objectContaining({ origin: stack.origin }),
    ]);
    await s.page.goto(`${ATTACKER}/`);
    expect(await relayFrom(await landedCallback())).toEqual([]);
    // A state the server does not know: nothing is posted at all.
    const received = await relayFrom(`${values.callbackUrl}?code=forged&state=forged`);
    expect(received).toEqual([]);
  });
});
