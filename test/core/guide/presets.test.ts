// Each preset reproduces one vendor's hand-written setup page (../shared/seeds). These tests list
// every setting that page asks the admin for and check the generated guide asks for it too, by
// Setup's exact label and value.
import { describe, expect, it } from 'vitest';
import { parseConnectionFields } from '../../../src/core/fields.js';
import {
  buildSetupGuide,
  defaultGuideConfig,
  type GuidePreset,
  guideToMarkdown,
  plainText,
  presets,
} from '../../../src/core/guide/index.js';
import {
  blocksOfType,
  copyValues,
  field,
  fields,
  guideText,
  off,
  on,
  options,
  setting,
  stepText,
  uiLabels,
} from './guide-queries.js';

/** The help text of a field the last step describes. */
const describeText = (guide: ReturnType<typeof buildSetupGuide>, label: string) => {
  const set = field(guide, label, 'enter-credentials').set;
  if (set.kind !== 'describe') throw new Error(`${label} is not described`);
  return set.text;
};

const build = (preset: GuidePreset, callbackUrls: string[], extra = {}) =>
  buildSetupGuide({
    ...preset,
    appName: 'Acme Sync',
    vendorName: 'Acme',
    callbackUrls,
    ...extra,
  });

describe('presets.externalClientAppForChosenProfiles (seed 000: contact sync, External Client App)', () => {
  const callback = 'https://app.rensystems.com/api/salesforce/auth_callback';
  const guide = build(presets.externalClientAppForChosenProfiles, [callback]);

  it('starts from Setup → Apps → External Client Apps → External Client App Manager → New', () => {
    expect(guide.variant).toBe('external-client-app');
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.path).toEqual([
      'Setup',
      'Apps',
      'External Client Apps',
      'External Client App Manager',
    ]);
    expect(uiLabels(guide, 'create-app')).toContain('New External Client App');
  });

  it('sets the callback URL and the three scopes in API (Enable OAuth Settings)', () => {
    expect(copyValues(guide, 'callback-url')).toEqual([callback]);
    expect(field(guide, 'Callback URL').section).toBe('API (Enable OAuth Settings)');
    expect(setting(guide, 'OAuth Scopes')).toEqual(
      options(
        'Manage user data via APIs (api)',
        'Perform requests at any time (refresh_token, offline_access)',
        'Access the identity URL service (id, profile, email, address, phone)',
      ),
    );
  });

  it('ticks the flow and all three security boxes', () => {
    expect(setting(guide, 'Enable Authorization Code and Credentials Flow')).toEqual(on);
    expect(field(guide, 'Enable Authorization Code and Credentials Flow').section).toBe(
      'Flow Enablement',
    );
    expect(setting(guide, 'Require secret for Web Server Flow')).toEqual(on);
    expect(setting(guide, 'Require secret for Refresh Token Flow')).toEqual(on);
    expect(
      setting(
        guide,
        'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
      ),
    ).toEqual(on);
  });

  it('clicks Create, then sets the app and OAuth policies and saves', () => {
    expect(uiLabels(guide, 'save-app')).toEqual(['Create']);
    expect(setting(guide, 'Start Page', 'oauth-policies')).toEqual(options('None'));
    expect(field(guide, 'Start Page').section).toBe('App Policies');
    expect(setting(guide, 'Select Profiles').kind).toBe('describe');
    expect(setting(guide, 'Permitted Users')).toEqual(
      options('Admin approved users are pre-authorized'),
    );
    expect(setting(guide, 'Refresh Token Policy')).toEqual(
      options('Refresh token is valid until revoked'),
    );
    expect(uiLabels(guide, 'oauth-policies')).toContain('Save');
  });

  it('fetches the key and secret from OAuth Settings → Consumer Key and Secret', () => {
    expect(uiLabels(guide, 'consumer-credentials')).toEqual(
      expect.arrayContaining(['OAuth Settings', 'Consumer Key and Secret']),
    );
  });

  it('asks for the Login URL, Consumer Key and Consumer Secret', () => {
    for (const label of ['Login URL', 'Consumer Key', 'Consumer Secret']) {
      expect(field(guide, label, 'enter-credentials')).toBeDefined();
    }
  });
});

describe('presets.connectedAppForServiceSync (seed 001: data sync, Connected App)', () => {
  const callback = 'https://d6g000006vxxxxxx--rlpstg12.sandbox.my.salesforce.com';
  const guide = build(presets.connectedAppForServiceSync, [callback], {
    contactEmail: 'admin@acme.example',
  });

  it('creates it from the App Manager with name, API name and contact email', () => {
    expect(guide.variant).toBe('connected-app-lightning');
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.path.at(-1)).toBe('App Manager');
    expect(uiLabels(guide, 'create-app')).toContain('New Connected App');
    expect(setting(guide, 'Connected App Name')).toEqual({ kind: 'text', value: 'Acme Sync' });
    expect(setting(guide, 'API Name').kind).toBe('describe');
    expect(setting(guide, 'Contact Email')).toEqual({ kind: 'text', value: 'admin@acme.example' });
  });

  it('fills API (Enable OAuth Settings) as the page lists it', () => {
    expect(setting(guide, 'Enable OAuth Settings')).toEqual(on);
    expect(setting(guide, 'Enable for Device Flow')).toEqual(on);
    expect(copyValues(guide, 'callback-url')).toEqual([callback]);
    expect(setting(guide, 'Use Digital Signatures')).toEqual(off);
    expect(setting(guide, 'Selected OAuth Scopes')).toEqual(options('Full access (full)'));
    expect(setting(guide, 'Require Secret for Web Server Flow')).toEqual(on);
    expect(setting(guide, 'Require Secret for Refresh Token Flow')).toEqual(on);
    expect(setting(guide, 'Enable Client Credentials Flow')).toEqual(on);
    expect(setting(guide, 'Enable Authorization Code and Credentials Flow')).toEqual(on);
    expect(setting(guide, 'Introspect All Tokens')).toEqual(on);
    for (const label of [
      'Enable for Device Flow',
      'Use Digital Signatures',
      'Introspect All Tokens',
    ]) {
      expect(field(guide, label).section).toBe('API (Enable OAuth Settings)');
    }
  });

  it('asks for the Run As user the client credentials flow needs', () => {
    expect(setting(guide, 'Run As', 'oauth-policies').kind).toBe('describe');
  });

  it('leaves everything else alone, saves, and waits up to 10 minutes', () => {
    expect(stepText(guide, 'flow-security')).toContain('Leave every other setting as it is.');
    expect(uiLabels(guide, 'save-app')).toContain('Save');
    expect(stepText(guide, 'wait-for-activation')).toContain('up to 10 minutes');
  });

  it('copies the key and secret via View → Manage Consumer Details, after identity verification', () => {
    expect(uiLabels(guide, 'consumer-credentials')).toEqual(
      expect.arrayContaining([
        'View',
        'Manage Consumer Details',
        'Consumer Key',
        'Consumer Secret',
      ]),
    );
    expect(stepText(guide, 'consumer-credentials')).toContain('verify your identity');
  });

  it('warns that full access alone gives no refresh token', () => {
    expect(blocksOfType(guide, 'warning', 'oauth-scopes').map((w) => plainText(w.text))).toEqual([
      expect.stringContaining('No refresh token'),
    ]);
  });
});

describe('presets.externalClientAppWithoutPkce (seed 002: workflow automation, External Client App)', () => {
  const callback = 'https://app.appse.ai/oauth/salesforce/callback';
  const guide = build(presets.externalClientAppWithoutPkce, [callback]);

  it('creates a new External Client App with name and email, OAuth enabled', () => {
    expect(uiLabels(guide, 'create-app')).toContain('New External Client App');
    expect(setting(guide, 'External Client App Name')).toEqual({
      kind: 'text',
      value: 'Acme Sync',
    });
    expect(setting(guide, 'Contact Email').kind).toBe('describe');
    expect(setting(guide, 'Enable OAuth')).toEqual(on);
    expect(copyValues(guide, 'callback-url')).toEqual([callback]);
  });

  it('adds the API and refresh scopes', () => {
    expect(setting(guide, 'OAuth Scopes')).toEqual(
      options(
        'Manage user data via APIs (api)',
        'Perform requests at any time (refresh_token, offline_access)',
      ),
    );
  });

  it('enables the Authorization Code and Credentials Flow, disables PKCE, keeps the rest default', () => {
    expect(setting(guide, 'Enable Authorization Code and Credentials Flow')).toEqual(on);
    expect(
      setting(
        guide,
        'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
      ),
    ).toEqual(off);
    expect(stepText(guide, 'flow-security')).toContain('Leave every other setting as it is.');
  });

  it('creates the app, then finds the key and secret on the Settings tab after identity verification', () => {
    expect(uiLabels(guide, 'save-app')).toEqual(['Create']);
    expect(blocksOfType(guide, 'link', 'consumer-credentials')[0]?.label).toBe(
      'External Client App Manager',
    );
    expect(uiLabels(guide, 'consumer-credentials')).toEqual(
      expect.arrayContaining(['Settings', 'Consumer Key and Secret']),
    );
    // Seed 002 says "email code"; Salesforce asks with any registered method (issue 16, item 7).
    expect(stepText(guide, 'consumer-credentials')).toContain('one of your registered methods');
  });

  it('asks for the Connection Name beside the key and secret, in the last step and the Markdown', () => {
    expect(presets.externalClientAppWithoutPkce.connectionName.required).toBe(true);
    const labels = fields(guide, 'enter-credentials').map((f) => f.label);
    expect(labels).toEqual(['Connection name', 'Login URL', 'Consumer Key', 'Consumer Secret']);
    expect(plainText(describeText(guide, 'Connection name'))).toBe(
      'A name to help you identify this connection.',
    );
    expect(guideToMarkdown(guide)).toContain('Connection name');
  });
});

describe('presets.connectedAppDeviceFlowFullAccess (seed 003: SaaS management, Connected App)', () => {
  const guide = build(presets.connectedAppDeviceFlowFullAccess, [
    'https://login.salesforce.com/services/oauth2/success',
  ]);

  it('checks the permissions and MFA first', () => {
    const text = stepText(guide, 'prerequisites');
    for (const permission of [
      'Customize Application',
      'Modify All Data',
      'Manage Connected Apps',
    ]) {
      expect(uiLabels(guide, 'prerequisites')).toContain(permission);
    }
    expect(text).toContain('multi-factor authentication (MFA)');
  });

  it('names the app and enables OAuth settings with the device flow', () => {
    for (const label of ['Connected App Name', 'API Name', 'Contact Email']) {
      expect(field(guide, label, 'basic-information')).toBeDefined();
    }
    expect(setting(guide, 'Enable OAuth Settings')).toEqual(on);
    expect(setting(guide, 'Enable for Device Flow')).toEqual(on);
    expect(stepText(guide, 'flow-security')).toContain('Leave every other setting as it is.');
  });

  it('selects the refresh and full access scopes', () => {
    expect(setting(guide, 'Selected OAuth Scopes')).toEqual(
      options('Perform requests at any time (refresh_token, offline_access)', 'Full access (full)'),
    );
    expect(blocksOfType(guide, 'warning', 'oauth-scopes')).toEqual([]);
  });

  it('regenerates consumer details through Staged Consumer Details → Generate → Apply', () => {
    expect(uiLabels(guide, 'consumer-credentials')).toEqual(
      expect.arrayContaining([
        'Manage Consumer Details',
        'Staged Consumer Details',
        'Generate',
        'Apply',
      ]),
    );
    expect(stepText(guide, 'consumer-credentials')).toContain('old values stop working');
    expect(stepText(guide, 'oauth-scopes')).toContain('Changing scopes later?');
  });

  it('waits up to 10 minutes, then takes the production or sandbox login URL', () => {
    expect(stepText(guide, 'wait-for-activation')).toContain('up to 10 minutes');
    const loginUrl = stepText(guide, 'enter-credentials');
    expect(loginUrl).toContain('https://login.salesforce.com');
    expect(loginUrl).toContain('https://test.salesforce.com');
  });

  it('starts the form on the production Login URL and says so', () => {
    expect(presets.connectedAppDeviceFlowFullAccess.defaultLoginUrl).toBe(
      'https://login.salesforce.com',
    );
    expect(plainText(describeText(guide, 'Login URL'))).toMatch(
      /^Filled in with https:\/\/login\.salesforce\.com \(production\)/,
    );
  });

  it('asks for Company names, one per row, explaining * in the help text', () => {
    const labels = fields(guide, 'enter-credentials').map((f) => f.label);
    expect(labels).toEqual(['Login URL', 'Consumer Key', 'Consumer Secret', 'Company names']);
    const help = plainText(describeText(guide, 'Company names'));
    expect(help).toContain('* alone collects data for all of them');
    expect(help).toContain('Use * or names, not both.');
    expect(help).toContain('One per row.');
    expect(guideToMarkdown(guide)).toContain('Company names');
  });

  it('declares Company names so that * mixed with names is refused and * alone is the default', () => {
    const fieldsOf = presets.connectedAppDeviceFlowFullAccess.connectionFields;
    expect(parseConnectionFields(fieldsOf, {})).toEqual({ companies: ['*'] });
    expect(parseConnectionFields(fieldsOf, { companies: 'Acme\nGlobex' })).toEqual({
      companies: ['Acme', 'Globex'],
    });
    expect(() => parseConnectionFields(fieldsOf, { companies: '*\nAcme' })).toThrow(
      'Use * alone to mean all, or list the names; not both.',
    );
  });
});

describe('presets.classicConnectedAppFullAccess (seed 004: integration platform, Classic)', () => {
  const callbacks = [
    'https://my.cyclr.com/connector/callback',
    'https://app-h.cyclr.com/connector/callback',
  ];
  const guide = build(presets.classicConnectedAppFullAccess, callbacks);

  it('creates it from Setup → Build → Create → Apps → Connected Apps → New', () => {
    expect(guide.variant).toBe('connected-app-classic');
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.path).toEqual([
      'Setup',
      'Build',
      'Create',
      'Apps',
    ]);
    // Classic's menus are on no current Salesforce page: the guide offers Quick Find beside them.
    expect(uiLabels(guide, 'create-app')).toEqual([
      'Connected Apps',
      'New',
      'Connected Apps',
      'Quick Find',
      'New',
    ]);
  });

  it('fills Basic Information and ticks Enable OAuth Settings', () => {
    expect(setting(guide, 'Connected App Name')).toEqual({ kind: 'text', value: 'Acme Sync' });
    expect(setting(guide, 'API Name').kind).toBe('describe');
    expect(setting(guide, 'Contact Email').kind).toBe('describe');
    expect(setting(guide, 'Enable OAuth Settings')).toEqual(on);
  });

  it('adds both callback URLs, one copy each', () => {
    expect(copyValues(guide, 'callback-url')).toEqual(callbacks);
  });

  it('selects full access and the refresh scope', () => {
    expect(setting(guide, 'Selected OAuth Scopes')).toEqual(
      options('Perform requests at any time (refresh_token, offline_access)', 'Full access (full)'),
    );
  });

  it('saves, then copies the Consumer Key and Consumer Secret', () => {
    expect(uiLabels(guide, 'save-app')).toContain('Save');
    expect(uiLabels(guide, 'consumer-credentials')).toEqual(
      expect.arrayContaining(['Consumer Key', 'Consumer Secret']),
    );
  });

  it('explains the five token pairs per user and app', () => {
    expect(guideText(guide)).toContain(
      'Salesforce allows five approvals per user for each app; after a fifth approval, the oldest is revoked.',
    );
    expect(guide.troubleshooting.find((t) => t.code === 'invalid_grant')?.cause).toContain(
      'after a fifth approval, the oldest is revoked',
    );
  });
});

describe('defaultGuideConfig', () => {
  it('is the External Client App with api, refresh_token and id, PKCE on, admin-approved users', () => {
    const guide = build(defaultGuideConfig, ['https://app.acme.example/cb']);
    expect(guide.config.variant).toBe('external-client-app');
    expect(guide.config.scopes).toEqual(['api', 'refresh_token', 'id']);
    expect(guide.config.security.requirePkce).toBe(true);
    expect(guide.config.policies.permittedUsers).toBe('admin-approved');
    // And it is what an empty config resolves to.
    expect(build({}, ['https://app.acme.example/cb']).config).toEqual(guide.config);
  });
});
