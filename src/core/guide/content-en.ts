import type { GuideMessages } from './messages.js';
import { SETUP_LABELS } from './setup-labels.js';

/**
 * The guide's English words (the default). Short on purpose: they ship to every browser. See
 * `GuideTemplate` for the `[label]`, `{value}` and `` `code` `` marks.
 *
 * @example
 * buildSetupGuide(config, { messages: { ...guideMessagesEn, title: 'Connect {vendor}' } });
 */
export const guideMessagesEn: GuideMessages = {
  locale: 'en',
  setup: SETUP_LABELS,
  terms: {
    note: 'Note',
    warning: 'Warning',
    troubleshooting: 'Troubleshooting',
    on: 'On',
    off: 'Off',
    stepRef: 'Step {number}: {title}',
  },
  form: {
    loginUrl: 'Login URL',
    consumerKey: 'Consumer Key',
    consumerSecret: 'Consumer Secret',
    connect: 'Connect to Salesforce',
  },
  appKind: { eca: 'External Client App', connectedApp: 'Connected App' },
  title: 'Set up Salesforce for {vendor}',
  intro:
    '{vendor} connects to your Salesforce org through an app you create in Setup (about 15 minutes). Then you enter three values in {vendor} and click [button].',
  prerequisites: {
    title: 'Check your access',
    permissions: 'You have [customizeApplication], and [modifyAllData] or [manageConnectedApps].',
    mfa: 'If your org will use multi-factor authentication (MFA), turn it on before you create the app.',
    sandbox:
      'You are in the org to connect. A sandbox needs its own app: apps are not copied into refreshed sandboxes.',
  },
  createApp: {
    title: 'Create a new {appKind}',
    click: 'Click [button].',
    clickClassic: 'In the [connectedApps] list, click [new].',
    quickFind: "Or type [page] in Setup's [quickFind] box.",
    noConnectedApps:
      'No [button] button? Your org only allows External Client Apps: ask {vendor} for that guide.',
  },
  basicInformation: {
    title: 'Name the app',
    apiName: 'Filled in from the name; keep it.',
    contactEmail: 'Your email address.',
  },
  callbackUrl: {
    title: 'Turn on OAuth and add the callback URL',
    titleMany: 'Turn on OAuth and add the callback URLs',
    field: 'Paste the URL below.',
    fieldMany: 'Paste each URL below on its own line.',
    copyLabel: 'Callback URL',
    copyLabelMany: 'Callback URL {number}',
    exactMatch:
      'Paste each URL exactly: https, same spelling, no trailing slash, one per line. Otherwise Salesforce answers redirect_uri_mismatch.',
  },
  scopes: {
    title: 'Choose the OAuth scopes',
    fieldEca: 'Move these into the selected list; leave the others out.',
    fieldConnectedApp: 'Select each in [availableOAuthScopes] and click [add].',
    copyLabel: 'Scope values',
    noRefreshToken:
      'No refresh token with these scopes: the connection ends with the session. Add [scope] unless {vendor} says otherwise.',
    unknown: 'Setup does not list {values}. Ask {vendor} which scope to choose.',
    changeLater:
      'Changing scopes later? Generate new consumer details ([stagedConsumerDetails] → [generate] → [apply]) and enter them in {vendor}.',
  },
  flowSecurity: {
    title: 'Set flows and security',
    authorizationCodeAndCredentials: 'Headless sign-in; Setup shows it only if the org allows it.',
    clientCredentials: 'Confirm the warning Salesforce shows.',
    pkce: '{vendor} always sends a PKCE challenge, so keep this on.',
    pkceOff: 'Only if you were asked to.',
    leaveOthers: 'Leave every other setting as it is.',
  },
  saveApp: {
    titleEca: 'Create the app',
    titleConnectedApp: 'Save the app',
    eca: "Click [create]. Salesforce opens the app's page.",
    connectedApp: 'Click [save], then [continue].',
  },
  policies: {
    title: 'Set who may connect',
    openEca: "On the app's page, open the [policiesTab] tab and click [edit].",
    openLightning: 'Open the menu next to the app and choose [manage], then click [editPolicies].',
    openClassic: "Click the app's name, then [editPolicies].",
    chooseProfiles: 'Profiles or permission sets of everyone who will use {vendor}.',
    adminApproved:
      'Only users with a selected profile or permission set can connect; others get "user is not admin approved".',
    runAs: 'The integration user {vendor} acts as.',
    save: 'Click [save].',
  },
  credentials: {
    title: 'Copy the Consumer Key and Secret',
    openEca:
      'Open the app, then the [settingsTab] tab. Under [oauthSettings], click [consumerKeyAndSecret].',
    openLightning:
      'Open the menu next to the app and choose [view]. Next to [consumerKeyAndSecret], click [manageConsumerDetails].',
    openClassic: "Click the app's name, then [manageConsumerDetails].",
    verifyIdentity: 'Salesforce first asks you to verify your identity with a code it emails you.',
    copy: 'Copy the [consumerKey] and [consumerSecret]. Paste the secret only into {vendor}.',
    regenerate:
      'To replace them: [manageConsumerDetails] → [stagedConsumerDetails] → [generate] → [apply]. The old values stop working at once; enter the new ones in {vendor}.',
  },
  wait: {
    title: 'Wait up to 10 minutes',
    text: 'A new or changed app can take up to 10 minutes to work. Sooner, Salesforce may say "client identifier invalid": wait and try again.',
  },
  enterCredentials: {
    title: 'Connect {vendor}',
    intro: 'In {vendor}, enter:',
    loginUrl:
      'Your My Domain URL ([setup] → [myDomain]), or `https://login.salesforce.com` (`https://test.salesforce.com` for a sandbox).',
    copied: 'The value you copied.',
    connect: 'Click [button], sign in to Salesforce and click [allow].',
    tokenLimit:
      'Salesforce keeps at most 5 connections per user for each app; a 6th approval revokes the oldest. Reconnecting in {vendor} reuses its connection.',
  },
};
