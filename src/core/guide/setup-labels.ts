/**
 * Salesforce's own words: the labels of fields, tabs, buttons and menu entries exactly as Setup
 * shows them in English. The guide quotes them verbatim so the admin can find each one on the
 * page (or type it into Quick Find). A locale for an org whose Setup runs in another language may
 * replace them; the kit's German messages keep these, since Salesforce's German labels vary by
 * release and the kit cannot check them.
 *
 * Connected Apps spell some Security labels with capitals ("Require Secret for …"); External
 * Client Apps do not. Each group names the Salesforce Help page (article id) or seed page it comes
 * from; docs/sources.md lists them all with their titles. Labels that only the five seed pages
 * show (no Salesforce page at hand) say so: the guide always gives the menu path beside them.
 *
 * @example
 * ['Click ', ui(SETUP_LABELS.newExternalClientApp), '.']
 */
export const SETUP_LABELS = {
  // Setup's frame: every Salesforce Help procedure starts "From Setup, in the Quick Find box…".
  setup: 'Setup',
  quickFind: 'Quick Find',
  apps: 'Apps',
  // xcloud.create_a_local_external_client_app.htm (path and button); seeds 000, 002.
  externalClientApps: 'External Client Apps',
  externalClientAppManager: 'External Client App Manager',
  newExternalClientApp: 'New External Client App',
  // Connected App, Lightning: App Manager → New Connected App (connected_app_edit_parent.htm:
  // "Use the App Manager…"; seeds 001, 003).
  appManager: 'App Manager',
  newConnectedApp: 'New Connected App',
  // Connected App, Classic: Build → Create → Apps → Connected Apps → New, and Administer → Manage
  // Apps → Connected Apps for policies (seed 004 only: no current Salesforce page shows Classic).
  build: 'Build',
  create: 'Create',
  administer: 'Administer',
  manageApps: 'Manage Apps',
  connectedApps: 'Connected Apps',
  new: 'New',
  // products.domain_name_app_url_changes.htm (My Domain URL Formats); Setup → My Domain.
  myDomain: 'My Domain',
  // Connected App permissions: xcloud.connected_app_manage_oauth.htm ("Customize Application AND
  // either Modify All Data OR Manage Connected Apps").
  customizeApplication: 'Customize Application',
  modifyAllData: 'Modify All Data',
  manageConnectedApps: 'Manage Connected Apps',
  // External Client App permissions: xcloud.create_a_local_external_client_app.htm, and the
  // ExtlClntAppOauthConfigurablePolicies metadata page for the second.
  createEditDeleteExternalClientApps: 'Create, edit, and delete External Client Apps',
  viewAllExternalClientApps:
    'View all External Client Apps, view their settings, and edit their policies',
  // Connected App consumer rotation: xcloud.connected_app_manage_oauth.htm ("To rotate the
  // consumer key and consumer secret: Allow consumer key and secret rotation").
  allowConsumerKeyRotation: 'Allow consumer key and secret rotation',

  // Basic Information. ECA: xcloud.create_a_local_external_client_app.htm; Connected App: seeds
  // 001, 003, 004.
  externalClientAppName: 'External Client App Name',
  connectedAppName: 'Connected App Name',
  apiName: 'API Name',
  contactEmail: 'Contact Email',
  distributionState: 'Distribution State',
  local: 'Local',

  // API (Enable OAuth Settings). ECA: xcloud.create_a_local_external_client_app.htm; Connected
  // App: seeds 001, 003, 004 (Available/Selected OAuth Scopes, Add).
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
  // The headless flow: xcloud.configure_oauth_code_credentials_flow_external_client_apps.htm and
  // the Headless Identity guide ("Enable the Authorization Code and Credentials Flow").
  authorizationCodeAndCredentialsFlow: 'Enable Authorization Code and Credentials Flow',
  oauthAndOpenIdConnectSettings: 'OAuth and OpenID Connect Settings',
  allowAuthorizationCodeAndCredentialsFlows: 'Allow Authorization Code and Credentials Flows',
  // Device flow: "Enable Device Flow" on an ECA, "Enable for Device Flow" on a Connected App
  // (xcloud.configure_device_flow_external_client_apps.htm; seeds 001, 003).
  deviceFlow: 'Enable Device Flow',
  deviceFlowConnectedApp: 'Enable for Device Flow',
  // Client credentials, its section and Run As: xcloud.connected_app_client_credentials_setup.htm
  // (Connected App: the checkbox, then Manage → Edit Policies → Client Credentials Flow → Run As);
  // seed 001. An ECA keeps its Run As user under Policies → OAuth Policies
  // (xcloud.configure_client_credentials_flow_for_external_client_apps.htm; docs/sources.md).
  clientCredentialsFlow: 'Enable Client Credentials Flow',
  // ECA Security checkboxes, lower case, all three on by default:
  // xcloud.create_a_local_external_client_app.htm.
  requireSecretWebServer: 'Require secret for Web Server Flow',
  requireSecretRefreshToken: 'Require secret for Refresh Token Flow',
  requirePkce:
    'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
  // Connected App Security checkboxes, capitalised: seeds 001, 003, 004.
  requireSecretWebServerConnectedApp: 'Require Secret for Web Server Flow',
  requireSecretRefreshTokenConnectedApp: 'Require Secret for Refresh Token Flow',
  requirePkceConnectedApp:
    'Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows',
  // Seed 001 only.
  useDigitalSignatures: 'Use Digital Signatures',
  introspectAllTokens: 'Introspect All Tokens',
  // Buttons on every Setup form (seeds 000–004; "Create": xcloud.create_a_local_external_client_app.htm).
  save: 'Save',
  continue: 'Continue',
  edit: 'Edit',

  // ECA Policies tab: xcloud.manage_external_client_apps.htm (Policies tab, start URL, profiles
  // and permission sets); Connected App: xcloud.connected_app_manage_oauth.htm (Manage → Edit
  // Policies, Permitted Users, IP Relaxation, Refresh Token Policy).
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
  // Today's four IP Relaxation options (xcloud.connected_app_continuous_ip.htm; the ECA policy
  // metadata has the same four values: Enforce, Enforce_RelaxRefresh, Bypass_2factor, Bypass).
  ipRelaxation: 'IP Relaxation',
  ipEnforce: 'Enforce IP restrictions',
  ipEnforceRelaxRefresh: 'Enforce IP restrictions, but relax for refresh tokens',
  ipRelaxActivatedDevices: 'Relax IP restrictions for activated devices',
  ipRelax: 'Relax IP restrictions',
  // Refresh Token Policy: xcloud.connected_app_manage_oauth.htm; with the 30-day idle limit "valid
  // until revoked" is hidden (xcloud.eca_limit_idle_refresh_token_ttl.htm,
  // xcloud.connected_app_limit_idle_ttl.htm).
  refreshTokenPolicy: 'Refresh Token Policy',
  refreshUntilRevoked: 'Refresh token is valid until revoked',
  refreshExpireImmediately: 'Immediately expire refresh token',
  refreshExpireIfUnused: 'Expire refresh token if not used for',
  refreshExpireAfter: 'Expire refresh token after',
  hours: 'Hour(s)',
  days: 'Day(s)',
  months: 'Month(s)',
  // Seed 001 (see the client credentials flow above).
  clientCredentialsSection: 'Client Credentials Flow',
  runAs: 'Run As',

  // Consumer key and secret. ECA: Settings tab → OAuth Settings → Consumer Key and Secret
  // (xcloud.create_a_local_external_client_app.htm; seeds 000, 002). Connected App: View → Manage
  // Consumer Details → Staged Consumer Details → Generate → Apply (connected_app_edit_parent.htm,
  // "View and Rotate the Consumer Key and Consumer Secret of a Connected App"; seeds 001, 003).
  view: 'View',
  oauthSettings: 'OAuth Settings',
  consumerKeyAndSecret: 'Consumer Key and Secret',
  manageConsumerDetails: 'Manage Consumer Details',
  consumerKey: 'Consumer Key',
  consumerSecret: 'Consumer Secret',
  stagedConsumerDetails: 'Staged Consumer Details',
  generate: 'Generate',
  apply: 'Apply',
  // The approval page's button (platform.remoteaccess_request_approve.htm; seeds 000–004).
  allow: 'Allow',
};

/**
 * The Setup labels a guide quotes; see {@link SETUP_LABELS}.
 *
 * @example
 * const labels: SetupLabels = { ...SETUP_LABELS, deviceFlow: 'Gerätefluss aktivieren' };
 */
export type SetupLabels = typeof SETUP_LABELS;
