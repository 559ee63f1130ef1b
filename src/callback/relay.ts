import { ConnectError } from '../core/errors.js';
import {
  createOAuthPopupMessage,
  type OAuthPopupMessage,
  originOf,
  resultChannelName,
} from '../core/popup-protocol.js';

/**
 * The callback page's window, as far as the relay uses it; `window` is one.
 *
 * @example
 * relayOAuthResult({ environment: { window: fakeWindow } });
 */
export interface RelayWindow {
  location: { href: string };
  /** The kit's page, when the browser kept the link (COOP pages lose it). */
  opener: { postMessage(message: unknown, targetOrigin: string): void; closed?: boolean } | null;
  history?: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  close(): void;
  readonly closed: boolean;
}

/**
 * What the relay touches; each field defaults to the browser's global when it runs.
 *
 * @example
 * // Only the opener, no channel:
 * relayOAuthResult({ environment: { BroadcastChannel: undefined } });
 */
export interface RelayEnvironment {
  window: RelayWindow;
  BroadcastChannel:
    | (new (
        name: string,
      ) => { postMessage(message: unknown): void; close(): void })
    | undefined;
}

/**
 * Options of {@link relayOAuthResult}; all optional.
 *
 * @example
 * // The backend's callback page on api.example.com, the kit on app.example.com:
 * relayOAuthResult({ targetOrigin: 'https://app.example.com', complete: true });
 */
export interface RelayOAuthResultOptions {
  /**
   * The origin of the page that opened the popup. Defaults to this page's own origin (the usual
   * case: a callback route inside the app). Never `*`: the message is pinned to one origin.
   */
  targetOrigin?: string;
  /** The server already exchanged the code: send `oauth_complete`, which never carries it. */
  complete?: boolean;
  /** Close the window once the result is sent; default true. */
  close?: boolean;
  /** Stand-ins for the page's window and BroadcastChannel (tests). */
  environment?: Partial<RelayEnvironment>;
}

/**
 * What the relay did. `delivered` says where the message was posted (not whether anyone heard
 * it: a closed opener or a foreign origin drops it silently); `closed` is false when the
 * browser refused to close the window, so the page should say "You can close this window".
 *
 * @example
 * const { closed, outcome, error } = relayOAuthResult();
 * if (!closed) show(outcome === 'error' ? `Salesforce said: ${error}` : 'You can close this window.');
 */
export interface RelayOAuthResult {
  delivered: 'opener' | 'broadcast' | 'both' | 'none';
  closed: boolean;
  /** What the URL held: a code, an error from Salesforce, or nothing usable (no `state`). */
  outcome: 'code' | 'complete' | 'error' | 'missing_state';
  /** Salesforce's `error` value, to show on the page when the window stays open. */
  error?: string;
}

/** The OAuth parameters that must not linger in the address bar or the history. */
const OAUTH_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];

function pinnedOrigin(value: string): string {
  const origin = originOf(value);
  if (!origin) {
    throw new ConnectError(
      'invalid_input',
      `relayOAuthResult needs targetOrigin to be an origin such as https://app.example.com, not "${value}".`,
    );
  }
  return origin;
}

function outcomeOf(message: OAuthPopupMessage | null): RelayOAuthResult['outcome'] {
  if (!message) return 'missing_state';
  if (message.error !== undefined) return 'error';
  return message.type === 'oauth_complete' ? 'complete' : 'code';
}

/**
 * For the callback page (or route) Salesforce redirects to: reads `code`, `state` or `error` from
 * the URL, posts the result to the window that opened the popup (pinned to one origin) and on the
 * attempt's BroadcastChannel, takes the code out of the address bar, and closes the window.
 *
 * @example
 * // app/salesforce/callback/page.tsx (a client component), or a plain script on the page:
 * import { relayOAuthResult } from 'salesforce-connect/callback';
 *
 * const { closed } = relayOAuthResult();
 * if (!closed) document.body.textContent = 'You can close this window.';
 */
export function relayOAuthResult(options: RelayOAuthResultOptions = {}): RelayOAuthResult {
  const g = globalThis as unknown as Partial<RelayEnvironment>;
  const win = options.environment?.window ?? g.window;
  if (!win) throw new TypeError('relayOAuthResult runs in the callback page (environment.window).');
  const Channel =
    options.environment && 'BroadcastChannel' in options.environment
      ? options.environment.BroadcastChannel
      : g.BroadcastChannel;
  const url = new URL(win.location.href);
  const targetOrigin = pinnedOrigin(options.targetOrigin ?? url.origin);
  const message = createOAuthPopupMessage(
    url.searchParams,
    options.complete ? { complete: true } : {},
  );

  let toOpener = false;
  let toChannel = false;
  if (message) {
    const opener = win.opener;
    if (opener && !opener.closed) {
      try {
        opener.postMessage(message, targetOrigin);
        toOpener = true;
      } catch {
        // A severed opener can throw; the channel may still reach the kit.
      }
    }
    if (Channel) {
      try {
        const channel = new Channel(resultChannelName(message.state));
        channel.postMessage(message);
        channel.close();
        toChannel = true;
      } catch {
        // No channel in this context (opaque origin).
      }
    }
  }

  if (OAUTH_PARAMS.some((name) => url.searchParams.has(name))) {
    for (const name of OAUTH_PARAMS) url.searchParams.delete(name);
    try {
      win.history?.replaceState(win.history.state, '', url.href);
    } catch {
      // Cosmetic: the code is single-use and already consumed or about to be.
    }
  }

  const delivered = toOpener ? (toChannel ? 'both' : 'opener') : toChannel ? 'broadcast' : 'none';
  // Without a delivery the window is the admin's only sign of what happened: keep it open.
  if (delivered !== 'none' && options.close !== false) win.close();
  return {
    delivered,
    closed: win.closed === true,
    outcome: outcomeOf(message),
    ...(message?.error === undefined ? {} : { error: message.error }),
  };
}
