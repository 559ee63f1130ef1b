// The guide for products that connect with the client credentials flow (`flow:
// 'client-credentials'`): nobody signs in, the backend gets a token as the app's Run As user.
// Labels and paths: xcloud.connected_app_client_credentials_setup.htm (Connected App: "Enable
// Client Credentials Flow", Manage → Edit Policies → Client Credentials Flow → Run As) and
// xcloud.configure_client_credentials_flow_for_external_client_apps.htm (External Client App).
import { describe, expect, it } from 'vitest';
import {
  buildSetupGuide,
  CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES,
  type GuideConfig,
  guideMessagesDe,
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

const myDomain = 'https://d6g000006vxxxxxx--rlpstg12.sandbox.my.salesforce.com';

const base: GuideConfig = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.example/oauth/callback'],
  flow: 'client-credentials',
};

describe('buildSetupGuide with flow: client-credentials', () => {
  it('turns on "Enable Client Credentials Flow" under Flow Enablement (External Client App)', () => {
    const guide = buildSetupGuide(base);
    expect(guide.config.flow).toBe('client-credentials');
    expect(setting(guide, 'Enable Client Credentials Flow', 'flow-security')).toEqual(on);
    expect(field(guide, 'Enable Client Credentials Flow').section).toBe('Flow Enablement');
    expect(plainText(field(guide, 'Enable Client Credentials Flow').hint ?? [])).toContain(
      'warning',
    );
  });

  it('asks for the Run As user under OAuth Policies (External Client App)', () => {
    const guide = buildSetupGuide(base);
    const runAs = field(guide, 'Run As', 'oauth-policies');
    expect(runAs.section).toBe('OAuth Policies');
    expect(runAs.set.kind).toBe('describe');
    expect(uiLabels(guide, 'oauth-policies')).toEqual(expect.arrayContaining(['Policies', 'Edit']));
  });

  it('puts Run As under Manage → Edit Policies → Client Credentials Flow (Connected App)', () => {
    for (const variant of ['connected-app-lightning', 'connected-app-classic'] as const) {
      const guide = buildSetupGuide({
        ...base,
        variant,
        flows: { clientCredentials: { runAs: 'integration@acme.example' } },
      });
      expect(setting(guide, 'Enable Client Credentials Flow')).toEqual(on);
      expect(field(guide, 'Enable Client Credentials Flow').section).toBe(
        'API (Enable OAuth Settings)',
      );
      const runAs = field(guide, 'Run As', 'oauth-policies');
      expect(runAs.section).toBe('Client Credentials Flow');
      expect(runAs.set).toEqual({ kind: 'text', value: 'integration@acme.example' });
      expect(uiLabels(guide, 'oauth-policies')).toContain('Edit Policies');
      if (variant === 'connected-app-lightning') {
        expect(uiLabels(guide, 'oauth-policies')).toContain('Manage');
      }
    }
  });

  it('says the callback URL is never opened, and drops the exact-match warning', () => {
    const guide = buildSetupGuide(base);
    expect(copyValues(guide, 'callback-url')).toEqual(['https://app.acme.example/oauth/callback']);
    expect(stepText(guide, 'callback-url')).toContain('never opens it');
    expect(blocksOfType(guide, 'warning', 'callback-url')).toEqual([]);
  });

  it('needs no callback URL: it asks for the My Domain URL, or copies the known one', () => {
    const asked = buildSetupGuide({ ...base, callbackUrls: [] });
    expect(copyValues(asked, 'callback-url')).toEqual([]);
    expect(stepText(asked, 'callback-url')).toContain('My Domain URL');
    expect(uiLabels(asked, 'callback-url')).toEqual(expect.arrayContaining(['Setup', 'My Domain']));
    const known = buildSetupGuide({ ...base, callbackUrls: [], loginUrl: myDomain });
    expect(copyValues(known, 'callback-url')).toEqual([myDomain]);
    // The popup flow still needs one.
    expect(() =>
      buildSetupGuide({ ...base, flow: 'authorization-code', callbackUrls: [] }),
    ).toThrow(/callback URL/);
  });

  it('asks for the My Domain URL as the Login URL and says why the generic hosts fail', () => {
    const guide = buildSetupGuide(base);
    const login = field(guide, 'My Domain URL', 'enter-credentials');
    expect(login.set.kind).toBe('describe');
    const words = plainText(login.set.kind === 'describe' ? login.set.text : []);
    expect(words).toContain('Not login.salesforce.com or test.salesforce.com');
    expect(words).toContain('only on your org’s own domain');
    expect(fields(guide, 'enter-credentials').map((f) => f.label)).not.toContain('Login URL');
  });

  it('has no sign-in: no Allow, no approval limit, no profiles to choose, no sign-in PKCE hint', () => {
    const guide = buildSetupGuide(base);
    expect(uiLabels(guide, 'enter-credentials')).not.toContain('Allow');
    expect(stepText(guide, 'enter-credentials')).toContain('No Salesforce window opens');
    expect(stepText(guide, 'enter-credentials')).not.toContain('five approvals');
    expect(fields(guide, 'oauth-policies').map((f) => f.label)).not.toContain('Select Profiles');
    expect(stepText(guide, 'oauth-policies')).not.toContain('not admin approved');
    expect(stepText(guide, 'flow-security')).not.toContain('PKCE challenge');
    expect(fields(guide, 'oauth-policies').map((f) => f.label)).not.toEqual(
      expect.arrayContaining(['IP Relaxation', 'Refresh Token Policy']),
    );
    expect(stepText(guide, 'oauth-scopes')).toContain('no refresh token');
    expect(blocksOfType(guide, 'warning', 'oauth-scopes')).toEqual([]);
    expect(plainText(guide.intro)).toContain('Nobody signs in');
    expect(stepText(guide, 'prerequisites')).toContain('Run As user');
  });

  it('keeps policies the config names explicitly', () => {
    const guide = buildSetupGuide({
      ...base,
      policies: { ipRelaxation: 'relax', refreshToken: { kind: 'expire-immediately' } },
    });
    expect(setting(guide, 'IP Relaxation')).toEqual(options('Relax IP restrictions'));
    expect(setting(guide, 'Refresh Token Policy')).toEqual(
      options('Immediately expire refresh token'),
    );
  });

  it('leaves the popup flow’s guide as it was', () => {
    const popup = buildSetupGuide({ ...base, flow: undefined });
    expect(popup.config.flow).toBe('authorization-code');
    expect(fields(popup, 'flow-security').map((f) => f.label)).not.toContain(
      'Enable Client Credentials Flow',
    );
    expect(uiLabels(popup, 'enter-credentials')).toContain('Allow');
    expect(blocksOfType(popup, 'warning', 'callback-url')).toHaveLength(1);
  });

  it('refuses an unknown flow in plain words', () => {
    expect(() =>
      buildSetupGuide({ ...base, flow: 'password' as unknown as GuideConfig['flow'] }),
    ).toThrow(/flow must be "authorization-code" or "client-credentials"/);
  });

  it('speaks German with the same structure', () => {
    const en = buildSetupGuide(base);
    const de = buildSetupGuide(base, { messages: guideMessagesDe });
    expect(de.steps.map((s) => s.blocks.length)).toEqual(en.steps.map((s) => s.blocks.length));
    expect(field(de, 'My-Domain-URL', 'enter-credentials')).toBeDefined();
    expect(stepText(de, 'enter-credentials')).toContain('kein Salesforce-Fenster');
  });
});

describe('presets.connectedAppClientCredentialsSync (seed 001: data sync, client credentials)', () => {
  const guide = buildSetupGuide({
    ...presets.connectedAppClientCredentialsSync,
    appName: 'RLSInstance',
    vendorName: 'Acme',
    contactEmail: 'admin@acme.example',
    // "The callback URL is your domain URL (Setup > My Domain)."
    callbackUrls: [myDomain],
  });

  it('connects with the client credentials flow, a Connected App from the App Manager', () => {
    expect(guide.config.flow).toBe('client-credentials');
    expect(guide.variant).toBe('connected-app-lightning');
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.path.at(-1)).toBe('App Manager');
    expect(uiLabels(guide, 'create-app')).toContain('New Connected App');
  });

  it('fills Basic Information: name, API name, contact email', () => {
    expect(setting(guide, 'Connected App Name')).toEqual({ kind: 'text', value: 'RLSInstance' });
    expect(setting(guide, 'API Name').kind).toBe('describe');
    expect(setting(guide, 'Contact Email')).toEqual({ kind: 'text', value: 'admin@acme.example' });
  });

  it('sets every field of API (Enable OAuth Settings) the page names', () => {
    expect(setting(guide, 'Enable OAuth Settings')).toEqual(on);
    expect(setting(guide, 'Enable for Device Flow')).toEqual(on);
    expect(copyValues(guide, 'callback-url')).toEqual([myDomain]);
    expect(setting(guide, 'Use Digital Signatures')).toEqual(off);
    expect(setting(guide, 'Selected OAuth Scopes')).toEqual(options('Full access (full)'));
    expect(setting(guide, 'Require Secret for Web Server Flow')).toEqual(on);
    expect(setting(guide, 'Require Secret for Refresh Token Flow')).toEqual(on);
    expect(setting(guide, 'Enable Client Credentials Flow')).toEqual(on);
    expect(setting(guide, 'Enable Authorization Code and Credentials Flow')).toEqual(on);
    expect(setting(guide, 'Introspect All Tokens')).toEqual(on);
  });

  it('says why the My Domain goes into the callback URL: the flow never opens it', () => {
    expect(stepText(guide, 'callback-url')).toContain('never opens it');
  });

  it('picks the Run As user under Manage → Edit Policies → Client Credentials Flow', () => {
    const runAs = field(guide, 'Run As', 'oauth-policies');
    expect(runAs.section).toBe('Client Credentials Flow');
    expect(uiLabels(guide, 'oauth-policies')).toEqual(
      expect.arrayContaining(['Manage', 'Edit Policies']),
    );
  });

  it('saves, waits up to 10 minutes, copies the key and secret after identity verification', () => {
    expect(uiLabels(guide, 'save-app')).toContain('Save');
    expect(stepText(guide, 'wait-for-activation')).toContain('up to 10 minutes');
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

  it('exports every setting to Markdown', () => {
    const markdown = guideToMarkdown(guide);
    for (const label of [
      'Enable OAuth Settings',
      'Enable for Device Flow',
      'Use Digital Signatures',
      'Selected OAuth Scopes',
      'Require Secret for Web Server Flow',
      'Require Secret for Refresh Token Flow',
      'Enable Client Credentials Flow',
      'Enable Authorization Code and Credentials Flow',
      'Introspect All Tokens',
      'Run As',
      'My Domain URL',
      'Consumer Key',
      'Consumer Secret',
    ]) {
      expect(markdown).toContain(`**${label}**`);
    }
    expect(markdown).toContain(myDomain);
    expect(markdown).toContain('Full access (full)');
    // Everything the guide says is in the export.
    for (const s of guide.steps) expect(markdown).toContain(s.title);
    expect(guideText(guide).length).toBeGreaterThan(0);
  });
});

describe('presets.externalClientAppClientCredentials', () => {
  const guide = buildSetupGuide({
    ...presets.externalClientAppClientCredentials,
    appName: 'Acme Sync',
    vendorName: 'Acme',
    callbackUrls: [],
    loginUrl: 'https://acme.my.salesforce.com',
  });

  it('turns the flow on under Flow Enablement and asks for Run As under OAuth Policies', () => {
    expect(guide.variant).toBe('external-client-app');
    expect(field(guide, 'Enable Client Credentials Flow').section).toBe('Flow Enablement');
    expect(field(guide, 'Run As').section).toBe('OAuth Policies');
    expect(setting(guide, 'OAuth Scopes')).toEqual(options('Manage user data via APIs (api)'));
    expect(copyValues(guide, 'callback-url')).toEqual(['https://acme.my.salesforce.com']);
    expect(setting(guide, 'My Domain URL', 'enter-credentials')).toEqual({
      kind: 'text',
      value: 'https://acme.my.salesforce.com',
    });
  });
});

describe('troubleshooting for the client credentials flow', () => {
  it('explains that flow’s errors, each linked to the step with the fix, and none of the sign-in’s', () => {
    const guide = buildSetupGuide(base);
    const codes = guide.troubleshooting.map((item) => item.code);
    expect(codes).toEqual([...CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES]);
    expect(codes).not.toContain('redirect_uri_mismatch');
    expect(codes).not.toContain('popup_blocked');
    const stepOf = (code: string) => guide.troubleshooting.find((i) => i.code === code)?.stepId;
    expect(stepOf('client_credentials_disabled')).toBe('flow-security');
    expect(stepOf('run_as_user_missing')).toBe('oauth-policies');
    expect(stepOf('run_as_user_inactive')).toBe('oauth-policies');
    expect(stepOf('run_as_user_no_api')).toBe('oauth-policies');
    expect(stepOf('generic_login_host')).toBe('enter-credentials');
    const markdown = guideToMarkdown(guide);
    for (const code of codes) expect(markdown).toContain(`\`${code}\``);
  });
});
