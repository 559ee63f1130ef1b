/** The simulator's HTML pages: small, accessible, and worded so tests can drive them by role. */

import { escapeHtml } from '../core/html.js';

const styles = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; background: #f3f3f3; color: #181818; }
@media (prefers-color-scheme: dark) { body { background: #16181d; color: #ecebea; } .card { background: #23262d; } }
main { display: grid; place-items: start center; min-height: 100vh; padding: 2.5rem 1rem; box-sizing: border-box; }
.card { background: #fff; border-radius: 0.5rem; box-shadow: 0 2px 6px rgb(0 0 0 / 0.15); padding: 1.5rem; width: min(100%, 24rem); box-sizing: border-box; }
.org { margin: 0 0 1rem; font-size: 0.875rem; opacity: 0.8; }
h1 { font-size: 1.375rem; margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; border: 1px solid #747474; border-radius: 0.25rem; }
button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.25rem; border: 1px solid #0b5cab; cursor: pointer; }
button.primary { background: #0b5cab; color: #fff; }
button.secondary { background: transparent; color: inherit; }
.actions { display: flex; gap: 0.75rem; margin-top: 1.25rem; flex-wrap: wrap; }
.error { color: #ba0517; background: #fef1ee; border-left: 4px solid #ba0517; padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
@media (prefers-color-scheme: dark) { .error { color: #fe9f9f; background: #3e1212; } button.primary { background: #1b96ff; border-color: #1b96ff; color: #000; } }
code { word-break: break-all; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<div class="card">
${body}
</div>
</main>
</body>
</html>
`;
}

/** The login page: "Username", "Password", "Log In"; a failed attempt keeps the username. */
export function renderLoginPage(input: {
  orgName: string;
  startUrl: string | undefined;
  username: string;
  error: string | undefined;
}): string {
  const error = input.error
    ? `<p class="error" role="alert" id="login-error">${escapeHtml(input.error)}</p>`
    : '';
  const described = input.error ? ' aria-describedby="login-error"' : '';
  const start =
    input.startUrl === undefined
      ? ''
      : `<input type="hidden" name="startURL" value="${escapeHtml(input.startUrl)}">`;
  return page(
    'Login | Salesforce (Simulated)',
    `<p class="org">${escapeHtml(input.orgName)}</p>
<h1>Log in to Salesforce</h1>
${error}<form method="post" action="/">
${start}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" value="${escapeHtml(input.username)}"${described}${input.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input type="password" id="password" name="pw" autocomplete="current-password"${input.username ? ' autofocus' : ''}>
<div class="actions"><button type="submit" class="primary">Log In</button></div>
</form>`,
  );
}

/** The "Allow Access?" page: what the app asks for, by Setup's labels, and Allow / Deny. */
export function renderConsentPage(input: {
  appName: string;
  username: string;
  scopeLabels: readonly string[];
  source: string;
}): string {
  const items = input.scopeLabels.map((label) => `<li>${escapeHtml(label)}</li>`).join('\n');
  return page(
    'Allow Access? | Salesforce (Simulated)',
    `<h1>Allow Access?</h1>
<p><strong>${escapeHtml(input.appName)}</strong> is asking to:</p>
<ul aria-label="Requested access">
${items}
</ul>
<p>Do you want to allow access for ${escapeHtml(input.username)}?</p>
<form method="post" action="/setup/secur/RemoteAccessAuthorizationPage.apexp">
<input type="hidden" name="source" value="${escapeHtml(input.source)}">
<div class="actions">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>`,
  );
}

/**
 * Salesforce's remote access error page: the `error=…&error_description=…` text Salesforce shows,
 * which the admin can copy into the kit.
 */
export function renderErrorPage(errorText: string): string {
  return page(
    'Error | Salesforce (Simulated)',
    `<h1>Remote Access Error</h1>
<p>Salesforce could not authorize this app. Details:</p>
<p><code>${escapeHtml(errorText)}</code></p>`,
  );
}

/** The 503 page for the `server_error` fault. */
export function renderUnavailablePage(): string {
  return page(
    'Service Unavailable | Salesforce (Simulated)',
    `<h1>Service Unavailable</h1>
<p>Salesforce is temporarily unable to handle this request. Try again in a few minutes.</p>`,
  );
}

/** What a logged-in user sees at `/` outside any authorization. */
export function renderHomePage(input: { orgName: string; displayName: string }): string {
  return page(
    'Home | Salesforce (Simulated)',
    `<p class="org">${escapeHtml(input.orgName)}</p>
<h1>Welcome, ${escapeHtml(input.displayName)}</h1>
<p>You are logged in to the simulated org. Connect an app to continue.</p>`,
  );
}

/**
 * What the setup guide's deep links open (`/lightning/setup/…`): the simulated org has no Setup,
 * so this page lists its apps with the settings the guide asks for, to check them against.
 */
export function renderSetupPage(input: {
  orgName: string;
  apps: ReadonlyArray<{
    name: string;
    consumerKey: string;
    callbackUrls: readonly string[];
    scopes: readonly string[];
    requirePkce: boolean;
    permittedUsers: 'all' | 'admin_approved';
  }>;
}): string {
  const apps = input.apps
    .map(
      (app) => `<section>
<h2>${escapeHtml(app.name)}</h2>
<dl>
<dt>Callback URL</dt>${app.callbackUrls.map((url) => `<dd><code>${escapeHtml(url)}</code></dd>`).join('')}
<dt>Selected OAuth Scopes</dt><dd>${escapeHtml(app.scopes.join(' '))}</dd>
<dt>Require Proof Key for Code Exchange (PKCE)</dt><dd>${app.requirePkce ? 'On' : 'Off'}</dd>
<dt>Permitted Users</dt><dd>${app.permittedUsers === 'all' ? 'All users may self-authorize' : 'Admin approved users are pre-authorized'}</dd>
<dt>Consumer Key</dt><dd>ends in <code>${escapeHtml(app.consumerKey.slice(-4))}</code></dd>
</dl>
</section>`,
    )
    .join('\n');
  return page(
    'Setup | Salesforce (Simulated)',
    `<p class="org">${escapeHtml(input.orgName)}</p>
<h1>Setup (simulated)</h1>
<p>This simulated org has no Setup pages. In a real org this link opens Setup, where you create and
edit the app. These are the apps this org already has:</p>
${apps || '<p>No apps yet.</p>'}`,
  );
}
