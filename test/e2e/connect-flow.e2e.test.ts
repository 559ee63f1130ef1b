import { describe, expect, it } from 'vitest';
import { ConnectDialogPage } from './pages/ConnectDialogPage.js';
import { CredentialsFormPage } from './pages/CredentialsFormPage.js';
import { GuidePage } from './pages/GuidePage.js';
import { SalesforceLoginPage } from './pages/SalesforceLoginPage.js';
import { StatusPage } from './pages/StatusPage.js';
import {
  closePopupLikeAPerson,
  connectThroughPopup,
  expectSecretNowhere,
  openPopup,
  serverConnection,
} from './support/flows.js';
import { expectFocusVisible, isFocused, tabTo } from './support/keyboard.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// The whole connect flow as an admin lives it, in real Chromium against the demo stack (the
// simulator, the reference server on PGlite, the Vite page): guide → form → popup → connected,
// then reload, disconnect, reconnect, and a restart of the whole stack.

const e2e = setUpE2eFile();
const session = e2e.session;

describe('connecting a Salesforce org', () => {
  it('guide → credentials → popup → connected; reload, disconnect, reconnect, restart', async () => {
    const stack = e2e.stack;
    const { values } = stack;
    const s = await session();
    const { page } = s;
    const guide = new GuidePage(page);
    const form = new CredentialsFormPage(page);
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);

    await status.waitFor('Not connected');
    await expectNoAxeViolations(page, 'first visit: guide and empty form');

    // The guide gives the callback URL the server and the simulator's app both use.
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: stack.origin,
    });
    await guide.openStep(/callback URL/);
    await expect.poll(() => guide.callbackUrlField().inputValue()).toBe(values.callbackUrl);
    await guide.copyCallbackUrl();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(values.callbackUrl);

    await form.fill(values);
    await page.getByText(`We'll use ${values.loginUrl}`).waitFor();
    await expectNoAxeViolations(page, 'form filled in');
    await form.submit();
    await status.waitFor('Not connected — credentials saved');
    await expect.poll(() => status.connectButton.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'credentials saved, ready to connect');

    // The popup: Salesforce's login page, then "Allow Access?".
    const popup = await openPopup(page, () => status.connectButton.click());
    const salesforce = new SalesforceLoginPage(popup);
    await dialog.waitForTitle('Waiting for Salesforce…');
    await expect.poll(() => dialog.bringBack.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'dialog: waiting for Salesforce');
    await salesforce.logInButton.waitFor();
    await expectNoAxeViolations(popup, 'Salesforce login page');
    await salesforce.logIn(values);
    await salesforce.consentHeading.waitFor();
    await expectNoAxeViolations(popup, 'Salesforce "Allow Access?" page');
    await salesforce.answer('allow');

    await dialog.waitForTitle('Connected to Acme (Simulated)');
    await expectNoAxeViolations(page, 'dialog: connected');
    await dialog.done.click();
    await dialog.waitForClosed();
    await status.waitFor('Connected to Acme (Simulated)');
    expect(await status.detail('Organization').innerText()).toBe('Acme (Simulated)');
    // The org's instance (instance_url), not the login URL: the simulator keeps them apart.
    expect(await status.detail('Instance').innerText()).toBe(stack.simulator.instanceUrl);
    expect(await status.detail('User').innerText()).toContain(values.username);
    await expectNoAxeViolations(page, 'connected');
    // The demo page's switches: the kit in dark and in German, still without a violation.
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await status.waitFor('Verbunden mit Acme (Simulated)');
    await expectNoAxeViolations(page, 'connected, dark, German');
    await page.getByRole('radio', { name: 'Light' }).check();
    await page.getByRole('radio', { name: 'English' }).check();
    const connected = await serverConnection(page);
    expect(connected).toMatchObject({
      status: 'connected',
      org: { id: stack.simulator.org.id, name: 'Acme (Simulated)' },
      user: { username: values.username },
    });

    // Reload: still connected (the server, not the page, holds the connection).
    await page.reload();
    await status.waitFor('Connected to Acme (Simulated)');

    // Disconnect: tokens revoked and forgotten, credentials kept.
    await status.disconnectButton.click();
    await status.root.getByText('Disconnect from Salesforce?').waitFor();
    await expectNoAxeViolations(page, 'disconnect confirmation');
    await status.root.getByRole('button', { name: 'Disconnect' }).last().click();
    await status.waitFor('Not connected');
    const disconnected = await serverConnection(page);
    expect(disconnected).toMatchObject({
      status: 'disconnected',
      consumerKeyHint: values.consumerKey.slice(-4),
      hasConsumerSecret: true,
    });
    expect(disconnected.org).toBeUndefined();

    // Reconnect with the saved credentials: nothing to type again.
    await connectThroughPopup(s, stack);
    const reconnected = await serverConnection(page);
    expect(reconnected).toMatchObject({ status: 'connected', loginUrl: values.loginUrl });

    await expectSecretNowhere(s, values.consumerSecret);

    // A second `npm start` (same ports, same data folder) finds the connection still there.
    const restarted = await e2e.restart();
    await page.reload();
    await status.waitFor('Connected to Acme (Simulated)');
    expect(await serverConnection(page)).toMatchObject({
      status: 'connected',
      org: { id: restarted.simulator.org.id },
    });
  });

  it('by keyboard alone: Tab, Enter, Space and Escape, focus always visible and handed back', async () => {
    const { stack } = e2e;
    const { values } = stack;
    // A user who has not approved the app yet, so that Salesforce asks "Allow Access?".
    stack.simulator.revokeAll(values.consumerKey);
    const { page } = await session({ fakeClock: true });
    const form = new CredentialsFormPage(page);
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await status.waitFor('Not connected');

    // Tab to each box and paste into it, as admins do with values copied from Setup.
    await tabTo(page, form.loginUrl);
    await expectFocusVisible(page);
    await page.keyboard.insertText(values.loginUrl);
    await page.keyboard.press('Tab');
    expect(await isFocused(form.consumerKey)).toBe(true);
    await page.keyboard.insertText(values.consumerKey);
    await page.keyboard.press('Tab');
    expect(await isFocused(form.consumerSecret)).toBe(true);
    await page.keyboard.insertText(values.consumerSecret);
    await page.keyboard.press('Enter');
    await status.waitFor('credentials saved');

    await tabTo(page, status.connectButton);
    await expectFocusVisible(page);
    const popup = await openPopup(page, () => page.keyboard.press('Enter'));
    const salesforce = new SalesforceLoginPage(popup);
    await salesforce.username.waitFor();
    await expect.poll(() => isFocused(salesforce.username)).toBe(true);
    await popup.keyboard.insertText(values.username);
    await popup.keyboard.press('Tab');
    await popup.keyboard.insertText(values.password);
    await popup.keyboard.press('Enter');
    await salesforce.consentHeading.waitFor();
    await tabTo(popup, salesforce.allowButton);
    await expectFocusVisible(popup);
    await popup.keyboard.press('Space');

    await dialog.waitForTitle('Connected to Acme (Simulated)');
    await tabTo(page, dialog.done);
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await dialog.waitForClosed();
    await status.waitFor('Connected to Acme (Simulated)');

    // Disconnect asks first; Escape takes the question back and the focus to Disconnect.
    await tabTo(page, status.disconnectButton);
    await page.keyboard.press('Space');
    await status.root.getByText('Disconnect from Salesforce?').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(status.disconnectButton)).toBe(true);
    await expectFocusVisible(page);
    await status.waitFor('Connected to Acme (Simulated)');
    await page.keyboard.press('Space');
    await tabTo(page, status.root.getByRole('button', { name: 'Disconnect' }).last());
    await page.keyboard.press('Enter');
    await status.waitFor('Not connected');

    // Connect again, close the Salesforce window, leave the dialog with Escape: the focus is
    // back on the button that started it all.
    await tabTo(page, status.connectButton);
    const second = await openPopup(page, () => page.keyboard.press('Enter'));
    // Salesforce shows "Allow Access?" (still logged in); the admin closes the window instead.
    expect(await new SalesforceLoginPage(second).whereNow()).toBe('consent');
    await closePopupLikeAPerson(page, second);
    // No hang: the kit asks the server once, then says what happened and offers a fresh start.
    await dialog.waitForError('The Salesforce window was closed');
    await page.keyboard.press('Escape');
    await dialog.waitForClosed();
    await expect.poll(() => isFocused(status.connectButton)).toBe(true);
    await expectFocusVisible(page);

    // The demo's own "Demo values" box opens by keyboard too, with the values to paste.
    const demoValues = page.locator('details', { hasText: 'Demo values' });
    await tabTo(page, demoValues.getByText('Demo values', { exact: true }));
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    expect(await demoValues.getByRole('textbox', { name: 'Login URL' }).inputValue()).toBe(
      values.loginUrl,
    );
    expect(await demoValues.getByRole('textbox', { name: 'Consumer Key' }).inputValue()).toBe(
      values.consumerKey,
    );
  });
});
