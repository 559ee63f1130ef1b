import type { Locator, Page } from 'playwright-core';

/** ConnectionStatus and the actions next to it: Connect, Reconnect, Disconnect. */
export class StatusPage {
  readonly root: Locator;
  /** The `role="status"` live region: "Connected…", "Not connected…", "Reconnect needed"… */
  readonly headline: Locator;
  readonly connectButton: Locator;
  /** What a "Reconnect needed" status offers to connect again. */
  readonly reconnectButton: Locator;
  readonly disconnectButton: Locator;
  /** "Setup guide and credentials", folded away once credentials are saved. */
  readonly setupDetails: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-sfc-part="connection-status"]');
    this.headline = this.root.getByRole('status');
    const kit = page.locator('[data-sfc-part="salesforce-connect"]');
    this.connectButton = kit.getByRole('button', { name: 'Connect to Salesforce', exact: true });
    // "Reconnect" (ConnectionStatus), "Reconnect to Salesforce" or "Connect to Salesforce" (the
    // button SalesforceConnect shows): each must start the flow again on the saved credentials.
    this.reconnectButton = kit
      .getByRole('button', { name: /^(Reconnect( to Salesforce)?|Connect to Salesforce)$/ })
      .first();
    this.disconnectButton = this.root.getByRole('button', { name: 'Disconnect' });
    this.setupDetails = kit.locator('[data-sfc-part="setup-details-toggle"]');
  }

  /** A detail of the connected status: "Organization", "Instance", "User", "Since". */
  detail(term: string): Locator {
    return this.root.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  /** Waits until the live region says this (a substring or pattern). */
  async waitFor(text: string | RegExp): Promise<void> {
    await this.headline.filter({ hasText: text }).waitFor();
  }

  /** Disconnect, confirmed in the kit's confirmation. */
  async disconnect(): Promise<void> {
    await this.disconnectButton.click();
    await this.root.getByRole('button', { name: 'Disconnect' }).last().click();
    await this.waitFor('Not connected');
  }

  /** Unfolds "Setup guide and credentials" (after a save the form lives there). */
  async openSetupDetails(): Promise<void> {
    if ((await this.setupDetails.getAttribute('aria-expanded')) !== 'true') {
      await this.setupDetails.click();
    }
  }
}
