import type { Locator, Page } from 'playwright-core';

/** The setup guide inside SalesforceConnect: steps the admin follows, values to copy. */
export class GuidePage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-sfc-part="setup-guide"]');
  }

  /** A step's toggle (a button named after the step's title). */
  step(title: string | RegExp): Locator {
    return this.root.getByRole('button', { name: title });
  }

  /** Opens a step (when closed) and returns its body. */
  async openStep(title: string | RegExp): Promise<Locator> {
    const toggle = this.step(title);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return this.root.locator('[data-sfc-part="step"]').filter({ has: toggle });
  }

  /** The read-only "Callback URL" box the admin pastes into Salesforce. */
  callbackUrlField(): Locator {
    return this.root.getByRole('textbox', { name: 'Callback URL' });
  }

  /** Clicks "Copy Callback URL" and resolves once the kit says it was copied. */
  async copyCallbackUrl(): Promise<void> {
    await this.root.getByRole('button', { name: 'Copy Callback URL' }).click();
    await this.root.getByText('Copied').first().waitFor();
  }
}
