// SalesforceConnect in real Chromium, its on-demand parts loaded over the dev server: the Connect
// button waits for the dialog's code, and its click opens the real popup inside the click.
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import '../../src/components/styles.css';

const WAIT = { timeout: 20_000, interval: 20 };
let openSpy: MockInstance<Window['open']> | undefined;
let onWindowClick: (() => void) | undefined;

afterEach(() => {
  for (const result of openSpy?.mock.results ?? []) {
    const popup = result.value as Window | null;
    if (popup && !popup.closed) popup.close();
  }
  openSpy?.mockRestore();
  openSpy = undefined;
  if (onWindowClick) window.removeEventListener('click', onWindowClick);
});

describe('SalesforceConnect in Chromium', () => {
  it('enables Connect once the dialog’s code is there, and the click opens the popup synchronously', async () => {
    openSpy = vi.spyOn(window, 'open');
    // window.open calls counted at the end of the click's dispatch: same task, no await before.
    const openedByEndOfClick: number[] = [];
    onWindowClick = () => openedByEndOfClick.push(openSpy?.mock.calls.length ?? -1);
    window.addEventListener('click', onWindowClick);
    const adapter = createMemoryAdapter({ latencyMs: 20, initial: 'configured' });
    await render(<SalesforceConnect adapter={adapter} setup={{ storage: null }} />);

    const button = page.getByRole('button', { name: 'Connect to Salesforce' });
    await expect.element(button, WAIT).toBeEnabled();
    await userEvent.click(button);
    expect(openedByEndOfClick).toEqual([1]);
    const popup = openSpy.mock.results[0]?.value as Window | null;
    expect(popup).not.toBeNull();
    await expect
      .element(page.getByRole('dialog', { name: 'Waiting for Salesforce…' }), WAIT)
      .toBeVisible();
  });
});
