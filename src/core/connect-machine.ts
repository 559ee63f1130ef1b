import type { ConnectError } from './errors.js';
import type { Connection } from './types.js';

/**
 * Where the connect flow stands.
 *
 * @example
 * const busy = phase === 'saving' || phase === 'authorizing' || phase === 'completing';
 */
export type ConnectPhase =
  | 'idle'
  | 'saving'
  | 'authorizing'
  | 'completing'
  | 'succeeded'
  | 'failed';

/**
 * The Salesforce popup during `authorizing`. `blocked` (the browser refused it) and `closed` (the
 * admin closed it; the kit is still waiting a moment for a late result) both mean a dialog should
 * offer an "Open Salesforce" button: a fresh click may open it where `open()` could not.
 *
 * @example
 * const offerReopen = state.popup === 'blocked' || state.popup === 'closed';
 */
export type ConnectPopupState = 'none' | 'opening' | 'open' | 'blocked' | 'closed';

/**
 * The whole state of the connect flow. Treat it as immutable: every change makes a new object.
 *
 * @example
 * const { phase, connection, error, ready, popup } = store.getSnapshot();
 */
export interface ConnectState {
  phase: ConnectPhase;
  /** The last connection the backend reported. */
  connection?: Connection | undefined;
  /** Why the last step failed; set only in `failed`. */
  error?: ConnectError | undefined;
  /** An authorize URL is prefetched: a click can open Salesforce directly. */
  ready: boolean;
  /** The prefetched URL, or during `authorizing` the one a retry reopens. */
  authorizeUrl?: string | undefined;
  popup: ConnectPopupState;
  /** A disconnect is in flight. */
  disconnecting: boolean;
}

/**
 * Everything that can happen to the flow. A hook dispatches these as its adapter calls and the
 * popup session report back; events that make no sense in the current state are ignored.
 *
 * @example
 * store.dispatch({ type: 'authorize' });
 * store.dispatch({ type: 'popup_blocked' });
 * store.dispatch({ type: 'error', error: toConnectError(caught, 'adapter_error') });
 */
export type ConnectEvent =
  /** The backend reported the connection (first load, refresh, polling). */
  | { type: 'connection_loaded'; connection: Connection }
  /** Credentials are being saved. */
  | { type: 'save' }
  | { type: 'saved'; connection: Connection }
  /** An authorize URL is known: prefetched while idle, or arrived for the running attempt. */
  | { type: 'ready'; authorizeUrl: string }
  /** The prefetched URL's state expired or was used elsewhere. */
  | { type: 'ready_expired' }
  /** The admin clicked Connect: the popup is opening. */
  | { type: 'authorize' }
  | { type: 'popup_opened' }
  | { type: 'popup_blocked' }
  | { type: 'popup_closed' }
  /** A fresh click after a blocked or closed popup, or after a failure. */
  | { type: 'retry' }
  /** The callback page answered: the code is being exchanged (or the connection fetched). */
  | { type: 'result_received' }
  | { type: 'success'; connection: Connection }
  | { type: 'error'; error: ConnectError }
  /** The admin gave up (or dismissed the error). */
  | { type: 'cancel' }
  | { type: 'disconnect' }
  | { type: 'disconnected'; connection: Connection };

/**
 * The `type` of a {@link ConnectEvent}.
 *
 * @example
 * const userActions: ConnectEventType[] = ['authorize', 'retry', 'cancel', 'disconnect'];
 */
export type ConnectEventType = ConnectEvent['type'];

/**
 * What a `stateReducer` receives: the event's fields, plus the state the kit would move to.
 *
 * @example
 * const log = (state: ConnectState, { type, changes }: ConnectActionAndChanges) => {
 *   console.info(type, state.phase, '→', changes.phase);
 *   return changes;
 * };
 */
export type ConnectActionAndChanges = ConnectEvent & { changes: ConnectState };

/**
 * Override hook point: return `changes` to accept the kit's move, or any other state.
 *
 * @example
 * // Never leave a failure on its own: the app dismisses errors with its own button.
 * const stateReducer: ConnectStateReducer = (state, { type, changes }) =>
 *   type === 'cancel' && state.phase === 'failed' ? state : changes;
 */
export type ConnectStateReducer = (
  state: ConnectState,
  actionAndChanges: ConnectActionAndChanges,
) => ConnectState;

/**
 * The state before anything happened.
 *
 * @example
 * const [state, dispatch] = useReducer(connectReducer, initialConnectState);
 */
export const initialConnectState: ConnectState = Object.freeze({
  phase: 'idle',
  ready: false,
  popup: 'none',
  disconnecting: false,
});

/** Returns `state` itself when nothing would change, so subscribers are not woken for nothing. */
function patch(state: ConnectState, changes: Partial<ConnectState>): ConnectState {
  for (const key in changes) {
    if (changes[key as keyof ConnectState] !== state[key as keyof ConnectState]) {
      return { ...state, ...changes };
    }
  }
  return state;
}

/** Leaving an attempt: the popup and its single-use URL are gone. */
const ended = { popup: 'none', authorizeUrl: undefined, ready: false } as const;

/**
 * Starting an attempt (Connect, or Try again after a failure). The prefetched URL, if any, is now
 * this attempt's: not ready for another.
 */
const beginAuthorizing = {
  phase: 'authorizing',
  popup: 'opening',
  error: undefined,
  ready: false,
} as const;

/**
 * Where a new step (save, Connect, disconnect) may begin: nothing running and no disconnect in
 * flight. Internal: the reducer and the hooks' flow share it.
 */
export function isSettled(state: ConnectState): boolean {
  return (
    (state.phase === 'idle' || state.phase === 'succeeded' || state.phase === 'failed') &&
    !state.disconnecting
  );
}

/**
 * The connect flow's transitions, as a pure function. Returns the same object for an event that
 * does not apply (a second Connect click while authorizing, a popup event after success, …).
 *
 * @example
 * let state = connectReducer(initialConnectState, { type: 'ready', authorizeUrl });
 * state = connectReducer(state, { type: 'authorize' });
 * state.phase // 'authorizing'
 * state.popup // 'opening'
 */
export function connectReducer(state: ConnectState, event: ConnectEvent): ConnectState {
  const { phase } = state;
  const settled = isSettled(state);
  const authorizing = phase === 'authorizing';

  switch (event.type) {
    case 'connection_loaded':
      return patch(state, { connection: event.connection });
    case 'save':
      return settled ? patch(state, { phase: 'saving', error: undefined, ...ended }) : state;
    case 'saved':
      // New credentials make any prefetched URL (bound to the old key) useless.
      return phase === 'saving'
        ? patch(state, { phase: 'idle', connection: event.connection })
        : state;
    case 'ready':
      if (authorizing) return patch(state, { authorizeUrl: event.authorizeUrl });
      return settled ? patch(state, { ready: true, authorizeUrl: event.authorizeUrl }) : state;
    case 'ready_expired':
      return authorizing ? state : patch(state, { ready: false, authorizeUrl: undefined });
    case 'authorize':
      return settled ? patch(state, beginAuthorizing) : state;
    case 'retry':
      if (authorizing) {
        return state.popup === 'blocked' || state.popup === 'closed'
          ? patch(state, { popup: 'opening' })
          : state;
      }
      return phase === 'failed' && !state.disconnecting ? patch(state, beginAuthorizing) : state;
    case 'popup_opened':
      return authorizing ? patch(state, { popup: 'open' }) : state;
    case 'popup_blocked':
      return authorizing ? patch(state, { popup: 'blocked' }) : state;
    case 'popup_closed':
      return authorizing && state.popup !== 'blocked' ? patch(state, { popup: 'closed' }) : state;
    case 'result_received':
      return authorizing ? patch(state, { phase: 'completing', ...ended }) : state;
    case 'success':
      return authorizing || phase === 'completing'
        ? patch(state, {
            phase: 'succeeded',
            connection: event.connection,
            error: undefined,
            ...ended,
          })
        : state;
    case 'error':
      return patch(state, { phase: 'failed', error: event.error, disconnecting: false, ...ended });
    case 'cancel':
      return phase === 'idle' || phase === 'succeeded'
        ? state
        : patch(state, { phase: 'idle', error: undefined, ...ended });
    case 'disconnect':
      return settled
        ? patch(state, { phase: 'idle', disconnecting: true, error: undefined, ...ended })
        : state;
    case 'disconnected':
      return state.disconnecting
        ? patch(state, { disconnecting: false, connection: event.connection })
        : state;
    default:
      return state;
  }
}

/**
 * A store React reads with `useSyncExternalStore`.
 *
 * @example
 * const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
 */
export interface ConnectStore {
  /** The current state; the same object until something changes. */
  getSnapshot(): ConnectState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Applies an event (through the `stateReducer`, if any) and returns the resulting state. */
  dispatch(event: ConnectEvent): ConnectState;
}

/**
 * Options of {@link createConnectStore}.
 *
 * @example
 * createConnectStore({ initial: { ...initialConnectState, connection }, stateReducer });
 */
export interface ConnectStoreOptions {
  /** Bends the flow without forking it (Downshift-style): see {@link ConnectStateReducer}. */
  stateReducer?: ConnectStateReducer;
  /** Where to start, e.g. with a connection the server rendered. */
  initial?: ConnectState;
}

/**
 * Holds the connect flow's state outside React, for `useSyncExternalStore` (one store per hook
 * instance, so StrictMode's double render shares it).
 *
 * @example
 * const store = createConnectStore({
 *   // Keep the error on screen when the admin closes the popup, instead of resetting.
 *   stateReducer: (state, { type, changes }) => (type === 'cancel' && state.error ? state : changes),
 * });
 * const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
 * store.dispatch({ type: 'authorize' });
 */
export function createConnectStore(options: ConnectStoreOptions = {}): ConnectStore {
  let state = options.initial ?? initialConnectState;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispatch(event) {
      const changes = connectReducer(state, event);
      const next = options.stateReducer
        ? options.stateReducer(state, { ...event, changes })
        : changes;
      if (next !== state) {
        state = next;
        for (const listener of [...listeners]) listener();
      }
      return state;
    },
  };
}
