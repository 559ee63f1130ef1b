import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { SalesforceConnections } from '../../src/components/SalesforceConnections.js';
import { localeDe } from '../../src/messages/locales.js';
import { tenantWithConnections } from '../fixtures/connections.js';

const kitClassesIn = (root: Element) =>
  [...root.querySelectorAll('[class]')].flatMap((el) =>
    [...el.classList].filter((name) => name.startsWith('sfc-')),
  );

describe('SalesforceConnections', () => {
  it('shows each connection: name, status, org with its id ending, Sandbox badge, user', async () => {
    render(<SalesforceConnections adapter={tenantWithConnections({ emea: true })} />);
    expect(screen.getByText('Loading your Salesforce connections…')).toBeVisible();
    const list = await screen.findByRole('list', { name: 'Salesforce connections' });
    const rows = within(list).getAllByRole('listitem');
    expect(
      rows.map(
        (row) => row.getAttribute('aria-labelledby') && row.querySelector('h3')?.textContent,
      ),
    ).toEqual(['Production', 'UAT sandbox', 'EMEA']);
    const uat = within(list).getByRole('listitem', { name: 'UAT sandbox' });
    expect(uat).toHaveTextContent('Sandbox');
    expect(uat).toHaveTextContent('Connected');
    expect(uat).toHaveTextContent('Acme UAT (ends in 002EAA)');
    expect(uat).toHaveTextContent('Alex Admin (admin@acme.example.com)');
    // Connected: no Reconnect; Rename and Remove, each described by the connection's name.
    expect(within(uat).queryByRole('button', { name: 'Reconnect' })).toBeNull();
    expect(within(uat).getByRole('button', { name: 'Rename' })).toHaveAccessibleDescription(
      'UAT sandbox',
    );
    const production = within(list).getByRole('listitem', { name: 'Production' });
    expect(production).not.toHaveTextContent('Sandbox');
    const emea = within(list).getByRole('listitem', { name: 'EMEA' });
    expect(emea).toHaveTextContent('Reconnect needed');
    expect(within(emea).getByRole('button', { name: 'Reconnect' })).toBeVisible();
  });

  it('names an unnamed connection by its org, else "Unnamed connection"', async () => {
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      connections: { max: 3 },
      initial: 'connected',
      initialConnections: [{ id: 'second', initial: 'configured' }],
    });
    render(<SalesforceConnections adapter={adapter} />);
    const list = await screen.findByRole('list');
    expect(within(list).getByRole('listitem', { name: 'Acme Corporation' })).toBeVisible();
    const second = within(list).getByRole('listitem', { name: 'Unnamed connection' });
    expect(within(second).getByRole('button', { name: 'Connect' })).toBeVisible();
  });

  it('speaks German with localeDe', async () => {
    render(<SalesforceConnections adapter={tenantWithConnections()} messages={localeDe} max={2} />);
    const list = await screen.findByRole('list', { name: 'Salesforce-Verbindungen' });
    const uat = within(list).getByRole('listitem', { name: 'UAT sandbox' });
    expect(uat).toHaveTextContent('Verbunden');
    expect(uat).toHaveTextContent('endet auf 002EAA');
    await userEvent.click(within(uat).getByRole('button', { name: 'Entfernen' }));
    expect(screen.getByRole('group', { name: '„UAT sandbox“ entfernen?' })).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Verbindung hinzufügen' }),
    ).toHaveAccessibleDescription(
      'Sie haben 2 Verbindungen, das erlaubte Maximum. Entfernen Sie eine, um eine weitere hinzuzufügen.',
    );
  });

  it('keeps no kit class when unstyled, but keeps its parts', async () => {
    const { container } = render(
      <SalesforceConnections adapter={tenantWithConnections()} unstyled />,
    );
    await screen.findByRole('list');
    expect(kitClassesIn(container)).toEqual([]);
    expect(container.querySelectorAll('[data-sfc-part="connection"]')).toHaveLength(2);
  });

  it('explains a list that failed to load, and loads it again on Try again', async () => {
    const adapter = tenantWithConnections();
    vi.spyOn(adapter, 'listConnections').mockRejectedValueOnce(
      Object.assign(new Error('offline'), { name: 'TypeError' }),
    );
    render(<SalesforceConnections adapter={adapter} />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    await userEvent.click(retry);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('builds a fetch adapter from apiUrl', async () => {
    const fetch = vi.fn(async () =>
      Response.json({ connections: [{ id: 'default', status: 'connected', name: 'Prod' }] }),
    );
    vi.stubGlobal('fetch', fetch);
    try {
      render(<SalesforceConnections apiUrl="/api/salesforce" />);
      await waitFor(() => expect(fetch).toHaveBeenCalled());
      expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain(
        '/api/salesforce/connections',
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
