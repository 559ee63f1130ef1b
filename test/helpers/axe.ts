import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe on a rendered container (jsdom or Chromium) and fails with a readable list of
 * violations. Color contrast is only checked in real Chromium (jsdom has no layout or styles).
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const inJsdom = typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent);
  const results = await axe.run(container, {
    rules: inJsdom ? { 'color-contrast': { enabled: false } } : {},
  });
  const report = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `  ${node.html}`).join('\n')}`,
  );
  expect(report, report.join('\n\n')).toEqual([]);
}
