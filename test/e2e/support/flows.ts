// Steps several tests share, written with the page objects.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoStack } from '../../../demo/stack.js';
import { ConnectDialogPage } from '../pages/ConnectDialogPage.js';
import { CredentialsFormPage } from '../pages/CredentialsFormPage.js';
import { SalesforceLoginPage } from '../pages/SalesforceLoginPage.js';
import { StatusPage } from '../pages/StatusPage.js';
import type { Session } from './session.js';

/** Types the demo values into the form and saves them; resolves at "credentials saved". */
export async function saveDemoCredentials(page: Page, stack: DemoStack): Promise<void> {
  const form = new CredentialsFormPage(page);
  await form.fill(stack.values);
  await form.submit();
  await new StatusPage(page).waitFor('credentials saved');
}

/** Clicks a button that opens the Salesforce popup; returns the popup. */
export async function openPopup(page: Page, click: () => Promise<void>): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await click();
  return popup;
}

/**
 * The admin looks at Salesforce a moment, then closes its window. Needs a session with
 * `fakeClock`: the kit takes a popup closed within a quarter second of opening for one a blocker
 * shut, and a test is faster than any person — so the clock moves past that first, and past the
 * kit's closed-window check and grace period after.
 */
export async function closePopupLikeAPerson(page: Page, popup: Page): Promise<void> {
  await page.clock.runFor(1000);
  await popup.close();
  await page.clock.runFor(2000);
}

/**
 * Connect to Salesforce → popup → log in (when asked) → Allow (when asked) → the dialog's
 * success → Done. Resolves on "Connected" in the status.
 */
export async function connectThroughPopup(session: Session, stack: DemoStack): Promise<void> {
  const { page } = session;
  const status = new StatusPage(page);
  const popup = await openPopup(page, () => status.connectButton.click());
  await new SalesforceLoginPage(popup).complete(stack.values);
  const dialog = new ConnectDialogPage(page);
  await dialog.waitForTitle('Connected to Acme (Simulated)');
  await dialog.done.click();
  await dialog.waitForClosed();
  await status.waitFor('Connected to Acme (Simulated)');
}

/** The connection as the server reports it to this browser's workspace. */
export async function serverConnection(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const response = await fetch('/api/salesforce/connection');
    return (await response.json()) as Record<string, unknown>;
  });
}

/** Nothing in the browser holds the secret: storage, cookies, DOM, URLs, console. */
export async function expectSecretNowhere(session: Session, secret: string): Promise<void> {
  const pages = session.context.pages();
  for (const page of pages) {
    const found = await page.evaluate(async (needle) => {
      const places: string[] = [];
      const has = (text: string | null | undefined) => Boolean(text?.includes(needle));
      const storageText = (storage: Storage) =>
        Array.from({ length: storage.length }, (_, i) => {
          const key = storage.key(i) ?? '';
          return `${key}=${storage.getItem(key)}`;
        }).join('\n');
      if (has(storageText(localStorage))) places.push('localStorage');
      if (has(storageText(sessionStorage))) places.push('sessionStorage');
      if (has(document.documentElement.outerHTML)) places.push('DOM (HTML)');
      for (const field of Array.from(document.querySelectorAll('input, textarea'))) {
        if (has((field as HTMLInputElement).value)) places.push(`value of ${field.outerHTML}`);
      }
      if (has(document.cookie)) places.push('document.cookie');
      if (has(location.href)) places.push('location');
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(info.name ?? '');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (has(JSON.stringify(all))) places.push(`IndexedDB ${info.name}/${store}`);
        }
        db.close();
      }
      return places;
    }, secret);
    expect(found, `the consumer secret in ${page.url()}`).toEqual([]);
  }
  const cookies = await session.context.cookies();
  expect(cookies.filter((cookie) => `${cookie.name}=${cookie.value}`.includes(secret))).toEqual([]);
  expect(session.requestedUrls.filter((url) => url.includes(secret))).toEqual([]);
  expect(session.consoleLines.filter((line) => line.includes(secret))).toEqual([]);
}

/** Chooses a failure in the demo page's "Rehearse a failure" box and applies it. */
export async function rehearse(page: Page, label: string) {
  const box = page.getByRole('form', { name: 'Rehearse a failure' });
  await box.getByRole('combobox', { name: 'Failure' }).selectOption({ label });
  await box.getByRole('button', { name: 'Apply' }).click();
  await box
    .getByRole('status')
    .filter({ hasText: label === 'None' ? 'No failure set' : `Rehearsing: ${label}.` })
    .waitFor();
}
