import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { SetupGuide } from '../src/components/SetupGuide.js';
import { presets } from '../src/core/guide/presets.js';
import type { GuideProgressStorage } from '../src/core/guide/progress.js';
import type { GuideStepId } from '../src/core/guide-step-ids.js';
import { setupGuideMessagesDe } from '../src/messages/setupGuide.js';

/** Ticks kept for the story only, so stories never share (or leave) progress in localStorage. */
function storedTicks(done: readonly GuideStepId[]): GuideProgressStorage {
  let value: string | null = JSON.stringify({ v: 1, done });
  return {
    getItem: () => value,
    setItem: (_key, next) => {
      value = next;
    },
    removeItem: () => {
      value = null;
    },
  };
}

const toggleOf = (canvasElement: HTMLElement, id: GuideStepId) =>
  canvasElement.querySelector<HTMLElement>(`#sfc-step-${id} [data-sfc-part="step-toggle"]`);

const meta = {
  title: 'Components/SetupGuide',
  component: SetupGuide,
  args: {
    appName: 'Acme Sync',
    vendorName: 'Acme',
    callbackUrls: ['https://app.acme.com/api/salesforce/oauth/callback'],
    storage: null,
    onVariantChange: fn(),
    onCurrentStepChange: fn(),
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof SetupGuide>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The recommended External Client App, org not yet known (Setup paths, no links). */
export const ExternalClientApp: Story = {};

/** The org's My Domain is known: each Setup page is a link into the admin's own org. */
export const WithMyDomainLinks: Story = {
  args: { loginUrl: 'https://acme.my.salesforce.com', defaultCurrentStepId: 'create-app' },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', {
      name: /Open External Client App Manager/,
    });
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  },
};

/** An org that can still create Connected Apps, in Lightning Experience. */
export const ConnectedAppLightning: Story = {
  args: { defaultVariant: 'connected-app-lightning' },
};

/** A Connected App in Salesforce Classic. */
export const ConnectedAppClassic: Story = {
  args: { defaultVariant: 'connected-app-classic', defaultCurrentStepId: 'create-app' },
};

/** The admin says their org can't create External Client Apps, then picks Classic. */
export const SwitchingToConnectedApp: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole('checkbox', { name: "My org can't create External Client Apps" }),
    );
    await userEvent.click(canvas.getByRole('radio', { name: 'Salesforce Classic' }));
    await expect(args.onVariantChange).toHaveBeenLastCalledWith({
      variant: 'connected-app-classic',
    });
    await expect(canvas.getByRole('button', { name: /Create a new Connected App/ })).toBeVisible();
  },
};

/** Preset: a Connected App for a data sync service (full access, several flows). */
export const PresetServiceSync: Story = {
  args: { ...presets.connectedAppForServiceSync, defaultCurrentStepId: 'flow-security' },
};

/** Preset: an External Client App limited to chosen profiles, with the policies step open. */
export const PresetChosenProfiles: Story = {
  args: {
    ...presets.externalClientAppForChosenProfiles,
    policies: { ...presets.externalClientAppForChosenProfiles.policies, profiles: ['Sales User'] },
    defaultCurrentStepId: 'oauth-policies',
  },
};

/** Half the steps ticked in an earlier visit: progress shows it, the next open step is current. */
export const HalfDone: Story = {
  args: {
    storage: storedTicks([
      'prerequisites',
      'create-app',
      'basic-information',
      'callback-url',
      'oauth-scopes',
    ]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/^5 of \d+ done$/)).toBeVisible();
    await waitFor(() =>
      expect(toggleOf(canvasElement, 'flow-security')).toHaveAttribute('aria-expanded', 'true'),
    );
  },
};

/** Ticking a step done moves on to the next one, focus staying put. */
export const TickingSteps: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const done = within(
      canvasElement.querySelector('#sfc-step-prerequisites') as HTMLElement,
    ).getByRole('checkbox', { name: 'Done' });
    await userEvent.click(done);
    await expect(canvas.getByText(/^1 of \d+ done$/)).toBeVisible();
    await expect(toggleOf(canvasElement, 'create-app')).toHaveAttribute('aria-expanded', 'true');
    await expect(done).toHaveFocus();
  },
};

/** Arrived from an error's "show me" link: the callback URL step is open and focused. */
export const NavigatedToStep: Story = {
  args: { currentStepId: 'callback-url' },
  play: async ({ canvasElement }) => {
    await expect(toggleOf(canvasElement, 'callback-url')).toHaveAttribute('aria-expanded', 'true');
    await expect(within(canvasElement).getByRole('textbox', { name: 'Callback URL' })).toHaveValue(
      'https://app.acme.com/api/salesforce/oauth/callback',
    );
  },
};

/** The troubleshooting section open, each error linking back to its step. */
export const Troubleshooting: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Troubleshooting' }));
    await expect(
      canvas.getByRole('heading', { name: 'The callback URL does not match' }),
    ).toBeVisible();
    // Keep the story's frame at its address (the test runner's frame must not navigate); the
    // guide opens the step from the click itself, as it does when the hash is already set.
    canvasElement.addEventListener('click', (event) => event.preventDefault(), {
      capture: true,
      once: true,
    });
    await userEvent.click(canvas.getAllByRole('link', { name: /^Step \d+: Turn on OAuth/ })[0]!);
    await waitFor(() => expect(toggleOf(canvasElement, 'callback-url')).toHaveFocus());
  },
};

/** "Copy instructions for your Salesforce admin": the whole guide as Markdown on the clipboard. */
export const CopiedForAdmin: Story = {
  beforeEach: () => {
    const writeText = fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    return () => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    };
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole('button', { name: 'Copy instructions for your Salesforce admin' }),
    );
    await expect(await canvas.findByText(/Instructions copied\./)).toBeVisible();
    const writeText = navigator.clipboard.writeText as ReturnType<typeof fn>;
    await expect(writeText.mock.calls[0]?.[0]).toMatch(/^# Set up Salesforce for Acme/);
  },
};

/** Dark theme, with a step open and some done. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: {
    loginUrl: 'https://acme.my.salesforce.com',
    storage: storedTicks(['prerequisites', 'create-app']),
  },
};

/** German: core's German guide text and error catalogue, the component's German controls. */
export const German: Story = {
  args: { messages: setupGuideMessagesDe, defaultCurrentStepId: 'callback-url' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('heading', { name: 'Salesforce für Acme einrichten' }),
    ).toBeVisible();
    await expect(canvas.getByText(/^0 von \d+ erledigt$/)).toBeVisible();
  },
};

/** The narrowest supported screen, 320 px, everything open. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  args: { loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' },
  decorators: [
    (Story) => (
      <div style={{ maxInlineSize: 320 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    for (const button of canvasElement.querySelectorAll<HTMLElement>('[aria-expanded="false"]')) {
      await userEvent.click(button);
    }
    const root = canvasElement.querySelector('section') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  },
};

/** A configuration the guide cannot use (an http callback URL): said plainly, nothing crashes. */
export const InvalidConfiguration: Story = {
  args: { callbackUrls: ['http://app.acme.com/callback'] },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText(/^The setup guide can't be shown/),
    ).toHaveTextContent(/must start with https/);
  },
};
