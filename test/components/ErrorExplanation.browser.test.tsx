import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ErrorExplanation } from '../../src/components/ErrorExplanation.js';
import { expectNoAxeViolations } from '../helpers/axe.js';
import '../../src/components/styles.css';

describe('ErrorExplanation in Chromium', () => {
  it('hands an admin fix over by keyboard alone, and says so in a live region', async () => {
    // Chromium asks for a permission before writing to the clipboard from a test page; the
    // spy takes the text instead, so the test reads exactly what the admin would receive.
    const written: string[] = [];
    const writeText = vi
      .spyOn(navigator.clipboard, 'writeText')
      .mockImplementation(async (text: string) => {
        written.push(text);
      });
    const screen = await render(
      <ErrorExplanation
        error={{
          code: 'ip_restricted',
          salesforceDescription: 'ip restricted or invalid login hours',
        }}
        values={{ appName: 'Acme Sync' }}
        pasteHelp={false}
      />,
    );
    const button = page.getByRole('button', {
      name: 'Copy instructions for your Salesforce admin',
    });
    // Right after the fixes it hands over, before the link to the guide step.
    await userEvent.tab();
    await expect.element(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('status')).toHaveTextContent(/^Copied\./);
    await userEvent.tab();
    await expect
      .element(page.getByRole('link', { name: 'Show this step in the setup guide' }))
      .toHaveFocus();
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Salesforce said: “ip restricted or invalid login hours”');
    expect(written[0]).toContain('Enforce IP restrictions, but relax for refresh tokens');
    expect(written[0]).toContain('Acme Sync');
    await expectNoAxeViolations(screen.container);
    writeText.mockRestore();
  });
});
