import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectDialog, type ConnectDialogFlow } from '../../src/components/ConnectDialog.js';
import { ConnectError } from '../../src/core/errors.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { connectDialogMessagesDe } from '../../src/messages/dialog.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

function flow(overrides: Partial<ConnectDialogFlow> = {}): ConnectDialogFlow {
  return {
    phase: 'idle',
    popupState: 'none',
    connection: { status: 'configured' },
    error: undefined,
    open: vi.fn(),
    cancel: vi.fn(),
    retry: vi.fn(),
    focusPopup: vi.fn(() => true),
    ...overrides,
  };
}

const dialog = () => screen.getByRole('dialog');
const liveText = () => dialog().querySelector('[aria-live="polite"]')?.textContent;

describe('ConnectDialog', () => {
  it('opens itself when an attempt starts, titled and described', async () => {
    const onOpenChange = vi.fn();
    const { rerender } = render(<ConnectDialog connect={flow()} onOpenChange={onOpenChange} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    rerender(
      <ConnectDialog
        connect={flow({ phase: 'authorizing', popupState: 'open' })}
        onOpenChange={onOpenChange}
      />,
    );
    expect(dialog()).toHaveAccessibleName('Waiting for Salesforce…');
    expect(dialog()).toHaveAccessibleDescription(
      'Sign in and allow access in the Salesforce window. This page updates by itself.',
    );
    expect(dialog()).toHaveAttribute('data-state', 'waiting');
    expect(onOpenChange).toHaveBeenCalledWith(true);
    await expectNoAxeViolations(document.body);
  });

  it('does not open itself with openOnConnect={false}', () => {
    const { rerender } = render(<ConnectDialog connect={flow()} openOnConnect={false} />);
    rerender(<ConnectDialog connect={flow({ phase: 'authorizing' })} openOnConnect={false} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('while waiting, brings the window back and cancels', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'opening' });
    render(<ConnectDialog connect={connect} defaultOpen />);
    expect(dialog()).toHaveAccessibleDescription('Opening the Salesforce window…');
    await user.click(screen.getByRole('button', { name: 'Bring the window back' }));
    expect(connect.focusPopup).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(connect.cancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape cancels the attempt and closes', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'open' });
    const onOpenChange = vi.fn();
    render(<ConnectDialog connect={connect} defaultOpen onOpenChange={onOpenChange} />);
    await user.keyboard('{Escape}');
    expect(connect.cancel).toHaveBeenCalledTimes(1);
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers "Open Salesforce" (a fresh click) when the popup was blocked', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'blocked' });
    render(<ConnectDialog connect={connect} defaultOpen />);
    expect(dialog()).toHaveAccessibleName('The browser blocked the Salesforce window');
    expect(dialog()).toHaveAttribute('data-state', 'blocked');
    await expectNoAxeViolations(document.body);
    await user.click(screen.getByRole('button', { name: 'Open Salesforce' }));
    expect(connect.retry).toHaveBeenCalledTimes(1);
    expect(connect.open).not.toHaveBeenCalled();
  });

  it('offers "Open Salesforce" and Cancel when the popup was closed', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'closed' });
    render(<ConnectDialog connect={connect} defaultOpen />);
    expect(dialog()).toHaveAccessibleName('The Salesforce window was closed');
    await user.click(screen.getByRole('button', { name: 'Open Salesforce' }));
    expect(connect.retry).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    await expectNoAxeViolations(document.body);
  });

  it('says it is finishing while the code is exchanged', async () => {
    render(<ConnectDialog connect={flow({ phase: 'completing' })} defaultOpen />);
    expect(dialog()).toHaveAccessibleName('Finishing…');
    expect(dialog()).toHaveAttribute('data-state', 'completing');
    await expectNoAxeViolations(document.body);
  });

  it('explains a failure with its fixes and Try again', async () => {
    const user = userEvent.setup();
    const connect = flow({
      phase: 'failed',
      error: new ConnectError('access_denied', 'end-user denied authorization'),
    });
    const onGoToStep = vi.fn();
    render(<ConnectDialog connect={connect} defaultOpen onGoToStep={onGoToStep} />);
    expect(dialog()).toHaveAccessibleName('Could not connect to Salesforce');
    expect(within(dialog()).getByRole('heading', { level: 3 })).toBeInTheDocument();
    expect(within(dialog()).getByRole('list')).toBeInTheDocument();
    await expectNoAxeViolations(document.body);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(connect.retry).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    // Closing dismisses the failure.
    expect(connect.cancel).toHaveBeenCalledTimes(1);
  });

  it('words the retry of a closed window as "Open Salesforce", and links to the guide', async () => {
    const user = userEvent.setup();
    const onGoToStep = vi.fn();
    const { rerender } = render(
      <ConnectDialog
        connect={flow({ phase: 'failed', error: new ConnectError('popup_closed', 'closed') })}
        defaultOpen
        onGoToStep={onGoToStep}
      />,
    );
    expect(screen.getByRole('button', { name: 'Open Salesforce' })).toBeInTheDocument();
    rerender(
      <ConnectDialog
        connect={flow({
          phase: 'failed',
          error: new ConnectError('redirect_uri_mismatch', 'mismatch'),
        })}
        defaultOpen
        onGoToStep={onGoToStep}
        errorValues={{ callbackUrl: 'https://app.example.com/cb' }}
      />,
    );
    expect(within(dialog()).getByText(/https:\/\/app\.example\.com\/cb/)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Show this step in the setup guide' }));
    expect(onGoToStep).toHaveBeenCalledWith({ stepId: 'callback-url' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('celebrates success and closes on Done', async () => {
    const user = userEvent.setup();
    const connect = flow({
      phase: 'succeeded',
      connection: {
        status: 'connected',
        org: { id: '00D', name: 'Acme Corporation', instanceUrl: 'https://acme.my.salesforce.com' },
        user: { id: '005', username: 'admin@acme.example.com', displayName: 'Alex Admin' },
      },
    });
    render(<ConnectDialog connect={connect} defaultOpen />);
    expect(dialog()).toHaveAccessibleName('Connected to Acme Corporation');
    expect(dialog()).toHaveAccessibleDescription('Signed in as Alex Admin.');
    await expectNoAxeViolations(document.body);
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(connect.cancel).not.toHaveBeenCalled();
  });

  it('opened while idle, offers to open Salesforce', async () => {
    const user = userEvent.setup();
    const connect = flow();
    render(<ConnectDialog connect={connect} defaultOpen />);
    expect(dialog()).toHaveAccessibleName('Connect to Salesforce');
    await user.click(screen.getByRole('button', { name: 'Open Salesforce' }));
    expect(connect.open).toHaveBeenCalledTimes(1);
  });

  it('announces each change in a polite live region', () => {
    const { rerender } = render(
      <ConnectDialog connect={flow({ phase: 'authorizing', popupState: 'open' })} defaultOpen />,
    );
    expect(liveText()).toContain('Waiting for Salesforce…');
    rerender(<ConnectDialog connect={flow({ phase: 'completing' })} defaultOpen />);
    expect(liveText()).toContain('Finishing…');
  });

  it('works controlled: the parent decides', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'open' });
    function Parent() {
      const [open, setOpen] = useState(true);
      return (
        <>
          <p>{open ? 'parent says open' : 'parent says closed'}</p>
          <ConnectDialog connect={connect} open={open} onOpenChange={setOpen} />
        </>
      );
    }
    render(<Parent />);
    expect(dialog()).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.getByText('parent says closed')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('returns focus to the element that opened it', async () => {
    const user = userEvent.setup();
    function Harness() {
      const [phase, setPhase] = useState<'idle' | 'authorizing'>('idle');
      const ref = useRef<HTMLButtonElement>(null);
      const connect = flow({
        phase,
        popupState: phase === 'idle' ? 'none' : 'open',
        cancel: () => setPhase('idle'),
      });
      return (
        <>
          <button type="button" ref={ref} onClick={() => setPhase('authorizing')}>
            Connect to Salesforce
          </button>
          <ConnectDialog connect={connect} />
        </>
      );
    }
    render(<Harness />);
    const trigger = screen.getByRole('button', { name: 'Connect to Salesforce' });
    await user.click(trigger);
    expect(dialog()).toBeInTheDocument();
    expect(dialog().contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    await act(async () => {});
    expect(trigger).toHaveFocus();
  });

  it('keeps the page behind from scrolling while open, and restores it after', async () => {
    const user = userEvent.setup();
    document.documentElement.style.overflow = 'auto';
    render(<ConnectDialog connect={flow({ phase: 'succeeded' })} defaultOpen />);
    expect(document.documentElement.style.overflow).toBe('hidden');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.documentElement.style.overflow).toBe('auto');
    document.documentElement.style.overflow = '';
  });

  it('a click on the overlay cancels like Escape', async () => {
    const user = userEvent.setup();
    const connect = flow({ phase: 'authorizing', popupState: 'open' });
    render(<ConnectDialog connect={connect} defaultOpen />);
    const overlay = document.querySelector('[data-sfc-part="dialog-overlay"]') as HTMLElement;
    await user.click(overlay);
    expect(connect.cancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('speaks German, and carries the theme and class names on its parts', () => {
    render(
      <SalesforceConnectMessagesProvider messages={{ connectDialog: connectDialogMessagesDe }}>
        <ConnectDialog
          connect={flow({ phase: 'authorizing', popupState: 'open' })}
          defaultOpen
          theme="dark"
          className="mine"
        />
      </SalesforceConnectMessagesProvider>,
    );
    expect(dialog()).toHaveAccessibleName('Warten auf Salesforce…');
    expect(dialog()).toHaveAttribute('data-theme', 'dark');
    expect(dialog().className).toBe('sfc-scope sfc-dialog mine');
    expect(screen.getByRole('button', { name: 'Fenster wieder anzeigen' })).toBeInTheDocument();
  });
});
