import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { SetupGuide } from '../../src/components/SetupGuide.js';
import { type GuidePreset, presets } from '../../src/core/guide/presets.js';
import type { GuideStepId } from '../../src/core/guide-step-ids.js';
import { scopeLabelsFor } from '../../src/core/scopes.js';

/**
 * The presets Components/SetupGuide does not show yet, one story each, so every preset in
 * `presets` can be seen (the coverage test requires a story per preset). The preset's app kind
 * becomes the default variant, so the switch still works.
 */
const meta = {
  title: 'Components/SetupGuide/Presets',
  component: SetupGuide,
  tags: ['!autodocs'],
  args: {
    appName: 'Acme Sync',
    vendorName: 'Acme',
    callbackUrls: ['https://app.acme.com/api/salesforce/oauth/callback'],
    storage: null,
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof SetupGuide>;

export default meta;
type Story = StoryObj<typeof meta>;

function presetArgs(preset: GuidePreset, openStep: GuideStepId) {
  const { variant, ...settings } = preset;
  return {
    ...settings,
    ...(variant ? { defaultVariant: variant } : {}),
    defaultCurrentStepId: openStep,
  };
}

/** The open scopes step lists Setup's label for each scope of the preset, and the values to copy. */
const showsScopes =
  (scopes: readonly string[]) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const step = within(canvasElement.querySelector<HTMLElement>('#sfc-step-oauth-scopes')!);
    await expect(step.getByRole('button', { name: 'Choose the OAuth scopes' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    const listed = step.getAllByRole('listitem').map((item) => item.textContent ?? '');
    for (const label of scopeLabelsFor(scopes).labels) {
      await expect(listed.some((text) => text.startsWith(label))).toBe(true);
    }
    const values = (step.getByRole('textbox', { name: 'Scope values' }) as HTMLInputElement).value;
    await expect(values.split(' ').sort()).toEqual([...scopes].sort());
  };

/** Preset: an External Client App that does not require PKCE (API, refresh token, offline). */
export const ExternalClientAppWithoutPkce: Story = {
  args: presetArgs(presets.externalClientAppWithoutPkce, 'oauth-scopes'),
  play: showsScopes(presets.externalClientAppWithoutPkce.scopes),
};

/** Preset: a Lightning Connected App with full access and the device flow; MFA checked first. */
export const ConnectedAppDeviceFlowFullAccess: Story = {
  args: presetArgs(presets.connectedAppDeviceFlowFullAccess, 'oauth-scopes'),
  play: showsScopes(presets.connectedAppDeviceFlowFullAccess.scopes),
};

/** Preset: a Connected App in Salesforce Classic with full access and a refresh token. */
export const ClassicConnectedAppFullAccess: Story = {
  args: presetArgs(presets.classicConnectedAppFullAccess, 'oauth-scopes'),
  play: showsScopes(presets.classicConnectedAppFullAccess.scopes),
};

/** The open step's field with this Setup label, by its bold label text. */
const showsField =
  (stepId: GuideStepId, label: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const step = canvasElement.querySelector<HTMLElement>(`#sfc-step-${stepId}`)!;
    await expect(step.textContent).toContain(label);
  };

/**
 * Preset (seed 001): a Lightning Connected App for a data sync backend that connects with the
 * client credentials flow: the Run As user under Manage → Edit Policies → Client Credentials Flow;
 * the callback URL is the org's My Domain URL, never opened.
 */
export const ConnectedAppClientCredentialsSync: Story = {
  args: {
    ...presetArgs(presets.connectedAppClientCredentialsSync, 'oauth-policies'),
    callbackUrls: ['https://acme--uat.sandbox.my.salesforce.com'],
  },
  play: showsField('oauth-policies', 'Run As'),
};

/**
 * Preset: an External Client App for the client credentials flow: "Enable Client Credentials
 * Flow" under Flow Enablement, the Run As user under OAuth Policies; no callback URL of the
 * product's, so the guide asks for the My Domain URL.
 */
export const ExternalClientAppClientCredentials: Story = {
  args: {
    ...presetArgs(presets.externalClientAppClientCredentials, 'flow-security'),
    callbackUrls: [],
  },
  play: showsField('flow-security', 'Enable Client Credentials Flow'),
};
