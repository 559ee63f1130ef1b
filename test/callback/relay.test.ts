import { describe, expect, it } from 'vitest';
import { relayOAuthResult } from '../../src/callback/relay.js';
import { isOAuthPopupMessage, resultChannelName } from '../../src/core/popup-protocol.js';
import { createPopupSession } from '../../src/core/popup-session.js';
import { FakeBroadcastHub, fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const APP = 'https://app.example.com';

/** A callback page's window: records what it posted, where its URL went, and whether it closed. */
function callbackWindow(href: string, options: { opener?: boolean; closable?: boolean } = {}) {
  const posts: { message: unknown; targetOrigin: string }[] = [];
  const urls: string[] = [];
  const win = {
    location: { href },
    opener:
      options.opener === false
        ? null
        : {
            closed: false,
            postMessage: (message: unknown, targetOrigin: string) =>
              void posts.push({ message, targetOrigin }),
          },
    history: {
      state: { kept: true },
      replaceState: (_data: unknown, _unused: string, url?: string) => {
        if (url) {
          urls.push(url);
          win.location.href = url;
        }
      },
    },
    closed: false,
    close() {
      // Browsers only let a window close itself when a script opened it.
      if (options.closable !== false) win.closed = true;
    },
  };
  return { win, posts, urls };
}

function listen(hub: FakeBroadcastHub, state: string) {
  const heard: unknown[] = [];
  const channel = new hub.Channel(resultChannelName(state));
  channel.addEventListener('message', (event) => heard.push(event.data));
  return heard;
}

describe('relayOAuthResult', () => {
  it('posts the code to the opener at its own origin and on the channel, then closes', () => {
    const hub = new FakeBroadcastHub();
    const heard = listen(hub, 's1');
    const page = callbackWindow(`${APP}/sf/callback?code=abc&state=s1`);
    const done = relayOAuthResult({
      environment: { window: page.win, BroadcastChannel: hub.Channel },
    });
    const expected = {
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_result',
      state: 's1',
      code: 'abc',
    };
    expect(page.posts).toEqual([{ message: expected, targetOrigin: APP }]);
    expect(heard).toEqual([expected]);
    expect(done).toEqual({ delivered: 'both', closed: true, outcome: 'code' });
    expect(hub.openCount).toBe(1); // only the listener's own channel: the relay closed its own
  });

  it('pins the message to the given origin, normalizing a URL to its origin', () => {
    const page = callbackWindow('https://api.example.com/oauth/callback?code=abc&state=s1');
    relayOAuthResult({
      targetOrigin: 'https://app.example.com/settings/salesforce',
      environment: { window: page.win, BroadcastChannel: undefined },
    });
    expect(page.posts[0]?.targetOrigin).toBe('https://app.example.com');
  });

  it.each(['*', '/', 'app.example.com', 'data:text/plain,hi'])(
    'refuses %j as a target origin',
    (targetOrigin) => {
      const page = callbackWindow(`${APP}/cb?code=abc&state=s1`);
      expect(() =>
        relayOAuthResult({ targetOrigin, environment: { window: page.win } }),
      ).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
      expect(page.posts).toEqual([]);
    },
  );

  it('removes the OAuth parameters from the address bar and keeps the rest', () => {
    const page = callbackWindow(`${APP}/cb?tenant=42&code=abc&state=s1#top`);
    relayOAuthResult({ environment: { window: page.win, BroadcastChannel: undefined } });
    expect(page.urls).toEqual([`${APP}/cb?tenant=42#top`]);
  });

  it('relays an error without a code', () => {
    const page = callbackWindow(
      `${APP}/cb?error=access_denied&error_description=end-user+denied+authorization&state=s1`,
    );
    const done = relayOAuthResult({
      environment: { window: page.win, BroadcastChannel: undefined },
    });
    expect(page.posts[0]?.message).toEqual({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_result',
      state: 's1',
      error: 'access_denied',
      error_description: 'end-user denied authorization',
    });
    expect(done).toMatchObject({ delivered: 'opener', outcome: 'error', error: 'access_denied' });
  });

  it('never sends the code in complete mode', () => {
    const hub = new FakeBroadcastHub();
    const heard = listen(hub, 's1');
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`);
    const done = relayOAuthResult({
      complete: true,
      environment: { window: page.win, BroadcastChannel: hub.Channel },
    });
    expect(done.outcome).toBe('complete');
    for (const message of [page.posts[0]?.message, heard[0]]) {
      expect(message).toEqual({
        source: 'salesforce-connect',
        v: 1,
        type: 'oauth_complete',
        state: 's1',
      });
    }
    expect(JSON.stringify([page.posts, heard])).not.toContain('abc');
  });

  it('uses only the channel when the page lost its opener', () => {
    const hub = new FakeBroadcastHub();
    const heard = listen(hub, 's1');
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`, { opener: false });
    expect(
      relayOAuthResult({ environment: { window: page.win, BroadcastChannel: hub.Channel } }),
    ).toMatchObject({ delivered: 'broadcast', closed: true });
    expect(heard).toHaveLength(1);
  });

  it('skips an opener that is already closed', () => {
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`);
    if (page.win.opener) page.win.opener.closed = true;
    expect(
      relayOAuthResult({ environment: { window: page.win, BroadcastChannel: undefined } }),
    ).toEqual({ delivered: 'none', closed: false, outcome: 'code' });
    expect(page.posts).toEqual([]);
  });

  it('keeps the window open when it delivered nothing, so the page can explain', () => {
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`, { opener: false });
    const done = relayOAuthResult({
      environment: { window: page.win, BroadcastChannel: undefined },
    });
    expect(done).toEqual({ delivered: 'none', closed: false, outcome: 'code' });
    expect(page.win.closed).toBe(false);
    // …but the code still leaves the address bar.
    expect(page.urls).toEqual([`${APP}/cb`]);
  });

  it('sends nothing without a state, and says so', () => {
    const hub = new FakeBroadcastHub();
    const page = callbackWindow(`${APP}/cb?code=abc`);
    const done = relayOAuthResult({
      environment: { window: page.win, BroadcastChannel: hub.Channel },
    });
    expect(done).toEqual({ delivered: 'none', closed: false, outcome: 'missing_state' });
    expect(page.posts).toEqual([]);
    expect(hub.posted).toEqual([]);
  });

  it('stays open with close: false', () => {
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`);
    const done = relayOAuthResult({
      close: false,
      environment: { window: page.win, BroadcastChannel: undefined },
    });
    expect(done).toMatchObject({ delivered: 'opener', closed: false });
  });

  it('reports a window the browser would not let it close', () => {
    const page = callbackWindow(`${APP}/cb?code=abc&state=s1`, { closable: false });
    expect(
      relayOAuthResult({ environment: { window: page.win, BroadcastChannel: undefined } }).closed,
    ).toBe(false);
  });

  it('builds messages the popup session accepts, end to end', async () => {
    const fake = fakePopupEnvironment();
    const session = createPopupSession({ environment: fake.environment });
    const state = 'st-91';
    const redirect = `${APP}/sf/callback`;
    session.open({
      authorizeUrl: `https://login.salesforce.com/services/oauth2/authorize?redirect_uri=${encodeURIComponent(redirect)}&state=${state}`,
      state,
    });
    const popup = fake.host.lastPopup;
    const page = callbackWindow(`${redirect}?code=the-code&state=${state}`, { opener: false });
    page.win.opener = {
      closed: false,
      postMessage: (message, targetOrigin) => {
        if (targetOrigin === APP) fake.host.post(structuredClone(message), APP, popup);
      },
    };
    const done = relayOAuthResult({
      environment: { window: page.win, BroadcastChannel: fake.hub.Channel },
    });
    expect(done.delivered).toBe('both');
    await expect(session.result).resolves.toEqual({ type: 'code', code: 'the-code', state });
    expect(fake.hub.posted.every((p) => isOAuthPopupMessage(p.data))).toBe(true);
  });
});
