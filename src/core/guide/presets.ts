import { DEFAULT_SCOPES } from '../scopes.js';
import type { GuideConfig } from './model.js';

/**
 * The settings part of a guide configuration: everything except what names the integration
 * (`appName`, `vendorName`, `callbackUrls`, `contactEmail`, `loginUrl`). Spread one into a config.
 *
 * @example
 * const mine: GuidePreset = { ...presets.externalClientAppWithoutPkce, scopes: ['api', 'refresh_token'] };
 */
export type GuidePreset = Omit<
  GuideConfig,
  'appName' | 'vendorName' | 'callbackUrls' | 'contactEmail' | 'loginUrl'
>;

/**
 * The kit's recommended setup: an External Client App with API access, a refresh token and the
 * identity URL; both secrets and PKCE required; only admin-approved users; refresh tokens valid
 * until revoked; IP restrictions enforced at sign-in but relaxed for refresh tokens, so the
 * server keeps the connection alive from its own address.
 *
 * @example
 * buildSetupGuide({ ...defaultGuideConfig, appName: 'Acme', vendorName: 'Acme', callbackUrls });
 */
export const defaultGuideConfig = {
  variant: 'external-client-app',
  scopes: DEFAULT_SCOPES,
  security: {
    requireSecretForWebServerFlow: true,
    requireSecretForRefreshTokenFlow: true,
    requirePkce: true,
  },
  policies: {
    permittedUsers: 'admin-approved',
    refreshToken: { kind: 'until-revoked' },
    // Sign-in stays checked against the profile's IP ranges; the server's refreshes are not.
    ipRelaxation: 'enforce-relax-refresh',
  },
} as const satisfies GuidePreset;

/** The data sync service's Connected App: its popup preset and its client credentials preset share it. */
const serviceSyncConnectedApp = {
  variant: 'connected-app-lightning',
  scopes: ['full'],
  flows: { deviceFlow: true, clientCredentials: true, authorizationCodeAndCredentials: true },
  security: {
    requireSecretForWebServerFlow: true,
    requireSecretForRefreshTokenFlow: true,
    useDigitalSignatures: false,
    introspectAllTokens: true,
  },
} as const satisfies GuidePreset;

/**
 * Configurations that other products' hand-written Salesforce setup pages ask for, named by what
 * they configure. Use one when your backend needs the same; each is tested to produce every
 * setting its page asks for.
 *
 * @example
 * const guide = buildSetupGuide({
 *   ...presets.classicConnectedAppFullAccess,
 *   appName: 'Acme',
 *   vendorName: 'Acme',
 *   callbackUrls: ['https://acme.example/connector/callback'],
 * });
 */
export const presets = {
  /**
   * External Client App for a per-user contact sync: identity, API and refresh scopes; the
   * Authorization Code and Credentials flow ticked; both secrets and PKCE required; start page
   * None; admin-approved users limited to chosen profiles; refresh tokens valid until revoked.
   */
  externalClientAppForChosenProfiles: {
    variant: 'external-client-app',
    scopes: [
      'id',
      'profile',
      'email',
      'address',
      'phone',
      'api',
      'refresh_token',
      'offline_access',
    ],
    flows: { authorizationCodeAndCredentials: true },
    security: {
      requireSecretForWebServerFlow: true,
      requireSecretForRefreshTokenFlow: true,
      requirePkce: true,
    },
    policies: {
      startPage: 'None',
      permittedUsers: 'admin-approved',
      refreshToken: { kind: 'until-revoked' },
    },
  },
  /**
   * Connected App (Lightning) for a data sync service: full access; device, client credentials
   * and Authorization Code and Credentials flows; both secrets required; no digital signatures;
   * token introspection on.
   */
  connectedAppForServiceSync: serviceSyncConnectedApp,
  /**
   * Connected App (Lightning) for a data sync backend that connects on its own, server to server:
   * the client credentials flow (`flow: 'client-credentials'`, no popup) as the Run As user; the
   * page's full access, device and Authorization Code and Credentials flows, both secrets, no
   * digital signatures and token introspection on. Its callback URL is the org's My Domain URL
   * (pass it as `callbackUrls`, or leave them empty and the guide asks for it).
   */
  connectedAppClientCredentialsSync: {
    ...serviceSyncConnectedApp,
    flow: 'client-credentials',
  },
  /**
   * External Client App for a backend that connects on its own with the client credentials flow
   * (`flow: 'client-credentials'`): API access, "Enable Client Credentials Flow" under Flow
   * Enablement, the Run As user under OAuth Policies.
   */
  externalClientAppClientCredentials: {
    variant: 'external-client-app',
    flow: 'client-credentials',
    scopes: ['api'],
    flows: { clientCredentials: true },
  },
  /**
   * External Client App with API and refresh scopes, the Authorization Code and Credentials flow
   * ticked and PKCE not required; everything else left at Salesforce's defaults. The form asks
   * for a connection name beside the key and secret (the customer holds several connections).
   */
  externalClientAppWithoutPkce: {
    variant: 'external-client-app',
    scopes: ['api', 'refresh_token', 'offline_access'],
    flows: { authorizationCodeAndCredentials: true },
    security: { requirePkce: false },
    connectionName: {
      required: true,
      description: 'A name to help you identify this connection.',
    },
  },
  /**
   * Connected App (Lightning) with full access and a refresh token, device flow on, for a
   * service that reads subscriptions and users; the admin checks permissions and MFA first. The
   * form starts with the production Login URL and asks for the company names to collect data
   * for: `*` alone (the default) means all of them; `*` together with names is refused, so
   * what the admin meant is never guessed.
   */
  connectedAppDeviceFlowFullAccess: {
    variant: 'connected-app-lightning',
    scopes: ['refresh_token', 'offline_access', 'full'],
    flows: { deviceFlow: true },
    prerequisites: { mfa: true },
    defaultLoginUrl: 'https://login.salesforce.com',
    connectionFields: {
      companies: {
        kind: 'list',
        label: 'Company names',
        description:
          'The legal entities in your organization to collect data for, one per row. * alone collects data for all of them, including user accounts without an email address; names collect data only for those, without user accounts that have no email address. Use * or names, not both.',
        required: true,
        default: ['*'],
        wildcard: '*',
      },
    },
  },
  /** Connected App in Salesforce Classic with full access and a refresh token. */
  classicConnectedAppFullAccess: {
    variant: 'connected-app-classic',
    scopes: ['full', 'refresh_token', 'offline_access'],
  },
} as const satisfies Record<string, GuidePreset>;
