// Keyboard-only helpers: move with Tab like a person would, and check what has the focus.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Whether this element has the focus in its document. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus; fails after `max`. */
export async function tabTo(
  page: Page,
  target: Locator,
  { max = 80, backwards = false }: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached the target in ${max} presses; focus is on ${focused}`);
}

/** The focused element shows it: it matches :focus-visible and draws an outline or a ring. */
export async function expectFocusVisible(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { element: 'none', visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    return {
      element: element.outerHTML.slice(0, 120),
      visible: element.matches(':focus-visible') && (outline || ring),
    };
  });
  expect(focus.visible, `focus indicator on ${focus.element}`).toBe(true);
}
