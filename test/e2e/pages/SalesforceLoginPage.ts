import type { Locator, Page } from 'playwright-core';
import { CONSENT_PATH, LOGIN_PATH } from '../../../src/simulator/authorize-flow.js';

/**
 * The Salesforce pages in the popup (here the simulator's, worded like Salesforce's): the login
 * page ("Username", "Password", "Log In") and "Allow Access?" ("Allow" / "Deny").
 */
export class SalesforceLoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly logInButton: Locator;
  readonly allowButton: Locator;
  readonly denyButton: Locator;
  readonly consentHeading: Locator;

  constructor(readonly popup: Page) {
    this.username = popup.getByRole('textbox', { name: 'Username' });
    this.password = popup.getByLabel('Password');
    this.logInButton = popup.getByRole('button', { name: 'Log In' });
    this.allowButton = popup.getByRole('button', { name: 'Allow' });
    this.denyButton = popup.getByRole('button', { name: 'Deny' });
    this.consentHeading = popup.getByRole('heading', { name: 'Allow Access?' });
  }

  /** Fills the login page and submits it; resolves once the popup has left the login page. */
  async logIn(user: { username: string; password: string }): Promise<void> {
    await this.username.fill(user.username);
    await this.password.fill(user.password);
    await this.#leaving(LOGIN_PATH, () => this.logInButton.click());
  }

  /** Answers "Allow Access?"; resolves once the popup has left the page. */
  async answer(decision: 'allow' | 'deny'): Promise<void> {
    const button = decision === 'allow' ? this.allowButton : this.denyButton;
    await this.#leaving(CONSENT_PATH, () => button.click());
  }

  /**
   * Goes through whatever Salesforce shows in the popup until it hands the popup back to the app:
   * the login page (unless this browser is still logged in), then "Allow Access?" (unless this
   * user approved the app before). Resolves when the popup has left for the callback or closed.
   */
  async complete(
    user: { username: string; password: string },
    decision: 'allow' | 'deny' = 'allow',
  ): Promise<void> {
    for (let step = 0; step < 3; step++) {
      const where = await this.whereNow();
      if (where === 'login') await this.logIn(user);
      else if (where === 'consent') await this.answer(decision);
      else return;
    }
    throw new Error('Salesforce kept asking: login and consent did not end at the callback.');
  }

  /** Which page the popup shows (waiting for one), or `gone` once it left Salesforce or closed. */
  async whereNow(): Promise<'login' | 'consent' | 'gone'> {
    if (this.popup.isClosed()) return 'gone';
    return Promise.any([
      this.logInButton.waitFor().then(() => 'login' as const),
      this.consentHeading.waitFor().then(() => 'consent' as const),
      this.popup
        .waitForURL((url) => url.pathname.endsWith('/oauth/callback'))
        .then(() => 'gone' as const),
      this.popup.waitForEvent('close').then(() => 'gone' as const),
    ]);
  }

  /** Runs `action` and waits until the popup is no longer on `path` (or closed). */
  async #leaving(path: string, action: () => Promise<void>): Promise<void> {
    const left = Promise.any([
      this.popup.waitForURL((url) => url.pathname !== path),
      this.popup.waitForEvent('close'),
    ]);
    await action();
    await left.catch((error: unknown) => {
      if (!this.popup.isClosed()) throw error;
    });
  }
}
