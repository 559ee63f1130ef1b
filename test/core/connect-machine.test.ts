import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  type ConnectEvent,
  type ConnectState,
  connectReducer,
  createConnectStore,
  initialConnectState,
} from '../../src/core/connect-machine.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';

const URL_A = 'https://login.salesforce.com/services/oauth2/authorize?state=a';
const URL_B = 'https://login.salesforce.com/services/oauth2/authorize?state=b';
const configured: Connection = { status: 'configured', consumerKeyHint: 'WXYZ' };
const connected: Connection = { status: 'connected', connectedAt: '2025-01-01T00:00:00Z' };
const denied = new ConnectError('access_denied', 'Access was not allowed in Salesforce.');

const base = initialConnectState;
/** One representative state per phase and popup sub-state. */
const states = {
  idle: base,
  ready: { ...base, ready: true, authorizeUrl: URL_A },
  saving: { ...base, phase: 'saving' },
  opening: { ...base, phase: 'authorizing', popup: 'opening', authorizeUrl: URL_A },
  open: { ...base, phase: 'authorizing', popup: 'open', authorizeUrl: URL_A },
  blocked: { ...base, phase: 'authorizing', popup: 'blocked', authorizeUrl: URL_A },
  closed: { ...base, phase: 'authorizing', popup: 'closed', authorizeUrl: URL_A },
  completing: { ...base, phase: 'completing', connection: configured },
  succeeded: { ...base, phase: 'succeeded', connection: connected },
  failed: { ...base, phase: 'failed', error: denied, connection: configured },
  disconnecting: { ...base, phase: 'idle', disconnecting: true, connection: connected },
} satisfies Record<string, ConnectState>;
type StateName = keyof typeof states;

const events = {
  loaded: { type: 'connection_loaded', connection: connected },
  save: { type: 'save' },
  saved: { type: 'saved', connection: configured },
  readyB: { type: 'ready', authorizeUrl: URL_B },
  expired: { type: 'ready_expired' },
  authorize: { type: 'authorize' },
  opened: { type: 'popup_opened' },
  blocked: { type: 'popup_blocked' },
  closed: { type: 'popup_closed' },
  retry: { type: 'retry' },
  result: { type: 'result_received' },
  success: { type: 'success', connection: connected },
  error: { type: 'error', error: denied },
  cancel: { type: 'cancel' },
  disconnect: { type: 'disconnect' },
  disconnected: { type: 'disconnected', connection: { status: 'disconnected' } },
} satisfies Record<string, ConnectEvent>;
type EventName = keyof typeof events;

/**
 * What each event (column) does in each state (row): `=` means ignored, the very same object
 * comes back; otherwise the `phase` of the result, or `phase/popup` while authorizing
 * (`auth/…` stands for `authorizing/…`).
 */
const TABLE = `
               loaded      save    saved  readyB       expired  authorize     opened     blocked       closed       retry         result      success    error   cancel  disconnect  disconnected
idle           idle        saving  =      idle         =        auth/opening  =          =             =            =             =           =          failed  =       idle        =
ready          idle        saving  =      idle         idle     auth/opening  =          =             =            =             =           =          failed  =       idle        =
saving         saving      =       idle   =            =        =             =          =             =            =             =           =          failed  idle    =           =
opening        authorizing =       =      authorizing  =        =             auth/open  auth/blocked  auth/closed  =             completing  succeeded  failed  idle    =           =
open           authorizing =       =      authorizing  =        =             =          auth/blocked  auth/closed  =             completing  succeeded  failed  idle    =           =
blocked        authorizing =       =      authorizing  =        =             auth/open  =             =            auth/opening  completing  succeeded  failed  idle    =           =
closed         authorizing =       =      authorizing  =        =             auth/open  auth/blocked  =            auth/opening  completing  succeeded  failed  idle    =           =
completing     completing  =       =      =            =        =             =          =             =            =             =           succeeded  failed  idle    =           =
succeeded      =           saving  =      succeeded    =        auth/opening  =          =             =            =             =           =          failed  =       idle        =
failed         failed      saving  =      failed       =        auth/opening  =          =             =            auth/opening  =           =          =       idle    idle        =
disconnecting  =           =       =      =            =        =             =          =             =            =             =           =          failed  =       =           idle
`;

const table = (() => {
  const [header, ...rows] = TABLE.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const eventNames = Object.keys(events);
  if (JSON.stringify(header) !== JSON.stringify(eventNames)) throw new Error('columns ≠ events');
  if (rows.length !== Object.keys(states).length) throw new Error('rows ≠ states');
  return Object.fromEntries(
    rows.map(([stateName, ...cells]) => {
      if (!stateName || !(stateName in states) || cells.length !== eventNames.length) {
        throw new Error(`bad table row ${stateName}`);
      }
      return [
        stateName,
        Object.fromEntries(
          eventNames.map((e, i) => [e, (cells[i] ?? '').replace(/^auth\//, 'authorizing/')]),
        ),
      ];
    }),
  ) as Record<StateName, Record<EventName, string>>;
})();

describe('connectReducer transition table', () => {
  const cases = (Object.keys(states) as StateName[]).flatMap((s) =>
    (Object.keys(events) as EventName[]).map((e) => [s, e, table[s][e]] as const),
  );

  it.each(cases)('in %s, %s → %s', (stateName, eventName, expected) => {
    const state = states[stateName];
    const next = connectReducer(state, events[eventName]);
    if (expected === '=') {
      expect(next).toBe(state);
      return;
    }
    expect(next).not.toBe(state);
    const [phase, popup] = expected.split('/');
    expect(next.phase).toBe(phase);
    if (popup) expect(next.popup).toBe(popup);
    if (next.phase !== 'authorizing') expect(next.popup).toBe('none');
    if (next.phase !== 'failed') expect(next.error).toBeUndefined();
  });
});

describe('connectReducer details', () => {
  it('keeps the prefetched URL for the attempt that consumed it, and is no longer ready', () => {
    const next = connectReducer(states.ready, events.authorize);
    expect(next).toMatchObject({ ready: false, authorizeUrl: URL_A, popup: 'opening' });
  });

  it('records a URL that arrives during the attempt without calling it ready', () => {
    const waiting = connectReducer(states.idle, events.authorize);
    const next = connectReducer(waiting, events.readyB);
    expect(next).toMatchObject({ phase: 'authorizing', ready: false, authorizeUrl: URL_B });
  });

  it('prefetches while idle', () => {
    expect(connectReducer(states.idle, events.readyB)).toMatchObject({
      ready: true,
      authorizeUrl: URL_B,
    });
  });

  it('forgets a prefetched URL when new credentials are saved', () => {
    const saving = connectReducer(states.ready, events.save);
    expect(saving).toMatchObject({ ready: false, authorizeUrl: undefined });
    expect(connectReducer(saving, events.saved)).toMatchObject({
      phase: 'idle',
      connection: configured,
      ready: false,
    });
  });

  it('keeps the retry URL while the popup is blocked', () => {
    expect(connectReducer(states.open, events.blocked)).toMatchObject({ authorizeUrl: URL_A });
    expect(connectReducer(states.blocked, events.retry)).toMatchObject({
      popup: 'opening',
      authorizeUrl: URL_A,
    });
  });

  it('stores the connection and drops the attempt on success', () => {
    const next = connectReducer(states.completing, events.success);
    expect(next).toEqual({
      ...base,
      phase: 'succeeded',
      connection: connected,
      error: undefined,
      popup: 'none',
      authorizeUrl: undefined,
      ready: false,
    });
  });

  it('keeps the error and the previous connection on failure', () => {
    const next = connectReducer(states.open, events.error);
    expect(next.error).toBe(denied);
    expect(next.authorizeUrl).toBeUndefined();
  });

  it('clears the error when a new attempt starts', () => {
    expect(connectReducer(states.failed, events.authorize).error).toBeUndefined();
    expect(connectReducer(states.failed, events.retry).error).toBeUndefined();
  });

  it('lands a disconnect in idle with the answered connection', () => {
    const pending = connectReducer(states.succeeded, events.disconnect);
    expect(pending).toMatchObject({ phase: 'idle', disconnecting: true });
    expect(connectReducer(pending, events.disconnected)).toMatchObject({
      phase: 'idle',
      disconnecting: false,
      connection: { status: 'disconnected' },
    });
  });

  it('returns the same object when an event changes nothing', () => {
    const same = connectReducer(states.succeeded, {
      type: 'connection_loaded',
      connection: connected,
    });
    expect(same).toBe(states.succeeded);
  });

  it('ignores an unknown event', () => {
    expect(connectReducer(states.open, { type: 'teleport' } as unknown as ConnectEvent)).toBe(
      states.open,
    );
  });

  it('never leaves a known phase or popup state, whatever the sequence of events', () => {
    const eventArb = fc.constantFrom(...Object.values(events));
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (sequence) => {
        let state: ConnectState = initialConnectState;
        for (const event of sequence) {
          state = connectReducer(state, event);
          const inAttempt = state.phase === 'authorizing';
          if (!inAttempt && state.popup !== 'none') return false;
          if (inAttempt && state.popup === 'none') return false;
          if ((state.phase === 'failed') !== (state.error !== undefined)) return false;
          if (state.ready && (inAttempt || state.authorizeUrl === undefined)) return false;
        }
        return true;
      }),
    );
  });

  it('does not mutate the initial state', () => {
    expect(Object.isFrozen(initialConnectState)).toBe(true);
    connectReducer(initialConnectState, events.authorize);
    expect(initialConnectState.phase).toBe('idle');
  });
});

describe('createConnectStore', () => {
  it('gives the same snapshot until something changes', () => {
    const store = createConnectStore();
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    store.dispatch(events.opened); // not authorizing: ignored
    expect(store.getSnapshot()).toBe(first);
    store.dispatch(events.authorize);
    expect(store.getSnapshot()).not.toBe(first);
    expect(store.getSnapshot().phase).toBe('authorizing');
  });

  it('notifies subscribers only on change, and stops after unsubscribe', () => {
    const store = createConnectStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch(events.authorize);
    store.dispatch(events.authorize); // second click: ignored
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch(events.opened);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('lets a listener unsubscribe another during notification without skipping anyone', () => {
    const store = createConnectStore();
    const calls: string[] = [];
    let offB: () => void = () => {};
    store.subscribe(() => {
      calls.push('a');
      offB();
    });
    offB = store.subscribe(() => calls.push('b'));
    store.dispatch(events.authorize);
    expect(calls).toEqual(['a', 'b']);
    store.dispatch(events.opened);
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('starts from a given state', () => {
    const store = createConnectStore({ initial: states.succeeded });
    expect(store.getSnapshot()).toBe(states.succeeded);
  });

  it('lets a stateReducer override a transition, seeing the event and the proposed changes', () => {
    const seen: string[] = [];
    const store = createConnectStore({
      initial: states.failed,
      stateReducer: (state, actionAndChanges) => {
        seen.push(`${actionAndChanges.type}:${actionAndChanges.changes.phase}`);
        // Keep the error on screen: dismissing it is this app's explicit button only.
        return actionAndChanges.type === 'cancel' ? state : actionAndChanges.changes;
      },
    });
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.dispatch(events.cancel)).toBe(states.failed);
    expect(listener).not.toHaveBeenCalled();
    expect(store.dispatch(events.retry).phase).toBe('authorizing');
    expect(seen).toEqual(['cancel:idle', 'retry:authorizing']);
  });

  it('lets a stateReducer enable a transition the kit ignores', () => {
    const store = createConnectStore({
      stateReducer: (_state, { type, changes }) =>
        type === 'popup_closed' && changes.phase === 'idle'
          ? { ...changes, popup: 'closed' }
          : changes,
    });
    expect(store.dispatch(events.closed).popup).toBe('closed');
  });

  it('passes the event payload to the stateReducer', () => {
    const stateReducer = vi.fn((_s: ConnectState, a: { changes: ConnectState }) => a.changes);
    const store = createConnectStore({ stateReducer, initial: states.open });
    store.dispatch(events.error);
    expect(stateReducer.mock.calls[0]?.[1]).toMatchObject({ type: 'error', error: denied });
  });
});
