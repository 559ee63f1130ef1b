import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionStatus } from '../../src/components/ConnectionStatus.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { connectionStatusMessagesDe } from '../../src/messages/status.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const connected: Connection = {
  status: 'connected',
  loginUrl: 'https://acme.my.salesforce.com',
  org: {
    id: '00D5g00000ACMEdEAA',
    name: 'Acme Corporation',
    instanceUrl: 'https://acme.my.salesforce.com',
    isSandbox: false,
  },
  user: { id: '005', username: 'admin@acme.example.com', displayName: 'Alex Admin' },
  connectedAt: '2026-03-04T09:30:00.000Z',
};

const root = (container: HTMLElement) => container.firstElementChild as HTMLElement;

describe('ConnectionStatus', () => {
  it('says "Not connected" in a status live region when disconnected', async () => {
    const { container } = render(<ConnectionStatus connection={{ status: 'disconnected' }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Not connected');
    expect(root(container)).toHaveAttribute('data-state', 'disconnected');
    await expectNoAxeViolations(container);
  });

  it('says the credentials are saved when configured', async () => {
    const { container } = render(
      <ConnectionStatus connection={{ status: 'configured', consumerKeyHint: 'Qx7W' }} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Not connected — credentials saved');
    await expectNoAxeViolations(container);
  });

  it('explains a preflight finding next to saved credentials', async () => {
    render(
      <ConnectionStatus
        connection={{
          status: 'configured',
          error: { code: 'invalid_client_id', message: 'client identifier invalid' },
        }}
        errorValues={{ loginUrl: 'https://acme.my.salesforce.com' }}
      />,
    );
    // The explanation loads on demand: wait for it (an earlier file in the same worker may or
    // may not have loaded it already).
    expect(await screen.findByRole('heading', { level: 3 })).toHaveTextContent(/Consumer Key/);
    expect(screen.getByText(/acme\.my\.salesforce\.com/)).toBeInTheDocument();
    expect(screen.getByRole('link')).toHaveAttribute('href', '#sfc-step-consumer-credentials');
  });

  it('shows loading until the connection arrives', () => {
    const { container } = render(<ConnectionStatus connection={undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('Checking the Salesforce connection…');
    expect(root(container)).toHaveAttribute('data-state', 'loading');
  });

  it('shows connecting while an attempt runs', () => {
    render(<ConnectionStatus connection={{ status: 'configured' }} connecting />);
    expect(screen.getByRole('status')).toHaveTextContent('Connecting to Salesforce…');
    expect(screen.getByRole('status')).not.toHaveTextContent(/Connected/);
  });

  it('shows the org, instance, user and since when connected', async () => {
    const { container } = render(
      <ConnectionStatus connection={connected} onDisconnect={vi.fn()} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Connected to Acme Corporation');
    const details = within(container.querySelector('dl') as HTMLElement);
    expect(details.getByText('Organization').nextElementSibling).toHaveTextContent(
      'Acme Corporation',
    );
    expect(details.getByText('Instance').nextElementSibling).toHaveTextContent(
      'https://acme.my.salesforce.com',
    );
    expect(details.getByText('User').nextElementSibling).toHaveTextContent(
      'Alex Admin (admin@acme.example.com)',
    );
    const time = container.querySelector('time') as HTMLTimeElement;
    expect(time.dateTime).toBe(connected.connectedAt);
    // Formatted by the browser's Intl once hydrated.
    expect(time).toHaveTextContent(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(connected.connectedAt ?? ''),
      ),
    );
    expect(screen.queryByText('Sandbox')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('tells two orgs of the same name apart: the org id’s ending and the sandbox badge', async () => {
    const production = connected;
    const sandbox: Connection = {
      ...connected,
      org: {
        id: '00D7X0000009UATeAA',
        name: 'Acme Corporation',
        instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
        isSandbox: true,
      },
    };
    const { container, rerender } = render(<ConnectionStatus connection={production} />);
    const orgId = () =>
      within(container.querySelector('[data-sfc-part="status-org-id"]') as HTMLElement);
    expect(orgId().getByText('Org ID').nextElementSibling?.textContent).toBe('ends in MEdEAA');
    expect(screen.queryByText('Sandbox')).toBeNull();
    const productionText = root(container).textContent;

    rerender(<ConnectionStatus connection={sandbox} />);
    expect(orgId().getByText('Org ID').nextElementSibling?.textContent).toBe('ends in UATeAA');
    expect(screen.getByText('Sandbox')).toHaveAttribute('data-sfc-part', 'status-sandbox-badge');
    expect(root(container).textContent).not.toBe(productionText);
    // The same name, yet the two renderings differ in what they say about the org.
    expect(screen.getByRole('status')).toHaveTextContent('Connected to Acme Corporation');
    await expectNoAxeViolations(container);
  });

  it('shows the org id’s ending while Salesforce needs a new authorization too, in German', () => {
    render(
      <SalesforceConnectMessagesProvider
        messages={{ connectionStatus: connectionStatusMessagesDe }}
      >
        <ConnectionStatus connection={{ ...connected, status: 'needs_reauth' }} />
      </SalesforceConnectMessagesProvider>,
    );
    expect(screen.getByText('Org-ID').nextElementSibling?.textContent).toBe('endet auf MEdEAA');
  });

  it('falls back to the org id and marks a sandbox', () => {
    render(
      <ConnectionStatus
        connection={{
          status: 'connected',
          org: {
            id: '00DXX0000001',
            instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
            isSandbox: true,
          },
        }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Connected to 00DXX0000001');
    expect(screen.getByText('Sandbox')).toHaveAttribute('data-sfc-part', 'status-sandbox-badge');
    // The whole id is already the label: no separate ending.
    expect(screen.queryByText('Org ID')).toBeNull();
  });

  it('offers Reconnect when Salesforce needs a new authorization', async () => {
    const user = userEvent.setup();
    const onReconnect = vi.fn();
    const { container } = render(
      <ConnectionStatus
        connection={{
          ...connected,
          status: 'needs_reauth',
          error: { code: 'invalid_grant', message: 'expired access/refresh token' },
        }}
        onReconnect={onReconnect}
        onDisconnect={vi.fn()}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Reconnect needed');
    expect(screen.getByRole('status')).not.toHaveTextContent(/Connected/);
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(onReconnect).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('explains an error state, and a load failure with no connection', async () => {
    const { container, rerender } = render(
      <ConnectionStatus
        connection={{
          status: 'error',
          error: { code: 'inactive_org', message: 'inactive organization' },
        }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Connection problem');
    expect(await screen.findByRole('heading', { level: 3 })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    rerender(
      <ConnectionStatus connection={undefined} error={new ConnectError('network', 'Offline')} />,
    );
    expect(root(container)).toHaveAttribute('data-state', 'error');
    expect(screen.getByRole('heading', { level: 3 })).toBeInTheDocument();
  });

  it('asks before disconnecting, with focus on the safe choice, and Escape backs out', async () => {
    const user = userEvent.setup();
    const onDisconnect = vi.fn();
    const { container } = render(
      <ConnectionStatus connection={connected} onDisconnect={onDisconnect} />,
    );
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByRole('group', { name: 'Disconnect from Salesforce?' });
    expect(confirm).toHaveAccessibleDescription(
      'Access is revoked at Salesforce. You can connect again later.',
    );
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await expectNoAxeViolations(container);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    expect(onDisconnect).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    expect(onDisconnect).not.toHaveBeenCalled();
  });

  it('disconnects after confirmation and moves focus to the status', async () => {
    const user = userEvent.setup();
    const onDisconnect = vi.fn();
    const { rerender } = render(
      <ConnectionStatus connection={connected} onDisconnect={onDisconnect} />,
    );
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByRole('group');
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    expect(onDisconnect).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveFocus();
    rerender(<ConnectionStatus connection={connected} onDisconnect={onDisconnect} disconnecting />);
    expect(screen.getByRole('status')).toHaveTextContent('Disconnecting…');
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeDisabled();
    rerender(
      <ConnectionStatus connection={{ status: 'disconnected' }} onDisconnect={onDisconnect} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Not connected');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks German, dates included', () => {
    render(
      <SalesforceConnectMessagesProvider
        messages={{ connectionStatus: connectionStatusMessagesDe }}
      >
        <ConnectionStatus connection={connected} />
      </SalesforceConnectMessagesProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Verbunden mit Acme Corporation');
    expect(document.querySelector('time')).toHaveTextContent(
      new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(connected.connectedAt ?? ''),
      ),
    );
  });

  it('takes className, drops kit classes when unstyled, keeps data attributes', () => {
    const { container } = render(
      <ConnectionStatus connection={connected} unstyled className="mine" />,
    );
    expect(root(container).className).toBe('mine');
    expect(container.querySelector('[data-sfc-part="status-headline"]')).not.toHaveAttribute(
      'class',
    );
  });
});
