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
    connectionName: 'Connection name',
  },
  appKind: { eca: 'External Client App', connectedApp: 'Connected App' },
  title: 'Set up Salesforce for {vendor}',
  intro:
    '{vendor} connects to your Salesforce org through an app you create in Setup (about 15 minutes). Then you enter three values in {vendor} and click [button].',
  prerequisites: {
    title: 'Check your access',
    permissionsEca:
      'You have [createEditDeleteExternalClientApps] to create the app, and [viewAllExternalClientApps] to set its policies.',
    permissions: 'You have [customizeApplication], and [modifyAllData] or [manageConnectedApps].',
    mfa: 'If your org will use multi-factor authentication (MFA), turn it on before you create the app.',
    sandbox:
      'You are in the org to connect. A sandbox needs its own app: Salesforce does not copy local External Client Apps into a sandbox when it is created or refreshed.',
    sandboxConnectedApp:
      'You are in the org to connect. Connecting a sandbox? Check that the app exists in that sandbox too.',
    connectedAppsRestricted:
      "Since Spring '26, Salesforce lets an org create a new Connected App only through a package install or where Salesforce Support turned creation back on. Follow this guide if your org still may, or to check an existing Connected App; otherwise ask {vendor} for the External Client App guide.",
  },
  createApp: {
    title: 'Create a new {appKind}',
    click: 'Click [button].',
    clickClassic: 'In the [connectedApps] list, click [new].',
    quickFind: "Or type [page] in Setup's [quickFind] box.",
    quickFindClassic:
      "Menu names in Salesforce Classic can differ: if one does not match, type [connectedApps] in Setup's [quickFind] box.",
    noConnectedApps:
      'No [button] button? Your org only allows External Client Apps: ask {vendor} for that guide.',
    whyEca:
      "Salesforce no longer lets orgs create new Connected Apps (since Spring '26), so this guide uses an External Client App.",
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
    changeLaterEca: 'Changing scopes later? Save, then connect again in {vendor} to use them.',
  },
  flowSecurity: {
    title: 'Set flows and security',
    authorizationCodeAndCredentials:
      "Salesforce's headless sign-in; {vendor}'s Connect does not need it. Setup offers it only once the org switch [setup] → [oauthAndOpenIdConnectSettings] → [allowAuthorizationCodeAndCredentialsFlows] is on.",
    authorizationCodeAndCredentialsConnectedApp:
      "Salesforce's headless sign-in; {vendor}'s Connect does not need it. If Setup does not offer it, the org switch [setup] → [oauthAndOpenIdConnectSettings] → [allowAuthorizationCodeAndCredentialsFlows] may be off.",
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
    ipRelaxation:
      '[ipEnforceRelaxRefresh] keeps a server-side connection working: sign-in in the browser is still checked against the IP ranges of the user’s profile, and {vendor}’s server renews access from its own address.',
    refreshUntilRevokedHidden:
      'Not offered? The app limits idle refresh tokens to 30 days: keep [refreshExpireIfUnused] 30 [days]. The connection then ends when {vendor} has not used it for 30 days, and someone connects again.',
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
    verifyIdentity:
      'Salesforce first asks you to verify your identity with one of your registered methods.',
    copy: 'Copy the [consumerKey] and [consumerSecret]. Paste the secret only into {vendor}.',
    regenerate:
      'To replace them: [manageConsumerDetails] → [stagedConsumerDetails] → [generate] → [apply] (needs [allowConsumerKeyRotation]). The old values stop working once you apply; enter the new ones in {vendor}.',
    regenerateEca:
      'An External Client App has no button in Setup to replace them: Salesforce rotates its key and secret only through its API for staged OAuth credentials. Enter any new values in {vendor}.',
  },
  wait: {
    title: 'Wait up to 10 minutes',
    text: 'A new or changed app can take up to 10 minutes to work. Sooner, Salesforce may say "client identifier invalid": wait and try again.',
  },
  enterCredentials: {
    title: 'Connect {vendor}',
    intro: 'In {vendor}, enter:',
    loginUrl:
      'Your My Domain URL ([setup] → [myDomain]), like `https://yourcompany.my.salesforce.com`; a Developer Edition has `https://yourcompany.develop.my.salesforce.com` (older ones `https://yourcompany-dev-ed.develop.my.salesforce.com`). Or `https://login.salesforce.com` (`https://test.salesforce.com` for a sandbox).',
    copied: 'The value you copied.',
    connect: 'Click [button], sign in to Salesforce and click [allow].',
    tokenLimit:
      'Salesforce allows five approvals per user for each app; after a fifth approval, the oldest is revoked. Reconnecting in {vendor} reuses its connection.',
    loginUrlDefault:
      'Filled in with {url} (production). For a sandbox use `https://test.salesforce.com`, or your My Domain URL ([setup] → [myDomain]).',
    connectionName: 'A name to help you tell this connection apart from your others.',
    optional: 'Optional.',
    listRows: 'One per row.',
    oneOf: 'One of: {options}.',
    checkbox: 'Tick it if it applies.',
  },
  clientCredentials: {
    intro:
      '{vendor} connects to your org on its own, server to server, through an app you create in Setup (about 15 minutes). Nobody signs in: Salesforce gives access as a user you choose, the Run As user. Then you enter three values in {vendor} and click [button].',
    runAsUser:
      'You know which active user with API access {vendor} will act as (the Run As user). {vendor} can do what this user may.',
    callbackField: 'Salesforce needs one to save the app; this flow never opens it. Paste:',
    callbackFieldMyDomain:
      'Salesforce needs one to save the app; this flow never opens it. Paste your My Domain URL ([setup] → [myDomain]).',
    noRefreshToken: 'This flow gets no refresh token: {vendor} asks for a new token when needed.',
    enable: 'Confirm the warning: anyone with the key and secret can get access.',
    runAs: 'The user {vendor} acts as.',
    loginUrlLabel: 'My Domain URL',
    loginUrl:
      'Your My Domain URL ([setup] → [myDomain]), like `https://yourcompany.my.salesforce.com`. Not login.salesforce.com or test.salesforce.com: this flow works only on your org’s own domain.',
    connect: 'Click [button]. No Salesforce window opens: {vendor} connects as the Run As user.',
    renewal:
      'Nobody signs in again. If access stops (Run As user deactivated, flow off), fix it here and click [button] again.',
  },
};
