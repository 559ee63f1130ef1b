import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';

/** States of the credentials form that Components/CredentialsForm does not show on its own. */
const meta = {
  title: 'Components/CredentialsForm/More states',
  component: CredentialsForm,
  tags: ['!autodocs'],
  args: { adapter: createMemoryAdapter({ latencyMs: 400 }), onSaved: fn() },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof CredentialsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Mid-typing: the admin is still in the Login URL box. Nothing is flagged before they leave a
 * field (`onTouched`), but the address the kit will use shows live as they type.
 */
export const Typing: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const loginUrl = canvas.getByRole('textbox', { name: 'Login URL' });
    await userEvent.type(loginUrl, 'acme.my.salesforce.com');
    await expect(loginUrl).toHaveFocus();
    await expect(loginUrl).not.toHaveAttribute('aria-invalid', 'true');
    await expect(
      canvas.getByText("We'll use https://acme.my.salesforce.com (My Domain)."),
    ).toBeVisible();
    await expect(canvas.queryByText('Enter the Consumer Key.')).toBeNull();
    await expect(args.onSaved).not.toHaveBeenCalled();
  },
};
