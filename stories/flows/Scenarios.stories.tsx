import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type MemoryScenario, memoryScenarioOutcome } from '../../src/adapters/memory-scenarios.js';
import type { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { errorCatalogueEn } from '../../src/core/error-catalogue.js';
import {
  connectAndExpectExplanation,
  connectAndWaitForSuccess,
  flowMeta,
  flowTimeout,
  page,
} from './memory-flow.js';

/**
 * One story per scenario of the memory adapter: each Salesforce (or backend) failure played
 * through `<SalesforceConnect/>` where it shows up against a real org, ending on the kit's
 * explanation of it — title, cause, numbered fixes, link to the guide step. The Errors docs page
 * links here; the coverage test holds this file to one story per scenario.
 */
const meta = {
  ...flowMeta(),
  title: 'Flows/Scenarios',
  tags: ['!autodocs'],
} satisfies Meta<typeof SalesforceConnect>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The kit's part that shows the connection: its explanations live inside it. */
const statusPanel = () =>
  within(document.querySelector<HTMLElement>('[data-sfc-part="connection-status"]')!);

/**
 * A story that plays `scenario`: credentials saved (unless the backend is unreachable), then
 * Connect when the failure shows in the sign-in, and the explanation of the scenario's code.
 */
function scenarioStory(scenario: MemoryScenario): Story {
  const outcome = memoryScenarioOutcome(scenario);
  return {
    parameters: {
      memoryAdapter: {
        scenario,
        ...(scenario === 'needs_reauth' ? {} : { initial: 'configured' }),
      },
      docs: {
        description: {
          story: outcome
            ? `${outcome.message} Kit code \`${outcome.code}\`, shows at stage \`${outcome.stage}\`.`
            : 'Nothing goes wrong: Connect, sign in, connected.',
        },
      },
    },
    play: async ({ args }) => {
      if (!outcome) {
        await connectAndWaitForSuccess();
        await expect(args.onSuccess).toHaveBeenCalledTimes(1);
        return;
      }
      const title = errorCatalogueEn.errors[outcome.code].title;
      if (
        outcome.stage === 'preflight' ||
        outcome.stage === 'session' ||
        outcome.stage === 'transport'
      ) {
        // The backend reports it before anyone clicks: the status explains it.
        await waitFor(
          () => expect(statusPanel().getByRole('heading', { name: title })).toBeVisible(),
          flowTimeout,
        );
      }
      if (
        outcome.stage === 'preflight' ||
        outcome.stage === 'authorize' ||
        outcome.stage === 'token'
      ) {
        // Salesforce answers the sign-in with the error: the dialog explains it, with fixes.
        await connectAndExpectExplanation(outcome.code);
        await expect(args.onSuccess).not.toHaveBeenCalled();
      }
    },
  };
}

export const Happy: Story = scenarioStory('happy');
export const InvalidClientId: Story = scenarioStory('invalid_client_id');
export const RedirectUriMismatch: Story = scenarioStory('redirect_uri_mismatch');
export const AppNotFound: Story = scenarioStory('app_not_found');
export const AppNotInstalled: Story = scenarioStory('app_not_installed');
export const AccessDenied: Story = scenarioStory('access_denied');
export const InvalidClient: Story = scenarioStory('invalid_client');
export const AppNotApproved: Story = scenarioStory('app_not_approved');
export const PkceRequired: Story = scenarioStory('pkce_required');
export const FlowNotEnabled: Story = scenarioStory('flow_not_enabled');
export const InactiveUser: Story = scenarioStory('inactive_user');
export const InactiveOrg: Story = scenarioStory('inactive_org');
export const IpRestricted: Story = scenarioStory('ip_restricted');
export const RateLimited: Story = scenarioStory('rate_limited');
export const SalesforceUnavailable: Story = scenarioStory('salesforce_unavailable');
/**
 * A sandbox refresh: the saved connection stops working, the reconnect lands in an org with a
 * new id behind the same address, and the kit explains the change instead of swapping silently.
 */
export const OrgChanged: Story = {
  parameters: {
    memoryAdapter: { scenario: 'org_changed', initial: 'needs_reauth' },
    docs: {
      description: {
        story: `${memoryScenarioOutcome('org_changed')?.message} Kit code \`org_changed\`: the failure gives way to the choice (keep the new org, or go back).`,
      },
    },
  },
  play: async ({ args }) => {
    await userEvent.click(
      await page().findByRole('button', { name: 'Reconnect to Salesforce' }, flowTimeout),
    );
    const title = errorCatalogueEn.errors.org_changed.title;
    const choice = within(await page().findByRole('region', { name: title }, flowTimeout));
    await waitFor(
      () => expect(choice.getByRole('heading', { name: title })).toHaveFocus(),
      flowTimeout,
    );
    await userEvent.click(choice.getByRole('button', { name: 'Keep the new org' }));
    await expect(
      await page().findByText('Switched to the new org.', {}, flowTimeout),
    ).toBeVisible();
    await expect(args.onSuccess).not.toHaveBeenCalled();
  },
};
export const NeedsReauth: Story = scenarioStory('needs_reauth');
export const NetworkDown: Story = scenarioStory('network_down');
export const ServerError: Story = scenarioStory('server_error');
