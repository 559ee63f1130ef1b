import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryAdapter } from '../src/adapters/memory.js';
import { CredentialsForm } from '../src/components/CredentialsForm.js';
import { ConnectError } from '../src/core/errors.js';
import { credentialsFormMessagesDe } from '../src/messages/credentialsForm.js';

const KEY =
  '3MVG9StoryConsumerKeyForTheCredentialsFormOnlyInStorybookNotARealSalesforceKeyAtAllQ1w2';
const SECRET = '4815162342108421337';

/** Fills the three boxes the way an admin does: types the URL, pastes key and secret. */
async function fillIn(
  canvasElement: HTMLElement,
  values: { loginUrl?: string; key?: string; secret?: string } = {},
) {
  const canvas = within(canvasElement);
  await userEvent.type(
    canvas.getByRole('textbox', { name: 'Login URL' }),
    values.loginUrl ?? 'acme.my.salesforce.com',
  );
  await userEvent.click(canvas.getByRole('textbox', { name: 'Consumer Key' }));
  await userEvent.paste(values.key ?? KEY);
  await userEvent.click(canvas.getByLabelText('Consumer Secret', { selector: 'input' }));
  await userEvent.paste(values.secret ?? SECRET);
}

const meta = {
  title: 'Components/CredentialsForm',
  component: CredentialsForm,
  args: {
    adapter: createMemoryAdapter({ latencyMs: 400 }),
    onSaved: fn(),
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof CredentialsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing typed yet. */
export const Empty: Story = {};

/** A Lightning address pasted from the browser: the form says which login URL it will use. */
export const LoginUrlRewritten: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Login URL' }));
    await userEvent.paste('https://acme.lightning.force.com/lightning/setup/SetupOneHome/home');
    await expect(
      canvas.getByText(
        "We'll use https://acme.my.salesforce.com, the login address for the Lightning URL you pasted.",
      ),
    ).toBeVisible();
  },
};

/** Submitted empty: every field says what it needs, focus on the first. */
export const Invalid: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(canvas.getByRole('textbox', { name: 'Login URL' })).toHaveFocus());
    await expect(canvas.getByText('Enter the Consumer Key.')).toBeVisible();
    await expect(canvas.getByText('Enter the Consumer Secret.')).toBeVisible();
    await expect(args.onSaved).not.toHaveBeenCalled();
  },
};

/** A look-alike host is refused with the reason. */
export const SuspiciousLoginUrl: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Login URL' }),
      'salesforce.com.evil.io',
    );
    await userEvent.tab();
    await expect(canvas.getByText(/only looks like Salesforce/)).toBeVisible();
  },
};

/** Key and secret pasted the wrong way round: a warning with a one-click fix. */
export const KeyAndSecretSwapped: Story = {
  args: {
    defaultValues: { loginUrl: 'login.salesforce.com', consumerKey: SECRET, consumerSecret: KEY },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Consumer Key' }));
    await userEvent.tab();
    await expect(canvas.getByText(/look swapped/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Swap them' }));
    await expect(canvas.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(KEY);
  },
};

/** A key cut short when copied: warned, not blocked. */
export const KeyLooksTruncated: Story = {
  args: { defaultValues: { consumerKey: KEY.slice(0, 40) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Consumer Key' }));
    await userEvent.tab();
    await expect(canvas.getByText(/This key has 40 characters/)).toBeVisible();
  },
};

/** The backend takes its time: the button says so and ignores more clicks. */
export const Saving: Story = {
  args: { adapter: createMemoryAdapter({ latencyMs: Number.POSITIVE_INFINITY }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    const busy = await canvas.findByRole('button', { name: 'Saving…' });
    await expect(busy).toHaveAttribute('aria-busy', 'true');
  },
};

/** Saved: confirmed in a live region; the secret is now write-only. */
export const Saved: Story = {
  args: { adapter: createMemoryAdapter({ latencyMs: 100 }) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    await expect(await canvas.findByText('Credentials saved.')).toBeVisible();
    await expect(canvas.getByText('Consumer Secret saved.')).toBeVisible();
    await expect(args.onSaved).toHaveBeenCalledOnce();
    await expect(canvasElement.innerHTML).not.toContain(SECRET);
  },
};

/** Credentials are stored already: the key shows its last characters, the secret can only be replaced. */
export const AlreadyConfigured: Story = {
  args: {
    adapter: createMemoryAdapter({ latencyMs: 100, initial: 'configured' }),
    connection: {
      status: 'configured',
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKeyHint: 'Qx7W',
      hasConsumerSecret: true,
    },
  },
};

/** Replacing a saved secret: an empty box (empty keeps the saved one) and a way back. */
export const ReplacingSecret: Story = {
  args: { ...AlreadyConfigured.args },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Replace Consumer Secret' }));
    const box = canvas.getByLabelText('Consumer Secret', { selector: 'input' });
    await waitFor(() => expect(box).toHaveFocus());
    await expect(canvas.getByRole('button', { name: 'Keep saved secret' })).toBeVisible();
  },
};

/** The secret shown while typing, to check it; the box keeps its name. */
export const SecretShown: Story = {
  args: { defaultValues: { consumerSecret: SECRET } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Show secret' }));
    await expect(canvas.getByRole('textbox', { name: 'Consumer Secret' })).toHaveValue(SECRET);
  },
};

/** Salesforce rejected the secret: the error is on the secret, focus too, nothing typed is lost. */
export const SecretRejected: Story = {
  args: {
    adapter: {
      saveCredentials: async () => {
        throw new ConnectError('invalid_client', 'invalid client credentials');
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    const box = canvas.getByLabelText('Consumer Secret', { selector: 'input' });
    await waitFor(() => expect(box).toHaveFocus());
    await expect(box).toHaveValue(SECRET);
    await expect(canvas.getByRole('alert')).toHaveTextContent("Your credentials weren't saved");
  },
};

/** Saved, but the backend's check at Salesforce does not know the key (new apps take minutes). */
export const KeyUnknownAtSalesforce: Story = {
  args: { adapter: createMemoryAdapter({ latencyMs: 100, scenario: 'invalid_client_id' }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    await expect(await canvas.findByText('Saved, but Salesforce reported a problem')).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Consumer Key' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  },
};

/** The app's callback URL does not match: a link to the guide step that fixes it. */
export const CallbackUrlMismatch: Story = {
  args: { adapter: createMemoryAdapter({ latencyMs: 100, scenario: 'redirect_uri_mismatch' }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    const link = await canvas.findByRole('link', { name: 'Show the step in the setup guide' });
    await expect(link).toHaveAttribute('href', '#sfc-step-callback-url');
  },
};

/** The backend cannot be reached: said plainly, values kept for another try. */
export const BackendUnreachable: Story = {
  args: { adapter: createMemoryAdapter({ latencyMs: 100, scenario: 'network_down' }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillIn(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Save credentials' }));
    await expect(await canvas.findByText("Your credentials weren't saved")).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Consumer Key' })).toHaveValue(KEY);
  },
};

/** A local Salesforce simulator allowed as a login host. */
export const LocalSimulator: Story = {
  args: { loginUrlOptions: { allowedHosts: ['localhost:4010'] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Login URL' }),
      'http://localhost:4010',
    );
    await expect(canvas.getByText("We'll use http://localhost:4010 (custom host).")).toBeVisible();
  },
};

/** Dark theme, with a warning and an error showing. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { ...KeyAndSecretSwapped.args },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Consumer Key' }));
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Login URL' }));
    await userEvent.tab();
    await expect(canvas.getByText('Enter your Salesforce login URL.')).toBeVisible();
  },
};

/** German strings, core's checks included. */
export const German: Story = {
  args: { messages: credentialsFormMessagesDe },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Login-URL' }), 'test.salesforce.com');
    await expect(
      canvas.getByText('Wir verwenden https://test.salesforce.com (Sandbox).'),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Zugangsdaten speichern' }));
    await expect(await canvas.findByText('Geben Sie den Consumer Key ein.')).toBeVisible();
  },
};

/** The narrowest supported screen, 320 px, with a long rewritten URL and a warning. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  args: { defaultValues: { consumerKey: KEY.slice(0, 30) } },
  decorators: [
    (Story) => (
      <div style={{ maxInlineSize: 320 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Login URL' }));
    await userEvent.paste('acme--uat.sandbox.lightning.force.com/lightning/page/home');
    await userEvent.click(canvas.getByRole('textbox', { name: 'Consumer Key' }));
    await userEvent.tab();
    const form = canvasElement.querySelector('form') as HTMLFormElement;
    await expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth);
  },
};
