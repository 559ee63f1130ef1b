import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONNECT_ERROR_CODES, ConnectError } from '../../src/core/errors.js';
import { createOAuthPopupMessage, resultChannelName } from '../../src/core/popup-protocol.js';
import {
  createPopupSession,
  type PopupOutcome,
  type PopupSessionEvent,
  type PopupSessionOptions,
} from '../../src/core/popup-session.js';
import { placePopup, popupFeatures } from '../../src/core/popup-window.js';
import type { AuthorizationStart, Connection } from '../../src/core/types.js';
import { FakePopup, fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const CALLBACK = 'https://api.example.com/oauth/callback';
const CALLBACK_ORIGIN = 'https://api.example.com';
const STATE = 'state-7f3a9c';
const CODE = 'aPrxCODEsecret123';

function authorization(state = STATE): AuthorizationStart {
  const url = new URL('https://login.salesforce.com/services/oauth2/authorize');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', '3MVG9key');
  url.searchParams.set('redirect_uri', CALLBACK);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', 'challenge');
  url.searchParams.set('code_challenge_method', 'S256');
  return { authorizeUrl: url.toString(), state };
}

const result = (query: string) => createOAuthPopupMessage(new URLSearchParams(query));
const complete = (query: string) =>
  createOAuthPopupMessage(new URLSearchParams(query), { complete: true });

function setup(options: Omit<PopupSessionOptions, 'environment'> = {}) {
  const fake = fakePopupEnvironment();
  const events: PopupSessionEvent[] = [];
  const session = createPopupSession({
    ...options,
    environment: fake.environment,
    onEvent: (event) => events.push(event),
  });
  let outcome: PopupOutcome | undefined;
  void session.result.then((value) => {
    outcome = value;
  });
  return {
    ...fake,
    session,
    events,
    outcome: () => outcome,
    /** The popup posting to its opener, as the callback page does. */
    postFromPopup(data: unknown, origin = CALLBACK_ORIGIN) {
      fake.host.post(data, origin, fake.host.lastPopup);
    },
    /** Lets the blocked-popup check pass so the closed-window polling starts. */
    settleIn: () => fake.clock.advance(300),
  };
}

const errorOf = (outcome: PopupOutcome | undefined) => {
  if (outcome?.type !== 'error') throw new Error(`expected an error, got ${outcome?.type}`);
  return outcome.error;
};

describe('opening the popup', () => {
  it('calls window.open before open() returns, centered on the page and sized for Salesforce', () => {
    const t = setup();
    expect(t.session.open(authorization())).toBe('opened');
    expect(t.host.opened).toHaveLength(1);
    const [call] = t.host.opened;
    expect(call?.url).toBe(authorization().authorizeUrl);
    expect(call?.name).toBe('salesforce-connect');
    // 100 + (1200 − 520) / 2 = 440; 50 + (900 − 680) / 2 = 160
    expect(call?.features).toBe('popup=yes,width=520,height=680,left=440,top=160');
    expect(t.session.status).toBe('open');
    expect(t.host.lastPopup?.focusCount).toBe(1);
  });

  it('opens a blank popup that says what is coming, then sends it to the URL', async () => {
    const t = setup();
    expect(t.session.open()).toBe('opened');
    const popup = t.host.lastPopup!;
    expect(t.host.opened[0]?.url).toBe('');
    expect(popup.document.body.textContent).toBe('Opening Salesforce…');
    expect(t.events).toContainEqual({ type: 'popup_opened', blank: true });

    t.session.navigate(authorization());
    expect(popup.visited).toEqual([authorization().authorizeUrl]);
    expect(t.session.authorizeUrl).toBe(authorization().authorizeUrl);
    expect(t.events).toContainEqual({ type: 'popup_navigated' });
  });

  it('follows a promise of the authorization given to open()', async () => {
    const t = setup();
    let resolve: (start: AuthorizationStart) => void = () => {};
    t.session.open(new Promise<AuthorizationStart>((r) => (resolve = r)));
    const popup = t.host.lastPopup!;
    expect(popup.visited).toEqual([]);
    resolve(authorization());
    await t.clock.advance(0);
    expect(popup.visited).toEqual([authorization().authorizeUrl]);
  });

  it('ends with the adapter error, and closes the popup, when the authorization cannot start', async () => {
    const t = setup();
    t.session.open(Promise.reject(new ConnectError('not_configured', 'Save credentials first.')));
    await t.clock.advance(0);
    expect(errorOf(t.outcome()).code).toBe('not_configured');
    expect(t.host.lastPopup?.closed).toBe(true);
  });

  it('wraps a plain failure to start as adapter_error', async () => {
    const t = setup();
    t.session.open(Promise.reject(new Error('HTTP 502')));
    await t.clock.advance(0);
    expect(errorOf(t.outcome())).toMatchObject({ code: 'adapter_error', message: 'HTTP 502' });
  });

  it('focuses the open popup on a second click instead of opening another', async () => {
    const t = setup();
    t.session.open(authorization());
    await t.settleIn();
    expect(t.session.open(authorization())).toBe('focused');
    expect(t.session.open()).toBe('focused');
    expect(t.host.opened).toHaveLength(1);
    expect(t.host.lastPopup?.focusCount).toBe(3);
    expect(t.session.focus()).toBe(true);
  });

  it('sends an open blank popup on when a second click brings the authorization', () => {
    const t = setup();
    t.session.open();
    expect(t.session.open(authorization())).toBe('focused');
    expect(t.host.opened).toHaveLength(1);
    expect(t.host.lastPopup?.visited).toEqual([authorization().authorizeUrl]);
  });

  it('keeps the first authorization: a later one cannot swap the URL or the state', () => {
    const t = setup();
    t.session.open();
    t.session.navigate(authorization());
    t.session.navigate(authorization('other-state'));
    expect(t.host.lastPopup?.visited).toEqual([authorization().authorizeUrl]);
  });
});

describe('a blocked popup', () => {
  it('is reported when window.open returns null, keeping the URL for a fresh click', () => {
    const t = setup();
    t.host.behaviour = 'null';
    expect(t.session.open(authorization())).toBe('blocked');
    expect(t.session.status).toBe('blocked');
    expect(t.session.authorizeUrl).toBe(authorization().authorizeUrl);
    expect(t.events).toContainEqual({ type: 'popup_blocked' });
    expect(t.outcome()).toBeUndefined();
    expect(t.session.focus()).toBe(false);

    t.host.behaviour = 'open';
    expect(t.session.open()).toBe('opened');
    expect(t.host.opened.at(-1)?.url).toBe(authorization().authorizeUrl);
  });

  it('is reported when the window comes back already closed', () => {
    const t = setup();
    t.host.behaviour = 'closed';
    expect(t.session.open(authorization())).toBe('blocked');
  });

  it('is not reported when a busy page runs the check late and the admin had closed the window', async () => {
    const fake = fakePopupEnvironment();
    const events: PopupSessionEvent[] = [];
    const session = createPopupSession({
      // Every timer of this page fires two seconds late, as on a page busy rendering.
      environment: {
        ...fake.environment,
        setTimeout: (callback, ms) => fake.clock.setTimeout(callback, ms + 2000),
      },
      onEvent: (event) => events.push(event),
    });
    session.open(authorization());
    await fake.clock.advance(1000);
    fake.host.lastPopup!.closed = true; // the admin closes it after a second
    await fake.clock.advance(1500); // the 250 ms check finally runs, at 2.25 s
    expect(session.status).toBe('closed');
    expect(events).toContainEqual({ type: 'popup_closed' });
    expect(events).not.toContainEqual({ type: 'popup_blocked' });
  });

  it('is reported when a blocker closes the window right after it opened', async () => {
    const t = setup();
    t.session.open(authorization());
    t.host.lastPopup!.closed = true;
    await t.clock.advance(300);
    expect(t.session.status).toBe('blocked');
    expect(t.events).not.toContainEqual({ type: 'popup_closed' });
  });

  it('remembers a URL that arrives after the blank popup was blocked, for the retry', async () => {
    const t = setup();
    t.host.behaviour = 'null';
    t.session.open(Promise.resolve(authorization()));
    await t.clock.advance(0);
    expect(t.session.authorizeUrl).toBe(authorization().authorizeUrl);
    t.host.behaviour = 'open';
    t.session.open();
    expect(t.host.opened.at(-1)?.url).toBe(authorization().authorizeUrl);
  });

  it('still times out when nobody retries', async () => {
    const t = setup();
    t.host.behaviour = 'null';
    t.session.open(authorization());
    await t.clock.advance(10 * 60 * 1000);
    expect(errorOf(t.outcome()).code).toBe('timeout');
  });
});

describe('the result message', () => {
  it('settles with the code from its own popup at the callback origin', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()).toEqual({ type: 'code', code: CODE, state: STATE });
    expect(t.events).toContainEqual({
      type: 'message_accepted',
      channel: 'window',
      messageType: 'oauth_result',
    });
  });

  it('settles as complete when the backend already exchanged the code', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(complete(`state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()).toEqual({ type: 'complete', state: STATE });
  });

  it('uses an explicit callback origin over the redirect_uri', async () => {
    const t = setup({ callbackOrigin: 'https://app.example.com/sf/callback' });
    t.session.open(authorization());
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`), 'https://app.example.com');
    await t.clock.advance(0);
    expect(t.events[1]).toEqual({
      type: 'message_ignored',
      channel: 'window',
      reason: 'origin',
      origin: CALLBACK_ORIGIN,
    });
    expect(t.outcome()?.type).toBe('code');
  });

  it('ignores forged messages, reports why, and still takes the real one', async () => {
    const t = setup();
    t.session.open(authorization());
    const valid = result(`code=${CODE}&state=${STATE}`);
    t.postFromPopup(valid, 'https://evil.example'); // another origin
    t.host.post(valid, CALLBACK_ORIGIN, new FakePopup('other')); // another window
    t.postFromPopup(result(`code=${CODE}&state=guessed`)); // another state
    t.postFromPopup({ source: 'salesforce-connect', v: 2, type: 'oauth_result', state: STATE });
    t.postFromPopup({ source: 'react-devtools', payload: 1 }); // not ours: not even reported
    await t.clock.advance(0);
    expect(t.outcome()).toBeUndefined();
    expect(t.events.filter((e) => e.type === 'message_ignored')).toEqual([
      {
        type: 'message_ignored',
        channel: 'window',
        reason: 'origin',
        origin: 'https://evil.example',
      },
      { type: 'message_ignored', channel: 'window', reason: 'source' },
      { type: 'message_ignored', channel: 'window', reason: 'state' },
      { type: 'message_ignored', channel: 'window', reason: 'malformed' },
    ]);
    t.postFromPopup(valid);
    await t.clock.advance(0);
    expect(t.outcome()).toEqual({ type: 'code', code: CODE, state: STATE });
  });

  it('ignores a message before it knows which state it issued', async () => {
    const t = setup({ callbackOrigin: CALLBACK_ORIGIN });
    t.session.open();
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()).toBeUndefined();
    expect(t.events).toContainEqual({
      type: 'message_ignored',
      channel: 'window',
      reason: 'state',
    });
  });

  it('ignores postMessage entirely when no callback origin is known', async () => {
    const t = setup();
    t.session.open({ authorizeUrl: 'https://login.salesforce.com/x?state=s', state: 's' });
    t.postFromPopup(result('code=c&state=s'));
    await t.clock.advance(0);
    expect(t.outcome()).toBeUndefined();
  });

  it('takes the first valid message and drops the duplicates', async () => {
    const t = setup();
    const onEvent: PopupSessionEvent[] = t.events;
    t.session.open(authorization());
    const channel = new t.hub.Channel(resultChannelName(STATE));
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    t.postFromPopup(result(`error=access_denied&state=${STATE}`));
    channel.postMessage(result(`code=other&state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()).toEqual({ type: 'code', code: CODE, state: STATE });
    expect(onEvent.filter((e) => e.type === 'message_accepted')).toHaveLength(1);
    expect(onEvent.at(-1)).toMatchObject({ type: 'settled', outcome: 'code' });
    channel.close();
  });

  it('hears the BroadcastChannel of its own state, for callback pages without an opener', async () => {
    const t = setup();
    t.session.open(authorization());
    const other = new t.hub.Channel(resultChannelName('another-attempt'));
    other.postMessage(result(`code=${CODE}&state=another-attempt`));
    await t.clock.advance(0);
    expect(t.outcome()).toBeUndefined();

    const own = new t.hub.Channel(resultChannelName(STATE));
    own.postMessage({ source: 'salesforce-connect', broken: true });
    own.postMessage(result(`code=${CODE}&state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()).toEqual({ type: 'code', code: CODE, state: STATE });
    expect(t.events).toContainEqual({
      type: 'message_ignored',
      channel: 'broadcast',
      reason: 'malformed',
    });
    expect(t.events).toContainEqual({
      type: 'message_accepted',
      channel: 'broadcast',
      messageType: 'oauth_result',
    });
    own.close();
    other.close();
  });

  it('works without BroadcastChannel in the environment', async () => {
    const fake = fakePopupEnvironment();
    const session = createPopupSession({
      environment: { ...fake.environment, BroadcastChannel: undefined },
    });
    session.open(authorization());
    fake.host.post(result(`code=${CODE}&state=${STATE}`), CALLBACK_ORIGIN, fake.host.lastPopup);
    await expect(session.result).resolves.toMatchObject({ type: 'code' });
  });

  it('turns access_denied into its own error, keeping what Salesforce said', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(
      result(`error=access_denied&error_description=end-user+denied+authorization&state=${STATE}`),
    );
    await t.clock.advance(0);
    const error = errorOf(t.outcome());
    expect(error.code).toBe('access_denied');
    expect(error.salesforceError).toBe('access_denied');
    expect(error.salesforceDescription).toBe('end-user denied authorization');
  });

  it("maps Salesforce's own error names to the kit's codes", async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(
      result(`error=OAUTH_EC_APP_NOT_FOUND&error_description=app+not+found&state=${STATE}`),
    );
    await t.clock.advance(0);
    const error = errorOf(t.outcome());
    expect(error.code).toBe('app_not_found');
    expect(error.salesforceError).toBe('OAUTH_EC_APP_NOT_FOUND');
  });

  it('keeps an error it has no code for as unknown, with the raw error', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(result(`error=brand_new_error&error_description=never+seen&state=${STATE}`));
    await t.clock.advance(0);
    const error = errorOf(t.outcome());
    expect(error.code).toBe('unknown');
    expect(error.salesforceError).toBe('brand_new_error');
    expect(error.salesforceDescription).toBe('never seen');
  });

  it("passes the kit's own codes from the server's relay page through unchanged", async () => {
    for (const code of CONNECT_ERROR_CODES) {
      for (const type of ['oauth_complete', 'oauth_result'] as const) {
        const t = setup();
        t.session.open(authorization());
        t.postFromPopup({
          source: 'salesforce-connect',
          v: 1,
          type,
          state: STATE,
          error: code,
          error_description: `The kit says ${code}.`,
        });
        await t.clock.advance(0);
        const error = errorOf(t.outcome());
        expect(error.code).toBe(code);
        if (type === 'oauth_complete') expect(error.message).toBe(`The kit says ${code}.`);
      }
    }
  });

  it('reports an error for a result with neither code nor error', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(result(`state=${STATE}`));
    await t.clock.advance(0);
    expect(errorOf(t.outcome()).code).toBe('unknown');
  });

  it('never puts the code or the state in its events', async () => {
    const t = setup();
    t.session.open(authorization());
    t.postFromPopup(result(`code=${CODE}&state=wrong-${STATE}`));
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    await t.clock.advance(0);
    const text = JSON.stringify(t.events);
    expect(text).not.toContain(CODE);
    expect(text).not.toContain(STATE);
  });
});

describe('a popup closed without a result', () => {
  async function closeIt(t: ReturnType<typeof setup>) {
    await t.settleIn();
    t.host.lastPopup!.closed = true;
    // Step until the poll notices, so the grace period starts at a known time.
    for (let ms = 0; ms <= 500 && t.session.status !== 'closed'; ms++) await t.clock.advance(1);
    expect(t.session.status).toBe('closed');
  }

  it('ends as popup_closed after the grace period', async () => {
    const t = setup();
    t.session.open(authorization());
    await closeIt(t);
    await t.clock.advance(999);
    expect(t.outcome()).toBeUndefined();
    await t.clock.advance(1);
    expect(errorOf(t.outcome()).code).toBe('popup_closed');
  });

  it('still takes a message that arrives during the grace period', async () => {
    const t = setup();
    t.session.open(authorization());
    await closeIt(t);
    t.postFromPopup(complete(`state=${STATE}`));
    await t.clock.advance(2000);
    expect(t.outcome()).toEqual({ type: 'complete', state: STATE });
  });

  it('succeeds when the backend reports a fresh connection', async () => {
    const connected: Connection = { status: 'connected', connectedAt: '2025-01-01T00:00:00Z' };
    const asked: AbortSignal[] = [];
    const t = setup({
      getConnection: ({ signal }) => {
        asked.push(signal);
        return Promise.resolve(connected);
      },
    });
    t.session.open(authorization());
    await closeIt(t);
    expect(asked).toHaveLength(0);
    await t.clock.advance(1000);
    expect(t.outcome()).toEqual({ type: 'connection', connection: connected });
    expect(asked).toHaveLength(1);
    expect(t.events).toContainEqual({ type: 'connection_checked', status: 'connected' });
  });

  it('is not fooled by the connection that existed before this attempt', async () => {
    const before: Connection = { status: 'connected', connectedAt: '2024-06-01T00:00:00Z' };
    const t = setup({ previousConnection: before, getConnection: () => ({ ...before }) });
    t.session.open(authorization());
    await closeIt(t);
    await t.clock.advance(1000);
    expect(errorOf(t.outcome()).code).toBe('popup_closed');
  });

  it('accepts a reconnection with a new connectedAt', async () => {
    const before: Connection = { status: 'connected', connectedAt: '2024-06-01T00:00:00Z' };
    const after: Connection = { status: 'connected', connectedAt: '2025-02-02T00:00:00Z' };
    const t = setup({ previousConnection: before, getConnection: () => after });
    t.session.open(authorization());
    await closeIt(t);
    await t.clock.advance(1000);
    expect(t.outcome()).toEqual({ type: 'connection', connection: after });
  });

  it.each([
    ['not connected', () => ({ status: 'configured' }) as Connection],
    [
      'unreachable',
      () => {
        throw new ConnectError('network', 'offline');
      },
    ],
  ])('ends as popup_closed when the backend is %s', async (_label, getConnection) => {
    const t = setup({ getConnection });
    t.session.open(authorization());
    await closeIt(t);
    await t.clock.advance(1000);
    expect(errorOf(t.outcome()).code).toBe('popup_closed');
  });

  it('reopens on a fresh click during the grace period and drops the pending check', async () => {
    let checks = 0;
    const t = setup({
      getConnection: () => {
        checks++;
        return { status: 'configured' };
      },
    });
    t.session.open(authorization());
    await closeIt(t);
    expect(t.session.open()).toBe('opened');
    expect(t.host.opened).toHaveLength(2);
    expect(t.host.opened[1]?.url).toBe(authorization().authorizeUrl);
    await t.clock.advance(5000);
    expect(checks).toBe(0);
    expect(t.outcome()).toBeUndefined();
  });

  it('aborts a slow connection check when a message wins meanwhile', async () => {
    let signal: AbortSignal | undefined;
    const t = setup({
      getConnection: (options) => {
        signal = options.signal;
        return new Promise<Connection>(() => {});
      },
    });
    t.session.open(authorization());
    await closeIt(t);
    await t.clock.advance(1000);
    expect(signal?.aborted).toBe(false);
    t.postFromPopup(result(`code=${CODE}&state=${STATE}`));
    await t.clock.advance(0);
    expect(t.outcome()?.type).toBe('code');
    expect(signal?.aborted).toBe(true);
  });
});

describe('ending the session', () => {
  it('times out after ten minutes by default', async () => {
    const t = setup();
    t.session.open(authorization());
    await t.clock.advance(10 * 60 * 1000 - 1);
    expect(t.outcome()).toBeUndefined();
    await t.clock.advance(1);
    expect(errorOf(t.outcome()).code).toBe('timeout');
    expect(t.host.lastPopup?.closed).toBe(true);
  });

  it('is cancelled by its AbortSignal, closing the popup', async () => {
    const controller = new AbortController();
    const t = setup({ signal: controller.signal });
    t.session.open(authorization());
    controller.abort();
    await t.clock.advance(0);
    expect(errorOf(t.outcome()).code).toBe('aborted');
    expect(t.host.lastPopup?.closed).toBe(true);
  });

  it('never opens anything when the signal already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const t = setup({ signal: controller.signal });
    expect(t.session.open(authorization())).toBe('settled');
    expect(t.host.opened).toHaveLength(0);
    await t.clock.advance(0);
    expect(errorOf(t.outcome()).code).toBe('aborted');
  });

  it('holds no listener or timer before it is opened', () => {
    const t = setup();
    expect(t.host.listeners.size).toBe(0);
    expect(t.clock.pending).toBe(0);
    expect(t.hub.openCount).toBe(0);
  });

  const endings: [string, (t: ReturnType<typeof setup>, c: AbortController) => Promise<void>][] = [
    ['a code', async (t) => t.postFromPopup(result(`code=${CODE}&state=${STATE}`))],
    [
      'a broadcast',
      async (t) => {
        const channel = new t.hub.Channel(resultChannelName(STATE));
        channel.postMessage(complete(`state=${STATE}`));
        channel.close();
      },
    ],
    ['cancel()', async (t) => t.session.cancel()],
    ['the signal', async (_t, c) => c.abort()],
    ['the timeout', (t) => t.clock.advance(10 * 60 * 1000)],
    [
      'a closed popup',
      async (t) => {
        await t.settleIn();
        t.host.lastPopup!.closed = true;
        await t.clock.advance(2000);
      },
    ],
  ];

  it.each(endings)(
    'releases every listener, channel and timer when ended by %s',
    async (_l, end) => {
      const controller = new AbortController();
      const removed: string[] = [];
      const signal = controller.signal;
      const remove = signal.removeEventListener.bind(signal);
      signal.removeEventListener = (type: string, ...rest: [EventListener]) => {
        removed.push(type);
        remove(type, ...rest);
      };
      const t = setup({ signal, getConnection: () => ({ status: 'configured' }) });
      t.session.open();
      t.session.navigate(authorization());
      await t.settleIn();
      expect(t.host.listeners.size).toBe(1);
      expect(t.hub.openCount).toBe(1);
      await end(t, controller);
      await t.clock.advance(0);
      expect(t.outcome()).toBeDefined();
      expect(t.session.status).toBe('settled');
      expect(t.host.listeners.size).toBe(0);
      expect(t.hub.openCount).toBe(0);
      expect(t.clock.pending).toBe(0);
      expect(removed).toContain('abort');
      expect(t.host.lastPopup?.closed).toBe(true);
      const eventsSoFar = t.events.length;
      expect(t.session.open()).toBe('settled');
      t.session.cancel();
      expect(t.events).toHaveLength(eventsSoFar);
    },
  );
});

describe('placePopup', () => {
  it('shrinks the popup to a small screen', () => {
    const host = {
      screenX: 0,
      screenY: 0,
      outerWidth: 400,
      outerHeight: 500,
      screen: { availWidth: 400, availHeight: 500 },
    };
    expect(placePopup(host)).toEqual({ left: 0, top: 0, width: 400, height: 500 });
  });

  it('writes a features string that keeps the opener handle', () => {
    const features = popupFeatures({ left: 1, top: 2, width: 3, height: 4 });
    expect(features).toBe('popup=yes,width=3,height=4,left=1,top=2');
    expect(features).not.toContain('noopener');
  });

  it('always keeps the whole popup on the screen', () => {
    const int = (min: number, max: number) => fc.integer({ min, max });
    fc.assert(
      fc.property(
        int(-3000, 3000),
        int(-3000, 3000),
        int(0, 4000),
        int(0, 4000),
        int(-1920, 1920),
        int(-1080, 1080),
        int(200, 4000),
        int(200, 3000),
        int(1, 5000),
        int(1, 5000),
        (screenX, screenY, outerWidth, outerHeight, availLeft, availTop, aw, ah, w, h) => {
          const screen = { availLeft, availTop, availWidth: aw, availHeight: ah };
          const p = placePopup(
            { screenX, screenY, outerWidth, outerHeight, screen },
            { width: w, height: h },
          );
          return (
            p.width <= aw &&
            p.height <= ah &&
            p.left >= availLeft &&
            p.top >= availTop &&
            p.left + p.width <= availLeft + aw &&
            p.top + p.height <= availTop + ah
          );
        },
      ),
    );
  });
});

describe('without a browser', () => {
  it('explains that it needs a window', () => {
    expect(() => createPopupSession()).toThrow(/needs a browser window/);
  });
});
