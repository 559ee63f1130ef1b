import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorActor, errorCatalogueEn } from '../../../src/core/error-catalogue.js';
import { CONNECT_ERROR_CODES } from '../../../src/core/errors.js';
import {
  buildSetupGuide,
  DEFAULT_TROUBLESHOOTING_CODES,
  type GuideConfig,
  type GuideMessages,
  type GuideVariant,
  guideMessagesDe,
  guideMessagesEn,
  guideToMarkdown,
  plainText,
  presets,
  SETUP_LABELS,
} from '../../../src/core/guide/index.js';
import { errorCatalogueDe } from '../../../src/core/locales/de.js';
import { normalizeLoginUrl } from '../../../src/core/login-url.js';
import { blocksOfType, field, guideText, step, stepText, uiLabels } from './guide-queries.js';

// Issue 16: the guide's facts checked against Salesforce's pages (SALESFORCE.md, docs/sources.md).
// Each item is pinned per variant, in English and German.

const base = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.example/oauth/callback'],
} satisfies GuideConfig;

const variants: GuideVariant[] = [
  'external-client-app',
  'connected-app-lightning',
  'connected-app-classic',
];
const languages: [string, GuideMessages][] = [
  ['English', guideMessagesEn],
  ['German', guideMessagesDe],
];
const cases = languages.flatMap(([language, messages]) =>
  variants.map((variant) => [language, variant, messages] as const),
);
const build = (variant: GuideVariant, messages: GuideMessages, config: Partial<GuideConfig> = {}) =>
  buildSetupGuide({ ...base, variant, ...config }, { messages });
const isEca = (variant: GuideVariant) => variant === 'external-client-app';

describe('1. Connected Apps since Spring ’26', () => {
  it.each(cases)(
    '%s %s: a Connected App guide opens with the condition; the ECA guide says why it is one',
    (_, variant, messages) => {
      const guide = build(variant, messages);
      const first = guide.steps[0]?.blocks[0];
      if (isEca(variant)) {
        expect(first?.type).not.toBe('warning');
        const notes = blocksOfType(guide, 'note', 'create-app').map((b) => plainText(b.text));
        const why = notes.find((text) => /Spring ’26|Spring '26/.test(text));
        expect(why).toBeDefined();
        // One sentence.
        expect(why?.split(/[.!?](\s|$)/).filter((part) => part.trim().length > 1)).toHaveLength(1);
      } else {
        expect(first?.type).toBe('warning');
        const text = first?.type === 'warning' ? plainText(first.text) : '';
        expect(text).toMatch(/Spring ’26|Spring '26/);
        expect(text).toMatch(messages.locale === 'de' ? /Paketinstallation/ : /package install/);
        expect(text).toMatch(/Salesforce[- ]Support/);
      }
    },
  );
});

describe('2. permissions per app kind', () => {
  it.each(cases)('%s %s names the permissions of its app kind only', (_, variant, messages) => {
    const labels = uiLabels(build(variant, messages), 'prerequisites');
    const eca = [
      SETUP_LABELS.createEditDeleteExternalClientApps,
      SETUP_LABELS.viewAllExternalClientApps,
    ];
    const connectedApp = [
      SETUP_LABELS.customizeApplication,
      SETUP_LABELS.modifyAllData,
      SETUP_LABELS.manageConnectedApps,
    ];
    expect(labels).toEqual(isEca(variant) ? eca : connectedApp);
  });
});

describe('3. one device flow label per variant', () => {
  it.each(cases)('%s %s', (_, variant, messages) => {
    const guide = build(variant, messages, { flows: { deviceFlow: true } });
    const [mine, other] = isEca(variant)
      ? ['Enable Device Flow', 'Enable for Device Flow']
      : ['Enable for Device Flow', 'Enable Device Flow'];
    expect(field(guide, mine).set).toEqual({ kind: 'checkbox', checked: true });
    expect(guideText(guide).split('\n')).not.toContain(other);
  });
});

describe('4. the Authorization Code and Credentials Flow is headless and needs an org switch', () => {
  it.each(languages)(
    '%s: seeds 000 and 002 name the switch and say Connect does not need it',
    (_, messages) => {
      for (const preset of [
        presets.externalClientAppForChosenProfiles,
        presets.externalClientAppWithoutPkce,
      ]) {
        const guide = buildSetupGuide({ ...base, ...preset }, { messages });
        const ticked = field(guide, 'Enable Authorization Code and Credentials Flow');
        expect(ticked.set).toEqual({ kind: 'checkbox', checked: true });
        const hint = ticked.hint ?? [];
        const labels = hint.filter((part) => part.ui).map((part) => part.text);
        expect(labels).toEqual([
          'Setup',
          'OAuth and OpenID Connect Settings',
          'Allow Authorization Code and Credentials Flows',
        ]);
        expect(plainText(hint)).toMatch(
          messages.locale === 'de'
            ? /Verbinden mit Acme braucht ihn nicht/
            : /Connect does not need it/,
        );
      }
    },
  );

  it('hedges the switch for a Connected App, where no Salesforce page ties the two', () => {
    const guide = buildSetupGuide({ ...base, ...presets.connectedAppForServiceSync });
    const hint = plainText(
      field(guide, 'Enable Authorization Code and Credentials Flow').hint ?? [],
    );
    expect(hint).toContain('may be off');
  });

  it('leaves the flow out of the default guide', () => {
    expect(guideText(build('external-client-app', guideMessagesEn))).not.toContain(
      'Authorization Code and Credentials',
    );
  });
});

describe('5. the refresh token policy when the 30-day idle limit hides "valid until revoked"', () => {
  it.each(cases)(
    '%s %s says what to keep and what it means for the customer',
    (_, variant, messages) => {
      const policy = field(build(variant, messages), 'Refresh Token Policy');
      expect(policy.set).toEqual({
        kind: 'select',
        options: ['Refresh token is valid until revoked'],
      });
      const hint = policy.hint ?? [];
      expect(hint.filter((part) => part.ui).map((part) => part.text)).toEqual([
        'Expire refresh token if not used for',
        'Day(s)',
      ]);
      expect(plainText(hint)).toMatch(/30/);
      expect(plainText(hint)).toMatch(
        messages.locale === 'de' ? /30 Tage lang nicht genutzt/ : /not used it for 30 days/,
      );
    },
  );

  it('adds no such hint to a policy that already expires', () => {
    const guide = build('external-client-app', guideMessagesEn, {
      policies: { refreshToken: { kind: 'expire-after', amount: 1, unit: 'months' } },
    });
    expect(field(guide, 'Refresh Token Policy').hint).toBeUndefined();
  });
});

describe('6. IP Relaxation: today’s four options, and the one a server needs', () => {
  it.each(cases)(
    '%s %s recommends "Enforce IP restrictions, but relax for refresh tokens" and says why',
    (_, variant, messages) => {
      const ip = field(build(variant, messages), 'IP Relaxation');
      expect(ip.set).toEqual({
        kind: 'select',
        options: ['Enforce IP restrictions, but relax for refresh tokens'],
      });
      expect(plainText(ip.hint ?? [])).toMatch(
        messages.locale === 'de' ? /Server von Acme/ : /Acme’s server/,
      );
    },
  );

  it('maps every option to its label, the former name to today’s', () => {
    const labelOf = (
      ipRelaxation: NonNullable<NonNullable<GuideConfig['policies']>['ipRelaxation']>,
    ) =>
      field(
        build('external-client-app', guideMessagesEn, { policies: { ipRelaxation } }),
        'IP Relaxation',
      ).set;
    expect(labelOf('enforce')).toEqual({ kind: 'select', options: ['Enforce IP restrictions'] });
    expect(labelOf('relax-for-activated-devices')).toEqual({
      kind: 'select',
      options: ['Relax IP restrictions for activated devices'],
    });
    expect(labelOf('relax-with-second-factor')).toEqual(labelOf('relax-for-activated-devices'));
    expect(labelOf('relax')).toEqual({ kind: 'select', options: ['Relax IP restrictions'] });
    expect(Object.values(SETUP_LABELS)).not.toContain('Relax IP restrictions with second factor');
  });
});

describe('7. identity verification', () => {
  it.each(cases)('%s %s: any registered method, not an emailed code', (_, variant, messages) => {
    const text = stepText(build(variant, messages), 'consumer-credentials');
    expect(text).toMatch(
      messages.locale === 'de' ? /registrierten Methoden/ : /one of your registered methods/,
    );
    expect(text).not.toMatch(/e-?mail/i);
  });
});

describe('8. key rotation', () => {
  it.each(cases)('%s %s gives its own rotation text', (_, variant, messages) => {
    const guide = build(variant, messages);
    const text = guideText(guide);
    if (isEca(variant)) {
      expect(text).not.toContain('Manage Consumer Details');
      expect(text).not.toContain('Staged Consumer Details');
      expect(stepText(guide, 'consumer-credentials')).toMatch(
        messages.locale === 'de' ? /keine Schaltfläche/ : /no button/,
      );
    } else {
      expect(uiLabels(guide, 'consumer-credentials')).toEqual(
        expect.arrayContaining([
          'Manage Consumer Details',
          'Staged Consumer Details',
          'Generate',
          'Apply',
          'Allow consumer key and secret rotation',
        ]),
      );
    }
  });
});

describe('9. five approvals per user per app', () => {
  it.each(cases)('%s %s says it as Salesforce does', (_, variant, messages) => {
    expect(stepText(build(variant, messages), 'enter-credentials')).toMatch(
      messages.locale === 'de'
        ? /fünf Freigaben pro Benutzer und App; nach einer fünften Freigabe wird die älteste widerrufen/
        : /five approvals per user for each app; after a fifth approval, the oldest is revoked/,
    );
  });
});

describe('10. Developer Edition login URLs', () => {
  it.each(cases)(
    '%s %s: every sample URL is one the Login URL rules accept, as what it says',
    (_, variant, messages) => {
      const loginUrl = field(build(variant, messages), messages.form.loginUrl, 'enter-credentials');
      if (loginUrl.set.kind !== 'describe') throw new Error('expected a description');
      const samples = loginUrl.set.text.filter((part) => part.code).map((part) => part.text);
      const kinds = samples.map((url) => {
        const result = normalizeLoginUrl(url);
        if (!result.ok) throw new Error(`${url}: ${result.message}`);
        expect(result.url).toBe(url);
        return result.kind;
      });
      expect(kinds).toEqual(['my-domain', 'developer', 'developer', 'production', 'sandbox']);
      expect(samples[1]).toMatch(/^https:\/\/[a-z]+\.develop\.my\.salesforce\.com$/);
      expect(samples[2]).toMatch(/^https:\/\/[a-z]+-dev-ed\.develop\.my\.salesforce\.com$/);
    },
  );
});

describe('11. every Setup label has its source', () => {
  const labelsFile = readFileSync(
    new URL('../../../src/core/guide/setup-labels.ts', import.meta.url),
    'utf8',
  );
  const sources = readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8');

  it('leaves nothing marked "(verify)"', () => {
    expect(labelsFile).not.toMatch(/\(verify\)/i);
  });

  it('lists every label in docs/sources.md, with the page it comes from', () => {
    for (const label of new Set(Object.values(SETUP_LABELS))) {
      expect(sources, label).toContain(`“${label}”`);
    }
  });
});

describe('the hand-off to the Salesforce admin', () => {
  it('explains every error only the admin can fix in the default guide', () => {
    // The client credentials flow's codes belong to that flow's guide, not to the default
    // (popup) one: they cannot happen there.
    const clientCredentialsCodes = new Set([
      'client_credentials_disabled',
      'run_as_user_missing',
      'run_as_user_inactive',
      'run_as_user_no_api',
    ]);
    const adminCodes = CONNECT_ERROR_CODES.filter(
      (code) => errorActor(code) === 'salesforce-admin' && !clientCredentialsCodes.has(code),
    );
    expect(adminCodes.length).toBeGreaterThan(0);
    for (const code of adminCodes) expect(DEFAULT_TROUBLESHOOTING_CODES, code).toContain(code);
  });

  it.each([
    ['English', guideMessagesEn, errorCatalogueEn],
    ['German', guideMessagesDe, errorCatalogueDe],
  ] as const)(
    '%s: the copied Markdown carries each admin fix and says who acts',
    (_, messages, catalogue) => {
      const guide = buildSetupGuide({ ...base, appName: 'Acme Sync' }, { messages, catalogue });
      const markdown = guideToMarkdown(guide);
      const unescaped = (text: string) => text.replace(/\\(.)/g, '$1');
      for (const item of guide.troubleshooting) {
        if (item.actor !== 'salesforce-admin') continue;
        for (const fix of item.fixes) expect(unescaped(markdown)).toContain(`- ${fix}`);
        expect(unescaped(markdown)).toContain(`_${item.whoActs}_`);
      }
      // The ECA's app_not_found entry leads with the Login URL of another org.
      const notFound = guide.troubleshooting.find((item) => item.code === 'app_not_found');
      expect(notFound?.cause).toMatch(
        messages.locale === 'de'
          ? /^Höchstwahrscheinlich führt die Login-URL zu einer anderen Org/
          : /^Most likely, the Login URL points at another org/,
      );
      expect(step(guide, 'oauth-policies')).toBeDefined();
    },
  );
});
