import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ConnectDialogPage } from './pages/ConnectDialogPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { expectSecretNowhere } from './support/flows.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// The client credentials mode in real Chromium against the demo stack (the simulator, the
// reference server on PGlite, the Vite page at ?flow=client-credentials): the form refuses the
// generic login host beside the box keeping every value; with the My Domain URL, Connect gets a
// token as the app's Run As user without any window opening, and the status shows "Runs as".

const e2e = setUpE2eFile();

describe('connecting with the client credentials flow', () => {
  it('refuses login.salesforce.com beside the box, then connects with no popup as the Run As user', async () => {
    const { stack } = e2e;
    const { values } = stack;
    const s = await e2e.session({ noNavigation: true });
    const { page } = s;
    await page.goto(`${stack.pageUrl}?flow=client-credentials`);
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    const form = page.locator('[data-sfc-part="credentials-form"]');
    const box = form.getByRole('textbox', { name: 'My Domain URL' });
    const key = form.getByRole('textbox', { name: 'Consumer Key' });
    const secret = form.getByLabel('Consumer Secret', { exact: true });

    await status.waitFor('Not connected');
    // The guide is this flow's: nobody signs in, the Run As user, the callback never opened.
    await page
      .getByText(/Nobody signs in/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'client credentials: guide and empty form');

    // The generic login host: refused beside the box, nothing typed lost, nothing saved.
    await box.fill('https://login.salesforce.com');
    await key.fill(values.consumerKey);
    await secret.fill(values.consumerSecret);
    const saves: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' || request.method() === 'POST') saves.push(request.url());
    });
    await form.getByRole('button', { name: 'Save credentials' }).click();
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    const refusal = form.locator('[data-field="loginUrl"] [data-sfc-part="field-error"]');
    expect(await refusal.innerText()).toMatch(
      /Enter your My Domain URL.*does not work on login\.salesforce\.com/s,
    );
    expect(await box.inputValue()).toBe('https://login.salesforce.com');
    expect(await key.inputValue()).toBe(values.consumerKey);
    expect(await secret.inputValue()).toBe(values.consumerSecret);
    expect(saves).toEqual([]);
    await expectNoAxeViolations(page, 'client credentials: generic host refused');

    // The org's own address: saved.
    await box.fill(values.myDomainUrl);
    await form.getByRole('button', { name: 'Save credentials' }).click();
    await status.waitFor('Not connected — credentials saved');

    // Connect: no window opens; the dialog says who the connection runs as.
    const popupsBefore = s.popups.length;
    await status.connectButton.click();
    await dialog.waitForTitle('Connected to Acme (Simulated)');
    expect(await dialog.root.innerText()).toContain('Runs as');
    await expectNoAxeViolations(page, 'client credentials: dialog connected');
    await dialog.done.click();
    await dialog.waitForClosed();
    expect(s.popups.length).toBe(popupsBefore);
    expect(s.requestedUrls.some((url) => url.includes('/services/oauth2/authorize'))).toBe(false);

    await status.waitFor('Connected to Acme (Simulated)');
    expect(await status.detail('Runs as').innerText()).toContain(values.runAsUsername);
    expect(await status.root.getByText('User', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'client credentials: connected');

    // A reload keeps it: the server has the connection, and the status still says "Runs as".
    await page.reload();
    await status.waitFor('Connected to Acme (Simulated)');
    expect(await status.detail('Runs as').innerText()).toContain(values.runAsUsername);
    await expectSecretNowhere(s, values.consumerSecret);
  });

  it('the demo switches to this mode and rehearses a Run As user that is inactive', async () => {
    const { stack } = e2e;
    const { values } = stack;
    const s = await e2e.session();
    const { page } = s;
    const status = new StatusPage(page);
    const dialog = new ConnectDialogPage(page);
    await status.waitFor('Not connected');
    // The demo's switch remounts the kit in this mode and keeps the address in step.
    await page.getByRole('radio', { name: 'Client credentials (no popup)' }).check();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('flow'))
      .toBe('client-credentials');
    const form = page.locator('[data-sfc-part="credentials-form"]');
    await form.getByRole('textbox', { name: 'My Domain URL' }).fill(values.myDomainUrl);
    await form.getByRole('textbox', { name: 'Consumer Key' }).fill(values.consumerKey);
    await form.getByLabel('Consumer Secret', { exact: true }).fill(values.consumerSecret);
    await form.getByRole('button', { name: 'Save credentials' }).click();
    await status.waitFor('Not connected — credentials saved');

    await rehearse(page, 'Run As user inactive');
    try {
      await status.connectButton.click();
      await dialog.waitForTitle('Could not connect to Salesforce');
      expect(await dialog.error.getAttribute('data-state')).toBe('run_as_user_inactive');
      expect(await dialog.error.innerText()).toMatch(/connect again/i);
      await expectNoAxeViolations(page, 'client credentials: Run As user inactive explained');
      await dialog.root.getByRole('button', { name: 'Close' }).click();
      await dialog.waitForClosed();
    } finally {
      await rehearse(page, 'None');
    }

    // Fixed in Salesforce: Connect again works, still without a window.
    await status.connectButton.click();
    await dialog.waitForTitle('Connected to Acme (Simulated)');
    expect(s.popups).toEqual([]);
  });
});

/** Sets a failure with the demo page's "Rehearse a failure" switch. */
async function rehearse(page: Page, label: string) {
  const box = page.getByRole('form', { name: 'Rehearse a failure' });
  await box.getByRole('combobox', { name: 'Failure' }).selectOption({ label });
  await box.getByRole('button', { name: 'Apply' }).click();
  await box
    .getByRole('status')
    .filter({ hasText: label === 'None' ? 'No failure set' : `Rehearsing: ${label}.` })
    .waitFor();
}
