import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CopyField } from '../../src/components/CopyField.js';

describe('CopyField in Chromium', () => {
  it('selects the whole value when focused by keyboard', async () => {
    render(<CopyField label="Callback URL" value="https://app.example.com/cb" />);
    await userEvent.tab();
    const box = page.getByRole('textbox', { name: 'Callback URL' });
    await expect.element(box).toHaveFocus();
    const input = box.element() as HTMLInputElement;
    expect(input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0)).toBe(
      'https://app.example.com/cb',
    );
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Copy Callback URL' })).toHaveFocus();
  });
});
