import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSetupGuide,
  defaultGuideConfig,
  type GuideConfig,
  type GuidePreset,
  guideMessagesDe,
  guideToMarkdown,
  presets,
  type SetupGuide,
} from '../../../src/core/guide/index.js';
import { errorCatalogueDe } from '../../../src/core/locales/de.js';
import { blocksOfType, fields } from './guide-queries.js';

const base = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.example/oauth/callback'],
} satisfies GuideConfig;

/** The contents of every fenced code block, in order. */
function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!);
}

/** Checks that nothing the admin needs from the guide is missing from its Markdown. */
function expectComplete(guide: SetupGuide, markdown: string) {
  const headings = [...markdown.matchAll(/^## (\d+)\. (.+)$/gm)];
  expect(headings.map((h) => Number(h[1]))).toEqual(guide.steps.map((_, i) => i + 1));
  expect(headings).toHaveLength(guide.steps.length);

  // Every value to copy sits alone in a code block, untouched by escaping.
  const fenced = fencedBlocks(markdown);
  for (const copy of blocksOfType(guide, 'copy')) expect(fenced).toContain(copy.value);

  for (const f of fields(guide)) {
    expect(markdown).toContain(`**${f.label.replace(/[\\`*_[\]<>#|~]/g, '\\$&')}**`);
    if (f.set.kind === 'text') expect(markdown).toContain(f.set.value);
    if (f.set.kind === 'select') {
      for (const option of f.set.options) {
        expect(markdown).toContain(option.replace(/[\\`*_[\]<>#|~]/g, '\\$&'));
      }
    }
    if (f.set.kind === 'checkbox') {
      expect(markdown).toContain(
        `${f.section ? `${f.section} › ` : ''}**${f.label}**: ${f.set.checked ? '☑' : '☐'}`,
      );
    }
  }
  for (const link of blocksOfType(guide, 'link')) {
    if (link.href) expect(markdown).toContain(`(<${link.href}>)`);
  }
  const notes = blocksOfType(guide, 'note').length + blocksOfType(guide, 'warning').length;
  expect(markdown.match(/^> \*\*/gm)).toHaveLength(notes);
  for (const item of guide.troubleshooting) expect(markdown).toContain(`\`${item.code}\``);
}

const presetCases: [string, GuidePreset, string[]][] = [
  [
    'externalClientAppForChosenProfiles',
    presets.externalClientAppForChosenProfiles,
    ['https://app.rensystems.com/api/salesforce/auth_callback'],
  ],
  [
    'connectedAppForServiceSync',
    presets.connectedAppForServiceSync,
    ['https://acme--uat.sandbox.my.salesforce.com'],
  ],
  [
    'externalClientAppWithoutPkce',
    presets.externalClientAppWithoutPkce,
    ['https://app.appse.ai/oauth/salesforce/callback'],
  ],
  [
    'connectedAppDeviceFlowFullAccess',
    presets.connectedAppDeviceFlowFullAccess,
    ['https://login.salesforce.com/services/oauth2/success'],
  ],
  [
    'classicConnectedAppFullAccess',
    presets.classicConnectedAppFullAccess,
    ['https://my.cyclr.com/connector/callback', 'https://app-h.cyclr.com/connector/callback'],
  ],
  [
    'connectedAppClientCredentialsSync',
    presets.connectedAppClientCredentialsSync,
    ['https://acme--uat.sandbox.my.salesforce.com'],
  ],
  ['externalClientAppClientCredentials', presets.externalClientAppClientCredentials, []],
  ['defaultGuideConfig', defaultGuideConfig, base.callbackUrls],
];

describe('guideToMarkdown', () => {
  it.each(presetCases)('exports the whole %s guide', (_, preset, callbackUrls) => {
    const guide = buildSetupGuide({ ...base, ...preset, callbackUrls });
    const markdown = guideToMarkdown(guide);
    expectComplete(guide, markdown);
    expect(guide.steps).toHaveLength(11);
    for (const url of callbackUrls) expect(fencedBlocks(markdown)).toContain(url);
    expect(fencedBlocks(markdown)).toContain(guide.config.scopes.join(' '));
  });

  it('reads as a document: title, intro, numbered steps, then troubleshooting', () => {
    const guide = buildSetupGuide({ ...base, loginUrl: 'https://acme.my.salesforce.com' });
    const markdown = guideToMarkdown(guide);
    expect(markdown.startsWith('# Set up Salesforce for Acme\n\nAcme connects')).toBe(true);
    expect(markdown.indexOf('## 1. ')).toBeLessThan(markdown.indexOf('## 11. '));
    expect(markdown.indexOf('## 11. ')).toBeLessThan(markdown.indexOf('## Troubleshooting'));
    expect(markdown).toContain('- [ ] You have **Create, edit, and delete External Client Apps**');
    expect(markdown).toContain('- **External Client App Name**: `Acme Sync`');
    expect(markdown).toContain('API (Enable OAuth Settings) › **Enable OAuth**: ☑ On');
    expect(markdown).toContain(
      '**Setup** → **Apps** → **External Client Apps** → **External Client App Manager**: [External Client App Manager](<https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home>)',
    );
    expect(markdown).toContain('> **Warning:** Paste each URL exactly');
    expect(markdown).toContain('- → Step 4: Turn on OAuth and add the callback URL');
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown).not.toMatch(/\n{3,}/);
  });

  it('lists several options under their field, one per line', () => {
    const markdown = guideToMarkdown(buildSetupGuide(base));
    expect(markdown).toContain(
      'API (Enable OAuth Settings) › **OAuth Scopes**:\n  - **Manage user data via APIs (api)**\n  - **Perform requests at any time (refresh\\_token, offline\\_access)**',
    );
  });

  it('exports the German guide with German words around the same values', () => {
    const guide = buildSetupGuide(
      { ...base, ...presets.classicConnectedAppFullAccess },
      { messages: guideMessagesDe, catalogue: errorCatalogueDe },
    );
    const markdown = guideToMarkdown(guide);
    expectComplete(guide, markdown);
    expect(markdown).toContain('# Salesforce für Acme einrichten');
    expect(markdown).toContain('## Fehlerbehebung');
    expect(markdown).toContain('> **Hinweis:**');
    expect(markdown).toContain('→ Schritt 4:');
  });

  it('keeps Markdown in names from changing the document', () => {
    const guide = buildSetupGuide({
      ...base,
      appName: '*Acme* [beta] `v2`',
      vendorName: '# Acme_',
    });
    const markdown = guideToMarkdown(guide);
    expect(markdown).toContain('# Set up Salesforce for \\# Acme\\_');
    // A value that ends in a backtick gets a longer delimiter and a space on each side.
    expect(markdown).toContain('- **External Client App Name**: `` *Acme* [beta] `v2` ``');
    expect(markdown).not.toMatch(/^# Acme/m);
  });

  it('puts any copy value in a fence it cannot close', () => {
    fc.assert(
      fc.property(
        fc.webPath().filter((path) => path.length > 0),
        fc.constantFrom('', '`', '```', '````'),
        (path, ticks) => {
          const url = `https://app.acme.example${path.startsWith('/') ? path : `/${path}`}${encodeURI(ticks)}`;
          const guide = buildSetupGuide({ ...base, callbackUrls: [url] });
          expect(fencedBlocks(guideToMarkdown(guide))).toContain(url);
        },
      ),
    );
  });

  it('never lets backticks in a value end its code block early', () => {
    const guide = buildSetupGuide({ ...base, scopes: ['api', 'refresh_token', 'x```y'] });
    const markdown = guideToMarkdown(guide);
    expect(markdown).toContain('````\napi refresh_token x```y\n````');
  });
});
