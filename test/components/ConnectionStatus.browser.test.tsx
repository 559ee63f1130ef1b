import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ConnectionStatus } from '../../src/components/ConnectionStatus.js';
import type { Connection } from '../../src/core/types.js';
import { expectNoAxeViolations } from '../helpers/axe.js';
import '../../src/components/styles.css';

const connected: Connection = {
  status: 'connected',
  org: {
    id: '00D5g00000ACMEdEAA',
    name: 'Acme Corporation',
    instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    isSandbox: true,
  },
  user: { id: '005', username: 'admin@acme.example.com', displayName: 'Alex Admin' },
  connectedAt: '2026-03-04T09:30:00.000Z',
};

describe('ConnectionStatus in Chromium', () => {
  it('disconnects by keyboard alone, through the confirmation', async () => {
    const onDisconnect = vi.fn();
    await render(<ConnectionStatus connection={connected} onDisconnect={onDisconnect} />);
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect.element(cancel).toHaveFocus();
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    expect(onDisconnect).toHaveBeenCalledTimes(1);
    await expect.element(page.getByRole('status')).toHaveFocus();
  });

  it('passes axe with contrast in every state, light and dark, down to 320 px', async () => {
    await page.viewport(320, 640);
    const states: Connection[] = [
      { status: 'disconnected' },
      { status: 'configured', error: { code: 'invalid_client_id', message: 'x' } },
      connected,
      { ...connected, status: 'needs_reauth', error: { code: 'invalid_grant', message: 'x' } },
      { status: 'error', error: { code: 'inactive_org', message: 'x' } },
    ];
    for (const theme of ['light', 'dark'] as const) {
      for (const connection of states) {
        const screen = await render(
          <div className="sfc-scope" data-theme={theme}>
            <ConnectionStatus
              connection={connection}
              onDisconnect={vi.fn()}
              onReconnect={vi.fn()}
            />
          </div>,
        );
        await expectNoAxeViolations(screen.container);
        const root = screen.container.querySelector('[data-sfc-part="connection-status"]');
        expect(root?.scrollWidth).toBeLessThanOrEqual(root?.clientWidth ?? 0);
        await screen.unmount();
      }
    }
  });

  it('shows the org name, the id’s ending and the sandbox badge in full at 320 px', async () => {
    await page.viewport(320, 640);
    const screen = await render(
      <ConnectionStatus
        connection={{
          ...connected,
          org: {
            ...connected.org!,
            name: 'Acme Corporation Europe Middle East and Africa Holding',
          },
        }}
      />,
    );
    const root = screen.container.querySelector('[data-sfc-part="connection-status"]');
    const ending = screen.container.querySelector('[data-sfc-part="status-org-id"] dd');
    const badge = screen.container.querySelector('[data-sfc-part="status-sandbox-badge"]');
    expect(ending?.textContent).toBe('ends in MEdEAA');
    await expect.element(page.getByText('ends in MEdEAA')).toBeVisible();
    await expect.element(page.getByText('Sandbox', { exact: true })).toBeVisible();
    // Nothing of either is cut off: both lie inside the status box.
    const box = root!.getBoundingClientRect();
    for (const element of [ending!, badge!]) {
      const rect = element.getBoundingClientRect();
      expect(rect.left).toBeGreaterThanOrEqual(box.left);
      expect(rect.right).toBeLessThanOrEqual(box.right);
      expect(rect.width).toBeGreaterThan(0);
    }
    expect(root?.scrollWidth).toBeLessThanOrEqual(root?.clientWidth ?? 0);
    await expectNoAxeViolations(screen.container);
  });
});
