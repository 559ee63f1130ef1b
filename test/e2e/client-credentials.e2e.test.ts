import { describe, expect, it } from 'vitest';
import { ConnectDialogPage } from './pages/ConnectDialogPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { clientCredentialsConnect } from './scenarios/client-credentials.js';
import { rehearse } from './support/flows.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// The client credentials mode in real Chromium against the demo stack (the simulator, the
// reference server on PGlite, the Vite page at ?flow=client-credentials): the form refuses the
// generic login host beside the box keeping every value; with the My Domain URL, Connect gets a
// token as the app's Run As user without any window opening, and the status shows "Runs as".

const e2e = setUpE2eFile();

describe('connecting with the client credentials flow', () => {
  it('refuses login.salesforce.com beside the box, then connects with no popup as the Run As user', () =>
    clientCredentialsConnect(e2e));

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
