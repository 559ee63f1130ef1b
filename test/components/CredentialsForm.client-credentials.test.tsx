// The credentials form for `flow: 'client-credentials'`: the Login URL box asks for the My
// Domain URL, refuses login.salesforce.com and test.salesforce.com beside the box (the flow does
// not work there), keeps everything typed, and saves the flow with the credentials.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import { SalesforceConnectMessagesProvider } from '../../src/messages/context.js';
import { credentialsFormMessagesDe } from '../../src/messages/credentialsForm.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const KEY = `3MVG9${'A'.repeat(80)}`;
const SECRET = '1234567890123456789';

const configured = (input: CredentialsInput): Connection => ({
  status: 'configured',
  flow: 'client-credentials',
  loginUrl: input.loginUrl,
  consumerKeyHint: input.consumerKey.slice(-4),
  hasConsumerSecret: true,
});

async function fillIn(user: ReturnType<typeof userEvent.setup>, loginUrl: string, label: string) {
  await user.type(screen.getByRole('textbox', { name: label }), loginUrl);
  await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
  await user.paste(KEY);
  await user.click(screen.getByLabelText('Consumer Secret'));
  await user.paste(SECRET);
}

describe('CredentialsForm with flow="client-credentials"', () => {
  it('asks for the My Domain URL and says why the generic hosts do not work', async () => {
    const { container } = render(
      <CredentialsForm
        flow="client-credentials"
        adapter={{ saveCredentials: vi.fn(async (input) => configured(input)) }}
      />,
    );
    const box = screen.getByRole('textbox', { name: 'My Domain URL' });
    expect(box).toHaveAccessibleDescription(
      /Setup > My Domain.*does not work on login\.salesforce\.com or test\.salesforce\.com/,
    );
    expect(screen.queryByRole('textbox', { name: 'Login URL' })).toBeNull();
    await expectNoAxeViolations(container);
  });

  it.each([['login.salesforce.com'], ['https://test.salesforce.com/']])(
    'refuses %s beside the box, keeps every value and saves nothing',
    async (typed) => {
      const user = userEvent.setup();
      const saveCredentials = vi.fn(async (input: CredentialsInput) => configured(input));
      const { container } = render(
        <CredentialsForm flow="client-credentials" adapter={{ saveCredentials }} />,
      );
      await fillIn(user, typed, 'My Domain URL');
      await user.click(screen.getByRole('button', { name: 'Save credentials' }));
      const box = screen.getByRole('textbox', { name: 'My Domain URL' });
      await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'));
      expect(box).toHaveFocus();
      expect(box).toHaveAccessibleDescription(
        /Enter your My Domain URL \(Setup > My Domain\).*does not work on login\.salesforce\.com/,
      );
      expect(saveCredentials).not.toHaveBeenCalled();
      // Nothing typed is lost.
      expect(box).toHaveValue(typed);
      expect(screen.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(KEY);
      expect(screen.getByLabelText('Consumer Secret')).toHaveValue(SECRET);
      await expectNoAxeViolations(container);

      // Fixing the address clears the refusal and saves, with the flow.
      await user.clear(box);
      await user.type(box, 'acme.my.salesforce.com');
      await user.click(screen.getByRole('button', { name: 'Save credentials' }));
      await waitFor(() => expect(saveCredentials).toHaveBeenCalledTimes(1));
      expect(saveCredentials.mock.calls[0]?.[0]).toEqual({
        loginUrl: 'https://acme.my.salesforce.com',
        consumerKey: KEY,
        consumerSecret: SECRET,
        flow: 'client-credentials',
      });
      expect(box).not.toHaveAttribute('aria-invalid');
    },
  );

  it("puts the server's generic_login_host refusal on the box, in the form's words", async () => {
    const user = userEvent.setup();
    // A backend allowing a local host the form accepts, but refusing it for this flow.
    render(
      <CredentialsForm
        flow="client-credentials"
        loginUrlOptions={{ allowedHosts: ['localhost:4010'] }}
        adapter={{
          saveCredentials: vi.fn(async () => {
            throw new ConnectError('generic_login_host', 'Not here.', { field: 'loginUrl' });
          }),
        }}
      />,
    );
    await fillIn(user, 'http://localhost:4010', 'My Domain URL');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    const box = screen.getByRole('textbox', { name: 'My Domain URL' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveAccessibleDescription(/Not here\./);
    expect(box).toHaveValue('http://localhost:4010');
  });

  it('accepts the generic hosts in the default flow, and saves no flow', async () => {
    const user = userEvent.setup();
    const saveCredentials = vi.fn(async (input: CredentialsInput) => configured(input));
    render(<CredentialsForm adapter={{ saveCredentials }} />);
    await fillIn(user, 'login.salesforce.com', 'Login URL');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(saveCredentials).toHaveBeenCalledTimes(1));
    expect(saveCredentials.mock.calls[0]?.[0]).not.toHaveProperty('flow');
  });

  it('says it in German', async () => {
    const user = userEvent.setup();
    render(
      <SalesforceConnectMessagesProvider messages={{ credentialsForm: credentialsFormMessagesDe }}>
        <CredentialsForm
          flow="client-credentials"
          adapter={{ saveCredentials: vi.fn(async (input) => configured(input)) }}
        />
      </SalesforceConnectMessagesProvider>,
    );
    const box = screen.getByRole('textbox', { name: 'My-Domain-URL' });
    await user.type(box, 'test.salesforce.com');
    await user.tab();
    await waitFor(() =>
      expect(box).toHaveAccessibleDescription(/Geben Sie Ihre My-Domain-URL ein/),
    );
  });
});
