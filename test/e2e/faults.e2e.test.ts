import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SimulatorFault } from '../../src/simulator/index.js';
import { ConnectDialogPage } from './pages/ConnectDialogPage.js';
import { CredentialsFormPage } from './pages/CredentialsFormPage.js';
import { GuidePage } from './pages/GuidePage.js';
import { SalesforceLoginPage } from './pages/SalesforceLoginPage.js';
import { StatusPage } from './pages/StatusPage.js';
import {
  connectThroughPopup,
  openPopup,
  rehearse,
  saveDemoCredentials,
  serverConnection,
} from './support/flows.js';
import { isFocused } from './support/keyboard.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// Each way Salesforce says no, produced by the simulator exactly where Salesforce says it, must
// reach the admin as the right explanation — with what they typed still there.

const e2e = setUpE2eFile();
const session = e2e.session;

/** The next matching request for the demo app fails this way (then the simulator behaves). */
function failOnce(fault: SimulatorFault) {
  e2e.stack.simulator.setFault(fault, { consumerKey: e2e.stack.values.consumerKey, times: 1 });
}

/** The saved credentials are still there: login URL in its box, key hint, secret saved. */
async function expectCredentialsKept(page: Page) {
  const { values } = e2e.stack;
  const status = new StatusPage(page);
  const form = new CredentialsFormPage(page);
  await status.openSetupDetails();
  expect(await form.loginUrl.inputValue()).toBe(values.loginUrl);
  await form.root.getByText(`Saved key ends in ${values.consumerKey.slice(-4)}.`).waitFor();
  await form.secretSaved().waitFor();
}

describe('Salesforce refuses', () => {
  it('a wrong Consumer Key, then a callback URL mismatch: caught after Save, before any popup', async () => {
    const { values } = e2e.stack;
    const { page, popups } = await session();
    const form = new CredentialsFormPage(page);
    const status = new StatusPage(page);
    const guide = new GuidePage(page);
    await form.fill(values);
    failOnce('invalid_client_id');
    await form.submit();
    await status.root.getByText('Salesforce does not recognise the Consumer Key').waitFor();
    await status.root.getByText(/client identifier invalid/).waitFor();
    expect(popups).toEqual([]);
    // The finding sits on the Consumer Key box, which still holds what was typed.
    await expect.poll(() => form.consumerKey.getAttribute('aria-invalid')).toBe('true');
    expect(await form.consumerKey.inputValue()).toBe(values.consumerKey);
    await expectNoAxeViolations(page, 'preflight: unknown Consumer Key');
    await expectCredentialsKept(page);

    // The admin checks the key and saves again: now the app's callback URL is the problem.
    failOnce('redirect_uri_mismatch');
    await form.submit();
    await status.root.getByText('The callback URL does not match').waitFor();
    await status.root.getByText(/redirect_uri must match configuration/).waitFor();
    expect(popups).toEqual([]);
    await expectNoAxeViolations(page, 'preflight: callback URL mismatch');
    await expectCredentialsKept(page);
    await status.root.getByRole('link', { name: 'Show this step in the setup guide' }).click();
    // The guide opens at the step with the callback URL, focused, the URL ready to copy.
    const toggle = guide.step(/callback URL/);
    await expect.poll(() => isFocused(toggle)).toBe(true);
    expect(await guide.callbackUrlField().inputValue()).toBe(values.callbackUrl);
  });

  it('at the exchange: wrong secret, user denies, app not approved, later a revoked refresh token — each explained, credentials kept', async () => {
    const { stack } = e2e;
    const s = await session();
    const { page } = s;
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await saveDemoCredentials(page, stack);

    // The wrong secret through the demo page's own switch, as a person rehearsing would; the
    // denial by the user's own click on Deny (no attempt has succeeded yet, so Salesforce asks).
    await rehearse(page, 'Wrong consumer secret');
    const cases = [
      { fault: 'switch', title: 'The Consumer Secret is wrong', said: 'invalid_client' },
      { fault: 'deny', title: 'Access was not allowed', said: 'access_denied' },
      { fault: 'app_not_approved', title: 'You are not approved to use this app', said: '' },
    ] as const;
    for (const { fault, title, said } of cases) {
      if (fault === 'app_not_approved') failOnce(fault);
      const popup = await openPopup(page, () => status.connectButton.click());
      const salesforce = new SalesforceLoginPage(popup);
      if (fault === 'deny') {
        expect(await salesforce.whereNow()).toBe('consent'); // logged in from the first case
        await salesforce.answer('deny');
      } else {
        await salesforce.complete(stack.values);
      }
      await dialog.waitForError(title);
      if (said) await dialog.error.getByText(said, { exact: false }).first().waitFor();
      await expectNoAxeViolations(page, `dialog: ${title}`);
      await dialog.root.getByRole('button', { name: 'Close' }).click();
      await dialog.waitForClosed();
      // Nothing lost: the status still knows the credentials, the button still connects.
      await status.waitFor('Not connected — credentials saved');
      // Focus goes back to what opened the dialog.
      await expect.poll(() => isFocused(status.connectButton)).toBe(true);
      if (fault === 'switch') await rehearse(page, 'None');
    }
    await expectCredentialsKept(page);
    // And with Salesforce behaving again, the same saved credentials connect.
    await connectThroughPopup(s, stack);
    const before = await serverConnection(page);

    // Later the access token runs out (the session timeout passes at Salesforce) and the refresh
    // that follows is refused, as after an admin revoked the app: the status asks to reconnect.
    failOnce('refresh_revoked');
    stack.simulator.advanceTime(2 * 60 * 60 * 1000 + 1);
    await page.reload();
    await status.waitFor('Reconnect needed');
    await expect.poll(() => status.reconnectButton.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'needs re-auth');
    const popup = await openPopup(page, () => status.reconnectButton.click());
    await new SalesforceLoginPage(popup).complete(stack.values);
    await dialog.waitForTitle('Connected to Acme (Simulated)');
    await dialog.done.click();
    await status.waitFor('Connected to Acme (Simulated)');
    // The same record: same app, same org, credentials never retyped.
    expect(await serverConnection(page)).toMatchObject({
      status: 'connected',
      consumerKeyHint: before.consumerKeyHint,
      loginUrl: before.loginUrl,
      org: before.org,
    });
  });
});
