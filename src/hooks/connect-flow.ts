import type { SalesforceConnectAdapter } from '../adapters/types.js';
import {
  type ConnectStateReducer,
  type ConnectStore,
  createConnectStore,
  initialConnectState,
  isSettled,
} from '../core/connect-machine.js';
import { ConnectError, type ConnectErrorCode, toConnectError } from '../core/errors.js';
import type { OAuthPrompt } from '../core/oauth.js';
import type {
  createPopupSession,
  PopupEnvironment,
  PopupHost,
  PopupOutcome,
  PopupSession,
  PopupSessionEvent,
  PopupSessionOptions,
} from '../core/popup-session.js';
import type {
  AuthorizationStart,
  Connection,
  ConnectionFlow,
  ConnectionStatus,
} from '../core/types.js';

/**
 * The browser as the connect flow sees it: the popup session's environment plus the page's
 * origin (sent as `returnOrigin`). Every missing part is the global one.
 *
 * @example
 * useSalesforceConnect({ adapter, environment: { window: iframe.contentWindow } });
 */
export interface ConnectEnvironment extends Partial<Omit<PopupEnvironment, 'window'>> {
  window?: PopupHost & { location?: { origin: string } };
}

/**
 * Popup tuning passed to `createPopupSession` (size, callback origin, timings).
 *
 * @example
 * useSalesforceConnect({ adapter, popup: { size: { width: 600, height: 720 } } });
 */
export type ConnectPopupOptions = Pick<
  PopupSessionOptions,
  | 'callbackOrigin'
  | 'size'
  | 'blankPageText'
  | 'closedPollMs'
  | 'closedGraceMs'
  | 'blockedCheckMs'
  | 'timeoutMs'
>;

/**
 * Why the flow ended without a connection: the admin cancelled, closed the Salesforce window, or
 * an error stopped it.
 *
 * @example
 * onExit: ({ reason, error }) => reason === 'error' && track('connect_failed', error?.code)
 */
export type ConnectExitReason = 'cancelled' | 'popup_closed' | 'error';

/**
 * Every step of the flow, for analytics and diagnostics: the popup session's own events plus the
 * hook's. None carries a code, a state, a secret or a token.
 *
 * @example
 * onEvent: (event) => analytics.track(`salesforce_${event.type}`, event)
 */
export type SalesforceConnectEvent =
  | PopupSessionEvent
  | { type: 'connection_loaded'; status: ConnectionStatus }
  | { type: 'connection_failed'; errorCode: ConnectErrorCode }
  | { type: 'authorization_prefetched' }
  | { type: 'authorization_prefetch_failed'; errorCode: ConnectErrorCode }
  | { type: 'open'; prefetched: boolean }
  | { type: 'retry' }
  /** `client-credentials`: no window; the backend is asking Salesforce for a token. */
  | { type: 'completing'; via: 'code' | 'callback' | 'client-credentials' }
  | { type: 'succeeded'; status: ConnectionStatus }
  | { type: 'failed'; errorCode: ConnectErrorCode }
  | { type: 'cancelled' }
  | { type: 'disconnected'; status: ConnectionStatus };

/**
 * Options of `useSalesforceConnect` (and of the framework-free flow under it).
 *
 * @example
 * const options: ConnectFlowOptions = {
 *   adapter,
 *   onSuccess: ({ connection }) => toast(`Connected to ${connection.org?.name}`),
 * };
 */
export interface ConnectFlowOptions {
  adapter: SalesforceConnectAdapter;
  /**
   * Which of the tenant's connections the flow connects (see `isConnectionId`): every adapter
   * call carries it in its options. Absent means the default connection, and the calls are
   * exactly as before.
   */
  connectionId?: string | undefined;
  /**
   * How Connect reaches Salesforce. `authorization-code` (default): a person signs in through the
   * Salesforce popup. `client-credentials`: no popup, no redirect, no authorize URL; Connect calls
   * `adapter.connectWithClientCredentials()` and the backend asks Salesforce for a token as the
   * app's Run As user. The states, events and errors are the popup flow's: Connect goes through
   * `authorize` straight to `result_received` (phase `completing`), then `success` or `error`.
   * Choose it once for the component's life (remount with a `key` to switch).
   */
  flow?: ConnectionFlow | undefined;
  /** The backend answered `connected` after the admin authorized. */
  onSuccess?: ((details: { connection: Connection }) => void) | undefined;
  /** The attempt ended without a connection. */
  onExit?:
    | ((details: { reason: ConnectExitReason; error?: ConnectError | undefined }) => void)
    | undefined;
  /** Every step, see {@link SalesforceConnectEvent}. */
  onEvent?: ((event: SalesforceConnectEvent) => void) | undefined;
  popup?: ConnectPopupOptions | undefined;
  /**
   * Passed to `adapter.startAuthorization` with `returnOrigin`, for adapters that let the page
   * choose; the built-in adapters leave scopes to the backend.
   */
  scopes?: readonly string[] | undefined;
  /** Passed to `adapter.startAuthorization` like `scopes` (e.g. `login` to force a fresh sign-in). */
  prompt?: OAuthPrompt | readonly OAuthPrompt[] | undefined;
  environment?: ConnectEnvironment | undefined;
  /**
   * Bends the flow without forking it (Downshift-style), see `ConnectStateReducer`. Each user
   * action reaches it first, then exactly one popup result:
   * - Connect (`open()`): `authorize`, then `popup_opened` or `popup_blocked`;
   * - `retry()` after a blocked or closed popup: `retry`, then `popup_opened` or `popup_blocked`;
   * - `retry()` after a failed attempt: the same, `retry` then one popup result;
   * - later, as they happen: `ready` (the URL arrived), `popup_closed`, `result_received`, then
   *   `success`, `error` or `cancel`.
   *
   * Refusing `authorize` or `retry` (returning a state that is not `authorizing` with the popup
   * `opening`) opens no window.
   *
   * @example
   * // Count reopened windows without changing anything.
   * stateReducer: (state, { type, changes }) => {
   *   if (type === 'retry') metrics.increment('salesforce_popup_retry');
   *   return changes;
   * }
   */
  stateReducer?: ConnectStateReducer | undefined;
  /** The connection the server rendered with, so the first paint already shows it. */
  initialConnection?: Connection | undefined;
}

/**
 * The framework-free connect flow behind `useSalesforceConnect`: the store, the adapter calls
 * and the popup session. `start()` begins loading and returns the function that stops everything.
 *
 * @example
 * const flow = createConnectFlow(() => options);
 * const stop = flow.start();
 * button.onclick = () => flow.open();
 */
export interface ConnectFlow {
  store: ConnectStore;
  start(): () => void;
  open(): void;
  cancel(): void;
  retry(): void;
  disconnect(): Promise<Connection | undefined>;
  refresh(): Promise<Connection | undefined>;
  focusPopup(): boolean;
}

interface Attempt {
  controller: AbortController;
  session: PopupSession;
  done: boolean;
}

/** A client credentials connect: one backend call, no window. */
interface Exchange {
  controller: AbortController;
  done: boolean;
}

type Step = 'load' | 'authorize' | 'disconnect';

// A prefetched state is dropped this long before it expires, so a click never sends a dying one.
const EXPIRY_MARGIN_MS = 30_000;
// Used when the backend gives no expiry: well inside the usual 10-minute state lifetime.
const ASSUMED_LIFETIME_MS = 5 * 60_000;

/** A child controller that aborts with `parent`; `release` detaches it once its call is over. */
function linkedController(parent: AbortSignal | undefined) {
  const controller = new AbortController();
  const abort = () => controller.abort(parent?.reason);
  if (parent?.aborted) abort();
  else parent?.addEventListener('abort', abort, { once: true });
  return {
    controller,
    signal: controller.signal,
    release: () => parent?.removeEventListener('abort', abort),
  };
}

/**
 * Credentials exist, so the backend can start an authorization. Internal: `<SalesforceConnect/>`
 * decides between its setup and ready views with it too.
 */
export function canAuthorize(connection: Connection | undefined): connection is Connection {
  if (!connection) return false;
  const { status } = connection;
  if (status === 'configured' || status === 'needs_reauth' || status === 'error') return true;
  return (
    status === 'disconnected' &&
    (connection.consumerKeyHint !== undefined || connection.hasConsumerSecret === true)
  );
}

/**
 * A prefetched URL belongs to one save of the credentials: backends void sign-ins started before
 * a save, and a new key may end in the same four characters, so the save time is part of the key.
 */
const credentialsKey = (connection: Connection) =>
  `${connection.loginUrl ?? ''}|${connection.consumerKeyHint ?? ''}|${connection.updatedAt ?? ''}`;

/**
 * What opens the Salesforce window: core's `createPopupSession`. The flow takes it from its caller
 * rather than importing it, so `<SalesforceConnect/>` can load it (with the popup's error mapping)
 * after paint, with the dialog the Connect button already waits for; the headless hook passes it
 * as it is.
 */
export type PopupSessionFactory = typeof createPopupSession;

/**
 * Builds the connect flow. `getOptions` is read at each use, so callbacks and the adapter may
 * change between renders without restarting anything. `popupSessions` gives the popup session's
 * factory when a click starts an attempt; while it gives none (not loaded yet), a click opens
 * nothing, so a caller that loads it on demand keeps its Connect button disabled until then. The
 * client credentials flow opens no window and never asks for it.
 *
 * @example
 * const flow = createConnectFlow(() => ({ adapter, onSuccess: ({ connection }) => show(connection) }), () => createPopupSession);
 * useEffect(() => flow.start(), [flow]);
 */
export function createConnectFlow(
  getOptions: () => ConnectFlowOptions,
  popupSessions: () => PopupSessionFactory | undefined = () => undefined,
): ConnectFlow {
  const initialConnection = getOptions().initialConnection;
  const store = createConnectStore({
    ...(initialConnection
      ? { initial: { ...initialConnectState, connection: initialConnection } }
      : {}),
    stateReducer: (state, actionAndChanges) => {
      const custom = getOptions().stateReducer;
      return custom ? custom(state, actionAndChanges) : actionAndChanges.changes;
    },
  });

  let life: AbortController | undefined;
  let attempt: Attempt | undefined;
  let exchange: Exchange | undefined;
  let failedStep: Step | undefined;
  let loading: AbortController | undefined;
  let prefetched: AuthorizationStart | undefined;
  let prefetchedFor: string | undefined;
  let prefetching: AbortController | undefined;
  let prefetchFailedFor: string | undefined;
  let prefetchTimer: unknown;
  let checkingPrefetch = false;
  let reopening = false;

  const adapter = () => getOptions().adapter;
  /** Every adapter call's options: the signal, and the connection when one is named. */
  const callOptions = (signal: AbortSignal) => {
    const { connectionId } = getOptions();
    return connectionId ? { signal, connectionId } : { signal };
  };
  const clientCredentials = () => getOptions().flow === 'client-credentials';
  const environment = (): ConnectEnvironment => getOptions().environment ?? {};
  const now = () => environment().now?.() ?? Date.now();
  const setTimer = (callback: () => void, ms: number) =>
    (environment().setTimeout ?? ((fn, delay) => setTimeout(fn, delay)))(callback, ms);
  const clearTimer = (handle: unknown) =>
    (environment().clearTimeout ?? ((h) => clearTimeout(h as Parameters<typeof clearTimeout>[0])))(
      handle,
    );

  const emit = (event: SalesforceConnectEvent) => {
    try {
      getOptions().onEvent?.(event);
    } catch (error) {
      // An analytics bug must not break the flow; report it without unwinding this call.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const authorizationInput = () => {
    const { scopes, prompt } = getOptions();
    const origin =
      environment().window?.location?.origin ??
      (globalThis as { location?: { origin?: string } }).location?.origin ??
      '';
    return {
      returnOrigin: origin,
      ...(scopes ? { scopes: [...scopes] } : {}),
      ...(prompt ? { prompt: typeof prompt === 'string' ? prompt : [...prompt] } : {}),
    };
  };

  const expiryOf = (start: AuthorizationStart, fetchedAt: number) => {
    const parsed = start.expiresAt ? Date.parse(start.expiresAt) : Number.NaN;
    return Number.isNaN(parsed) ? fetchedAt + ASSUMED_LIFETIME_MS : parsed;
  };
  let prefetchedExpiry = 0;
  const prefetchIsFresh = () =>
    prefetched !== undefined && prefetchedExpiry - now() > EXPIRY_MARGIN_MS;

  /** Forgets the prefetched URL and stops any prefetch; says whether a URL was held. */
  const forgetPrefetch = () => {
    prefetching?.abort();
    prefetching = undefined;
    clearTimer(prefetchTimer);
    prefetchTimer = undefined;
    const had = prefetched !== undefined;
    prefetched = undefined;
    prefetchedFor = undefined;
    return had;
  };

  const dropPrefetch = () => {
    const had = forgetPrefetch();
    const state = store.getSnapshot();
    if (had && state.phase !== 'authorizing' && (state.ready || state.authorizeUrl)) {
      store.dispatch({ type: 'ready_expired' });
    }
  };

  const scheduleExpiry = () => {
    clearTimer(prefetchTimer);
    prefetchTimer = setTimer(
      () => {
        prefetchTimer = undefined;
        dropPrefetch();
        maybePrefetch();
      },
      Math.max(0, prefetchedExpiry - now() - EXPIRY_MARGIN_MS),
    );
  };

  /** Keeps one fresh authorize URL ready while nothing runs, so a click opens Salesforce at once. */
  function maybePrefetch() {
    // The client credentials flow has no authorize URL to keep ready.
    if (checkingPrefetch || !life || life.signal.aborted || clientCredentials()) return;
    checkingPrefetch = true;
    try {
      const state = store.getSnapshot();
      if (!isSettled(state)) return;
      const key = canAuthorize(state.connection) ? credentialsKey(state.connection) : undefined;
      if (key === undefined || (prefetched && key !== prefetchedFor)) {
        dropPrefetch();
        if (key === undefined) return;
      }
      if (prefetched) {
        if (!prefetchIsFresh()) {
          dropPrefetch();
        } else {
          if (prefetchTimer === undefined) scheduleExpiry();
          if (!state.ready)
            store.dispatch({ type: 'ready', authorizeUrl: prefetched.authorizeUrl });
          return;
        }
      }
      if (prefetching || prefetchFailedFor === key) return;
      const call = linkedController(life.signal);
      prefetching = call.controller;
      const fetchedAt = now();
      Promise.resolve()
        .then(() => adapter().startAuthorization(authorizationInput(), callOptions(call.signal)))
        .then(
          (start) => {
            call.release();
            if (prefetching !== call.controller || call.signal.aborted) return;
            prefetching = undefined;
            prefetched = start;
            prefetchedFor = key;
            prefetchedExpiry = expiryOf(start, fetchedAt);
            emit({ type: 'authorization_prefetched' });
            scheduleExpiry();
            store.dispatch({ type: 'ready', authorizeUrl: start.authorizeUrl });
          },
          (error: unknown) => {
            call.release();
            if (prefetching !== call.controller || call.signal.aborted) return;
            prefetching = undefined;
            // Not retried for these credentials until the next load: a click will surface it.
            prefetchFailedFor = key;
            emit({
              type: 'authorization_prefetch_failed',
              errorCode: toConnectError(error, 'adapter_error').code,
            });
          },
        );
    } finally {
      checkingPrefetch = false;
    }
  }

  const fail = (step: Step, error: ConnectError) => {
    failedStep = step;
    store.dispatch({ type: 'error', error });
    emit({ type: 'failed', errorCode: error.code });
  };

  const endAttempt = (current: Attempt | Exchange) => {
    current.done = true;
    if (attempt === current) attempt = undefined;
    if (exchange === current) exchange = undefined;
  };

  const succeed = (current: Attempt | Exchange, connection: Connection) => {
    endAttempt(current);
    if (connection.status !== 'connected') {
      // The backend kept the credentials but did not connect: show why.
      store.dispatch({ type: 'connection_loaded', connection });
      const error = connection.error
        ? ConnectError.fromJSON(connection.error)
        : new ConnectError('unknown', 'Salesforce did not confirm the connection. Try again.');
      fail('authorize', error);
      getOptions().onExit?.({ reason: 'error', error });
      return;
    }
    store.dispatch({ type: 'success', connection });
    emit({ type: 'succeeded', status: connection.status });
    getOptions().onSuccess?.({ connection });
  };

  const exitWith = (current: Attempt | Exchange, error: ConnectError) => {
    endAttempt(current);
    if (error.code === 'aborted') {
      store.dispatch({ type: 'cancel' });
      emit({ type: 'cancelled' });
      getOptions().onExit?.({ reason: 'cancelled' });
      return;
    }
    fail('authorize', error);
    getOptions().onExit?.({
      reason: error.code === 'popup_closed' ? 'popup_closed' : 'error',
      error,
    });
  };

  async function settleAttempt(current: Attempt, outcome: PopupOutcome) {
    if (current.done) return;
    if (outcome.type === 'error') return exitWith(current, outcome.error);
    if (outcome.type === 'connection') return succeed(current, outcome.connection);
    store.dispatch({ type: 'result_received' });
    emit({ type: 'completing', via: outcome.type === 'code' ? 'code' : 'callback' });
    const call = linkedController(current.controller.signal);
    try {
      const backend = adapter();
      const connection =
        outcome.type === 'code' && backend.completeAuthorization
          ? await backend.completeAuthorization(
              { code: outcome.code, state: outcome.state },
              callOptions(call.signal),
            )
          : await backend.getConnection(callOptions(call.signal));
      if (!current.done && !call.signal.aborted) succeed(current, connection);
    } catch (error) {
      if (!current.done && !call.signal.aborted) {
        exitWith(current, toConnectError(error, 'adapter_error'));
      }
    } finally {
      call.release();
    }
  }

  const dispatchOpenResult = (result: ReturnType<PopupSession['open']>) => {
    if (result === 'opened') store.dispatch({ type: 'popup_opened' });
    else if (result === 'blocked') store.dispatch({ type: 'popup_blocked' });
  };

  /**
   * A new attempt. The action goes to the store first, so a custom `stateReducer` that refuses it
   * opens no window; then the popup opens, still inside the click (browsers allow it nowhere
   * else), and its result is dispatched once.
   */
  function begin(event: 'authorize' | 'retry') {
    if (clientCredentials()) {
      beginExchange(event);
      return;
    }
    // Not loaded yet: nothing happens, and nothing in the store says an attempt began.
    const createSession = popupSessions();
    if (!createSession) return;
    const options = getOptions();
    const state = store.getSnapshot();
    store.dispatch({ type: event });
    if (store.getSnapshot().phase !== 'authorizing') return; // refused by a custom stateReducer
    failedStep = undefined;
    const fresh =
      prefetchIsFresh() &&
      canAuthorize(state.connection) &&
      prefetchedFor === credentialsKey(state.connection)
        ? prefetched
        : undefined;
    let resolveStart: (start: AuthorizationStart) => void = () => {};
    let rejectStart: (reason: unknown) => void = () => {};
    const pending =
      fresh ??
      new Promise<AuthorizationStart>((resolve, reject) => {
        resolveStart = resolve;
        rejectStart = reject;
      });
    const call = linkedController(life?.signal);
    let current: Attempt | undefined;
    const session = createSession({
      ...options.popup,
      signal: call.signal,
      getConnection: (o) => adapter().getConnection(callOptions(o.signal)),
      ...(state.connection ? { previousConnection: state.connection } : {}),
      environment: environment(),
      onEvent: (sessionEvent) => {
        emit(sessionEvent);
        // While a click opens the window, the click's code dispatches the result itself, once.
        if (!current || current.done || reopening) return;
        if (sessionEvent.type === 'popup_blocked') store.dispatch({ type: 'popup_blocked' });
        else if (sessionEvent.type === 'popup_closed') store.dispatch({ type: 'popup_closed' });
        else if (sessionEvent.type === 'popup_opened') store.dispatch({ type: 'popup_opened' });
      },
    });
    // `current` is still unset: the session's own popup event is not dispatched a second time.
    const opened = session.open(pending);

    // The prefetched state is this attempt's now (single use); any other in flight is moot.
    forgetPrefetch();

    current = { controller: call.controller, session, done: false };
    attempt = current;
    emit(event === 'retry' ? { type: 'retry' } : { type: 'open', prefetched: fresh !== undefined });
    dispatchOpenResult(opened);

    if (!fresh) {
      const attemptOf = current;
      Promise.resolve()
        .then(() => adapter().startAuthorization(authorizationInput(), callOptions(call.signal)))
        .then((start) => {
          resolveStart(start);
          if (!attemptOf.done) store.dispatch({ type: 'ready', authorizeUrl: start.authorizeUrl });
        }, rejectStart);
    }
    const attemptOf = current;
    void session.result.then((outcome) => {
      call.release();
      return settleAttempt(attemptOf, outcome);
    });
  }

  /**
   * A client credentials connect: the store hears `authorize` (or `retry`) first, as in the popup
   * flow, so a custom `stateReducer` may refuse it; then, with no window to wait for, straight
   * `result_received` while the backend asks Salesforce for a token.
   */
  function beginExchange(event: 'authorize' | 'retry') {
    store.dispatch({ type: event });
    if (store.getSnapshot().phase !== 'authorizing') return; // refused by a custom stateReducer
    failedStep = undefined;
    const call = linkedController(life?.signal);
    const current: Exchange = { controller: call.controller, done: false };
    exchange = current;
    emit(event === 'retry' ? { type: 'retry' } : { type: 'open', prefetched: false });
    store.dispatch({ type: 'result_received' });
    emit({ type: 'completing', via: 'client-credentials' });
    // An adapter without the method fails the attempt as adapter_error (the hook refuses such an
    // adapter before this, naming the method).
    Promise.resolve()
      .then(() => adapter().connectWithClientCredentials?.(callOptions(call.signal)))
      .then(
        (connection) => {
          if (current.done || call.signal.aborted) return;
          if (connection) succeed(current, connection);
          else
            exitWith(current, new ConnectError('adapter_error', 'No connectWithClientCredentials'));
        },
        (error: unknown) => {
          if (!current.done && !call.signal.aborted) {
            exitWith(current, toConnectError(error, 'adapter_error'));
          }
        },
      )
      .finally(call.release);
  }

  function open() {
    // Idempotent: a second click while the backend asks Salesforce changes nothing.
    if (exchange && !exchange.done) return;
    const state = store.getSnapshot();
    if (attempt && !attempt.done) {
      // Idempotent: a second click brings the running attempt's window back.
      if (state.popup === 'blocked' || state.popup === 'closed') retry();
      else attempt.session.focus();
      return;
    }
    if (isSettled(state)) begin('authorize');
  }

  function retry() {
    if (exchange && !exchange.done) return;
    const state = store.getSnapshot();
    const current = attempt;
    if (current && !current.done) {
      if (state.phase !== 'authorizing') return;
      if (state.popup !== 'blocked' && state.popup !== 'closed') {
        current.session.focus();
        return;
      }
      // A fresh click. The store hears `retry` first (a stateReducer may refuse it: no window),
      // then the window reopens with the URL the session kept, and its result is dispatched once.
      store.dispatch({ type: 'retry' });
      if (store.getSnapshot().popup !== 'opening') return;
      emit({ type: 'retry' });
      reopening = true;
      let opened: ReturnType<PopupSession['open']>;
      try {
        opened = current.session.open();
      } finally {
        reopening = false;
      }
      dispatchOpenResult(opened);
      return;
    }
    if (state.phase !== 'failed' || state.disconnecting) return;
    if (failedStep === 'load') {
      store.dispatch({ type: 'cancel' });
      void refresh();
    } else if (failedStep === 'disconnect') {
      void disconnect();
    } else begin('retry');
  }

  function cancel() {
    const running = exchange;
    if (running && !running.done) {
      endAttempt(running);
      running.controller.abort();
      store.dispatch({ type: 'cancel' });
      emit({ type: 'cancelled' });
      getOptions().onExit?.({ reason: 'cancelled' });
      return;
    }
    const current = attempt;
    if (current && !current.done) {
      endAttempt(current);
      // Closes the popup and stops every call of the attempt.
      current.controller.abort();
      store.dispatch({ type: 'cancel' });
      emit({ type: 'cancelled' });
      getOptions().onExit?.({ reason: 'cancelled' });
      return;
    }
    // Dismisses a failure.
    if (store.getSnapshot().phase === 'failed') store.dispatch({ type: 'cancel' });
  }

  async function refresh(): Promise<Connection | undefined> {
    loading?.abort();
    const call = linkedController(life?.signal);
    loading = call.controller;
    try {
      const connection = await adapter().getConnection(callOptions(call.signal));
      if (call.signal.aborted) return undefined;
      prefetchFailedFor = undefined;
      store.dispatch({ type: 'connection_loaded', connection });
      emit({ type: 'connection_loaded', status: connection.status });
      if (failedStep === 'load' && store.getSnapshot().phase === 'failed') {
        failedStep = undefined;
        store.dispatch({ type: 'cancel' });
      }
      return connection;
    } catch (caught) {
      if (call.signal.aborted) return undefined;
      const error = toConnectError(caught, 'adapter_error');
      emit({ type: 'connection_failed', errorCode: error.code });
      const state = store.getSnapshot();
      // With a connection on screen, a failed refresh keeps it rather than replacing it with an error.
      if (!state.connection && isSettled(state)) fail('load', error);
      return undefined;
    } finally {
      call.release();
      if (loading === call.controller) loading = undefined;
    }
  }

  async function disconnect(): Promise<Connection | undefined> {
    const before = store.getSnapshot();
    if (!isSettled(before)) return before.connection;
    store.dispatch({ type: 'disconnect' });
    if (!store.getSnapshot().disconnecting) return before.connection;
    failedStep = undefined;
    dropPrefetch();
    const call = linkedController(life?.signal);
    try {
      const connection = await adapter().disconnect(callOptions(call.signal));
      if (call.signal.aborted) return undefined;
      store.dispatch({ type: 'disconnected', connection });
      emit({ type: 'disconnected', status: connection.status });
      return connection;
    } catch (caught) {
      if (!call.signal.aborted) fail('disconnect', toConnectError(caught, 'adapter_error'));
      return undefined;
    } finally {
      call.release();
    }
  }

  function start() {
    life?.abort();
    const current = new AbortController();
    life = current;
    if (store.getSnapshot().disconnecting) {
      // A disconnect cut short by an earlier stop (StrictMode, Activity): its answer is lost.
      store.dispatch({
        type: 'error',
        error: new ConnectError('aborted', 'The disconnect was interrupted.'),
      });
      store.dispatch({ type: 'cancel' });
    }
    const unsubscribe = store.subscribe(maybePrefetch);
    void refresh();
    return () => {
      unsubscribe();
      current.abort();
      if (exchange) {
        endAttempt(exchange);
        store.dispatch({ type: 'cancel' });
      }
      if (attempt) {
        // The component is gone: the popup closes (the attempt's signal followed `life`), and the
        // store no longer claims an attempt runs, without telling onExit about a choice nobody made.
        endAttempt(attempt);
        store.dispatch({ type: 'cancel' });
      }
      prefetching = undefined;
      clearTimer(prefetchTimer);
      prefetchTimer = undefined;
    };
  }

  return {
    store,
    start,
    open,
    cancel,
    retry,
    disconnect,
    refresh,
    focusPopup: () => (attempt && !attempt.done ? attempt.session.focus() : false),
  };
}
