import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { ConnectButton, type ConnectButtonFlow } from '../../src/components/ConnectButton.js';
import type { ConnectPhase } from '../../src/core/connect-machine.js';
import type { Connection } from '../../src/core/types.js';
import { useSalesforceConnect } from '../../src/hooks/useSalesforceConnect.js';
import { connectButtonMessagesDe } from '../../src/messages/connect.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

function flow(overrides: Partial<ConnectButtonFlow> = {}): ConnectButtonFlow {
  return {
    phase: 'idle',
    connection: { status: 'configured' },
    ready: true,
    open: vi.fn(),
    ...overrides,
  };
}

describe('ConnectButton', () => {
  it('is named "Connect to Salesforce" and opens the flow on click', async () => {
    const user = userEvent.setup();
    const connect = flow();
    const { container } = render(<ConnectButton connect={connect} />);
    const button = screen.getByRole('button', { name: 'Connect to Salesforce' });
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveAttribute('data-state', 'idle');
    expect(button).toHaveAttribute('data-ready');
    await user.click(button);
    expect(connect.open).toHaveBeenCalledTimes(1);
    await expectNoAxeViolations(container);
  });

  it('runs the integrator’s onClick first, which can veto the kit’s with preventDefault', async () => {
    const user = userEvent.setup();
    const connect = flow();
    const order: string[] = [];
    vi.mocked(connect.open).mockImplementation(() => void order.push('kit'));
    const { rerender } = render(
      <ConnectButton connect={connect} onClick={() => order.push('mine')} />,
    );
    await user.click(screen.getByRole('button'));
    expect(order).toEqual(['mine', 'kit']);
    rerender(<ConnectButton connect={connect} onClick={(event) => event.preventDefault()} />);
    await user.click(screen.getByRole('button'));
    expect(connect.open).toHaveBeenCalledTimes(1);
  });

  it.each<[ConnectPhase, boolean]>([
    ['idle', false],
    ['authorizing', false],
    ['saving', true],
    ['completing', true],
    ['failed', false],
  ])('in %s is disabled: %s', (phase, disabled) => {
    render(<ConnectButton connect={flow({ phase })} />);
    const button = screen.getByRole('button');
    expect(button.hasAttribute('disabled')).toBe(disabled);
    expect(button).toHaveAttribute('data-state', phase);
    expect(button.getAttribute('aria-busy')).toBe(
      phase === 'authorizing' || disabled ? 'true' : null,
    );
  });

  it('says Reconnect when Salesforce needs a new authorization, keeping "Connect to Salesforce" in its name', () => {
    const connection: Connection = { status: 'needs_reauth' };
    render(<ConnectButton connect={flow({ connection })} />);
    const button = screen.getByRole('button', { name: /connect to salesforce/i });
    expect(button).toHaveAccessibleName('Reconnect to Salesforce');
    // The name is exactly the visible text, so voice control ("click Reconnect") finds it; axe's
    // label-content-name-mismatch needs layout, so the Chromium test runs that rule.
    expect(button).toHaveAccessibleName(button.textContent ?? '');
  });

  it('forwards its ref, classes and extra props', () => {
    const ref = createRef<HTMLButtonElement>();
    render(<ConnectButton connect={flow()} ref={ref} className="mine" data-testid="b" />);
    expect(ref.current).toBe(screen.getByTestId('b'));
    expect(ref.current?.className).toBe('sfc-scope sfc-connect-button sfc-button mine');
  });

  it('drops the kit’s classes when unstyled', () => {
    render(<ConnectButton connect={flow()} unstyled />);
    expect(screen.getByRole('button').getAttribute('class')).toBeNull();
  });

  it('speaks German through the message provider', () => {
    render(
      <SalesforceConnectMessagesProvider messages={{ connectButton: connectButtonMessagesDe }}>
        <ConnectButton connect={flow()} />
      </SalesforceConnectMessagesProvider>,
    );
    expect(screen.getByRole('button', { name: 'Mit Salesforce verbinden' })).toBeInTheDocument();
  });

  it('with the hook, a click opens exactly one popup before the click handler returns', async () => {
    const fake = fakePopupEnvironment();
    const adapter = createMemoryAdapter({
      latencyMs: 0,
      initial: 'configured',
      BroadcastChannel: fake.hub.Channel,
    });
    const openedDuringClick: number[] = [];
    function Harness() {
      const connect = useSalesforceConnect({ adapter, environment: fake.environment });
      return (
        <ConnectButton
          connect={connect}
          onClickCapture={() =>
            queueMicrotask(() => openedDuringClick.push(fake.host.opened.length))
          }
        />
      );
    }
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Connect to Salesforce' });
    act(() => {
      button.click();
      // Nothing awaited yet: the popup is already open.
      expect(fake.host.opened).toHaveLength(1);
      button.click();
    });
    expect(fake.host.opened).toHaveLength(1);
    expect(button).toHaveAttribute('data-state', 'authorizing');
    await act(() => fake.clock.advance(0));
    expect(openedDuringClick).toEqual([1, 1]);
  });
});
