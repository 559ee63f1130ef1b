import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorExplanation } from '../../src/components/ErrorExplanation.js';
import { ConnectError } from '../../src/core/errors.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import {
  errorCataloguesByLocale,
  errorExplanationMessagesDe,
} from '../../src/messages/errorExplanation.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const callbackUrl = 'https://app.example.com/api/salesforce/oauth/callback';

describe('ErrorExplanation', () => {
  it('shows the title, the cause and numbered fixes with the given values filled in', async () => {
    const { container } = render(
      <ErrorExplanation
        error={new ConnectError('redirect_uri_mismatch', 'mismatch')}
        values={{ callbackUrl, appName: 'Acme Sync' }}
      />,
    );
    expect(
      screen.getByRole('heading', { level: 3, name: 'The callback URL does not match' }),
    ).toBeInTheDocument();
    const fixes = screen.getByRole('list', { name: 'How to fix it' });
    const items = within(fixes).getAllByRole('listitem');
    expect(fixes.tagName).toBe('OL');
    expect(items[0]).toHaveTextContent(
      `open Acme Sync and set its Callback URL to exactly ${callbackUrl}`,
    );
    expect(container.firstElementChild).toHaveAttribute('data-state', 'redirect_uri_mismatch');
    await expectNoAxeViolations(container);
  });

  it('links to the guide step where the fix is made, as an anchor or through onGoToStep', async () => {
    const user = userEvent.setup();
    const onGoToStep = vi.fn();
    const { rerender } = render(<ErrorExplanation error="redirect_uri_mismatch" />);
    const link = screen.getByRole('link', { name: 'Show this step in the setup guide' });
    expect(link).toHaveAttribute('href', '#sfc-step-callback-url');
    rerender(<ErrorExplanation error="redirect_uri_mismatch" onGoToStep={onGoToStep} />);
    await user.click(screen.getByRole('link', { name: 'Show this step in the setup guide' }));
    expect(onGoToStep).toHaveBeenCalledWith({ stepId: 'callback-url' });
    expect(window.location.hash).toBe('');
  });

  it('offers Try again only where trying again can help', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const { rerender } = render(<ErrorExplanation error="network" onRetry={onRetry} />);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    rerender(<ErrorExplanation error="redirect_uri_mismatch" onRetry={onRetry} />);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    rerender(
      <ErrorExplanation error="popup_closed" onRetry={onRetry} retryLabel="Open Salesforce" />,
    );
    expect(screen.getByRole('button', { name: 'Open Salesforce' })).toBeInTheDocument();
  });

  it('quotes Salesforce’s own description when the error carries one', () => {
    render(
      <ErrorExplanation
        error={
          new ConnectError('invalid_client_id', 'x', {
            salesforceDescription: 'client identifier invalid',
          })
        }
      />,
    );
    expect(screen.getByText('Salesforce said: “client identifier invalid”')).toBeInTheDocument();
  });

  it('explains a pasted Salesforce error page address', async () => {
    const user = userEvent.setup();
    const { container } = render(<ErrorExplanation error="unknown" values={{ callbackUrl }} />);
    await user.click(
      screen.getByText('Did Salesforce show an error page? Paste its address or text'),
    );
    const box = screen.getByRole('textbox', {
      name: 'Address or text of the Salesforce error page',
    });
    expect(box).toHaveAccessibleDescription(
      'It is read on this page only; nothing is sent anywhere.',
    );
    await user.click(box);
    await user.paste(
      'https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration',
    );
    const pasted = container.querySelector('[data-sfc-part="error-pasted"]') as HTMLElement;
    expect(pasted).toHaveAttribute('data-state', 'recognised');
    expect(pasted).toHaveAttribute('aria-live', 'polite');
    expect(
      within(pasted).getByRole('heading', { level: 4, name: 'The callback URL does not match' }),
    ).toBeInTheDocument();
    expect(
      within(pasted).getByText('Salesforce said: “redirect_uri must match configuration”'),
    ).toBeInTheDocument();
    expect(within(pasted).getAllByRole('listitem')[0]).toHaveTextContent(callbackUrl);
    await expectNoAxeViolations(container);
  });

  it('says so when the pasted text is not a Salesforce error, and keeps what was typed', async () => {
    const user = userEvent.setup();
    render(<ErrorExplanation error="unknown" />);
    await user.click(screen.getByText(/Paste its address or text/));
    const box = screen.getByRole('textbox');
    await user.type(box, 'hello there');
    expect(screen.getByText('We could not recognise that text')).toBeInTheDocument();
    expect(box).toHaveValue('hello there');
  });

  it('in summary mode shows title, cause and the guide link only', () => {
    render(<ErrorExplanation error="invalid_client_id" summary onRetry={() => {}} />);
    expect(screen.getByRole('heading', { name: /Consumer Key/i })).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByText(/Paste its address/)).toBeNull();
    expect(screen.getByRole('link')).toHaveAttribute('href', '#sfc-step-consumer-credentials');
  });

  it('speaks German through the message provider', () => {
    render(
      <SalesforceConnectMessagesProvider
        messages={{
          errorExplanation: errorExplanationMessagesDe,
          errors: errorCataloguesByLocale.de,
        }}
      >
        <ErrorExplanation error="popup_closed" onRetry={() => {}} />
      </SalesforceConnectMessagesProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent(
      errorCataloguesByLocale.de.errors.popup_closed.title,
    );
    expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeInTheDocument();
  });

  it('drops its classes when unstyled but keeps the data attributes', () => {
    const { container } = render(<ErrorExplanation error="network" unstyled className="mine" />);
    const root = container.firstElementChild as HTMLElement;
    expect(root.className).toBe('mine');
    expect(container.querySelector('.sfc-error-title')).toBeNull();
    expect(container.querySelector('[data-sfc-part="error-title"]')).not.toBeNull();
  });

  it('says who must act: the person connecting for their own fixes', () => {
    render(<ErrorExplanation error="popup_blocked" />);
    expect(screen.getByText('You can fix this yourself, here.')).toHaveAttribute(
      'data-actor',
      'person-connecting',
    );
    expect(
      screen.queryByRole('button', { name: 'Copy instructions for your Salesforce admin' }),
    ).toBeNull();
  });

  it('hands an admin fix to the Salesforce admin as text, Salesforce’s words and the fixes included', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <ErrorExplanation
        error={{ code: 'app_not_installed', salesforceDescription: 'OAUTH_AUTHORIZATION_BLOCKED' }}
        values={{ appName: 'Acme Sync' }}
      />,
    );
    expect(screen.getByText(/Your Salesforce admin fixes this in Setup/)).toHaveAttribute(
      'data-actor',
      'salesforce-admin',
    );
    await user.click(
      screen.getByRole('button', { name: 'Copy instructions for your Salesforce admin' }),
    );
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^The app is blocked in this org\n/);
    expect(copied).toContain('Salesforce said: “OAUTH_AUTHORIZATION_BLOCKED”');
    expect(copied).toContain('Your Salesforce admin fixes this in Setup');
    expect(copied).toContain(
      '1. Install the app: in Setup, open "Connected Apps OAuth Usage", find Acme Sync and click "Install".',
    );
    expect(copied).toContain('Approve Uninstalled Connected Apps');
    expect(copied).toMatch(/Error code: app_not_installed$/);
    expect(screen.getByText(/^Copied\./)).toHaveAttribute('role', 'status');
    await expectNoAxeViolations(container);
  });

  it('offers the hand-off for a pasted error the admin must fix, and says who acts in German', async () => {
    const user = userEvent.setup();
    render(
      <SalesforceConnectMessagesProvider
        messages={{
          errorExplanation: errorExplanationMessagesDe,
          errors: errorCataloguesByLocale.de,
        }}
      >
        <ErrorExplanation error="unknown" />
      </SalesforceConnectMessagesProvider>,
    );
    await user.click(screen.getByText(/Fügen Sie deren Adresse oder Text ein/));
    await user.click(screen.getByRole('textbox'));
    await user.paste('ip restricted or invalid login hours');
    expect(
      screen.getByRole('heading', { name: errorCataloguesByLocale.de.errors.ip_restricted.title }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Das behebt Ihr Salesforce-Admin im Setup/)).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Anleitung für Ihren Salesforce-Admin kopieren' }),
    );
    expect(await navigator.clipboard.readText()).toContain(
      'Enforce IP restrictions, but relax for refresh tokens',
    );
  });
});
