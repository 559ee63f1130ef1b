import type { ConnectErrorJSON } from '../core/errors.js';
import { escapeHtml } from '../core/html.js';
import {
  createOAuthPopupMessage,
  type OAuthPopupMessage,
  resultChannelName,
} from '../core/popup-protocol.js';
import { randomBase64Url } from './encoding.js';

/**
 * What the callback page shows and relays.
 * - `connected` / `failed`: the state was ours; the result goes to `targetOrigin` (the origin
 *   recorded with the state) and on the state's BroadcastChannel.
 * - `unknown_state`: the state was unknown, expired or already used; there is no recorded origin,
 *   so nothing is posted anywhere.
 */
export type RelayPageInput =
  | { outcome: 'connected'; state: string; targetOrigin: string }
  | { outcome: 'failed'; state: string; targetOrigin: string; error: ConnectErrorJSON }
  | { outcome: 'unknown_state'; error: ConnectErrorJSON };

/** JSON safe inside a `<script type="application/json">` block: nothing can close the tag. */
const jsonForScript = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 32rem; padding: 2rem; text-align: center; }
h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
p { margin: 0 0 1rem; }
button { font: inherit; padding: .5rem 1.25rem; border-radius: .375rem; cursor: pointer; }
button:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
`;

// Runs in the popup. Posts the result to the opener at the pinned origin and on the state's
// BroadcastChannel (for openers lost to Cross-Origin-Opener-Policy), wipes the code from the
// address bar, then tries to close; the visible text and button remain if closing is refused.
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('sfc-relay').textContent);
  try { history.replaceState(null, '', location.pathname); } catch (e) {}
  if (data.message) {
    try {
      if (window.opener && !window.opener.closed) {
        window.opener.postMessage(data.message, data.targetOrigin);
      }
    } catch (e) {}
    try {
      if (typeof BroadcastChannel === 'function') {
        var channel = new BroadcastChannel(data.channel);
        channel.postMessage(data.message);
        channel.close();
      }
    } catch (e) {}
  }
  var button = document.getElementById('sfc-close');
  button.addEventListener('click', function () { window.close(); });
  if (data.message) {
    window.close();
  } else {
    button.focus();
  }
})();
`;

/** The page's words for each outcome. */
function wording(input: RelayPageInput) {
  switch (input.outcome) {
    case 'connected':
      return {
        title: 'Salesforce is connected',
        lines: ['You can close this window and go back to the app.'],
      };
    case 'failed':
      return {
        title: 'Salesforce did not connect',
        lines: [
          input.error.message,
          'Close this window and go back to the app to see what to do next.',
        ],
      };
    case 'unknown_state':
      return {
        title: 'This sign-in has expired or was already used',
        lines: [
          input.error.message,
          'Close this window and click “Connect to Salesforce” again in the app.',
        ],
      };
  }
}

/**
 * The message posted to the opener, built by core's `createOAuthPopupMessage` like every other
 * relay so the protocol has one writer; `oauth_complete` never carries the code.
 */
export function relayMessage(input: RelayPageInput): OAuthPopupMessage | undefined {
  if (input.outcome === 'unknown_state') return undefined;
  const params = new URLSearchParams({ state: input.state });
  if (input.outcome === 'failed') {
    params.set('error', input.error.code);
    params.set('error_description', input.error.message);
  }
  return createOAuthPopupMessage(params, { complete: true }) ?? undefined;
}

/**
 * The callback page: plain HTML with one inline script and one style block, both allowed only by
 * a fresh nonce under a CSP that forbids everything else. It holds the state (already spent) and
 * the result — never a code, token or secret. `Cross-Origin-Opener-Policy: unsafe-none` on this
 * page only keeps `window.opener` for the relay.
 *
 * @example
 * const page = renderRelayPage({ outcome: 'connected', state, targetOrigin: 'https://app.example.com' });
 * return new Response(page.body, { status: page.status, headers: page.headers });
 */
export function renderRelayPage(input: RelayPageInput): {
  body: string;
  status: number;
  headers: Headers;
} {
  const nonce = randomBase64Url(16);
  const message = relayMessage(input);
  const data =
    message && input.outcome !== 'unknown_state'
      ? { message, targetOrigin: input.targetOrigin, channel: resultChannelName(input.state) }
      : {};
  const { title, lines } = wording(input);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<div role="status">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</div>
<button type="button" id="sfc-close">Close this window</button>
</main>
<script type="application/json" id="sfc-relay">${jsonForScript(data)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'cross-origin-opener-policy': 'unsafe-none',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  return { body, status: input.outcome === 'unknown_state' ? 400 : 200, headers };
}
