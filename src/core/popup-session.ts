import {
  ConnectError,
  type ConnectErrorCode,
  isConnectErrorCode,
  toConnectError,
} from './errors.js';
import { redirectOriginOf } from './oauth.js';
import {
  isOAuthPopupMessage,
  type OAuthPopupMessage,
  originOf,
  resultChannelName,
} from './popup-protocol.js';
import {
  POPUP_WINDOW_NAME,
  type PopupPlacementHost,
  placePopup,
  popupFeatures,
} from './popup-window.js';
import { fromSalesforceError } from './salesforce-errors.js';
import type { AuthorizationStart, Connection, ConnectionStatus } from './types.js';

/**
 * The popup window as the opener sees it (a `WindowProxy`, possibly cross-origin).
 *
 * @example
 * const popup: PopupHandle | null = window.open(url, POPUP_WINDOW_NAME, features);
 */
export interface PopupHandle {
  readonly closed: boolean;
  close(): void;
  focus(): void;
  location: { replace(url: string): void };
}

/**
 * The fields of a `message` event the session reads.
 *
 * @example
 * host.post = (data) => listener({ data, origin: 'https://app.example.com', source: popup });
 */
export interface PopupMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
}

/**
 * The opener's window: opens the popup, places it, and hears `postMessage`. The real `window`
 * is one; tests pass a fake.
 *
 * @example
 * const host: PopupHost = iframe.contentWindow ?? window;
 * createPopupSession({ environment: { window: host } });
 */
export interface PopupHost extends PopupPlacementHost {
  open(url: string, target: string, features: string): PopupHandle | null;
  addEventListener(type: 'message', listener: (event: PopupMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: PopupMessageEvent) => void): void;
}

/**
 * The part of a `BroadcastChannel` the session uses.
 *
 * @example
 * const channel: ResultChannel = new BroadcastChannel(resultChannelName(state));
 */
export interface ResultChannel {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/**
 * Everything the session touches outside itself. Each field defaults to the browser's global,
 * read when the session is created (never when the module loads, so importing it is SSR-safe).
 *
 * @example
 * // A session driven by a test clock instead of real timers:
 * createPopupSession({ environment: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout } });
 */
export interface PopupEnvironment {
  window: PopupHost;
  /** Absent where the browser has none; the `postMessage` path still works. */
  BroadcastChannel: (new (name: string) => ResultChannel) | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

/**
 * Where the result came in: the opener's `message` event or the BroadcastChannel.
 *
 * @example
 * if (event.type === 'message_accepted' && event.channel === 'broadcast') log('opener was lost');
 */
export type PopupResultChannel = 'window' | 'broadcast';

/**
 * Why a message was dropped: wrong origin, not from the popup, bad shape, or another state.
 *
 * @example
 * if (event.type === 'message_ignored' && event.reason === 'origin') warn(event.origin);
 */
export type IgnoredMessageReason = 'origin' | 'source' | 'malformed' | 'state';

/**
 * What happened during a session, for diagnostics (`onEvent`). Never carries the code, the state
 * or anything else secret.
 *
 * @example
 * createPopupSession({
 *   onEvent: (event) => {
 *     if (event.type === 'popup_blocked') showOpenSalesforceButton();
 *     if (event.type === 'message_ignored') console.warn('ignored a message:', event.reason);
 *   },
 * });
 */
export type PopupSessionEvent =
  | { type: 'popup_opened'; blank: boolean }
  | { type: 'popup_navigated' }
  | { type: 'popup_focused' }
  | { type: 'popup_blocked' }
  | { type: 'popup_closed' }
  | {
      type: 'message_ignored';
      channel: PopupResultChannel;
      reason: IgnoredMessageReason;
      origin?: string;
    }
  | {
      type: 'message_accepted';
      channel: PopupResultChannel;
      messageType: OAuthPopupMessage['type'];
    }
  | { type: 'connection_checked'; status: ConnectionStatus | 'unavailable' }
  | {
      type: 'settled';
      outcome: PopupOutcome['type'];
      errorCode?: ConnectErrorCode;
      elapsedMs: number;
    };

/**
 * How a session ended. `code`: the callback page relayed a code for the adapter to exchange;
 * `complete`: the backend's callback page already exchanged it; `connection`: no message came,
 * but the backend reported a fresh connection after the popup closed; `error`: a `ConnectError`
 * (`access_denied` and the other Salesforce errors, `popup_closed`, `timeout`, `aborted`, …).
 *
 * @example
 * const outcome = await session.result;
 * if (outcome.type === 'code') await adapter.completeAuthorization?.(outcome, { signal });
 * else if (outcome.type === 'complete') await adapter.getConnection({ signal });
 * else if (outcome.type === 'error') setError(outcome.error);
 */
export type PopupOutcome =
  | { type: 'code'; code: string; state: string }
  | { type: 'complete'; state: string }
  | { type: 'connection'; connection: Connection }
  | { type: 'error'; error: ConnectError };

/**
 * `idle` until opened; `blocked` until a fresh click retries; `closed` while waiting out the
 * grace period after the admin closed it; `settled` once the outcome is known.
 *
 * @example
 * if (session.status === 'blocked') showOpenSalesforceButton();
 */
export type PopupSessionStatus = 'idle' | 'open' | 'blocked' | 'closed' | 'settled';

/**
 * What one `open()` call did.
 *
 * @example
 * if (session.open(start) === 'blocked') showOpenSalesforceButton();
 */
export type PopupOpenResult = 'opened' | 'focused' | 'blocked' | 'settled';

/**
 * Options of {@link createPopupSession}; all optional.
 *
 * @example
 * createPopupSession({
 *   getConnection: (o) => adapter.getConnection(o),
 *   previousConnection: connection,
 *   signal: controller.signal,
 *   onEvent: (event) => track(event.type),
 * });
 */
export interface PopupSessionOptions {
  /**
   * Origin of the callback page that posts the result. Defaults to the origin of the authorize
   * URL's `redirect_uri`. Messages from any other origin are ignored.
   */
  callbackOrigin?: string;
  /**
   * Asked once when the popup closed without a message: a backend whose own callback page
   * exchanged the code may already be connected.
   */
  getConnection?: (options: { signal: AbortSignal }) => Connection | PromiseLike<Connection>;
  /** The connection before this attempt; an unchanged `connected` one is not taken as success. */
  previousConnection?: Connection;
  /** Cancels the session: the popup closes and the outcome is `aborted`. */
  signal?: AbortSignal;
  /** Diagnostics, including every ignored message and why. */
  onEvent?: (event: PopupSessionEvent) => void;
  /** Stand-ins for the browser (tests, iframes); each missing part is the global one. */
  environment?: Partial<PopupEnvironment>;
  /** Wanted popup size before fitting it to the screen; default 520×680. */
  size?: { width: number; height: number };
  /** Text shown in the popup while the authorize URL is still being fetched. */
  blankPageText?: string;
  /** How often to check whether the admin closed the popup; default 500 ms. */
  closedPollMs?: number;
  /** How long to wait for a late message after the popup closed; default 1 s. */
  closedGraceMs?: number;
  /** A popup that is closed this soon after opening was blocked, not closed; default 250 ms. */
  blockedCheckMs?: number;
  /** The whole attempt's limit, matching the state's lifetime; default 10 minutes. */
  timeoutMs?: number;
}

/**
 * One authorization attempt's popup: opened on a click, watched until it yields an outcome.
 *
 * @example
 * const session = createPopupSession();
 * onClick(() => session.open(prefetched ?? adapter.startAuthorization({ returnOrigin })));
 * onFocusButton(() => session.focus());
 * onCancel(() => session.cancel());
 */
export interface PopupSession {
  /**
   * Opens the popup. Call it synchronously inside the click handler. Pass the authorization when
   * it is already known (prefetched), or a promise of it (the popup opens blank and follows the
   * URL once it arrives), or nothing and call `navigate` later. While the popup is open, it only
   * focuses it; after `blocked` (or once the admin closed it), a fresh click reopens it.
   */
  open(start?: AuthorizationStart | PromiseLike<AuthorizationStart>): PopupOpenResult;
  /** Sends the (blank) popup to the authorize URL; the first authorization given wins. */
  navigate(start: AuthorizationStart): void;
  /** Brings the popup to the front; false when there is none. */
  focus(): boolean;
  /** Closes the popup and ends the session as `aborted`. */
  cancel(): void;
  readonly status: PopupSessionStatus;
  /** The URL a retry opens (kept while the popup is blocked). */
  readonly authorizeUrl: string | undefined;
  /** Resolves once, with the outcome; never rejects. */
  readonly result: Promise<PopupOutcome>;
}

const SECOND = 1000;

function defaultEnvironment(given: Partial<PopupEnvironment>): PopupEnvironment {
  const g = globalThis as unknown as {
    window?: PopupHost;
    BroadcastChannel?: new (name: string) => ResultChannel;
  };
  const host = given.window ?? g.window;
  if (!host) throw new TypeError('createPopupSession needs a browser window (environment.window).');
  return {
    window: host,
    BroadcastChannel: 'BroadcastChannel' in given ? given.BroadcastChannel : g.BroadcastChannel,
    setTimeout: given.setTimeout ?? ((callback, ms) => setTimeout(callback, ms)),
    clearTimeout:
      given.clearTimeout ??
      ((handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0])),
    setInterval: given.setInterval ?? ((callback, ms) => setInterval(callback, ms)),
    clearInterval:
      given.clearInterval ??
      ((handle) => clearInterval(handle as Parameters<typeof clearInterval>[0])),
    now: given.now ?? (() => Date.now()),
  };
}

function outcomeOf(message: OAuthPopupMessage): PopupOutcome {
  if (message.error !== undefined) {
    const asSalesforce = fromSalesforceError(message);
    // The server's relay page posts the kit's own code and message (`salesforce_unavailable`,
    // `state_mismatch`, …): read as a Salesforce error they would turn into `unknown`.
    if (
      isConnectErrorCode(message.error) &&
      (message.type === 'oauth_complete' || asSalesforce.code !== message.error)
    ) {
      return {
        type: 'error',
        error: new ConnectError(
          message.error,
          message.error_description || `The sign-in did not finish (${message.error}).`,
        ),
      };
    }
    return { type: 'error', error: asSalesforce };
  }
  if (message.type === 'oauth_complete') return { type: 'complete', state: message.state };
  if (message.code) return { type: 'code', code: message.code, state: message.state };
  return {
    type: 'error',
    error: new ConnectError('unknown', 'The callback page sent neither a code nor an error.'),
  };
}

/** Other libraries post messages too; only the kit's own tag makes one worth judging. */
const isKitTagged = (data: unknown) =>
  typeof data === 'object' &&
  data !== null &&
  (data as { source?: unknown }).source === 'salesforce-connect';

const isPromiseLike = (value: unknown): value is PromiseLike<AuthorizationStart> =>
  typeof (value as { then?: unknown } | undefined)?.then === 'function';

/**
 * Runs the Salesforce popup for one authorization attempt: opens it inside the click (blank if
 * the URL is still on its way), centers it on the page, and waits for the callback page's result
 * on `postMessage` (pinned origin, own popup only, issued state only) and on the BroadcastChannel,
 * first valid message winning. A popup closed without a result gets a grace period and one check
 * of the backend's connection. Everything it listens to is released when it settles.
 *
 * @example
 * button.onclick = () => {
 *   const session = createPopupSession({ getConnection: (o) => adapter.getConnection(o) });
 *   session.open(adapter.startAuthorization({ returnOrigin: location.origin }));
 *   session.result.then(async (outcome) => {
 *     if (outcome.type === 'code') await adapter.completeAuthorization?.(outcome);
 *   });
 * };
 */
export function createPopupSession(options: PopupSessionOptions = {}): PopupSession {
  const env = defaultEnvironment(options.environment ?? {});
  const host = env.window;
  const startedAt = env.now();
  const pollMs = options.closedPollMs ?? SECOND / 2;
  const graceMs = options.closedGraceMs ?? SECOND;
  const blockedMs = options.blockedCheckMs ?? SECOND / 4;
  const timeoutMs = options.timeoutMs ?? 600 * SECOND;

  let status: PopupSessionStatus = 'idle';
  let popup: PopupHandle | null = null;
  let start: AuthorizationStart | undefined;
  let expectedOrigin = options.callbackOrigin ? originOf(options.callbackOrigin) : undefined;
  let awaitingStart = false;
  let listening = false;
  let channel: ResultChannel | undefined;
  let watchTimer: unknown;
  let pollTimer: unknown;
  let deadlineTimer: unknown;
  let check: AbortController | undefined;
  let resolveResult: (outcome: PopupOutcome) => void = () => {};
  const result = new Promise<PopupOutcome>((resolve) => {
    resolveResult = resolve;
  });

  const emit = (event: PopupSessionEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      // A bug in a diagnostics callback must not derail the session; surface it, async.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const stopWatching = () => {
    env.clearTimeout(watchTimer);
    env.clearInterval(pollTimer);
    watchTimer = pollTimer = undefined;
    check?.abort();
    check = undefined;
  };

  const settle = (outcome: PopupOutcome) => {
    if (status === 'settled') return;
    status = 'settled';
    stopWatching();
    env.clearTimeout(deadlineTimer);
    host.removeEventListener('message', onMessage);
    channel?.close();
    channel = undefined;
    options.signal?.removeEventListener('abort', cancel);
    try {
      if (popup && !popup.closed) popup.close();
    } catch {
      // Already gone.
    }
    popup = null;
    emit({
      type: 'settled',
      outcome: outcome.type,
      ...(outcome.type === 'error' ? { errorCode: outcome.error.code } : {}),
      elapsedMs: env.now() - startedAt,
    });
    resolveResult(outcome);
  };

  const fail = (code: ConnectErrorCode, message: string) =>
    settle({ type: 'error', error: new ConnectError(code, message) });

  function cancel() {
    fail('aborted', 'The connection attempt was cancelled.');
  }

  const ignore = (channel: PopupResultChannel, reason: IgnoredMessageReason, origin?: string) =>
    emit({ type: 'message_ignored', channel, reason, ...(origin === undefined ? {} : { origin }) });

  const accept = (data: unknown, via: PopupResultChannel) => {
    if (!isOAuthPopupMessage(data)) return ignore(via, 'malformed');
    if (!start || data.state !== start.state) return ignore(via, 'state');
    emit({ type: 'message_accepted', channel: via, messageType: data.type });
    settle(outcomeOf(data));
  };

  function onMessage(event: PopupMessageEvent) {
    if (status === 'settled' || !isKitTagged(event.data)) return;
    if (event.origin !== expectedOrigin) return ignore('window', 'origin', event.origin);
    if (popup && event.source !== popup) return ignore('window', 'source');
    accept(event.data, 'window');
  }

  const onBroadcast = (event: { data: unknown }) => {
    // A BroadcastChannel only ever connects same-origin pages: origin is implied.
    if (status !== 'settled' && isKitTagged(event.data)) accept(event.data, 'broadcast');
  };

  const markBlocked = () => {
    stopWatching();
    popup = null;
    status = 'blocked';
    emit({ type: 'popup_blocked' });
  };

  const closedWithout = () =>
    fail('popup_closed', 'The Salesforce window was closed before the connection finished.');

  const checkConnection = () => {
    const getConnection = options.getConnection;
    if (!getConnection) {
      closedWithout();
      return;
    }
    const controller = new AbortController();
    check = controller;
    Promise.resolve()
      .then(() => getConnection({ signal: controller.signal }))
      .then(
        (connection) => {
          if (controller.signal.aborted) return;
          emit({ type: 'connection_checked', status: connection.status });
          const previous = options.previousConnection;
          const unchanged =
            previous?.status === 'connected' && previous.connectedAt === connection.connectedAt;
          if (connection.status === 'connected' && !unchanged) {
            settle({ type: 'connection', connection });
          } else closedWithout();
        },
        () => {
          if (controller.signal.aborted) return;
          emit({ type: 'connection_checked', status: 'unavailable' });
          closedWithout();
        },
      );
  };

  const onClosed = () => {
    stopWatching();
    status = 'closed';
    emit({ type: 'popup_closed' });
    // The callback page may post and close in the same moment: let a late message arrive.
    watchTimer = env.setTimeout(checkConnection, graceMs);
  };

  const watch = (handle: PopupHandle) => {
    // Blockers often hand back a window and close it at once: closed this soon means blocked.
    // A busy page may run this check late; a close first seen well after the check was due is
    // the admin's, not a blocker's, so it goes through the closed path (grace, then ask).
    const openedAt = env.now();
    watchTimer = env.setTimeout(() => {
      if (popup !== handle) return;
      if (handle.closed) {
        return env.now() - openedAt <= blockedMs * 2 ? markBlocked() : onClosed();
      }
      pollTimer = env.setInterval(() => {
        if (popup === handle && handle.closed) onClosed();
      }, pollMs);
    }, blockedMs);
  };

  const adopt = (given: AuthorizationStart) => {
    if (start || status === 'settled') return false;
    start = given;
    expectedOrigin ??= redirectOriginOf(given.authorizeUrl);
    if (env.BroadcastChannel && !channel) {
      try {
        channel = new env.BroadcastChannel(resultChannelName(given.state));
        channel.addEventListener('message', onBroadcast);
      } catch {
        // Opaque origins cannot open channels; postMessage still works.
      }
    }
    return true;
  };

  const navigate = (given: AuthorizationStart) => {
    if (!adopt(given) || !popup || popup.closed) return;
    try {
      popup.location.replace(given.authorizeUrl);
      emit({ type: 'popup_navigated' });
    } catch {
      markBlocked();
    }
  };

  const follow = (pending: PromiseLike<AuthorizationStart>) => {
    awaitingStart = true;
    Promise.resolve(pending).then(navigate, (error: unknown) =>
      settle({ type: 'error', error: toConnectError(error, 'adapter_error') }),
    );
  };

  const listen = () => {
    if (listening) return;
    listening = true;
    host.addEventListener('message', onMessage);
    deadlineTimer = env.setTimeout(
      () => fail('timeout', 'Salesforce did not answer in time. Try connecting again.'),
      timeoutMs,
    );
  };

  const open = (given?: AuthorizationStart | PromiseLike<AuthorizationStart>): PopupOpenResult => {
    if (status === 'settled') return 'settled';
    const isOpen = status === 'open' && popup !== null && !popup.closed;
    if (isPromiseLike(given)) {
      if (!start && !awaitingStart) follow(given);
    } else if (given) {
      // Open already (a blank popup from an earlier click): this is where it should go.
      if (isOpen) navigate(given);
      else adopt(given);
    }
    if (isOpen && popup) {
      popup.focus();
      emit({ type: 'popup_focused' });
      return 'focused';
    }
    stopWatching();
    listen();
    const url = start?.authorizeUrl;
    let handle: PopupHandle | null = null;
    try {
      handle = host.open(
        url ?? '',
        POPUP_WINDOW_NAME,
        popupFeatures(placePopup(host, options.size)),
      );
    } catch {
      // Some embedders throw instead of returning null.
    }
    if (!handle || handle.closed) {
      markBlocked();
      return 'blocked';
    }
    popup = handle;
    status = 'open';
    emit({ type: 'popup_opened', blank: url === undefined });
    if (url === undefined) showBlankText(handle, options.blankPageText ?? 'Opening Salesforce…');
    try {
      handle.focus();
    } catch {
      // Focus is a courtesy.
    }
    watch(handle);
    return 'opened';
  };

  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });

  return {
    open,
    navigate,
    focus() {
      if (!popup || popup.closed) return false;
      popup.focus();
      emit({ type: 'popup_focused' });
      return true;
    },
    cancel,
    get status() {
      return status;
    },
    get authorizeUrl() {
      return start?.authorizeUrl;
    },
    result,
  };
}

/** A blank popup is same-origin: say what is coming instead of showing an empty white window. */
function showBlankText(handle: PopupHandle, text: string) {
  try {
    const doc = (handle as { document?: Document }).document;
    if (doc?.body) {
      doc.title = text;
      doc.body.textContent = text;
    }
  } catch {
    // A reused window may be on another origin already.
  }
}
