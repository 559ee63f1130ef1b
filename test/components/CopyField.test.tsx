import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CopyField } from '../../src/components/CopyField.js';

describe('CopyField', () => {
  it('labels the read-only value so it can be found by name', () => {
    render(<CopyField label="Callback URL" value="https://app.example.com/cb" />);
    const box = screen.getByRole('textbox', { name: 'Callback URL' });
    expect(box).toHaveValue('https://app.example.com/cb');
    expect(box).toHaveAttribute('readonly');
  });

  it('copies the exact value and announces it', async () => {
    const user = userEvent.setup();
    const onCopy = vi.fn();
    render(<CopyField label="Callback URL" value="https://app.example.com/cb" onCopy={onCopy} />);
    await user.click(screen.getByRole('button', { name: 'Copy Callback URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('https://app.example.com/cb');
    expect(screen.getByRole('status')).toHaveTextContent('Copied');
    expect(onCopy).toHaveBeenCalledWith({ value: 'https://app.example.com/cb', ok: true });
  });

  it('selects the text for a manual copy when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    render(<CopyField label="Scopes" value="api refresh_token" />);
    await user.click(screen.getByRole('button', { name: 'Copy Scopes' }));
    expect(screen.getByRole('status')).toHaveTextContent('Select the text and copy it by hand');
    const box = screen.getByRole<HTMLInputElement>('textbox', { name: 'Scopes' });
    expect(box.selectionStart).toBe(0);
    expect(box.selectionEnd).toBe('api refresh_token'.length);
  });
});
