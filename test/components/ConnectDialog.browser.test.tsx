import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ConnectDialog, type ConnectDialogFlow } from '../../src/components/ConnectDialog.js';
import { ConnectError } from '../../src/core/errors.js';
import { expectNoAxeViolations } from '../helpers/axe.js';
import '../../src/components/styles.css';

const flow = (overrides: Partial<ConnectDialogFlow> = {}): ConnectDialogFlow => ({
  phase: 'authorizing',
  popupState: 'open',
  connection: { status: 'configured' },
  error: undefined,
  open: vi.fn(),
  cancel: vi.fn(),
  retry: vi.fn(),
  focusPopup: vi.fn(() => true),
  ...overrides,
});

describe('ConnectDialog in Chromium', () => {
  it('keeps Tab inside the dialog', async () => {
    await render(
      <>
        <button type="button">Outside</button>
        <ConnectDialog connect={flow()} defaultOpen />
      </>,
    );
    const focusBack = page.getByRole('button', { name: 'Bring the window back' });
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect.element(focusBack).toHaveFocus();
    await userEvent.tab();
    await expect.element(cancel).toHaveFocus();
    await userEvent.tab();
    await expect.element(focusBack).toHaveFocus();
    await userEvent.tab({ shift: true });
    await expect.element(cancel).toHaveFocus();
  });

  it('the error view is usable by keyboard: fixes, paste box, Try again', async () => {
    const connect = flow({
      phase: 'failed',
      popupState: 'none',
      error: new ConnectError('network', 'Offline'),
    });
    await render(<ConnectDialog connect={connect} defaultOpen />);
    await expect.element(page.getByRole('button', { name: 'Try again' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(connect.retry).toHaveBeenCalledTimes(1);
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    const box = page.getByRole('textbox', { name: 'Address or text of the Salesforce error page' });
    await expect.element(box).toBeVisible();
  });

  it('passes axe with contrast in every view, light and dark, and fits 320 px', async () => {
    await page.viewport(320, 640);
    const views: Partial<ConnectDialogFlow>[] = [
      { phase: 'idle', popupState: 'none' },
      { popupState: 'opening' },
      { popupState: 'blocked' },
      { popupState: 'closed' },
      { phase: 'completing', popupState: 'none' },
      { phase: 'failed', error: new ConnectError('redirect_uri_mismatch', 'x') },
      {
        phase: 'succeeded',
        connection: {
          status: 'connected',
          org: { id: '00D', name: 'Acme', instanceUrl: 'https://acme.my.salesforce.com' },
        },
      },
    ];
    for (const theme of ['light', 'dark'] as const) {
      for (const view of views) {
        // The page holds the guide step the error links to, as a page with the setup guide does:
        // the explanation's "Show this step" anchor is then the page's only link, below the
        // dialog's fold at 320 px, which axe reads as a skip link and checks for its target.
        const screen = await render(
          <>
            <section id="sfc-step-callback-url" tabIndex={-1} aria-label="Callback URL step" />
            <ConnectDialog connect={flow(view)} defaultOpen theme={theme} />
          </>,
        );
        const dialog = page.getByRole('dialog');
        await expect.element(dialog).toBeVisible();
        try {
          await expectNoAxeViolations(document.body);
        } catch (error) {
          throw new Error(`${theme} ${JSON.stringify(view)}: ${(error as Error).message}`);
        }
        const box = (dialog.element() as HTMLElement).getBoundingClientRect();
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(320);
        await screen.unmount();
      }
    }
  });
});
