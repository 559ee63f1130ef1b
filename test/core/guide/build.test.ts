import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../src/core/errors.js';
import {
  buildSetupGuide,
  DEFAULT_TROUBLESHOOTING_CODES,
  defaultGuideConfig,
  type GuideConfig,
  guideMessagesDe,
  guideMessagesEn,
  plainText,
  SETUP_LABELS,
  SETUP_PAGE_PATHS,
} from '../../../src/core/guide/index.js';
import { GUIDE_STEP_IDS } from '../../../src/core/guide-step-ids.js';
import { errorCatalogueDe } from '../../../src/core/locales/de.js';
import {
  blocksOfType,
  copyValues,
  field,
  fields,
  guideText,
  setting,
  step,
  stepText,
  uiLabels,
} from './guide-queries.js';

const base = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.example/oauth/callback'],
} satisfies GuideConfig;

const defaultConfig: GuideConfig = { ...defaultGuideConfig, ...base };

function expectInvalid(config: GuideConfig, fragment: string) {
  try {
    buildSetupGuide(config);
  } catch (error) {
    expect(ConnectError.is(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toContain(fragment);
    return;
  }
  throw new Error('buildSetupGuide accepted a bad config');
}

describe('the default guide (External Client App, api + refresh_token + id, PKCE on)', () => {
  const guide = buildSetupGuide(defaultConfig);

  it('has every step, in the order the admin works through Setup', () => {
    expect(guide.variant).toBe('external-client-app');
    expect(guide.steps.map((s) => s.id)).toEqual([...GUIDE_STEP_IDS]);
  });

  it('reads end to end: every step has a title and words, and nothing unfilled leaks through', () => {
    for (const s of guide.steps) {
      expect(s.title.trim()).not.toBe('');
      expect(stepText(guide, s.id).trim()).not.toBe('');
    }
    const text = guideText(guide);
    expect(text).not.toMatch(/undefined|\[object|NaN|\{\w+\}/);
    expect(guide.title).toBe('Set up Salesforce for Acme');
    expect(plainText(guide.intro)).toContain('Connect to Salesforce');
  });

  it('names the app and keeps it Local', () => {
    expect(setting(guide, 'External Client App Name')).toEqual({
      kind: 'text',
      value: 'Acme Sync',
    });
    expect(setting(guide, 'Distribution State')).toEqual({ kind: 'select', options: ['Local'] });
    expect(setting(guide, 'Contact Email').kind).toBe('describe');
  });

  it('turns on OAuth and gives the callback URL to copy, with the exact-match warning', () => {
    expect(setting(guide, 'Enable OAuth', 'callback-url')).toEqual({
      kind: 'checkbox',
      checked: true,
    });
    expect(copyValues(guide, 'callback-url')).toEqual(['https://app.acme.example/oauth/callback']);
    const [warning] = blocksOfType(guide, 'warning', 'callback-url');
    expect(plainText(warning!.text)).toMatch(/exactly.*no trailing slash/);
  });

  it('shows scopes by their Setup labels, grouped with every value each label grants', () => {
    expect(setting(guide, 'OAuth Scopes')).toEqual({
      kind: 'select',
      options: [
        'Manage user data via APIs (api)',
        'Perform requests at any time (refresh_token, offline_access)',
        'Access the identity URL service (id, profile, email, address, phone)',
      ],
    });
    expect(copyValues(guide, 'oauth-scopes')).toEqual(['api refresh_token id']);
    expect(blocksOfType(guide, 'warning', 'oauth-scopes')).toEqual([]);
  });

  it('requires both secrets and PKCE, and leaves the headless flow out', () => {
    for (const label of [
      'Require secret for Web Server Flow',
      'Require secret for Refresh Token Flow',
      'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
    ]) {
      expect(setting(guide, label, 'flow-security')).toEqual({ kind: 'checkbox', checked: true });
      expect(field(guide, label).section).toBe('Security');
    }
    expect(fields(guide).map((f) => f.label)).not.toContain(
      'Enable Authorization Code and Credentials Flow',
    );
  });

  it('lets only admin-approved users connect and keeps refresh tokens until revoked', () => {
    expect(setting(guide, 'Permitted Users')).toEqual({
      kind: 'select',
      options: ['Admin approved users are pre-authorized'],
    });
    expect(setting(guide, 'Select Profiles').kind).toBe('describe');
    expect(setting(guide, 'Refresh Token Policy')).toEqual({
      kind: 'select',
      options: ['Refresh token is valid until revoked'],
    });
    expect(stepText(guide, 'oauth-policies')).toContain('not admin approved');
  });

  it('carries every note the admin needs at the step where it matters', () => {
    expect(stepText(guide, 'prerequisites')).toMatch(
      /Create, edit, and delete External Client Apps[\s\S]*View all External Client Apps, view their settings, and edit their policies/,
    );
    expect(stepText(guide, 'prerequisites')).toContain('multi-factor authentication');
    expect(stepText(guide, 'prerequisites')).toContain('sandbox needs its own app');
    expect(stepText(guide, 'consumer-credentials')).toContain('verify your identity');
    // An ECA has no Manage Consumer Details: no Connected App rotation path in its guide.
    expect(stepText(guide, 'consumer-credentials')).not.toContain('Staged Consumer Details');
    expect(stepText(guide, 'oauth-scopes')).toContain('Changing scopes later?');
    expect(stepText(guide, 'wait-for-activation')).toContain('up to 10 minutes');
    expect(stepText(guide, 'enter-credentials')).toMatch(
      /after a fifth approval, the oldest is revoked[\s\S]*reuses/,
    );
  });

  it('asks for the three values the credentials form takes', () => {
    expect(fields(guide, 'enter-credentials').map((f) => f.label)).toEqual([
      'Login URL',
      'Consumer Key',
      'Consumer Secret',
    ]);
    expect(stepText(guide, 'enter-credentials')).toContain('https://test.salesforce.com');
  });

  it('quotes every Setup field by a label from the one list of Salesforce labels', () => {
    const known = new Set<string>([
      ...Object.values(SETUP_LABELS),
      ...Object.values(guideMessagesEn.form),
    ]);
    for (const f of fields(guide)) expect(known).toContain(f.label);
  });

  it('does not change the config it was given', () => {
    const config = structuredClone(defaultConfig);
    buildSetupGuide(Object.freeze(config));
    expect(config).toEqual(defaultConfig);
  });
});

describe('variants', () => {
  const lightning = buildSetupGuide({ ...base, variant: 'connected-app-lightning' });
  const classic = buildSetupGuide({ ...base, variant: 'connected-app-classic' });

  it('uses the Connected App labels, with their capitals', () => {
    for (const guide of [lightning, classic]) {
      expect(setting(guide, 'Connected App Name')).toEqual({ kind: 'text', value: 'Acme Sync' });
      expect(setting(guide, 'Enable OAuth Settings')).toEqual({ kind: 'checkbox', checked: true });
      expect(setting(guide, 'Selected OAuth Scopes').kind).toBe('select');
      expect(setting(guide, 'Require Secret for Web Server Flow')).toEqual({
        kind: 'checkbox',
        checked: true,
      });
      expect(setting(guide, 'Require Secret for Refresh Token Flow').kind).toBe('checkbox');
      expect(
        setting(
          guide,
          'Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows',
        ),
      ).toEqual({ kind: 'checkbox', checked: true });
      expect(fields(guide).map((f) => f.label)).not.toContain('Distribution State');
      expect(field(guide, 'Selected OAuth Scopes').section).toBe('API (Enable OAuth Settings)');
    }
  });

  it('finds the app where each interface keeps it', () => {
    expect(blocksOfType(lightning, 'link', 'create-app')[0]?.path).toEqual([
      'Setup',
      'Apps',
      'App Manager',
    ]);
    expect(uiLabels(lightning, 'create-app')).toContain('New Connected App');
    expect(blocksOfType(classic, 'link', 'create-app')[0]?.path).toEqual([
      'Setup',
      'Build',
      'Create',
      'Apps',
    ]);
    expect(uiLabels(classic, 'create-app')).toContain('New');
    expect(uiLabels(lightning, 'consumer-credentials')).toEqual(
      expect.arrayContaining(['View', 'Manage Consumer Details']),
    );
    expect(uiLabels(classic, 'consumer-credentials')).toContain('Manage Consumer Details');
    expect(uiLabels(lightning, 'oauth-policies')).toEqual(
      expect.arrayContaining(['Manage', 'Edit Policies']),
    );
    expect(blocksOfType(classic, 'link', 'oauth-policies')[0]?.path).toEqual([
      'Setup',
      'Administer',
      'Manage Apps',
      'Connected Apps',
    ]);
  });

  it('chooses a Connected App’s profiles on its Manage page, after saving the policies', () => {
    const blocks = step(lightning, 'oauth-policies').blocks;
    const saveIndex = blocks.findIndex(
      (b) => b.type === 'text' && plainText(b.text) === 'Click Save.',
    );
    const profilesIndex = blocks.findIndex(
      (b) => b.type === 'field' && b.label === 'Manage Profiles',
    );
    expect(saveIndex).toBeGreaterThan(0);
    expect(profilesIndex).toBeGreaterThan(saveIndex);
  });

  it('tells Connected App readers what to do when their org no longer allows them', () => {
    expect(stepText(lightning, 'create-app')).toContain('only allows External Client Apps');
    expect(stepText(buildSetupGuide(base), 'create-app')).not.toContain('only allows');
  });

  it('saves with Create (External Client App) or Save then Continue (Connected App)', () => {
    expect(uiLabels(buildSetupGuide(base), 'save-app')).toEqual(['Create']);
    expect(uiLabels(lightning, 'save-app')).toEqual(['Save', 'Continue']);
  });
});

describe('callback URLs', () => {
  it('gives one copy block per URL, in order, numbered when there are several', () => {
    const urls = [
      'https://my.example.com/connector/callback',
      'https://eu.example.com/connector/callback',
    ];
    const guide = buildSetupGuide({ ...base, callbackUrls: urls });
    expect(copyValues(guide, 'callback-url')).toEqual(urls);
    expect(blocksOfType(guide, 'copy', 'callback-url').map((b) => b.label)).toEqual([
      'Callback URL 1',
      'Callback URL 2',
    ]);
    expect(step(guide, 'callback-url').title).toContain('URLs');
    expect(stepText(guide, 'callback-url')).toContain('on its own line');
  });

  it('keeps each URL exactly as given', () => {
    const url = 'https://app.example.com/cb?tenant=a_b';
    expect(copyValues(buildSetupGuide({ ...base, callbackUrls: [url] }), 'callback-url')).toEqual([
      url,
    ]);
  });

  it('refuses a config that cannot lead to a working app, naming the bad value', () => {
    expectInvalid({ ...base, callbackUrls: [] }, 'at least one callback URL');
    expectInvalid(
      { ...base, callbackUrls: ['http://app.example.com/cb'] },
      'http://app.example.com/cb',
    );
    expectInvalid({ ...base, callbackUrls: ['app.example.com/cb'] }, 'not a full URL');
    expectInvalid({ ...base, appName: '  ' }, 'appName');
    expectInvalid({ ...base, vendorName: '' }, 'vendorName');
    expectInvalid({ ...base, scopes: [] }, 'scope');
    expectInvalid(
      { ...base, policies: { refreshToken: { kind: 'expire-after', amount: 0, unit: 'days' } } },
      'whole number',
    );
  });

  it('accepts http only for a local callback (development)', () => {
    const guide = buildSetupGuide({ ...base, callbackUrls: ['http://localhost:5173/callback'] });
    expect(copyValues(guide, 'callback-url')).toEqual(['http://localhost:5173/callback']);
  });
});

describe('scopes', () => {
  it('warns that full access alone gives no refresh token, naming the scope to add', () => {
    const guide = buildSetupGuide({ ...base, scopes: ['full'] });
    const [warning] = blocksOfType(guide, 'warning', 'oauth-scopes');
    expect(plainText(warning!.text)).toContain('No refresh token');
    expect(warning!.text.filter((s) => s.ui).map((s) => s.text)).toEqual([
      'Perform requests at any time (refresh_token, offline_access)',
    ]);
  });

  it('accepts offline_access as the refresh scope', () => {
    const guide = buildSetupGuide({ ...base, scopes: ['api', 'offline_access'] });
    expect(blocksOfType(guide, 'warning', 'oauth-scopes')).toEqual([]);
  });

  it('flags a scope Setup does not list, and still lists the known ones', () => {
    const guide = buildSetupGuide({ ...base, scopes: ['api', 'refresh_token', 'acme_custom'] });
    const warnings = blocksOfType(guide, 'warning', 'oauth-scopes').map((w) => plainText(w.text));
    expect(warnings).toEqual([expect.stringContaining('acme_custom')]);
    expect(setting(guide, 'OAuth Scopes')).toEqual({
      kind: 'select',
      options: [
        'Manage user data via APIs (api)',
        'Perform requests at any time (refresh_token, offline_access)',
      ],
    });
    expect(copyValues(guide, 'oauth-scopes')).toEqual(['api refresh_token acme_custom']);
  });
});

describe('flows, security and policies', () => {
  it('switches on the device and client credentials flows, with the Run As user', () => {
    const guide = buildSetupGuide({
      ...base,
      flows: { deviceFlow: true, clientCredentials: { runAs: 'integration@acme.example' } },
    });
    expect(setting(guide, 'Enable Device Flow')).toEqual({ kind: 'checkbox', checked: true });
    expect(setting(guide, 'Enable Client Credentials Flow')).toEqual({
      kind: 'checkbox',
      checked: true,
    });
    expect(setting(guide, 'Run As', 'oauth-policies')).toEqual({
      kind: 'text',
      value: 'integration@acme.example',
    });
    expect(field(guide, 'Enable Device Flow').section).toBe('Flow Enablement');
  });

  it('asks which user to run as when none is configured', () => {
    const guide = buildSetupGuide({
      ...base,
      variant: 'connected-app-lightning',
      flows: { clientCredentials: true },
    });
    expect(setting(guide, 'Run As').kind).toBe('describe');
    expect(field(guide, 'Run As').section).toBe('Client Credentials Flow');
  });

  it('turns PKCE off only when asked, without claiming the kit needs it', () => {
    const guide = buildSetupGuide({ ...base, security: { requirePkce: false } });
    const pkce = field(
      guide,
      'Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows',
    );
    expect(pkce.set).toEqual({ kind: 'checkbox', checked: false });
    expect(plainText(pkce.hint!)).not.toContain('keep this on');
  });

  it('lets all users self-authorize without asking for profiles', () => {
    const guide = buildSetupGuide({ ...base, policies: { permittedUsers: 'self-authorize' } });
    expect(setting(guide, 'Permitted Users')).toEqual({
      kind: 'select',
      options: ['All users may self-authorize'],
    });
    expect(fields(guide).map((f) => f.label)).not.toContain('Select Profiles');
    expect(stepText(guide, 'oauth-policies')).not.toContain('not admin approved');
  });

  it('lists the chosen profiles and permission sets, IP relaxation, start page and refresh policy', () => {
    const guide = buildSetupGuide({
      ...base,
      policies: {
        profiles: ['Sales', 'Sales Ops'],
        permissionSets: ['Acme Users'],
        ipRelaxation: 'relax-for-activated-devices',
        startPage: 'None',
        refreshToken: { kind: 'expire-if-unused', amount: 90, unit: 'days' },
      },
    });
    expect(setting(guide, 'Select Profiles')).toEqual({
      kind: 'select',
      options: ['Sales', 'Sales Ops'],
    });
    expect(setting(guide, 'Select Permission Sets')).toEqual({
      kind: 'select',
      options: ['Acme Users'],
    });
    expect(setting(guide, 'IP Relaxation')).toEqual({
      kind: 'select',
      options: ['Relax IP restrictions for activated devices'],
    });
    expect(setting(guide, 'Start Page')).toEqual({ kind: 'select', options: ['None'] });
    expect(setting(guide, 'Refresh Token Policy')).toEqual({
      kind: 'select',
      options: ['Expire refresh token if not used for 90 Day(s)'],
    });
  });

  it('gives a Connected App a Start URL to type instead of a start page to pick', () => {
    const guide = buildSetupGuide({
      ...base,
      variant: 'connected-app-lightning',
      policies: {
        startPage: 'https://app.acme.example/start',
        refreshToken: { kind: 'expire-immediately' },
      },
    });
    expect(setting(guide, 'Start URL')).toEqual({
      kind: 'text',
      value: 'https://app.acme.example/start',
    });
    expect(setting(guide, 'Refresh Token Policy')).toEqual({
      kind: 'select',
      options: ['Immediately expire refresh token'],
    });
  });

  it('leaves out the prerequisites notes the integrator turned off', () => {
    const guide = buildSetupGuide({ ...base, prerequisites: { mfa: false, sandbox: false } });
    expect(blocksOfType(guide, 'checklist', 'prerequisites')[0]?.items).toHaveLength(1);
  });
});

describe('deep links into the admin’s Setup', () => {
  it('links to the External Client App Manager on the org’s My Domain', () => {
    const guide = buildSetupGuide({ ...base, loginUrl: 'https://acme.my.salesforce.com' });
    const href = `https://acme.my.salesforce.com${SETUP_PAGE_PATHS.externalClientAppManager}`;
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.href).toBe(href);
    expect(blocksOfType(guide, 'link', 'consumer-credentials')[0]?.href).toBe(href);
    expect(setting(guide, 'Login URL')).toEqual({
      kind: 'text',
      value: 'https://acme.my.salesforce.com',
    });
  });

  it('reads the My Domain from a pasted Lightning address, sandbox included', () => {
    const guide = buildSetupGuide({
      ...base,
      variant: 'connected-app-lightning',
      loginUrl: 'https://acme--uat.sandbox.lightning.force.com/lightning/setup/SetupOneHome/home',
    });
    expect(blocksOfType(guide, 'link', 'create-app')[0]?.href).toBe(
      `https://acme--uat.sandbox.my.salesforce.com${SETUP_PAGE_PATHS.appManager}`,
    );
  });

  it('shows the path through Setup, not a link, for the generic login hosts', () => {
    for (const loginUrl of ['https://login.salesforce.com', 'https://test.salesforce.com']) {
      const guide = buildSetupGuide({ ...base, loginUrl });
      const [link] = blocksOfType(guide, 'link', 'create-app');
      expect(link?.href).toBeUndefined();
      expect(link?.path).toEqual([
        'Setup',
        'Apps',
        'External Client Apps',
        'External Client App Manager',
      ]);
    }
  });

  it('never links Classic readers into Lightning, and ignores a login URL that is not one', () => {
    const classic = buildSetupGuide({
      ...base,
      variant: 'connected-app-classic',
      loginUrl: 'https://acme.my.salesforce.com',
    });
    expect(blocksOfType(classic, 'link').every((l) => l.href === undefined)).toBe(true);
    const bad = buildSetupGuide({ ...base, loginUrl: 'https://evil.example.com' });
    expect(blocksOfType(bad, 'link').every((l) => l.href === undefined)).toBe(true);
    expect(setting(bad, 'Login URL').kind).toBe('describe');
  });
});

describe('troubleshooting', () => {
  const guide = buildSetupGuide(defaultConfig);

  it('explains every error an admin can act on, each linked to a step this guide has', () => {
    expect(guide.troubleshooting.map((t) => t.code)).toEqual([...DEFAULT_TROUBLESHOOTING_CODES]);
    const ids = new Set(guide.steps.map((s) => s.id));
    for (const item of guide.troubleshooting) {
      expect(item.title).not.toBe('');
      expect(item.fixes.length).toBeGreaterThan(0);
      if (item.stepId) expect(ids).toContain(item.stepId);
    }
  });

  it('sends each Salesforce error back to the step that causes it, with the real values', () => {
    const byCode = Object.fromEntries(guide.troubleshooting.map((t) => [t.code, t]));
    expect(byCode.redirect_uri_mismatch?.stepId).toBe('callback-url');
    expect(byCode.redirect_uri_mismatch?.fixes.join(' ')).toContain(
      'https://app.acme.example/oauth/callback',
    );
    expect(byCode.invalid_client_id?.stepId).toBe('consumer-credentials');
    expect(byCode.app_not_approved?.stepId).toBe('oauth-policies');
    expect(byCode.pkce_required?.stepId).toBe('flow-security');
    expect(byCode.access_denied?.stepId).toBeUndefined();
  });

  it('takes the codes to explain from the config, once each', () => {
    const custom = buildSetupGuide({
      ...base,
      troubleshooting: ['rate_limited', 'redirect_uri_mismatch', 'rate_limited'],
    });
    expect(custom.troubleshooting.map((t) => t.code)).toEqual([
      'rate_limited',
      'redirect_uri_mismatch',
    ]);
  });
});

describe('the German guide', () => {
  const en = buildSetupGuide(defaultConfig);
  const de = buildSetupGuide(defaultConfig, {
    messages: guideMessagesDe,
    catalogue: errorCatalogueDe,
  });

  it('has the same steps, fields, values and links as the English one', () => {
    const shape = (guide: typeof en) =>
      guide.steps.map((s) => ({
        id: s.id,
        blocks: s.blocks.map((b) =>
          b.type === 'field'
            ? {
                type: b.type,
                label: ['Login URL', 'Login-URL'].includes(b.label) ? 'login' : b.label,
                kind: b.set.kind,
              }
            : b.type === 'copy'
              ? { type: b.type, value: b.value }
              : b.type === 'link'
                ? { type: b.type, path: b.path }
                : { type: b.type },
        ),
      }));
    expect(shape(de)).toEqual(shape(en));
  });

  it('words every step and the intro in German', () => {
    expect(de.title).toBe('Salesforce für Acme einrichten');
    expect(plainText(de.intro)).toContain('Mit Salesforce verbinden');
    de.steps.forEach((s, index) => {
      expect(s.title).not.toBe(en.steps[index]?.title);
      const english = stepText(en, s.id);
      const german = stepText(de, s.id);
      expect(german).not.toBe(english);
    });
    expect(guideText(de)).toMatch(/Klicken Sie auf/);
    expect(guideText(de)).not.toMatch(/\bClick\b|\bthe app\b|\byour\b/);
  });

  it('explains errors in German when given the German catalogue', () => {
    const item = de.troubleshooting.find((t) => t.code === 'invalid_client_id');
    expect(item?.title).toBe(errorCatalogueDe.errors.invalid_client_id.title);
    expect(item?.stepId).toBe('consumer-credentials');
  });
});
