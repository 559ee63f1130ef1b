import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectButton, type ConnectButtonFlow } from '../src/components/ConnectButton.js';
import { connectButtonMessagesDe } from '../src/messages/connect.js';

/** The flow the button reads, as `useSalesforceConnect` returns it, in a given phase. */
const flow = (overrides: Partial<ConnectButtonFlow> = {}): ConnectButtonFlow => ({
  phase: 'idle',
  connection: { status: 'configured' },
  ready: true,
  open: fn(),
  ...overrides,
});

const meta = {
  title: 'Components/ConnectButton',
  component: ConnectButton,
  args: { connect: flow(), onClick: fn() },
  argTypes: { connect: { control: false } },
} satisfies Meta<typeof ConnectButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Credentials saved and an authorize URL prefetched: a click opens Salesforce at once. */
export const Ready: Story = {
  play: async ({ args, canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Connect to Salesforce' });
    await expect(button).toHaveAttribute('data-ready');
    await userEvent.click(button);
    await expect(args.onClick).toHaveBeenCalledTimes(1);
    await expect(args.connect.open).toHaveBeenCalledTimes(1);
  },
};

/** No URL prefetched yet: a click still opens the window at once (blank, then Salesforce). */
export const NotReady: Story = { args: { connect: flow({ ready: false }) } };

/** The Salesforce window is open: the button stays usable and brings the window back. */
export const Authorizing: Story = {
  args: { connect: flow({ phase: 'authorizing', ready: false }) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button')).toHaveAttribute('aria-busy', 'true');
  },
};

/** Salesforce answered and the connection is being saved: disabled. */
export const Completing: Story = {
  args: { connect: flow({ phase: 'completing', ready: false }) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button')).toBeDisabled();
  },
};

/** Credentials are being saved: disabled. */
export const Saving: Story = { args: { connect: flow({ phase: 'saving', ready: false }) } };

/** Salesforce no longer accepts the saved authorization. */
export const Reconnect: Story = {
  args: { connect: flow({ connection: { status: 'needs_reauth' } }) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button')).toHaveAccessibleName(
      'Reconnect to Salesforce',
    );
  },
};

/** German. */
export const German: Story = { args: { messages: connectButtonMessagesDe } };

/** The integrator's own handler vetoes the kit's with `preventDefault()`. */
export const Vetoed: Story = {
  args: { onClick: fn((event) => event.preventDefault()) },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button'));
    await expect(args.connect.open).not.toHaveBeenCalled();
  },
};

/** Dark theme. */
export const Dark: Story = {
  render: (args) => (
    <div className="sfc-scope" data-theme="dark" style={{ padding: '1rem' }}>
      <ConnectButton {...args} />
    </div>
  ),
};
