import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
} from '../../src/components/SalesforceConnect.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

beforeAll(() => preloadSalesforceConnect());

const ORIGIN = 'https://app.example.com';
const TITLE = 'This is a different Salesforce org than before';

/** A connection whose sandbox was refreshed: Salesforce wants a reconnect, which lands elsewhere. */
function setup() {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
  const adapter = createMemoryAdapter({
    latencyMs: 0,
    BroadcastChannel: fake.hub.Channel,
    callbackUrl: `${ORIGIN}/api/salesforce/oauth/callback`,
    initial: 'needs_reauth',
    scenario: 'org_changed',
  });
  const onSuccess = vi.fn();
  const view = render(
    <SalesforceConnect
      adapter={adapter}
      environment={{ ...fake.environment, window }}
      setup={{ storage: null }}
      onSuccess={onSuccess}
    />,
  );
  return { adapter, onSuccess, view, user: userEvent.setup() };
}

async function reconnectIntoOtherOrg(t: ReturnType<typeof setup>) {
  const previousOrgId = (await t.adapter.getConnection()).org?.id;
  const button = await screen.findByRole('button', { name: 'Reconnect to Salesforce' });
  await waitFor(() => expect(button).toHaveAttribute('data-ready'));
  await t.user.click(button);
  act(() => void t.adapter.simulateCallback());
  const choice = await screen.findByRole('region', { name: TITLE });
  return { choice, previousOrgId };
}

describe('a reconnect that lands in another org', () => {
  it('offers the choice, with focus on its question and no dialog left open', async () => {
    const t = setup();
    const { choice, previousOrgId } = await reconnectIntoOtherOrg(t);
    await waitFor(() => expect(within(choice).getByRole('heading', { name: TITLE })).toHaveFocus());
    expect(screen.queryByRole('dialog')).toBeNull();
    const newOrgId = (await t.adapter.getConnection()).orgChange?.org.id ?? '';
    expect(choice).toHaveAccessibleDescription(
      new RegExp(`ending in ${newOrgId.slice(-6)}.*ending in ${previousOrgId?.slice(-6)}`),
    );
    expect(choice).toHaveAccessibleDescription(/refreshed sandbox gets a new org id/);
    expect(
      within(choice)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Keep the new org', 'Go back to the previous org']);
    expect(t.onSuccess).not.toHaveBeenCalled();
    await expectNoAxeViolations(t.view.container);
  });

  it('keep the new org: switches, announces it, and the choice goes', async () => {
    const t = setup();
    const { choice } = await reconnectIntoOtherOrg(t);
    const newOrgId = (await t.adapter.getConnection()).orgChange?.org.id;
    // Keyboard: Tab from the question reaches the first choice.
    await waitFor(() => expect(within(choice).getByRole('heading', { name: TITLE })).toHaveFocus());
    await t.user.tab();
    expect(within(choice).getByRole('button', { name: 'Keep the new org' })).toHaveFocus();
    await t.user.keyboard('{Enter}');
    const news = await screen.findByText('Switched to the new org.');
    expect(news).toHaveAttribute('role', 'status');
    await waitFor(() => expect(news).toHaveFocus());
    expect(screen.queryByRole('region', { name: TITLE })).toBeNull();
    const connection = await t.adapter.getConnection();
    expect({ status: connection.status, org: connection.org?.id }).toEqual({
      status: 'connected',
      org: newOrgId,
    });
  });

  it('go back: keeps the previous connection as it was', async () => {
    const t = setup();
    const { choice, previousOrgId } = await reconnectIntoOtherOrg(t);
    await t.user.click(within(choice).getByRole('button', { name: 'Go back to the previous org' }));
    expect(await screen.findByText('Kept the previous org.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('region', { name: TITLE })).toBeNull();
    const connection = await t.adapter.getConnection();
    expect({
      status: connection.status,
      org: connection.org?.id,
      change: connection.orgChange,
    }).toEqual({
      status: 'needs_reauth',
      org: previousOrgId,
      change: undefined,
    });
  });
});
