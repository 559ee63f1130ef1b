import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDemoApp } from '../../demo/stack.js';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import { CredentialsFormPage } from './pages/CredentialsFormPage.js';
import { SalesforceLoginPage } from './pages/SalesforceLoginPage.js';
import { openPopup } from './support/flows.js';
import { isFocused } from './support/keyboard.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// Several connections per workspace: production (the demo's simulator) and a UAT sandbox (a
// second simulator, an org of its own flagged as a sandbox), added from the list, each through
// the usual form and popup; removing one leaves the other connected.

const sandbox = await startSalesforceSimulator({
  port: 0,
  instancePort: 0,
  org: { name: 'Acme UAT (Simulated)', isSandbox: true },
});
afterAll(() => sandbox.close());
const sandboxHost = new URL(sandbox.url).host;

const e2e = setUpE2eFile({
  extraLoginHosts: [sandboxHost, sandboxHost.replace('127.0.0.1', 'localhost')],
});
const session = e2e.session;

const list = (page: Page) => page.getByRole('list', { name: 'Salesforce connections' });
const row = (page: Page, name: string) => list(page).getByRole('listitem', { name });

/** The workspace's connections as the server lists them. */
async function serverConnections(page: Page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/salesforce/connections');
    const body = (await response.json()) as {
      connections: Array<{
        id: string;
        status: string;
        org?: { name?: string; isSandbox?: boolean };
      }>;
    };
    return body.connections.map((c) => [c.status, c.org?.name, c.org?.isSandbox ?? false]);
  });
}

/** Add connection → the form in the dialog → Connect → the popup's login → the new row. */
async function addConnection(page: Page, loginUrl: string, orgName: string) {
  const { stack } = e2e;
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a Salesforce connection' });
  await dialog.waitFor();
  const form = new CredentialsFormPage(page);
  await form.fill({ ...stack.values, loginUrl });
  await form.submit();
  const connect = dialog.getByRole('button', { name: 'Connect to Salesforce' });
  await connect.waitFor();
  await expect.poll(() => connect.getAttribute('data-ready'), { timeout: 15_000 }).not.toBeNull();
  const popup = await openPopup(page, () => connect.click());
  await new SalesforceLoginPage(popup).complete(stack.values);
  // Connected: the dialog gives way to the list, which shows the new connection.
  await row(page, orgName).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => row(page, orgName).textContent()).toContain('Connected');
  await expect
    .poll(() => page.locator('[data-sfc-part="connections-announcement"]').textContent())
    .toBe(`Connected “${orgName}”`);
}

describe('several connections', () => {
  it('adds a sandbox next to production; removing production leaves the sandbox connected', async () => {
    const { stack } = e2e;
    registerDemoApp(sandbox, `${stack.apiUrl}/oauth/callback`);
    const s = await session({ noNavigation: true });
    const { page } = s;
    await page.goto(`${stack.pageUrl}?view=connections`);
    await page.getByText('No Salesforce org is connected yet.').waitFor();
    await expectNoAxeViolations(
      page,
      'connections: empty',
      '[data-sfc-part="salesforce-connections"]',
    );

    await addConnection(page, stack.values.loginUrl, 'Acme (Simulated)');
    await addConnection(page, sandbox.url, 'Acme UAT (Simulated)');
    const uat = row(page, 'Acme UAT (Simulated)');
    expect(await uat.locator('[data-sfc-part="connection-sandbox"]').textContent()).toBe('Sandbox');
    expect(
      await row(page, 'Acme (Simulated)').locator('[data-sfc-part="connection-sandbox"]').count(),
    ).toBe(0);
    expect(await serverConnections(page)).toEqual([
      ['connected', 'Acme (Simulated)', false],
      ['connected', 'Acme UAT (Simulated)', true],
    ]);
    await expectNoAxeViolations(
      page,
      'connections: production and sandbox',
      '[data-sfc-part="salesforce-connections"]',
    );

    // Remove production, by keyboard, through the confirmation.
    await row(page, 'Acme (Simulated)').getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('group', { name: 'Remove “Acme (Simulated)”?' });
    await confirm.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(page, 'Acme (Simulated)').count()).toBe(0);
    // Focus moved to the next row's first button.
    await expect.poll(() => isFocused(uat.getByRole('button', { name: 'Rename' }))).toBe(true);

    // The sandbox still works: the server asks the simulator on every request, and a reload
    // lists it connected.
    expect(await serverConnections(page)).toEqual([['connected', 'Acme UAT (Simulated)', true]]);
    await page.reload();
    await expect.poll(() => row(page, 'Acme UAT (Simulated)').textContent()).toContain('Connected');
    expect(await list(page).getByRole('listitem').count()).toBe(1);
  });
});
