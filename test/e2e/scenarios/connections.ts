// Several connections per workspace, end to end: production (the demo's simulator) and a UAT
// sandbox (a second simulator, an org of its own flagged as a sandbox), added from the list,
// each through the usual form and popup; removing one leaves the other connected. And one org
// twice: the second connection's sign-in is refused with `duplicate_org`, naming the first.
// Shared by the PGlite file (connections.e2e.test.ts) and the PostgreSQL one (stores.pg.test.ts).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { registerDemoApp } from '../../../demo/stack.js';
import {
  type SalesforceSimulator,
  startSalesforceSimulator,
} from '../../../src/simulator/index.js';
import { CredentialsFormPage } from '../pages/CredentialsFormPage.js';
import { SalesforceLoginPage } from '../pages/SalesforceLoginPage.js';
import { openPopup } from '../support/flows.js';
import { isFocused } from '../support/keyboard.js';
import { expectNoAxeViolations } from '../support/session.js';
import type { E2eWorld } from './world.js';

/**
 * The sandbox org's simulator, started before the stack (whose server must accept its host as
 * a Login URL: pass `loginHosts` as `extraLoginHosts`). Close it after the stack.
 */
export async function startSandbox(): Promise<{
  sandbox: SalesforceSimulator;
  loginHosts: string[];
}> {
  const sandbox = await startSalesforceSimulator({
    port: 0,
    instancePort: 0,
    org: { name: 'Acme UAT (Simulated)', isSandbox: true },
  });
  const host = new URL(sandbox.url).host;
  return { sandbox, loginHosts: [host, host.replace('127.0.0.1', 'localhost')] };
}

const list = (page: Page) => page.getByRole('list', { name: 'Salesforce connections' });
const row = (page: Page, name: string) => list(page).getByRole('listitem', { name });

interface ListedConnection {
  id: string;
  name?: string;
  status: string;
  org?: { name?: string; isSandbox?: boolean };
  error?: { code?: string; message?: string };
}

/** The workspace's connections as the server lists them. */
async function serverConnections(page: Page): Promise<ListedConnection[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/salesforce/connections');
    return ((await response.json()) as { connections: ListedConnection[] }).connections;
  });
}

/** [status, org name, sandbox] of each listed connection. */
async function serverOrgs(page: Page) {
  return (await serverConnections(page)).map((c) => [
    c.status,
    c.org?.name,
    c.org?.isSandbox ?? false,
  ]);
}

/** Add connection → the form in the dialog (a name when asked for) → Connect → the popup's login. */
async function startAdding(
  world: E2eWorld,
  page: Page,
  loginUrl: string,
  name?: string,
): Promise<void> {
  const { stack } = world;
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a Salesforce connection' });
  await dialog.waitFor();
  const form = new CredentialsFormPage(page);
  if (name !== undefined) {
    await form.root.getByRole('textbox', { name: 'Connection name' }).fill(name);
  }
  await form.fill({ ...stack.values, loginUrl });
  await form.submit();
  const connect = dialog.getByRole('button', { name: 'Connect to Salesforce' });
  await connect.waitFor();
  await expect.poll(() => connect.getAttribute('data-ready'), { timeout: 15_000 }).not.toBeNull();
  const popup = await openPopup(page, () => connect.click());
  await new SalesforceLoginPage(popup).complete(stack.values);
}

/** {@link startAdding}, then the new row: the dialog gives way to the list, connected. */
async function addConnection(
  world: E2eWorld,
  page: Page,
  loginUrl: string,
  rowName: string,
  name?: string,
): Promise<void> {
  await startAdding(world, page, loginUrl, name);
  await row(page, rowName).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => row(page, rowName).textContent()).toContain('Connected');
  await expect
    .poll(() => page.locator('[data-sfc-part="connections-announcement"]').textContent())
    .toBe(`Connected “${rowName}”`);
}

/**
 * Production and a sandbox side by side; production removed by keyboard through the
 * confirmation; the sandbox stays connected, on the server and after a reload.
 *
 * @example
 * it('…', () => sandboxNextToProduction(e2e, sandbox));
 */
export async function sandboxNextToProduction(
  world: E2eWorld,
  sandbox: SalesforceSimulator,
): Promise<void> {
  const { stack } = world;
  registerDemoApp(sandbox, `${stack.apiUrl}/oauth/callback`);
  const { page } = await world.session({ noNavigation: true });
  await page.goto(`${stack.pageUrl}?view=connections`);
  await page.getByText('No Salesforce org is connected yet.').waitFor();
  await expectNoAxeViolations(
    page,
    'connections: empty',
    '[data-sfc-part="salesforce-connections"]',
  );

  await addConnection(world, page, stack.values.loginUrl, 'Acme (Simulated)');
  await addConnection(world, page, sandbox.url, 'Acme UAT (Simulated)');
  const uat = row(page, 'Acme UAT (Simulated)');
  expect(await uat.locator('[data-sfc-part="connection-sandbox"]').textContent()).toBe('Sandbox');
  expect(
    await row(page, 'Acme (Simulated)').locator('[data-sfc-part="connection-sandbox"]').count(),
  ).toBe(0);
  expect(await serverOrgs(page)).toEqual([
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
  expect(await serverOrgs(page)).toEqual([['connected', 'Acme UAT (Simulated)', true]]);
  await page.reload();
  await expect.poll(() => row(page, 'Acme UAT (Simulated)').textContent()).toContain('Connected');
  expect(await list(page).getByRole('listitem').count()).toBe(1);
}

/**
 * One org, two connections: the first (named "Production", with `?fields=1`) connects; a second
 * ("Second login") signs in to the same org and is refused with `duplicate_org`, explained beside
 * "Add connection"; the first stays connected.
 *
 * @example
 * it('…', () => duplicateOrgRefused(e2e));
 */
export async function duplicateOrgRefused(world: E2eWorld): Promise<void> {
  const { stack } = world;
  const { page } = await world.session({ noNavigation: true });
  await page.goto(`${stack.pageUrl}?view=connections&fields=1`);
  await page.getByText('No Salesforce org is connected yet.').waitFor();
  await addConnection(world, page, stack.values.loginUrl, 'Production', 'Production');

  await startAdding(world, page, stack.values.loginUrl, 'Second login');
  // The dialog gives way to the explanation beside "Add connection"; the list keeps both rows.
  const explanation = page
    .locator('[data-sfc-part="salesforce-connections"]')
    .locator('[data-sfc-part="error-explanation"][data-state="duplicate_org"]');
  await explanation.getByText('This Salesforce org is already connected').waitFor();
  // The explanation names the connection that has the org (from the refused connection's stored
  // error: the sign-in window relays only the code).
  await expect
    .poll(() => explanation.innerText())
    .toContain('The org you signed in to is already connected as Production');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expectNoAxeViolations(
    page,
    'connections: duplicate org explained',
    '[data-sfc-part="salesforce-connections"]',
  );
  // The server kept the second connection's name and credentials, with the refusal naming the
  // connection that has the org.
  const [first, second] = await serverConnections(page);
  expect([first?.name, first?.status, first?.org?.name]).toEqual([
    'Production',
    'connected',
    'Acme (Simulated)',
  ]);
  expect([second?.name, second?.status, second?.org]).toEqual([
    'Second login',
    'configured',
    undefined,
  ]);
  expect(second?.error).toEqual({
    code: 'duplicate_org',
    message:
      'This Salesforce org is already connected as “Production”. Sign in to another org, or use that connection.',
    connectionId: first?.id,
  });
  await expect.poll(() => row(page, 'Production').textContent()).toContain('Connected');
  await expect
    .poll(() => row(page, 'Second login').textContent())
    .toContain('Not connected — credentials saved');
}
