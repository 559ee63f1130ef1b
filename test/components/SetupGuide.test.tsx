import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, StrictMode, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SetupGuide, type SetupGuideProps } from '../../src/components/SetupGuide.js';
import { presets } from '../../src/core/guide/presets.js';
import type { GuideStepId } from '../../src/core/guide-step-ids.js';
import { setupGuideMessagesDe } from '../../src/messages/setupGuide.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const config: SetupGuideProps = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.com/oauth/callback'],
  storage: null,
};

const stepItem = (id: GuideStepId) => document.getElementById(`sfc-step-${id}`) as HTMLElement;
const toggleOf = (id: GuideStepId) =>
  stepItem(id).querySelector('[data-sfc-part="step-toggle"]') as HTMLElement;

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
  vi.restoreAllMocks();
});

// axe over the whole guide takes seconds in jsdom on a shared machine.
describe('SetupGuide', () => {
  it('shows a titled, numbered list of steps with progress, the first one open', async () => {
    const { container } = render(<SetupGuide {...config} />);
    expect(
      screen.getByRole('heading', { level: 2, name: 'Set up Salesforce for Acme' }),
    ).toBeVisible();
    expect(screen.getByRole('region', { name: 'Set up Salesforce for Acme' })).toBeVisible();
    const list = container.querySelector('ol[data-sfc-part="guide-steps"]') as HTMLElement;
    const items = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list);
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(screen.getByText(`0 of ${items.length} done`)).toBeVisible();
    expect(screen.getByRole('progressbar', { name: 'Setup progress' })).toHaveAttribute(
      'max',
      String(items.length),
    );
    expect(toggleOf('prerequisites')).toHaveAttribute('aria-expanded', 'true');
    expect(stepItem('prerequisites')).toHaveAttribute('aria-current', 'step');
    expect(toggleOf('callback-url')).toHaveAttribute('aria-expanded', 'false');
    expect(stepItem('callback-url').querySelector('[data-sfc-part="step-body"]')).not.toBeVisible();
    await expectNoAxeViolations(container);
  });

  it('opens and closes a step from its heading button', async () => {
    const user = userEvent.setup();
    render(<SetupGuide {...config} />);
    const toggle = screen.getByRole('button', { name: /Turn on OAuth and add the callback URL/ });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('textbox', { name: 'Callback URL' })).toHaveValue(
      'https://app.acme.com/oauth/callback',
    );
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('quotes Setup labels as UI labels and offers each value to copy', async () => {
    const user = userEvent.setup();
    render(<SetupGuide {...config} defaultCurrentStepId="oauth-scopes" />);
    const step = stepItem('oauth-scopes');
    expect(within(step).getByRole('textbox', { name: 'Scope values' })).toHaveValue(
      'api refresh_token id',
    );
    expect(
      [...step.querySelectorAll('[data-sfc-part="ui-label"]')].map((node) => node.textContent),
    ).toContain('OAuth Scopes');
    await user.click(within(step).getByRole('button', { name: 'Copy Scope values' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('api refresh_token id');
  });

  it('ticks a step done, moves on to the next, keeps focus, and remembers it', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<SetupGuide {...config} storage={undefined} />);
    const done = within(stepItem('prerequisites')).getByRole('checkbox', { name: 'Done' });
    expect(done).toHaveAccessibleDescription('Check your access');
    await user.click(done);
    expect(done).toBeChecked();
    expect(done).toHaveFocus();
    expect(screen.getByText(/^1 of \d+ done$/)).toHaveAttribute('role', 'status');
    expect(stepItem('prerequisites')).toHaveAttribute('data-state', 'done');
    expect(toggleOf('prerequisites')).toHaveAccessibleName(/Done$/);
    expect(stepItem('create-app')).toHaveAttribute('aria-current', 'step');
    expect(toggleOf('create-app')).toHaveAttribute('aria-expanded', 'true');
    unmount();

    render(<SetupGuide {...config} storage={undefined} />);
    // Stored ticks load after mounting; the finished step is then closed, the next one open.
    await waitFor(() => expect(stepItem('prerequisites')).toHaveAttribute('data-state', 'done'));
    expect(stepItem('prerequisites').querySelector('input[type="checkbox"]')).toBeChecked();
    expect(toggleOf('create-app')).toHaveAttribute('aria-expanded', 'true');
  });

  it('opens and focuses the step a #sfc-step- link points at', async () => {
    render(<SetupGuide {...config} />);
    act(() => {
      window.location.hash = '#sfc-step-callback-url';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(toggleOf('callback-url')).toHaveFocus());
    expect(toggleOf('callback-url')).toHaveAttribute('aria-expanded', 'true');
    expect(stepItem('callback-url')).toHaveAttribute('aria-current', 'step');
  });

  it('opens the step named in the address when it mounts', async () => {
    window.location.hash = '#sfc-step-oauth-policies';
    render(<SetupGuide {...config} />);
    await waitFor(() => expect(toggleOf('oauth-policies')).toHaveFocus());
  });

  it('focuses a step the parent navigates to, but not one it moved to itself', async () => {
    const user = userEvent.setup();
    function Parent() {
      const [step, setStep] = useState<GuideStepId>('prerequisites');
      return (
        <>
          <button type="button" onClick={() => setStep('flow-security')}>
            Show flow settings
          </button>
          <SetupGuide
            {...config}
            currentStepId={step}
            onCurrentStepChange={({ stepId }) => setStep(stepId)}
          />
        </>
      );
    }
    render(<Parent />);
    await user.click(screen.getByRole('button', { name: 'Show flow settings' }));
    await waitFor(() => expect(toggleOf('flow-security')).toHaveFocus());
    const done = within(stepItem('flow-security')).getByRole('checkbox', { name: 'Done' });
    await user.click(done);
    expect(stepItem('save-app')).toHaveAttribute('aria-current', 'step');
    expect(done).toHaveFocus();
  });

  it('links into the admin’s own Setup in a new tab when the My Domain is known', () => {
    render(
      <SetupGuide
        {...config}
        loginUrl="https://acme.my.salesforce.com"
        defaultCurrentStepId="create-app"
      />,
    );
    const link = within(stepItem('create-app')).getByRole('link', {
      name: 'Open External Client App Manager (opens in a new tab)',
    });
    expect(link).toHaveAttribute(
      'href',
      'https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home',
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('shows only the Setup path when the org is not known', () => {
    render(<SetupGuide {...config} defaultCurrentStepId="create-app" />);
    expect(within(stepItem('create-app')).queryByRole('link')).toBeNull();
    expect(within(stepItem('create-app')).getByRole('list', { name: 'Where' })).toHaveTextContent(
      /Setup.*Apps/,
    );
  });

  it('switches to Connected App instructions, Lightning or Classic', async () => {
    const user = userEvent.setup();
    const onVariantChange = vi.fn();
    const { container } = render(<SetupGuide {...config} onVariantChange={onVariantChange} />);
    await user.click(
      screen.getByRole('checkbox', { name: "My org can't create External Client Apps" }),
    );
    expect(container.querySelector('section')).toHaveAttribute(
      'data-variant',
      'connected-app-lightning',
    );
    expect(screen.getByRole('button', { name: /Create a new Connected App/ })).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'Salesforce Classic' }));
    expect(onVariantChange).toHaveBeenLastCalledWith({ variant: 'connected-app-classic' });
    expect(screen.getByRole('radio', { name: 'Salesforce Classic' })).toBeChecked();
    await expectNoAxeViolations(container);
  });

  it('explains errors in a collapsible troubleshooting section that links back to steps', async () => {
    const user = userEvent.setup();
    const { container } = render(<SetupGuide {...config} />);
    const toggle = screen.getByRole('button', { name: 'Troubleshooting' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const item = container.querySelector('[data-code="redirect_uri_mismatch"]') as HTMLElement;
    expect(
      within(item).getByRole('heading', { name: 'The callback URL does not match' }),
    ).toBeVisible();
    expect(item).toHaveTextContent('https://app.acme.com/oauth/callback');
    await expectNoAxeViolations(container);
    await user.click(within(item).getByRole('link', { name: /^Step \d+: Turn on OAuth/ }));
    await waitFor(() => expect(toggleOf('callback-url')).toHaveFocus());
  });

  it('copies the whole guide as Markdown for the admin and says so', async () => {
    const user = userEvent.setup();
    render(<SetupGuide {...config} />);
    await user.click(
      screen.getByRole('button', { name: 'Copy instructions for your Salesforce admin' }),
    );
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^# Set up Salesforce for Acme/);
    expect(copied).toContain('https://app.acme.com/oauth/callback');
    expect(await screen.findByText(/Instructions copied\./)).toBeVisible();
  });

  it('downloads the guide as a Markdown file', async () => {
    const user = userEvent.setup();
    URL.createObjectURL = vi.fn(() => 'blob:guide');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<SetupGuide {...config} />);
    await user.click(screen.getByRole('button', { name: 'Download (.md)' }));
    expect(URL.createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('acme-salesforce-setup.md');
  });

  it('speaks German with the German messages', () => {
    render(
      <SetupGuide
        {...config}
        messages={setupGuideMessagesDe}
        defaultCurrentStepId="callback-url"
      />,
    );
    expect(screen.getByRole('heading', { name: 'Salesforce für Acme einrichten' })).toBeVisible();
    expect(screen.getByText(/^0 von \d+ erledigt$/)).toBeVisible();
    expect(
      within(stepItem('callback-url')).getByRole('button', { name: / kopieren$/ }),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Fehlerbehebung' })).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Anleitung für Ihren Salesforce-Admin kopieren' }),
    ).toBeVisible();
  });

  it('renders a preset', () => {
    render(
      <SetupGuide
        {...config}
        {...presets.connectedAppForServiceSync}
        defaultCurrentStepId="oauth-scopes"
      />,
    );
    expect(
      screen.getByRole('checkbox', { name: "My org can't create External Client Apps" }),
    ).toBeChecked();
    expect(stepItem('oauth-scopes')).toHaveTextContent(/full/);
  });

  it('says plainly when its configuration is wrong', () => {
    render(<SetupGuide {...config} callbackUrls={['not a url']} />);
    expect(screen.getByText(/^The setup guide can't be shown/)).toHaveTextContent(
      /The setup guide can't be shown: The callback URL "not a url" is not a full URL/,
    );
  });

  it('drops its classes when unstyled, keeping the parts', () => {
    const { container } = render(<SetupGuide {...config} unstyled className="mine" />);
    expect(container.querySelector('section')).toHaveAttribute('class', 'mine');
    expect(container.querySelector('[class*="sfc-"]')).toBeNull();
    expect(container.querySelectorAll('[data-sfc-part="step"]').length).toBeGreaterThan(0);
  });

  it('leaves no listeners behind under StrictMode, and keeps one store of ticks', async () => {
    const user = userEvent.setup();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const { unmount } = render(
      <StrictMode>
        <SetupGuide {...config} storage={undefined} />
      </StrictMode>,
    );
    await user.click(within(stepItem('prerequisites')).getByRole('checkbox', { name: 'Done' }));
    expect(
      JSON.parse(localStorage.getItem('salesforce-connect:guide:acme:acme-sync') ?? ''),
    ).toEqual({ v: 1, done: ['prerequisites'] });
    unmount();
    const count = (spy: typeof added, type: string) =>
      spy.mock.calls.filter(([name]) => name === type).length;
    for (const type of ['hashchange', 'storage']) {
      expect(count(added, type)).toBeGreaterThan(0);
      expect(count(removed, type)).toBe(count(added, type));
    }
  });

  it('does not re-render while the admin types in a credentials form beside it', async () => {
    const user = userEvent.setup();
    const renders = vi.fn();
    const adapter = { saveCredentials: vi.fn() };
    render(
      <>
        <Profiler id="guide" onRender={renders}>
          <SetupGuide {...config} />
        </Profiler>
        <CredentialsForm adapter={adapter} />
      </>,
    );
    await waitFor(() => expect(renders).toHaveBeenCalled());
    renders.mockClear();
    await user.type(screen.getByRole('textbox', { name: 'Login URL' }), 'acme.my.salesforce.com');
    fireEvent.blur(screen.getByRole('textbox', { name: 'Login URL' }));
    expect(renders).not.toHaveBeenCalled();
  });
});
