// @vitest-environment jsdom
/**
 * The simulator's pages are what e2e tests and admins in the demo see: they must be reachable by
 * role and label, and pass axe (color contrast is left to the Chromium e2e run: jsdom has no layout).
 */
import { getByLabelText, getByRole, queryByRole } from '@testing-library/dom';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import {
  renderConsentPage,
  renderErrorPage,
  renderHomePage,
  renderLoginPage,
  renderSetupPage,
  renderUnavailablePage,
} from '../../src/simulator/pages.js';

function load(html: string): HTMLElement {
  document.open();
  document.write(html);
  document.close();
  return document.body;
}

async function axeViolations() {
  const results = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

describe('simulator pages', () => {
  it('login page: labelled fields and a "Log In" button, no axe violations', async () => {
    const body = load(
      renderLoginPage({
        orgName: 'Acme (Simulated)',
        startUrl: '/setup/secur/RemoteAccessAuthorizationPage.apexp?source=abc',
        username: '',
        error: undefined,
      }),
    );
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Login | Salesforce (Simulated)');
    expect(getByLabelText(body, 'Username')).toHaveProperty('value', '');
    expect(getByLabelText(body, 'Password')).toHaveProperty('type', 'password');
    expect(getByRole(body, 'button', { name: 'Log In' })).toBeTruthy();
    expect(queryByRole(body, 'alert')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('login page after a failure: an alert, the username kept, and escaped', async () => {
    const body = load(
      renderLoginPage({
        orgName: 'Acme <Simulated>',
        startUrl: undefined,
        username: 'ada@acme.example"><script>',
        error: 'Check your username and password.',
      }),
    );
    expect(getByRole(body, 'alert').textContent).toBe('Check your username and password.');
    expect(getByLabelText(body, 'Username')).toHaveProperty('value', 'ada@acme.example"><script>');
    expect(body.querySelector('script')).toBeNull();
    expect(body.textContent).toContain('Acme <Simulated>');
    expect(await axeViolations()).toEqual([]);
  });

  it('consent page: "Allow Access?" heading, the scope labels, Allow and Deny', async () => {
    const body = load(
      renderConsentPage({
        appName: 'Acme Sync',
        username: 'admin@acme-demo.example',
        scopeLabels: ['Manage user data via APIs', 'Perform requests at any time'],
        source: 'abc',
      }),
    );
    expect(getByRole(body, 'heading', { level: 1, name: 'Allow Access?' })).toBeTruthy();
    const list = getByRole(body, 'list', { name: 'Requested access' });
    expect([...list.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Manage user data via APIs',
      'Perform requests at any time',
    ]);
    expect(getByRole(body, 'button', { name: 'Allow' })).toHaveProperty('value', 'allow');
    expect(getByRole(body, 'button', { name: 'Deny' })).toHaveProperty('value', 'deny');
    expect(await axeViolations()).toEqual([]);
  });

  it('error page shows the text an admin can copy', async () => {
    const body = load(
      renderErrorPage('error=invalid_client_id&error_description=client%20identifier%20invalid'),
    );
    expect(body.textContent).toContain(
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('unavailable and home pages pass axe too', async () => {
    load(renderUnavailablePage());
    expect(getByRole(document.body, 'heading', { name: 'Service Unavailable' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    load(renderHomePage({ orgName: 'Acme (Simulated)', displayName: 'Ada Admin' }));
    expect(await axeViolations()).toEqual([]);
  });
});

describe('the simulated Setup page', () => {
  it('lists each app with the settings the guide asks for, never its secret; no axe violations', async () => {
    const secret = 'A1'.repeat(32);
    load(
      renderSetupPage({
        orgName: 'Acme',
        apps: [
          {
            name: 'Acme <Connector>',
            consumerKey: `3MVG9${'x'.repeat(76)}Qx7W`,
            callbackUrls: ['https://app.example.com/oauth/callback'],
            scopes: ['api', 'refresh_token', 'id'],
            requirePkce: true,
            permittedUsers: 'admin_approved',
          },
        ],
      }),
    );
    expect(
      getByRole(document.body, 'heading', { level: 2, name: 'Acme <Connector>' }),
    ).toBeTruthy();
    const text = document.body.textContent ?? '';
    expect(text).toContain('https://app.example.com/oauth/callback');
    expect(text).toContain('api refresh_token id');
    expect(text).toContain('Admin approved users are pre-authorized');
    expect(text).toContain('ends in Qx7W');
    expect(text).not.toContain(secret);
    expect(await axeViolations()).toEqual([]);
  });
});
