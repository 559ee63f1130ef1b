import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SalesforceLoginPage } from './pages/SalesforceLoginPage.js';
import { StatusPage } from './pages/StatusPage.js';
import {
  connectThroughPopup,
  openPopup,
  saveDemoCredentials,
  serverConnection,
} from './support/flows.js';
import { isFocused } from './support/keyboard.js';
import { expectNoAxeViolations, setUpE2eFile } from './support/session.js';

// A sandbox refresh: the same My Domain now leads to an org with a new id. The kit must not swap
// orgs behind the admin's back: the reconnect ends with a choice, and each choice does what it says.

const e2e = setUpE2eFile();
const session = e2e.session;
const TITLE = 'This is a different Salesforce org than before';

const orgIdOf = async (page: Page) =>
  ((await serverConnection(page)).org as { id?: string } | undefined)?.id;

/** Refreshes the sandbox; the old org's tokens die, so the status asks for a reconnect. */
async function refreshSandbox(page: Page) {
  const { stack } = e2e;
  const org = stack.simulator.refreshSandbox();
  // The access token runs out at Salesforce; the server's next check refreshes and is refused.
  stack.simulator.advanceTime(2 * 60 * 60 * 1000 + 1);
  await page.reload();
  await new StatusPage(page).waitFor('Reconnect needed');
  return org.id;
}

/** Reconnects through the popup; Salesforce signs the admin in to the refreshed org. */
async function reconnect(page: Page) {
  const status = new StatusPage(page);
  const popup = await openPopup(page, () => status.reconnectButton.click());
  await new SalesforceLoginPage(popup).complete(e2e.stack.values);
  const choice = page.getByRole('region', { name: TITLE });
  await choice.waitFor();
  await expect.poll(() => isFocused(choice.getByRole('heading', { name: TITLE }))).toBe(true);
  expect(await page.getByRole('dialog').count()).toBe(0);
  return choice;
}

describe('a reconnect after a sandbox refresh', () => {
  it('asks which org to keep: going back keeps the old record, keeping the new one switches', async () => {
    const { stack } = e2e;
    const s = await session();
    const { page } = s;
    await saveDemoCredentials(page, stack);
    await connectThroughPopup(s, stack);
    const firstOrgId = await orgIdOf(page);
    expect(firstOrgId).toMatch(/^00D/);

    // Go back: the new grant is dropped, the connection still names the first org.
    const secondOrgId = await refreshSandbox(page);
    let choice = await reconnect(page);
    expect(await choice.textContent()).toContain(secondOrgId.slice(-6));
    expect(await choice.textContent()).toContain(String(firstOrgId).slice(-6));
    await expectNoAxeViolations(page, 'org change: the choice');
    const waiting = await serverConnection(page);
    expect((waiting.org as { id: string }).id).toBe(firstOrgId);
    expect((waiting.orgChange as { org: { id: string } }).org.id).toBe(secondOrgId);
    await choice.getByRole('button', { name: 'Go back to the previous org' }).click();
    await page.getByRole('status').filter({ hasText: 'Kept the previous org.' }).waitFor();
    await expect.poll(() => choice.count()).toBe(0);
    const back = await serverConnection(page);
    expect({ org: (back.org as { id: string }).id, orgChange: back.orgChange }).toEqual({
      org: firstOrgId,
      orgChange: undefined,
    });

    // Keep the new org, by keyboard: the connection moves to the refreshed sandbox.
    choice = await reconnect(page);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => isFocused(choice.getByRole('button', { name: 'Keep the new org' })))
      .toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Switched to the new org.' }).waitFor();
    await new StatusPage(page).waitFor('Connected to Acme (Simulated)');
    const kept = await serverConnection(page);
    expect({ status: kept.status, org: (kept.org as { id: string }).id }).toEqual({
      status: 'connected',
      org: secondOrgId,
    });
    expect(kept.orgChange).toBeUndefined();
  });
});
