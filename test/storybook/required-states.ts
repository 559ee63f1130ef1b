/**
 * The states issue 9 asks Storybook to show, each mapped to the stories that show it (by the ids
 * `storybook build` writes into index.json). A state listed here with no story fails the
 * coverage test; so does renaming or deleting a story without moving the state.
 */
export interface RequiredState {
  state: string;
  /** Every one of these must exist. */
  stories: readonly string[];
}

export const requiredStates: readonly RequiredState[] = [
  // The credentials form.
  { state: 'empty', stories: ['components-credentialsform--empty'] },
  { state: 'typing', stories: ['components-credentialsform-more-states--typing'] },
  {
    state: 'invalid (each field)',
    stories: [
      'components-credentialsform--invalid',
      'components-credentialsform--suspicious-login-url',
    ],
  },
  {
    state: 'warning: key and secret swapped',
    stories: ['components-credentialsform--key-and-secret-swapped'],
  },
  {
    state: 'warning: Lightning URL rewritten',
    stories: ['components-credentialsform--login-url-rewritten'],
  },
  { state: 'saving', stories: ['components-credentialsform--saving'] },
  {
    state: 'saved (secret write-only)',
    stories: [
      'components-credentialsform--saved',
      'components-credentialsform--already-configured',
    ],
  },
  // The popup.
  {
    state: 'popup open / waiting',
    stories: ['components-connectdialog--opening', 'components-connectdialog--waiting'],
  },
  {
    state: 'popup blocked',
    stories: ['components-connectdialog--blocked', 'flows-salesforceconnect--popup-blocked'],
  },
  { state: 'popup closed', stories: ['components-connectdialog--closed'] },
  // Errors: every code explained (and every scenario played, checked separately).
  {
    state: 'each Salesforce error with its explanation',
    stories: ['components-errorexplanation--every-error', 'docs-blocks--error-catalogue-table'],
  },
  // The connection.
  {
    state: 'connected (production)',
    stories: [
      'components-connectionstatus--connected',
      'flows-salesforceconnect--connected-production',
    ],
  },
  {
    state: 'connected (sandbox)',
    stories: [
      'components-connectionstatus--connected-sandbox',
      'flows-salesforceconnect--connected-sandbox',
    ],
  },
  {
    state: 'needs re-auth',
    stories: ['components-connectionstatus--needs-reauth', 'flows-salesforceconnect--needs-reauth'],
  },
  {
    state: 'disconnected',
    stories: ['components-connectionstatus--disconnected', 'flows-salesforceconnect--disconnected'],
  },
  // Several connections per customer (issue 17).
  {
    state: 'several connections: production and sandbox',
    stories: ['components-salesforceconnections--production-and-sandbox'],
  },
  { state: 'several connections: none yet', stories: ['components-salesforceconnections--empty'] },
  {
    state: 'several connections: at the limit',
    stories: ['components-salesforceconnections--at-max'],
  },
  {
    state: 'several connections: rename refused, remove confirmation',
    stories: [
      'components-salesforceconnections--rename-error',
      'components-salesforceconnections--remove-confirm',
    ],
  },
  {
    state: 'several connections: same org twice (duplicate_org)',
    stories: ['components-salesforceconnections--duplicate-org-error'],
  },
  // The guide's variants (its presets are checked separately, one story each).
  {
    state: 'guide: External Client App',
    stories: ['components-setupguide--external-client-app'],
  },
  {
    state: 'guide: Connected App (Lightning)',
    stories: ['components-setupguide--connected-app-lightning'],
  },
  {
    state: 'guide: Connected App (Classic)',
    stories: ['components-setupguide--connected-app-classic'],
  },
  // The whole flow, with play functions: fill, connect, error and recovery.
  { state: 'whole flow inline', stories: ['flows-salesforceconnect--inline'] },
  { state: 'whole flow in a dialog', stories: ['flows-salesforceconnect--dialog'] },
  { state: 'error and recovery', stories: ['flows-salesforceconnect--error-and-recovery'] },
  // Toolbar settings, each rendered (and checked by axe) in the test run.
  { state: 'dark', stories: ['flows-appearance--dark', 'flows-appearance--brand-dark'] },
  { state: 'right to left', stories: ['flows-appearance--right-to-left'] },
  { state: 'second locale (German)', stories: ['flows-appearance--german'] },
  { state: 'brand through --sfc-* only', stories: ['flows-appearance--brand'] },
  { state: '320 px wide', stories: ['flows-appearance--narrow'] },
  {
    state: 'portalled dialog themed, mirrored, translated',
    stories: ['flows-appearance--dialog-dark-right-to-left-german'],
  },
];

/** Each guide preset and the story that shows it. */
export const presetStories: Readonly<Record<string, string>> = {
  externalClientAppForChosenProfiles: 'components-setupguide--preset-chosen-profiles',
  connectedAppForServiceSync: 'components-setupguide--preset-service-sync',
  externalClientAppWithoutPkce: 'components-setupguide-presets--external-client-app-without-pkce',
  connectedAppDeviceFlowFullAccess:
    'components-setupguide-presets--connected-app-device-flow-full-access',
  classicConnectedAppFullAccess: 'components-setupguide-presets--classic-connected-app-full-access',
  connectedAppClientCredentialsSync:
    'components-setupguide-presets--connected-app-client-credentials-sync',
  externalClientAppClientCredentials:
    'components-setupguide-presets--external-client-app-client-credentials',
};

/** The MDX pages the issue asks for. */
export const requiredDocsPages = [
  'Docs/Getting started',
  'Docs/Theming',
  'Docs/Adapters',
  'Docs/Errors',
] as const;

/**
 * The components DESIGN.md names; each needs a CSF file with `component` set to it and autodocs
 * on. Anything else the React entry exports as a component is required too.
 */
export const designComponents = [
  'SalesforceConnect',
  'SetupGuide',
  'CredentialsForm',
  'ConnectButton',
  'ConnectDialog',
  'ConnectionStatus',
  'CopyField',
  'ErrorExplanation',
] as const;
