// The client credentials mode in real Chromium against the demo stack (the simulator, the
// reference server, the Vite page at ?flow=client-credentials): the form refuses the generic
// login host beside the box keeping every value; with the My Domain URL, Connect gets a token as
// the app's Run As user without any window opening, and the status shows "Runs as". Shared by the
// PGlite file (client-credentials.e2e.test.ts) and the PostgreSQL one (stores.pg.test.ts).
import { expect } from 'vitest';
import { ConnectDialogPage } from '../pages/ConnectDialogPage.js';
import { StatusPage } from '../pages/StatusPage.js';
import { expectSecretNowhere } from '../support/flows.js';
import { expectNoAxeViolations } from '../support/session.js';
import { callApi } from './rest.js';
import type { E2eWorld } from './world.js';

/**
 * login.salesforce.com refused beside the box with every value kept and nothing sent; the My
 * Domain URL saved; Connect with no popup as the Run As user; a reload keeps it.
 *
 * @example
 * it('…', () => clientCredentialsConnect(e2e));
 */
export async function clientCredentialsConnect(world: E2eWorld): Promise<void> {
  const { stack } = world;
  const { values } = stack;
  const s = await world.session({ noNavigation: true });
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
  // The server refuses the same on its own, naming the box (a client that skips the form).
  const sent = await callApi(page, 'PUT', '/connection/credentials', {
    flow: 'client-credentials',
    loginUrl: 'https://login.salesforce.com',
    consumerKey: values.consumerKey,
    consumerSecret: values.consumerSecret,
  });
  expect(sent.status).toBe(400);
  expect(sent.body.error).toMatchObject({ code: 'generic_login_host', field: 'loginUrl' });
  expect(await box.inputValue()).toBe('https://login.salesforce.com');
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
}
