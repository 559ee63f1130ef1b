import type { Locator, Page } from 'playwright-core';

/** The Radix dialog that follows the Salesforce popup. */
export class ConnectDialogPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly openSalesforce: Locator;
  readonly bringBack: Locator;
  readonly cancel: Locator;
  readonly done: Locator;
  /** The error explanation (title, cause, numbered fixes) when the connection failed. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog');
    this.title = this.root.locator('[data-sfc-part="dialog-title"]');
    this.openSalesforce = this.root.getByRole('button', { name: 'Open Salesforce' });
    this.bringBack = this.root.getByRole('button', { name: 'Bring the window back' });
    this.cancel = this.root.getByRole('button', { name: 'Cancel' });
    this.done = this.root.getByRole('button', { name: 'Done' });
    this.error = this.root.locator('[data-sfc-part="error-explanation"]');
  }

  /** Waits for the dialog to show this title. */
  async waitForTitle(text: string | RegExp): Promise<void> {
    await this.title.filter({ hasText: text }).waitFor();
  }

  /** The error's title as the kit shows it. */
  errorTitle(): Locator {
    return this.error.locator('[data-sfc-part="error-title"]');
  }

  /** Waits for "Could not connect to Salesforce" with this error explained. */
  async waitForError(title: string | RegExp): Promise<void> {
    await this.waitForTitle('Could not connect to Salesforce');
    await this.errorTitle().filter({ hasText: title }).waitFor();
  }

  async waitForClosed(): Promise<void> {
    await this.root.waitFor({ state: 'detached' });
  }
}
