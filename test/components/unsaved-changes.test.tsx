import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';

const KEY = `3MVG9${'D'.repeat(80)}`;
const SECRET = '1234567890123456789';

/** The line beside the Save button. */
const besideSave = () =>
  document.querySelector('[data-sfc-part="form-status"]') as HTMLElement | null;

describe('changes that are not saved', { timeout: 30_000 }, () => {
  it('the line beside Save says so while typing, and asks to read a note when one shows', async () => {
    const onUnsavedChange = vi.fn();
    render(
      <CredentialsForm
        adapter={createMemoryAdapter({ latencyMs: 0 })}
        onUnsavedChange={onUnsavedChange}
      />,
    );
    const user = userEvent.setup();
    expect(besideSave()).toHaveTextContent('');
    await user.type(screen.getByRole('textbox', { name: 'Login URL' }), 'login.salesforce.com');
    expect(besideSave()).toHaveTextContent(/^Not saved yet\.$/);
    expect(besideSave()).toHaveAttribute('data-state', 'unsaved');
    expect(onUnsavedChange).toHaveBeenLastCalledWith({ unsaved: true });

    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    await user.type(screen.getByLabelText('Consumer Secret'), 'not-the-usual-shape');
    await user.tab();
    expect(screen.getByText(/Is this the secret\?/)).toBeInTheDocument();
    expect(besideSave()).toHaveTextContent('Not saved yet. Read the note above, then save.');

    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(besideSave()).toHaveTextContent('Credentials saved.'));
    expect(onUnsavedChange).toHaveBeenLastCalledWith({ unsaved: false });
  });

  it('beside Connect: a new secret typed but not saved is said to be unused until saved', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0, initial: 'configured' });
    render(<SalesforceConnect adapter={adapter} setup={{ storage: null }} />);
    const user = userEvent.setup();
    const connect = await screen.findByRole('button', { name: 'Connect to Salesforce' });
    expect(connect).not.toHaveAttribute('aria-describedby');

    await user.click(screen.getByRole('button', { name: 'Setup guide and credentials' }));
    // The setup view loads on demand: wait for it rather than assume it already arrived.
    await user.click(await screen.findByRole('button', { name: 'Replace Consumer Secret' }));
    await user.click(screen.getByLabelText('Consumer Secret'));
    await user.paste(SECRET);

    const note = await screen.findByText(/Your changes to the credentials are not saved/);
    expect(connect).toHaveAttribute('aria-describedby', note.id);
    expect(connect).toHaveAccessibleDescription(/Connect uses the saved ones/);

    // Saving needs the key again (the backend never returns it).
    await user.click(screen.getByRole('textbox', { name: 'Consumer Key' }));
    await user.paste(KEY);
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.queryByText(/Your changes to the credentials are not saved/)).toBeNull(),
    );
  });
});
