// A client credentials connection in ConnectionStatus: its user is the app's Run As user ("Runs
// as"), and a lost connection asks to connect again, not to sign in again.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionStatus } from '../../src/components/ConnectionStatus.js';
import type { Connection } from '../../src/core/types.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const connected: Connection = {
  status: 'connected',
  flow: 'client-credentials',
  org: { id: '00D5g000004ACMEAAO', name: 'Acme', instanceUrl: 'https://acme.my.salesforce.com' },
  user: { id: '0055g00000RUNASAAA', username: 'integration@acme.example' },
};

describe('ConnectionStatus for a client credentials connection', () => {
  it('shows the Run As user as "Runs as", never "User"', async () => {
    const { container } = render(<ConnectionStatus connection={connected} />);
    const label = screen.getByText('Runs as');
    expect(label.closest('div')).toHaveTextContent('Runs asintegration@acme.example');
    expect(screen.queryByText('User')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('takes the flow from the prop when the connection does not say', () => {
    const { flow: _, ...withoutFlow } = connected;
    const { rerender } = render(<ConnectionStatus connection={withoutFlow} />);
    expect(screen.getByText('User')).toBeInTheDocument();
    rerender(<ConnectionStatus connection={withoutFlow} flow="client-credentials" />);
    expect(screen.getByText('Runs as')).toBeInTheDocument();
  });

  it('asks to connect again, with no sign-in wording, when Salesforce stops giving access', async () => {
    const onReconnect = vi.fn();
    render(
      <ConnectionStatus
        connection={{ ...connected, status: 'needs_reauth' }}
        onReconnect={onReconnect}
      />,
    );
    expect(screen.getByText(/Run As user, then connect again/)).toBeInTheDocument();
    expect(screen.queryByText(/sign-in/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Connect again' }));
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });

  it('keeps "User" and "Reconnect" for a popup connection', () => {
    render(
      <ConnectionStatus
        connection={{ ...connected, flow: 'authorization-code', status: 'needs_reauth' }}
        onReconnect={() => {}}
      />,
    );
    expect(screen.getByText('User')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reconnect' })).toBeInTheDocument();
    expect(screen.getByText(/saved sign-in/)).toBeInTheDocument();
  });
});
