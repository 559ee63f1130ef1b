// The callback relay in a real Chromium page (test/fixtures/relay-page.html runs the real module),
// opened by the test page as Salesforce's redirect would open it in the kit's popup.
import { afterEach, describe, expect, it } from 'vitest';
import { resultChannelName } from '../../src/core/popup-protocol.js';

const APP_ORIGIN = window.location.origin;
const OTHER_ORIGIN = `http://127.0.0.1:${window.location.port}`;
const WAIT = { timeout: 30_000, interval: 20 };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function relayPage(origin: string, query: Record<string, string>) {
  const url = new URL('/test/fixtures/relay-page.html', origin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Everything that reaches the test page: window messages (with origin) and the channel. */
function listen(state: string) {
  const heard: { via: string; origin?: string; data: unknown }[] = [];
  const onMessage = (event: MessageEvent) => {
    heard.push({ via: 'window', origin: event.origin, data: event.data });
  };
  window.addEventListener('message', onMessage);
  const channel = new BroadcastChannel(resultChannelName(state));
  channel.addEventListener('message', (event) =>
    heard.push({ via: 'broadcast', data: event.data }),
  );
  cleanups.push(() => {
    window.removeEventListener('message', onMessage);
    channel.close();
  });
  return heard;
}

function openPopup(url: string): Window {
  const popup = window.open(url, 'relay-test', 'popup=yes,width=400,height=400');
  if (!popup) throw new Error('Chromium refused the popup');
  cleanups.push(() => {
    if (!popup.closed) popup.close();
  });
  return popup;
}

const kitMessages = (heard: { data: unknown }[]) =>
  heard.filter((h) => (h.data as { source?: unknown })?.source === 'salesforce-connect');

describe('relayOAuthResult in Chromium', () => {
  it('posts to the opener and the channel, then closes its window', async () => {
    const state = `st-${crypto.randomUUID()}`;
    const heard = listen(state);
    const popup = openPopup(relayPage(APP_ORIGIN, { code: 'c-1', state }));
    await expect.poll(() => kitMessages(heard).length, WAIT).toBe(2);
    const expected = {
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_result',
      state,
      code: 'c-1',
    };
    expect(heard).toEqual(
      expect.arrayContaining([
        { via: 'window', origin: APP_ORIGIN, data: expected },
        { via: 'broadcast', data: expected },
      ]),
    );
    await expect.poll(() => popup.closed, WAIT).toBe(true);
  });

  it('takes the code out of the address bar and keeps other parameters', async () => {
    const state = `st-${crypto.randomUUID()}`;
    listen(state);
    const popup = openPopup(
      relayPage(APP_ORIGIN, { code: 'c-2', state, close: '0', tenant: '42' }),
    );
    const status = () => popup.document?.getElementById('status')?.textContent ?? '';
    await expect.poll(status, WAIT).toContain('delivered');
    expect(JSON.parse(status())).toEqual({ delivered: 'both', closed: false, outcome: 'code' });
    const search = new URLSearchParams(popup.location.search);
    expect(search.has('code')).toBe(false);
    expect(search.has('state')).toBe(false);
    expect(search.get('tenant')).toBe('42');
  });

  it('reaches an opener on another origin only when that origin is named', async () => {
    const state = `st-${crypto.randomUUID()}`;
    const heard = listen(state);
    openPopup(relayPage(OTHER_ORIGIN, { code: 'c-3', state, target: APP_ORIGIN, close: '0' }));
    await expect.poll(() => kitMessages(heard).length, WAIT).toBe(1);
    expect(heard[0]).toMatchObject({ via: 'window', origin: OTHER_ORIGIN, data: { code: 'c-3' } });
  });

  it('pins the message to its own origin by default, so another origin never sees it', async () => {
    const state = `st-${crypto.randomUUID()}`;
    const heard = listen(state);
    openPopup(relayPage(OTHER_ORIGIN, { code: 'c-4', state, close: '0', marker: '1' }));
    // The marker is posted after the relay's message, from the same window: once it is here,
    // the relay's message has been delivered or dropped.
    await expect
      .poll(
        () => heard.some((h) => (h.data as { fixture?: string })?.fixture === 'relay-done'),
        WAIT,
      )
      .toBe(true);
    expect(kitMessages(heard)).toEqual([]);
  });

  it('reports that it could not close a window it does not own, so the page can say so', async () => {
    const state = `st-${crypto.randomUUID()}`;
    const heard = listen(state);
    const frame = document.createElement('iframe');
    frame.src = relayPage(APP_ORIGIN, { error: 'access_denied', state });
    document.body.append(frame);
    cleanups.push(() => frame.remove());
    const status = () => frame.contentDocument?.getElementById('status')?.textContent ?? '';
    await expect.poll(status, WAIT).toContain('delivered');
    // A frame has no opener and cannot close itself; the channel still carries the result.
    expect(JSON.parse(status())).toEqual({
      delivered: 'broadcast',
      closed: false,
      outcome: 'error',
      error: 'access_denied',
    });
    await expect.poll(() => kitMessages(heard).length, WAIT).toBe(1);
    expect(heard[0]).toMatchObject({ via: 'broadcast', data: { error: 'access_denied', state } });
  });
});
