/**
 * The message a callback page sends back to the window that opened the Salesforce popup, by
 * `postMessage` (to a pinned origin) and on the BroadcastChannel named by {@link resultChannelName}.
 * Nothing secret ever travels in it: the code is single-use and useless without the PKCE verifier
 * and the consumer secret, which stay on the backend.
 */
export type OAuthPopupMessage =
  | {
      source: 'salesforce-connect';
      v: 1;
      type: 'oauth_result';
      state: string;
      code?: string;
      error?: string;
      error_description?: string;
    }
  | {
      /** The backend's own callback page already exchanged the code; ask it for the connection. */
      source: 'salesforce-connect';
      v: 1;
      type: 'oauth_complete';
      state: string;
      error?: string;
      error_description?: string;
    };

/**
 * The origin of a URL that can pin a message's sender or target; undefined for a missing or
 * unparsable URL and for an opaque origin (`'null'`, shared by every sandboxed frame: it pins
 * nothing). Internal.
 */
export function originOf(url: string | null): string | undefined {
  try {
    const origin = url ? new URL(url).origin : undefined;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** BroadcastChannel name for one authorization attempt (for pages that lose `window.opener`). */
export function resultChannelName(state: string): string {
  return `salesforce-connect:${state}`;
}

const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

/**
 * Whether an untrusted `MessageEvent.data` is a well-formed kit message. Checks shape only: the
 * receiver still checks origin, source window and state.
 *
 * @example
 * window.addEventListener('message', (event) => {
 *   if (isOAuthPopupMessage(event.data) && event.origin === expectedOrigin) handle(event.data);
 * });
 */
export function isOAuthPopupMessage(data: unknown): data is OAuthPopupMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return (
    m.source === 'salesforce-connect' &&
    m.v === 1 &&
    (m.type === 'oauth_result' || m.type === 'oauth_complete') &&
    typeof m.state === 'string' &&
    m.state.length > 0 &&
    isOptionalString(m.code) &&
    isOptionalString(m.error) &&
    isOptionalString(m.error_description)
  );
}

/**
 * Builds the message for a callback URL's query (`?code=…&state=…` or `?error=…&state=…`).
 * `complete: true` builds `oauth_complete` (the code was already exchanged server-side) and never
 * carries the code.
 *
 * @example
 * createOAuthPopupMessage(new URLSearchParams(location.search))
 */
export function createOAuthPopupMessage(
  params: URLSearchParams,
  options: { complete?: boolean } = {},
): OAuthPopupMessage | null {
  const state = params.get('state');
  if (!state) return null;
  const error = params.get('error') ?? undefined;
  const description = params.get('error_description') ?? undefined;
  const code = params.get('code') ?? undefined;
  const base = { source: 'salesforce-connect', v: 1, state } as const;
  const errorPart = {
    ...(error === undefined ? {} : { error }),
    ...(description === undefined ? {} : { error_description: description }),
  };
  if (options.complete) return { ...base, type: 'oauth_complete', ...errorPart };
  return {
    ...base,
    type: 'oauth_result',
    ...(code === undefined || error !== undefined ? {} : { code }),
    ...errorPart,
  };
}
