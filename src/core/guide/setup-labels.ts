/**
 * Salesforce's own words: the labels of fields, tabs, buttons and menu entries exactly as Setup
 * shows them in English. The guide quotes them verbatim so the admin can find each one on the
 * page (or type it into Quick Find). A locale for an org whose Setup runs in another language may
 * replace them; the kit's German messages keep these, since Salesforce's German labels vary by
 * release and the kit cannot check them.
 *
 * Connected Apps spell some Security labels with capitals ("Require Secret for …"); External
 * Client Apps do not. Labels marked (verify) come from one source only (SALESFORCE.md says so).
 *
 * @example
 * ['Click ', ui(SETUP_LABELS.newExternalClientApp), '.']
 */
export const SETUP_LABELS = {
  setup: 'Setup',
  quickFind: 'Quick Find',
  apps: 'Apps',
  externalClientApps: 'External Client Apps',
  externalClientAppManager: 'External Client App Manager',
  newExternalClientApp: 'New External Client App',
  appManager: 'App Manager',
  newConnectedApp: 'New Connected App',
  build: 'Build',
  create: 'Create',
  administer: 'Administer',
  manageApps: 'Manage Apps',
  connectedApps: 'Connected Apps',
  new: 'New',
  myDomain: 'My Domain',
  customizeApplication: 'Customize Application',
  modifyAllData: 'Modify All Data',
  manageConnectedApps: 'Manage Connected Apps',

  externalClientAppName: 'External Client App Name',
  connectedAppName: 'Connected App Name',
  apiName: 'API Name',
  contactEmail: 'Contact Email',
  distributionState: 'Distribution State',
  local: 'Local',

  oauthSection: 'API (Enable OAuth Settings)',
  enableOAuth: 'Enable OAuth',
  enableOAuthSettings: 'Enable OAuth Settings',
  callbackUrl: 'Callback URL',
  oauthScopes: 'OAuth Scopes',
  selectedOAuthScopes: 'Selected OAuth Scopes',
  availableOAuthScopes: 'Available OAuth Scopes',
  add: 'Add',
  flowEnablement: 'Flow Enablement',
  security: 'Security',
  authorizationCodeAndCredentialsFlow: 'Enable Authorization Code and Credentials Flow',
  // (verify) External Client Apps may word it "Enable Device Flow".
  deviceFlow: 'Enable for Device Flow',
  clientCredentialsFlow: 'Enable Client Credentials Flow',
  requireSecretWebServer: 'Require secret for Web Server Flow',
  requireSecretRefreshToken: 'Require secret for Refresh Token Flow',
  requirePkce:
    'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
  requireSecretWebServerConnectedApp: 'Require Secret for Web Server Flow',
  requireSecretRefreshTokenConnectedApp: 'Require Secret for Refresh Token Flow',
  requirePkceConnectedApp:
    'Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows',
  useDigitalSignatures: 'Use Digital Signatures',
  introspectAllTokens: 'Introspect All Tokens',
  save: 'Save',
  continue: 'Continue',
  edit: 'Edit',

  policiesTab: 'Policies',
  settingsTab: 'Settings',
  appPolicies: 'App Policies',
  oauthPolicies: 'OAuth Policies',
  startPage: 'Start Page',
  startUrl: 'Start URL',
  selectProfiles: 'Select Profiles',
  selectPermissionSets: 'Select Permission Sets',
  manage: 'Manage',
  editPolicies: 'Edit Policies',
  manageProfiles: 'Manage Profiles',
  managePermissionSets: 'Manage Permission Sets',
  permittedUsers: 'Permitted Users',
  adminApproved: 'Admin approved users are pre-authorized',
  selfAuthorize: 'All users may self-authorize',
  ipRelaxation: 'IP Relaxation',
  ipEnforce: 'Enforce IP restrictions',
  ipRelaxWithSecondFactor: 'Relax IP restrictions with second factor',
  ipRelax: 'Relax IP restrictions',
  refreshTokenPolicy: 'Refresh Token Policy',
  refreshUntilRevoked: 'Refresh token is valid until revoked',
  refreshExpireImmediately: 'Immediately expire refresh token',
  refreshExpireIfUnused: 'Expire refresh token if not used for',
  refreshExpireAfter: 'Expire refresh token after',
  hours: 'Hour(s)',
  days: 'Day(s)',
  months: 'Month(s)',
  clientCredentialsSection: 'Client Credentials Flow',
  runAs: 'Run As',

  view: 'View',
  oauthSettings: 'OAuth Settings',
  consumerKeyAndSecret: 'Consumer Key and Secret',
  manageConsumerDetails: 'Manage Consumer Details',
  consumerKey: 'Consumer Key',
  consumerSecret: 'Consumer Secret',
  stagedConsumerDetails: 'Staged Consumer Details',
  generate: 'Generate',
  apply: 'Apply',
  allow: 'Allow',
};

/**
 * The Setup labels a guide quotes; see {@link SETUP_LABELS}.
 *
 * @example
 * const labels: SetupLabels = { ...SETUP_LABELS, deviceFlow: 'Enable Device Flow' };
 */
export type SetupLabels = typeof SETUP_LABELS;
