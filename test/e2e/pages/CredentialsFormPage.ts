import type { Locator, Page } from 'playwright-core';

/** The values an admin types. */
export interface CredentialsValues {
  loginUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

/** The credentials form: "Login URL", "Consumer Key", "Consumer Secret", "Save credentials". */
export class CredentialsFormPage {
  readonly root: Locator;
  readonly loginUrl: Locator;
  readonly consumerKey: Locator;
  readonly consumerSecret: Locator;
  readonly save: Locator;
  /** The summary of what the server or Salesforce said (a `role="alert"`). */
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-sfc-part="credentials-form"]');
    this.loginUrl = this.root.getByRole('textbox', { name: 'Login URL' });
    this.consumerKey = this.root.getByRole('textbox', { name: 'Consumer Key' });
    // A password box has no textbox role: found by its label.
    this.consumerSecret = this.root.getByLabel('Consumer Secret', { exact: true });
    this.save = this.root.getByRole('button', { name: 'Save credentials' });
    this.problem = this.root.locator('[data-sfc-part="error-summary"]');
  }

  /** The line that says a secret is saved (write-only: the secret itself is never shown). */
  secretSaved(): Locator {
    return this.root.getByText('Consumer Secret saved.');
  }

  async fill(values: CredentialsValues): Promise<void> {
    await this.loginUrl.fill(values.loginUrl);
    await this.consumerKey.fill(values.consumerKey);
    await this.consumerSecret.fill(values.consumerSecret);
  }

  /**
   * Clicks "Save credentials". Wait for the outcome you expect next: after a clean save the kit
   * folds the form away under "Setup guide and credentials".
   */
  async submit(): Promise<void> {
    await this.save.click();
  }
}
