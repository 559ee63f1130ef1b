import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { credentialsFormMessagesDe } from '../../src/messages/credentialsForm.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';

type SaveCredentials = SalesforceConnectAdapter['saveCredentials'];

function adapterWith(saveCredentials: SaveCredentials) {
  return { saveCredentials: vi.fn(saveCredentials) };
}

const configured = (input: CredentialsInput): Connection => ({
  status: 'configured',
  loginUrl: input.loginUrl,
  consumerKeyHint: input.consumerKey.slice(-4),
  hasConsumerSecret: true,
});

async function fillIn(
  user: ReturnType<typeof userEvent.setup>,
  values: Partial<CredentialsInput> = {},
) {
  const { loginUrl = 'login.salesforce.com', consumerKey = KEY, consumerSecret = SECRET } = values;
  // Admins paste the key and secret from Salesforce; the Login URL is often typed.
  if (loginUrl) await user.type(screen.getByRole('textbox', { name: 'Login URL' }), loginUrl);
  if (consumerKey) {
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(consumerKey);
  }
  if (consumerSecret) {
    await user.click(screen.getByLabelText('Consumer Secret'));
    await user.paste(consumerSecret);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CredentialsForm', () => {
  it('names its three boxes and the submit button, each with a description', async () => {
    const { container } = render(
      <CredentialsForm
        adapter={adapterWith(async () =>
          configured({ loginUrl: '', consumerKey: '', consumerSecret: '' }),
        )}
      />,
    );
    const loginUrl = screen.getByRole('textbox', { name: 'Login URL' });
    expect(loginUrl).toHaveAccessibleDescription(/My Domain/);
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveAccessibleDescription(
      /Consumer Key and Secret/,
    );
    const secret = screen.getByLabelText('Consumer Secret');
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveAttribute('autocomplete', 'off');
    expect(screen.getByRole('button', { name: 'Save credentials' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows which login address it will use while the admin types', async () => {
    const user = userEvent.setup();
    render(<CredentialsForm adapter={adapterWith(async (input) => configured(input))} />);
    const box = screen.getByRole('textbox', { name: 'Login URL' });
    await user.type(box, 'acme.my.salesforce.com');
    expect(screen.getByText("We'll use https://acme.my.salesforce.com (My Domain).")).toBeVisible();
    expect(box).toHaveAccessibleDescription(/We'll use https:\/\/acme\.my\.salesforce\.com/);

    await user.clear(box);
    await user.click(box);
    await user.paste('https://acme.lightning.force.com/lightning/setup/SetupOneHome/home');
    expect(
      screen.getByText(
        "We'll use https://acme.my.salesforce.com, the login address for the Lightning URL you pasted.",
      ),
    ).toBeVisible();
  });

  it('checks a field when the admin leaves it, and ties the error to the box', async () => {
    const user = userEvent.setup();
    render(<CredentialsForm adapter={adapterWith(async (input) => configured(input))} />);
    const key = screen.getByRole('textbox', { name: 'Consumer Key' });
    await user.click(key);
    await user.tab();
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(key).toHaveAccessibleDescription(/Enter the Consumer Key\./);

    await user.type(key, '3MVG9 abc');
    expect(key).toHaveAccessibleDescription(/The Consumer Key has no spaces/);
    await user.clear(key);
    await user.paste(KEY);
    expect(key).not.toHaveAttribute('aria-invalid');
  });

  it('refuses a non-Salesforce Login URL with the specific reason', async () => {
    const user = userEvent.setup();
    render(<CredentialsForm adapter={adapterWith(async (input) => configured(input))} />);
    const box = screen.getByRole('textbox', { name: 'Login URL' });
    await user.type(box, 'https://salesforce.com.evil.io');
    await user.tab();
    expect(box).toHaveAccessibleDescription(/only looks like Salesforce/);
  });

  it('moves focus to the first invalid field on submit and does not call the backend', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async (input) => configured(input));
    render(<CredentialsForm adapter={adapter} />);
    await user.type(screen.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveFocus(),
    );
    expect(screen.getByLabelText('Consumer Secret')).toHaveAttribute('aria-invalid', 'true');
    expect(adapter.saveCredentials).not.toHaveBeenCalled();
  });

  it('saves normalized values, confirms, and makes the secret write-only', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async (input) => configured(input));
    const onSaved = vi.fn();
    const { container } = render(<CredentialsForm adapter={adapter} onSaved={onSaved} />);
    await fillIn(user, { loginUrl: ' HTTPS://Acme.My.Salesforce.com/home ' });
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));

    expect(await screen.findByText('Credentials saved.')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('Credentials saved.');
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      { loginUrl: 'https://acme.my.salesforce.com', consumerKey: KEY, consumerSecret: SECRET },
      { signal: expect.any(AbortSignal) },
    );
    expect(onSaved).toHaveBeenCalledWith({
      connection: expect.objectContaining({ status: 'configured', hasConsumerSecret: true }),
    });
    expect(screen.queryByLabelText('Consumer Secret', { selector: 'input' })).toBeNull();
    expect(screen.getByText('Consumer Secret saved.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Replace Consumer Secret' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveAccessibleDescription(
      /Saved key ends in AAAA\./,
    );
    expect(screen.getByRole('textbox', { name: 'Login URL' })).toHaveValue(
      'https://acme.my.salesforce.com',
    );
    // The secret is gone from the page and from the form's state.
    expect(container.innerHTML).not.toContain(SECRET);
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Replace Consumer Secret' }));
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue('');
  });

  it('never stores, logs or links the secret', async () => {
    const user = userEvent.setup();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const logs = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
    ];
    render(<CredentialsForm adapter={adapterWith(async (input) => configured(input))} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await screen.findByText('Credentials saved.');
    const written = [...setItem.mock.calls, ...logs.flatMap((spy) => spy.mock.calls)];
    expect(JSON.stringify(written)).not.toContain(SECRET);
    expect(window.location.href).not.toContain(SECRET);
  });

  it('keeps every typed value and puts the rejected secret back in focus when Salesforce refuses it', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async () => {
      throw new ConnectError('invalid_client', 'invalid client credentials');
    });
    const { container } = render(<CredentialsForm adapter={adapter} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));

    const secret = screen.getByLabelText('Consumer Secret');
    await waitFor(() => expect(secret).toHaveFocus());
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(secret).toHaveAccessibleDescription(/Salesforce rejected this Consumer Secret/);
    expect(secret).toHaveValue(SECRET);
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(KEY);
    expect(screen.getByRole('alert')).toHaveTextContent("Your credentials weren't saved");
    expect(container.querySelector('form')).toHaveAttribute('data-state', 'failed');
    await expectNoAxeViolations(container);
  });

  it('puts an unknown Consumer Key error on the key box', async () => {
    const user = userEvent.setup();
    render(
      <CredentialsForm
        adapter={adapterWith(async () => {
          throw new ConnectError('invalid_client_id', 'client identifier invalid');
        })}
      />,
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    const key = screen.getByRole('textbox', { name: 'Consumer Key' });
    await waitFor(() => expect(key).toHaveFocus());
    expect(key).toHaveAccessibleDescription(/doesn't know this Consumer Key/);
  });

  it('puts a server-refused Login URL on the Login URL box with the server reason', async () => {
    const user = userEvent.setup();
    render(
      <CredentialsForm
        adapter={adapterWith(async () => {
          throw new ConnectError('invalid_login_url', 'This org is not allowed here.');
        })}
      />,
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    const box = screen.getByRole('textbox', { name: 'Login URL' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveAccessibleDescription(/This org is not allowed here\./);
  });

  it('points a callback URL mismatch at the guide step', async () => {
    const user = userEvent.setup();
    const onShowGuideStep = vi.fn();
    render(
      <CredentialsForm
        adapter={adapterWith(async () => {
          throw new ConnectError('redirect_uri_mismatch', 'redirect_uri must match configuration');
        })}
        onShowGuideStep={onShowGuideStep}
      />,
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(/Callback URL in your Salesforce app/));
    const link = screen.getByRole('link', { name: 'Show the step in the setup guide' });
    expect(link).toHaveAttribute('href', '#sfc-step-callback-url');
    await user.click(link);
    expect(onShowGuideStep).toHaveBeenCalledWith(
      expect.objectContaining({ stepId: 'callback-url' }),
    );
  });

  it('says what went wrong when the backend is unreachable, keeping the values', async () => {
    const user = userEvent.setup();
    render(
      <CredentialsForm
        adapter={adapterWith(async () => {
          throw new ConnectError('network', 'The server could not be reached.');
        })}
      />,
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached.'),
    );
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
    expect(screen.getByRole('button', { name: 'Save credentials' })).toHaveFocus();
  });

  it('flags a preflight finding returned with a successful save', async () => {
    const user = userEvent.setup();
    const adapter = createMemoryAdapter({ latencyMs: 0, scenario: 'invalid_client_id' });
    const onSaved = vi.fn();
    render(<CredentialsForm adapter={adapter} onSaved={onSaved} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Saved, but Salesforce reported a problem',
      ),
    );
    expect(onSaved).toHaveBeenCalledOnce();
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByText('Consumer Secret saved.')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('shows it is saving, and ignores a second submit meanwhile', async () => {
    const user = userEvent.setup();
    let finish: (connection: Connection) => void = () => {};
    const adapter = adapterWith(() => new Promise<Connection>((resolve) => (finish = resolve)));
    render(<CredentialsForm adapter={adapter} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    const busy = await screen.findByRole('button', { name: 'Saving…' });
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    await user.click(busy);
    expect(adapter.saveCredentials).toHaveBeenCalledTimes(1);
    await act(async () => finish({ status: 'configured', hasConsumerSecret: true }));
    expect(await screen.findByRole('button', { name: 'Save credentials' })).toBeVisible();
  });

  it('offers to swap a key and secret pasted the wrong way round', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <CredentialsForm adapter={adapterWith(async (input) => configured(input))} />,
    );
    await fillIn(user, { consumerKey: SECRET, consumerSecret: KEY });
    await user.tab();
    const key = screen.getByRole('textbox', { name: 'Consumer Key' });
    expect(key).toHaveAccessibleDescription(/look swapped/);
    expect(container.querySelector('.sfc-notice[data-tone="warning"]')).not.toBeNull();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Swap them' }));
    expect(key).toHaveValue(KEY);
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
    expect(screen.queryByRole('button', { name: 'Swap them' })).toBeNull();
  });

  it('shows and hides the secret without changing its name', async () => {
    const user = userEvent.setup();
    render(<CredentialsForm adapter={adapterWith(async (input) => configured(input))} />);
    const toggle = screen.getByRole('button', { name: 'Show secret' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('textbox', { name: 'Consumer Secret' })).toHaveAttribute(
      'type',
      'text',
    );
    await user.click(toggle);
    expect(screen.getByLabelText('Consumer Secret')).toHaveAttribute('type', 'password');
  });

  it('keeps a saved secret when the admin saves without replacing it', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async (input) => configured(input));
    render(
      <CredentialsForm
        adapter={adapter}
        connection={{
          status: 'configured',
          loginUrl: 'https://acme.my.salesforce.com',
          consumerKeyHint: 'AAAA',
          hasConsumerSecret: true,
        }}
      />,
    );
    expect(screen.getByRole('textbox', { name: 'Login URL' })).toHaveValue(
      'https://acme.my.salesforce.com',
    );
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveAccessibleDescription(
      /Saved key ends in AAAA\./,
    );
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await screen.findByText('Credentials saved.');
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      expect.objectContaining({ consumerSecret: '' }),
      expect.anything(),
    );
  });

  it('asks for the secret again when the Consumer Key or Login URL differs from the saved app, losing nothing typed', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async (input) => configured(input));
    render(
      <CredentialsForm
        adapter={adapter}
        connection={{
          status: 'configured',
          loginUrl: 'https://acme.my.salesforce.com',
          consumerKeyHint: 'AAAA',
          hasConsumerSecret: true,
        }}
      />,
    );
    const otherKey = `3MVG9${'B'.repeat(80)}`;
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(otherKey);
    const secret = await screen.findByLabelText('Consumer Secret');
    expect(secret).toHaveAccessibleDescription(/type the Consumer Secret of this app too/);
    expect(screen.queryByRole('button', { name: 'Keep saved secret' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect(adapter.saveCredentials).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(otherKey);
    // Typed secret survives editing the key back: the box stays open.
    await user.type(screen.getByLabelText('Consumer Secret'), SECRET);
    await user.clear(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await screen.findByText('Credentials saved.');
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      expect.objectContaining({ consumerSecret: SECRET }),
      expect.anything(),
    );
  });

  it('asks for the secret when only the Login URL points at another org', async () => {
    const user = userEvent.setup();
    const adapter = adapterWith(async (input) => configured(input));
    render(
      <CredentialsForm
        adapter={adapter}
        connection={{
          status: 'configured',
          loginUrl: 'https://acme.my.salesforce.com',
          consumerKeyHint: 'AAAA',
          hasConsumerSecret: true,
        }}
      />,
    );
    const loginUrl = screen.getByRole('textbox', { name: 'Login URL' });
    await user.clear(loginUrl);
    await user.type(loginUrl, 'https://test.salesforce.com');
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    expect(await screen.findByLabelText('Consumer Secret')).toHaveAccessibleDescription(
      /Login URL is not the saved one/,
    );
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect(adapter.saveCredentials).not.toHaveBeenCalled();
  });

  it('opens an empty, focused secret box on Replace, and closes it again on Keep', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <CredentialsForm
        adapter={adapterWith(async (input) => configured(input))}
        connection={{ status: 'configured', hasConsumerSecret: true }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Replace Consumer Secret' }));
    const secret = screen.getByLabelText('Consumer Secret');
    await waitFor(() => expect(secret).toHaveFocus());
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription(/Leave it empty to keep the saved secret\./);
    await expectNoAxeViolations(container);
    await user.type(secret, 'abc');
    await user.click(screen.getByRole('button', { name: 'Keep saved secret' }));
    const replace = screen.getByRole('button', { name: 'Replace Consumer Secret' });
    await waitFor(() => expect(replace).toHaveFocus());
    await user.click(replace);
    expect(screen.getByLabelText('Consumer Secret')).toHaveValue('');
  });

  it('aborts the save when it unmounts, and reports nothing afterwards', async () => {
    const user = userEvent.setup();
    let signal: AbortSignal | undefined;
    const onSaved = vi.fn();
    const adapter = adapterWith(
      (_input, options) =>
        new Promise<Connection>((_resolve, reject) => {
          signal = options?.signal;
          signal?.addEventListener('abort', () =>
            reject(new DOMException('Aborted', 'AbortError')),
          );
        }),
    );
    const { unmount } = render(
      <StrictMode>
        <CredentialsForm adapter={adapter} onSaved={onSaved} />
      </StrictMode>,
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(signal).toBeDefined());
    expect(signal?.aborted).toBe(false);
    unmount();
    expect(signal?.aborted).toBe(true);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('speaks German with the German messages, core checks included', async () => {
    const user = userEvent.setup();
    render(
      <SalesforceConnectMessagesProvider messages={{ credentialsForm: credentialsFormMessagesDe }}>
        <CredentialsForm adapter={adapterWith(async (input) => configured(input))} />
      </SalesforceConnectMessagesProvider>,
    );
    const box = screen.getByRole('textbox', { name: 'Login-URL' });
    await user.type(box, 'acme.my.salesforce.com');
    expect(
      screen.getByText('Wir verwenden https://acme.my.salesforce.com (My Domain).'),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Zugangsdaten speichern' }));
    expect(await screen.findByText('Geben Sie den Consumer Key ein.')).toBeVisible();
    await user.clear(box);
    await user.tab();
    expect(box).toHaveAccessibleDescription(/Geben Sie Ihre Salesforce-Login-URL ein\./);
  });

  it('drops its classes when unstyled but keeps the parts', () => {
    const { container } = render(
      <CredentialsForm
        unstyled
        className="mine"
        adapter={adapterWith(async (input) => configured(input))}
      />,
    );
    const form = container.querySelector('form');
    expect(form).toHaveAttribute('class', 'mine');
    expect(form).toHaveAttribute('data-sfc-part', 'credentials-form');
    expect(container.querySelector('[class*="sfc-"]')).toBeNull();
    expect(container.querySelectorAll('[data-sfc-part="field"]')).toHaveLength(3);
  });
});
