import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { MemoryAdapterOptions } from '../../src/adapters/memory.js';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import {
  SalesforceConnections,
  type SalesforceConnectionsProps,
} from '../../src/components/SalesforceConnections.js';
import { tenantWithConnections } from '../fixtures/connections.js';
import { expectNoAxeViolations } from '../helpers/axe.js';
import '../../src/components/styles.css';

const twoConnections: MemoryAdapterOptions & { emea?: boolean } = { emea: true };

async function setup(
  backendOptions: MemoryAdapterOptions & { emea?: boolean } = twoConnections,
  props: Partial<SalesforceConnectionsProps> = {},
) {
  const backend = tenantWithConnections(backendOptions);
  const onChange = vi.fn();
  const screen = await render(
    <SalesforceConnections adapter={backend} onChange={onChange} {...props} />,
  );
  await expect.element(page.getByRole('list', { name: 'Salesforce connections' })).toBeVisible();
  return { backend, onChange, screen };
}

const row = (name: string) => page.getByRole('listitem', { name });
const announcement = () =>
  document.querySelector('[data-sfc-part="connections-announcement"]')?.textContent;

describe('SalesforceConnections in Chromium', () => {
  it('renames by keyboard alone: Enter saves, focus returns to Rename, the change is announced', async () => {
    const t = await setup();
    const rename = row('UAT sandbox').getByRole('button', { name: 'Rename' });
    (rename.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const input = page.getByRole('textbox', { name: 'Connection name' });
    await expect.element(input).toHaveFocus();
    await expect.element(input).toHaveValue('UAT sandbox');
    await userEvent.keyboard('{Control>}a{/Control}UAT (March refresh){Enter}');
    await expect.element(row('UAT (March refresh)')).toBeVisible();
    await expect
      .element(row('UAT (March refresh)').getByRole('button', { name: 'Rename' }))
      .toHaveFocus();
    await vi.waitFor(() => expect(announcement()).toBe('Renamed to “UAT (March refresh)”'));
    expect(t.onChange).toHaveBeenCalledWith({ type: 'renamed', connectionId: 'uat' });
  });

  it('keeps what was typed when a name is refused, with the reason beside the input; Escape cancels', async () => {
    await setup();
    await userEvent.click(row('Production').getByRole('button', { name: 'Rename' }));
    const input = page.getByRole('textbox', { name: 'Connection name' });
    const long = 'P'.repeat(81);
    await userEvent.fill(input, long);
    await userEvent.keyboard('{Enter}');
    await expect
      .element(input)
      .toHaveAccessibleDescription(
        'The connection name is 81 characters long; shorten it to 80 or fewer.',
      );
    await expect.element(input).toHaveAttribute('aria-invalid', 'true');
    await expect.element(input).toHaveValue(long);
    await expect.element(input).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(input).not.toBeInTheDocument();
    await expect.element(row('Production').getByRole('button', { name: 'Rename' })).toHaveFocus();
  });

  it('removes after a confirmation naming the connection; focus moves to the next row, the other stays', async () => {
    const t = await setup();
    await userEvent.click(row('UAT sandbox').getByRole('button', { name: 'Remove' }));
    const confirm = page.getByRole('group', { name: 'Remove “UAT sandbox”?' });
    await expect.element(confirm).toHaveAccessibleDescription(/Salesforce access for it stops/);
    // Escape backs out, to the Remove button.
    await expect.element(confirm.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    const removeButton = row('UAT sandbox').getByRole('button', { name: 'Remove' });
    await expect.element(removeButton).toHaveFocus();
    // Space opens it again; Tab to Remove, Enter confirms.
    await userEvent.keyboard(' ');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect.element(row('UAT sandbox')).not.toBeInTheDocument();
    // The next row's first button: EMEA needs a reconnect.
    await expect.element(row('EMEA').getByRole('button', { name: 'Reconnect' })).toHaveFocus();
    await vi.waitFor(() => expect(announcement()).toBe('Removed “UAT sandbox”'));
    await expect.element(row('Production')).toHaveTextContent('Connected');
    expect(t.onChange).toHaveBeenCalledWith({ type: 'removed', connectionId: 'uat' });
    expect((await t.backend.listConnections()).map((c) => c.id)).toEqual(['default', 'bu-emea']);
  });

  it('moves focus to Add connection after removing the last row', async () => {
    await setup();
    await userEvent.click(row('EMEA').getByRole('button', { name: 'Remove' }));
    await userEvent.click(page.getByRole('button', { name: 'Remove', exact: true }).last());
    await expect.element(row('EMEA')).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Add connection' })).toHaveFocus();
  });

  it('at max, Add connection stays focusable but does nothing, and says why', async () => {
    await setup(twoConnections, { max: 3 });
    const add = page.getByRole('button', { name: 'Add connection' });
    await expect.element(add).toHaveAttribute('aria-disabled', 'true');
    await expect
      .element(add)
      .toHaveAccessibleDescription(
        'You have 3 connections, the most allowed. Remove one to add another.',
      );
    (add.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('Add connection opens the connect flow in a dialog; Escape closes it and focus returns to Add', async () => {
    await setup();
    const add = page.getByRole('button', { name: 'Add connection' });
    (add.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const dialog = page.getByRole('dialog', { name: 'Add a Salesforce connection' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByRole('textbox', { name: 'Login URL' })).toBeVisible();
    await vi.waitFor(() => expect(dialog.element().contains(document.activeElement)).toBe(true));
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(add).toHaveFocus();
  });

  it('Reconnect opens that connection’s flow, titled with its name', async () => {
    await setup();
    await userEvent.click(row('EMEA').getByRole('button', { name: 'Reconnect' }));
    const dialog = page.getByRole('dialog', { name: 'Connect “EMEA”' });
    await expect.element(dialog).toBeVisible();
    await expect
      .element(dialog.getByRole('button', { name: 'Reconnect to Salesforce' }))
      .toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await expect.element(row('EMEA').getByRole('button', { name: 'Reconnect' })).toHaveFocus();
  });

  it.each(['light', 'dark'] as const)(
    'passes axe with contrast (%s) at 320 px: list, refused name, remove confirmation',
    async (theme) => {
      await page.viewport(320, 800);
      const t = await setup(twoConnections, { theme, max: 3 });
      const root = t.screen.container;
      await expectNoAxeViolations(root);
      await userEvent.click(row('UAT sandbox').getByRole('button', { name: 'Rename' }));
      await userEvent.fill(page.getByRole('textbox', { name: 'Connection name' }), ' ');
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByText('Give the connection a name.')).toBeVisible();
      await userEvent.click(row('Production').getByRole('button', { name: 'Remove' }));
      await expect.element(page.getByRole('group', { name: 'Remove “Production”?' })).toBeVisible();
      await expectNoAxeViolations(root);
      // Nothing overflows the narrow screen.
      const section = root.querySelector('section') as HTMLElement;
      expect(section.scrollWidth).toBeLessThanOrEqual(section.clientWidth + 1);
    },
  );

  it('lays out right to left with no axe violations', async () => {
    const rtl = await render(
      <div dir="rtl">
        <SalesforceConnections adapter={tenantWithConnections(twoConnections)} />
      </div>,
    );
    await expect.element(row('Production')).toBeVisible();
    await expectNoAxeViolations(rtl.container);
    const name = rtl.container.querySelector('h3') as HTMLElement;
    const item = rtl.container.querySelector('li') as HTMLElement;
    // Right to left, the name starts at the row's right edge.
    expect(item.getBoundingClientRect().right - name.getBoundingClientRect().right).toBeLessThan(
      40,
    );
  });

  it('says so when there is nothing yet, and lists what is loading first', async () => {
    const backend = createMemoryAdapter({ latencyMs: 0, connections: { max: 3 } });
    const screen = await render(<SalesforceConnections adapter={backend} />);
    await expect
      .element(
        page.getByText('No Salesforce org is connected yet. Add a connection to connect one.'),
      )
      .toBeVisible();
    await expectNoAxeViolations(screen.container);
  });
});
