// The popup session against a real Chromium: real window.open, real cross-origin postMessage and
// a real BroadcastChannel. The test page is served on localhost:PORT; the same Vite server also
// answers on 127.0.0.1:PORT, which is another origin, so it plays the callback page's origin.
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createOAuthPopupMessage, resultChannelName } from '../../src/core/popup-protocol.js';
import {
  createPopupSession,
  type PopupHost,
  type PopupOutcome,
  type PopupSessionEvent,
  type PopupSessionOptions,
} from '../../src/core/popup-session.js';

const APP_ORIGIN = window.location.origin;
const CALLBACK_ORIGIN = `http://127.0.0.1:${window.location.port}`;
const WAIT = { timeout: 30_000, interval: 20 };

// The real window must satisfy the environment the session asks for.
const realHost: PopupHost = window;

function fixture(origin: string, page: string, query: Record<string, string> = {}) {
  const url = new URL(`/test/fixtures/${page}`, origin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * An "authorize URL" that skips Salesforce: it is the callback page itself, already carrying the
 * code (what Salesforce's redirect would produce), plus the redirect_uri the session reads.
 */
function callbackAuthorization(
  state: string,
  query: Record<string, string>,
  origin = CALLBACK_ORIGIN,
) {
  const redirect = fixture(origin, 'relay-page.html');
  return {
    state,
    authorizeUrl: fixture(origin, 'relay-page.html', { ...query, state, redirect_uri: redirect }),
  };
}

const message = (query: string) => createOAuthPopupMessage(new URLSearchParams(query));

let openSpy: MockInstance<Window['open']> | undefined;
const frames: HTMLIFrameElement[] = [];

/** Every window the session opened, through the real window.open. */
function spyOnOpen() {
  openSpy = vi.spyOn(window, 'open');
  return () => (openSpy?.mock.results ?? []).map((r) => r.value as Window | null);
}

afterEach(() => {
  for (const result of openSpy?.mock.results ?? []) {
    const popup = result.value as Window | null;
    if (popup && !popup.closed) popup.close();
  }
  openSpy?.mockRestore();
  openSpy = undefined;
  for (const frame of frames.splice(0)) frame.remove();
});

function start(options: Omit<PopupSessionOptions, 'onEvent'> = {}) {
  const events: PopupSessionEvent[] = [];
  const session = createPopupSession({ ...options, onEvent: (event) => events.push(event) });
  let outcome: PopupOutcome | undefined;
  void session.result.then((value) => {
    outcome = value;
  });
  return { session, events, outcome: () => outcome };
}

/** Loads a page in an iframe of the test page and resolves once it has run. */
function frame(src: string): Promise<void> {
  return new Promise((resolve) => {
    const element = document.createElement('iframe');
    element.addEventListener('load', () => resolve(), { once: true });
    element.src = src;
    frames.push(element);
    document.body.append(element);
  });
}

const ignoredReasons = (events: PopupSessionEvent[]) =>
  events.flatMap((e) => (e.type === 'message_ignored' ? [e.reason] : []));

describe('popup session in Chromium', () => {
  it('takes the code a callback page on another origin posts to its opener', async () => {
    const opened = spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    const authorization = callbackAuthorization(state, { code: 'code-123', target: APP_ORIGIN });
    expect(t.session.open(authorization)).toBe('opened');
    expect(opened()).toHaveLength(1);

    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({ type: 'code', code: 'code-123', state });
    expect(t.events).toContainEqual({
      type: 'message_accepted',
      channel: 'window',
      messageType: 'oauth_result',
    });
    // The relay closed its own window.
    await expect.poll(() => opened()[0]?.closed, WAIT).toBe(true);
  });

  it('opens a blank popup inside the click and sends it on when the URL arrives', async () => {
    const opened = spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    let resolve: (value: { authorizeUrl: string; state: string }) => void = () => {};
    t.session.open(new Promise((r) => (resolve = r)));
    expect(opened()).toHaveLength(1);
    expect(openSpy?.mock.calls[0]?.[0]).toBe('');
    expect(opened()[0]?.document.body.textContent).toBe('Opening Salesforce…');

    // The URL comes back from the "backend" a moment later.
    await new Promise((r) => setTimeout(r, 10));
    resolve(callbackAuthorization(state, { code: 'late-code', target: APP_ORIGIN }));
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({ type: 'code', code: 'late-code', state });
    expect(t.events).toContainEqual({ type: 'popup_navigated' });
  });

  it('ignores forged messages from other origins, windows and states, then takes the real one', async () => {
    const opened = spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    const valid = message(`code=real&state=${state}`);
    const forgedByPopup = [
      message(`code=guess&state=st-guessed`), // another state
      { source: 'salesforce-connect', v: 1, type: 'oauth_result' }, // no state: malformed
    ];
    t.session.open({
      state,
      authorizeUrl: fixture(CALLBACK_ORIGIN, 'forge-page.html', {
        messages: JSON.stringify(forgedByPopup),
        redirect_uri: fixture(CALLBACK_ORIGIN, 'relay-page.html'),
      }),
    });
    await expect.poll(() => ignoredReasons(t.events).length, WAIT).toBe(2);
    expect(ignoredReasons(t.events).sort()).toEqual(['malformed', 'state']);

    // A frame on the app's own origin is not the callback origin…
    await frame(
      fixture(APP_ORIGIN, 'forge-page.html', { to: 'parent', messages: JSON.stringify([valid]) }),
    );
    // …and a frame on the callback origin is not the popup.
    await frame(
      fixture(CALLBACK_ORIGIN, 'forge-page.html', {
        to: 'parent',
        messages: JSON.stringify([valid]),
      }),
    );
    await expect.poll(() => ignoredReasons(t.events).length, WAIT).toBe(4);
    expect(t.events).toContainEqual({
      type: 'message_ignored',
      channel: 'window',
      reason: 'origin',
      origin: APP_ORIGIN,
    });
    expect(t.events).toContainEqual({
      type: 'message_ignored',
      channel: 'window',
      reason: 'source',
    });
    expect(t.outcome()).toBeUndefined();

    // Now "Salesforce" redirects the popup to the callback page for real.
    opened()[0]?.location.replace(
      callbackAuthorization(state, { code: 'real', target: APP_ORIGIN }).authorizeUrl,
    );
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({ type: 'code', code: 'real', state });
  });

  it('hears the BroadcastChannel when the callback page lost its opener', async () => {
    const opened = spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    // A callback route on the app's own origin, as BroadcastChannel only spans one origin.
    t.session.open(callbackAuthorization(state, { code: 'bc-code', noopener: '1' }, APP_ORIGIN));
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({ type: 'code', code: 'bc-code', state });
    expect(t.events).toContainEqual({
      type: 'message_accepted',
      channel: 'broadcast',
      messageType: 'oauth_result',
    });
    await expect.poll(() => opened()[0]?.closed, WAIT).toBe(true);
  });

  it('takes oauth_complete, which never carries the code', async () => {
    spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    t.session.open(
      callbackAuthorization(state, { code: 'server-kept', complete: '1', target: APP_ORIGIN }),
    );
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()).toEqual({ type: 'complete', state });
    expect(t.events).toContainEqual({
      type: 'message_accepted',
      channel: 'window',
      messageType: 'oauth_complete',
    });
  });

  it('ends as popup_closed after the grace period when the admin closes the popup', async () => {
    const opened = spyOnOpen();
    const checks: string[] = [];
    const t = start({
      blockedCheckMs: 1,
      closedPollMs: 20,
      closedGraceMs: 50,
      getConnection: () => {
        checks.push('asked');
        return { status: 'configured' };
      },
    });
    t.session.open({
      state: `st-${crypto.randomUUID()}`,
      authorizeUrl: fixture(CALLBACK_ORIGIN, 'login-page.html', {
        redirect_uri: fixture(CALLBACK_ORIGIN, 'relay-page.html'),
      }),
    });
    expect(t.session.status).toBe('open');
    // A human takes longer than the blocked-popup check (1 ms here) to close it; timers fire in
    // due order, so this wait always comes after that check.
    await new Promise((r) => setTimeout(r, 50));
    opened()[0]?.close();
    await expect.poll(t.outcome, WAIT).toBeDefined();
    expect(t.outcome()?.type === 'error' && t.outcome()).toMatchObject({
      error: { code: 'popup_closed' },
    });
    expect(checks).toEqual(['asked']);
    const types = t.events.map((e) => e.type);
    expect(types.indexOf('popup_closed')).toBeLessThan(types.indexOf('connection_checked'));
  });

  it('opens one popup for a double click and focuses it', async () => {
    const opened = spyOnOpen();
    const t = start();
    const authorization = {
      state: `st-${crypto.randomUUID()}`,
      authorizeUrl: fixture(CALLBACK_ORIGIN, 'login-page.html'),
    };
    expect(t.session.open(authorization)).toBe('opened');
    expect(t.session.open(authorization)).toBe('focused');
    expect(openSpy).toHaveBeenCalledTimes(1);
    expect(opened()[0]?.closed).toBe(false);
    t.session.cancel();
    expect(t.outcome()).toBeUndefined(); // resolves on the next tick
    await expect.poll(t.outcome, WAIT).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(opened()[0]?.closed).toBe(true);
  });

  it('stops listening once settled: later messages on either channel reach nothing', async () => {
    spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start();
    t.session.open(callbackAuthorization(state, { code: 'first', target: APP_ORIGIN }));
    await expect.poll(t.outcome, WAIT).toBeDefined();
    const eventCount = t.events.length;
    expect(t.events.at(-1)).toMatchObject({ type: 'settled', outcome: 'code' });

    // Watch the same traffic the session would have heard, to know it was delivered.
    const seen: string[] = [];
    const onMessage = (event: MessageEvent) => {
      if (event.origin === CALLBACK_ORIGIN) seen.push('window');
    };
    window.addEventListener('message', onMessage);
    const watcher = new BroadcastChannel(resultChannelName(state));
    watcher.addEventListener('message', () => seen.push('broadcast'));
    try {
      const again = JSON.stringify([message(`code=second&state=${state}`)]);
      await frame(fixture(CALLBACK_ORIGIN, 'forge-page.html', { to: 'parent', messages: again }));
      const sender = new BroadcastChannel(resultChannelName(state));
      sender.postMessage(message(`code=third&state=${state}`));
      sender.close();
      await expect.poll(() => [...seen].sort(), WAIT).toEqual(['broadcast', 'window']);
    } finally {
      window.removeEventListener('message', onMessage);
      watcher.close();
    }
    expect(t.events).toHaveLength(eventCount);
    expect(t.outcome()).toEqual({ type: 'code', code: 'first', state });
  });

  it('works with the real window passed explicitly as its environment', async () => {
    spyOnOpen();
    const state = `st-${crypto.randomUUID()}`;
    const t = start({ environment: { window: realHost }, callbackOrigin: CALLBACK_ORIGIN });
    t.session.open(callbackAuthorization(state, { code: 'explicit', target: APP_ORIGIN }));
    await expect.poll(t.outcome, WAIT).toEqual({ type: 'code', code: 'explicit', state });
  });
});
