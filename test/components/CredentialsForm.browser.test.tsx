import '../../src/components/styles.css';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const KEY = `3MVG9${'C'.repeat(80)}`;
const SECRET = '1234567890123456789';

const saved = async (input: CredentialsInput): Promise<Connection> => ({
  status: 'configured',
  loginUrl: input.loginUrl,
  consumerKeyHint: input.consumerKey.slice(-4),
  hasConsumerSecret: true,
});

afterEach(async () => {
  await page.viewport(1024, 768);
});

describe('CredentialsForm in Chromium', () => {
  it('one click on Save after a secret of an unusual format: saved, or says beside the button that it is not', async () => {
    const adapter = { saveCredentials: vi.fn(saved) };
    await render(<CredentialsForm adapter={adapter} />);
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Login URL' }),
      'acme.my.salesforce.com',
    );
    await userEvent.fill(page.getByRole('textbox', { name: 'Consumer Key' }), KEY);
    const secret = page.getByLabelText('Consumer Secret', { exact: true });
    await userEvent.click(secret);
    await userEvent.keyboard('not-the-usual-shape');
    // The pointer presses Save while the secret box still has focus: the blur shows the note.
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    const status = page.getByRole('status').filter({ hasText: /saved/i });
    await expect.element(status).toBeVisible();
    const said = status.element().textContent ?? '';
    if (adapter.saveCredentials.mock.calls.length === 0) {
      expect(said).toBe('Not saved yet. Read the note above, then save.');
    } else {
      expect(said).toBe('Credentials saved.');
    }
    expect(document.body.textContent).toContain('Is this the secret?');
  });

  it('can be filled and saved with the keyboard alone, focus staying in the form', async () => {
    const adapter = { saveCredentials: vi.fn(saved) };
    await render(<CredentialsForm adapter={adapter} />);
    await userEvent.tab();
    await expect.element(page.getByRole('textbox', { name: 'Login URL' })).toHaveFocus();
    await userEvent.keyboard('acme.my.salesforce.com');
    await userEvent.tab();
    const key = page.getByRole('textbox', { name: 'Consumer Key' });
    await expect.element(key).toHaveFocus();
    // Pasted in real life; typing 85 characters one by one only slows the test.
    await userEvent.fill(key, KEY);
    await userEvent.tab();
    await expect.element(page.getByLabelText('Consumer Secret', { exact: true })).toHaveFocus();
    await userEvent.keyboard(SECRET);
    await userEvent.tab();
    const toggle = page.getByRole('button', { name: 'Show secret' });
    await expect.element(toggle).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect.element(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect
      .element(page.getByRole('textbox', { name: 'Consumer Secret' }))
      .toHaveValue(SECRET);
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Save credentials' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await expect
      .element(page.getByRole('status').filter({ hasText: 'Credentials saved.' }))
      .toBeVisible();
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      { loginUrl: 'https://acme.my.salesforce.com', consumerKey: KEY, consumerSecret: SECRET },
      expect.anything(),
    );
    // The secret box is gone; nothing on the page shows the secret.
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('gives focus to Replace when a save removes the focused secret box', async () => {
    await render(<CredentialsForm adapter={{ saveCredentials: saved }} />);
    await userEvent.fill(page.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    await userEvent.fill(page.getByRole('textbox', { name: 'Consumer Key' }), KEY);
    const secret = page.getByLabelText('Consumer Secret', { exact: true });
    await userEvent.fill(secret, SECRET);
    await userEvent.keyboard('{Enter}');
    await expect
      .element(page.getByRole('button', { name: 'Replace Consumer Secret' }))
      .toHaveFocus();
  });

  it('moves focus to the first invalid field when submitted incomplete', async () => {
    await render(<CredentialsForm adapter={{ saveCredentials: saved }} />);
    await userEvent.fill(page.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    const key = page.getByRole('textbox', { name: 'Consumer Key' });
    await expect.element(key).toHaveFocus();
    await expect.element(key).toHaveAttribute('aria-invalid', 'true');
    await expect.element(key).toHaveAccessibleDescription(/Enter the Consumer Key\./);
  });

  it('puts the focus on the secret Salesforce rejected, keeping what was typed', async () => {
    const { container } = await render(
      <CredentialsForm
        adapter={{
          saveCredentials: async () => {
            throw new ConnectError('invalid_client', 'invalid client credentials');
          },
        }}
      />,
    );
    await userEvent.fill(page.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    await userEvent.fill(page.getByRole('textbox', { name: 'Consumer Key' }), KEY);
    await userEvent.fill(page.getByLabelText('Consumer Secret', { exact: true }), SECRET);
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    const secret = page.getByLabelText('Consumer Secret', { exact: true });
    await expect.element(secret).toHaveFocus();
    await expect.element(secret).toHaveValue(SECRET);
    await expect.element(page.getByRole('alert')).toHaveTextContent(/weren't saved/);
    await expectNoAxeViolations(container);
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    await page.viewport(320, 640);
    const { container } = await render(
      <CredentialsForm
        adapter={{ saveCredentials: saved }}
        defaultValues={{ consumerKey: '1234567890123456789', consumerSecret: KEY }}
      />,
    );
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Login URL' }),
      'https://acme--uat.sandbox.lightning.force.com/lightning/setup/SetupOneHome/home',
    );
    await userEvent.click(page.getByRole('textbox', { name: 'Consumer Key' }));
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Swap them' })).toBeVisible();
    const form = container.querySelector('form') as HTMLFormElement;
    expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
    for (const control of form.querySelectorAll('input, button')) {
      expect(control.getBoundingClientRect().right).toBeLessThanOrEqual(320);
    }
    await expectNoAxeViolations(container);
  });

  it('passes axe with real colours, light and dark, with errors and warnings showing', async () => {
    for (const theme of ['light', 'dark']) {
      const { container, unmount } = await render(
        <CredentialsForm
          data-theme={theme}
          adapter={{ saveCredentials: saved }}
          connection={{ status: 'configured', consumerKeyHint: 'Qx7W', hasConsumerSecret: true }}
          defaultValues={{ loginUrl: 'acme.my.salesforce.com', consumerKey: '3MVG9short' }}
        />,
      );
      await userEvent.click(page.getByRole('textbox', { name: 'Consumer Key' }));
      await userEvent.tab();
      await userEvent.fill(page.getByRole('textbox', { name: 'Login URL' }), 'http://evil.example');
      await userEvent.tab();
      await expect
        .element(page.getByRole('textbox', { name: 'Login URL' }))
        .toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(container);
      await unmount();
    }
  });
});
