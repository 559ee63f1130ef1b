import { describe, expect, it } from 'vitest';
import {
  type ErrorCatalogue,
  errorCatalogueEn,
  explainError,
} from '../../src/core/error-catalogue.js';
import { CONNECT_ERROR_CODES, type ConnectErrorCode } from '../../src/core/errors.js';
import { GUIDE_STEP_IDS } from '../../src/core/guide-step-ids.js';
import { errorCatalogueDe } from '../../src/core/locales/de.js';

const catalogues: [string, ErrorCatalogue][] = [
  ['English', errorCatalogueEn],
  ['German', errorCatalogueDe],
];

const textOf = (catalogue: ErrorCatalogue, code: ConnectErrorCode) => {
  const entry = catalogue.errors[code];
  return [entry.title, entry.cause, ...entry.fixes].join('\n');
};
const placeholdersIn = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

const callbackUrl = 'https://app.example.com/oauth/callback';
const loginUrl = 'https://acme--uat.sandbox.my.salesforce.com';
const appName = 'Acme Sync';
const allValues = { callbackUrl, loginUrl, appName };

describe('the error catalogues', () => {
  it.each(catalogues)('%s has exactly one entry for every ConnectErrorCode', (_, catalogue) => {
    expect(Object.keys(catalogue.errors).sort()).toEqual([...CONNECT_ERROR_CODES].sort());
  });

  it.each(catalogues)(
    '%s gives every code a title, a cause and at least one fix',
    (_, catalogue) => {
      for (const code of CONNECT_ERROR_CODES) {
        const entry = catalogue.errors[code];
        expect(entry.title.trim(), code).not.toBe('');
        expect(entry.cause.trim(), code).not.toBe('');
        expect(entry.fixes.length, code).toBeGreaterThan(0);
        for (const fix of entry.fixes) expect(fix.trim(), code).not.toBe('');
      }
    },
  );

  it.each(catalogues)('%s uses only the placeholders explainError fills', (_, catalogue) => {
    for (const code of CONNECT_ERROR_CODES) {
      for (const name of placeholdersIn(textOf(catalogue, code))) {
        expect(['{appName}', '{callbackUrl}', '{loginUrl}'], `${code}: ${name}`).toContain(name);
      }
    }
  });

  it('German uses the same placeholders as English for every code', () => {
    for (const code of CONNECT_ERROR_CODES) {
      expect(placeholdersIn(textOf(errorCatalogueDe, code)), code).toEqual(
        placeholdersIn(textOf(errorCatalogueEn, code)),
      );
    }
  });

  it('German has as many fixes as English for every code', () => {
    for (const code of CONNECT_ERROR_CODES) {
      expect(errorCatalogueDe.errors[code].fixes.length, code).toBe(
        errorCatalogueEn.errors[code].fixes.length,
      );
    }
  });

  it('German is really German, not English left in place', () => {
    for (const code of CONNECT_ERROR_CODES) {
      expect(errorCatalogueDe.errors[code].title, code).not.toBe(
        errorCatalogueEn.errors[code].title,
      );
      expect(errorCatalogueDe.errors[code].cause, code).not.toBe(
        errorCatalogueEn.errors[code].cause,
      );
    }
  });
});

describe('explainError', () => {
  it.each(catalogues)(
    '%s leaves no placeholder unfilled, with or without values',
    (_, catalogue) => {
      for (const code of CONNECT_ERROR_CODES) {
        for (const values of [{}, allValues]) {
          const help = explainError(code, { catalogue, values });
          const text = [help.title, help.cause, ...help.fixes].join('\n');
          expect(text, code).not.toMatch(/[{}]/);
        }
      }
    },
  );

  it('puts the given values into the text', () => {
    const help = explainError('redirect_uri_mismatch', { values: allValues });
    expect(help.fixes.join(' ')).toContain(`exactly ${callbackUrl},`);
    expect(help.fixes.join(' ')).toContain(`open ${appName}`);
    expect(explainError('invalid_client_id', { values: { loginUrl } }).cause).toContain(loginUrl);
  });

  it('reads naturally when a value is missing', () => {
    const help = explainError('redirect_uri_mismatch');
    expect(help.fixes[0]).toContain('to exactly the callback URL shown in the setup guide,');
    expect(help.fixes[0]).toContain('open your app and');
    expect(
      explainError('redirect_uri_mismatch', { values: { callbackUrl: '  ' } }).fixes[0],
    ).toContain('the callback URL shown in the setup guide');
    const german = explainError('redirect_uri_mismatch', { catalogue: errorCatalogueDe });
    expect(german.fixes[0]).toContain('genau die Callback-URL aus der Einrichtungsanleitung ein');
  });

  it('tells how to fix invalid_client_id: wait 10 minutes, whole key, sandbox vs production', () => {
    const help = explainError('invalid_client_id');
    const fixes = help.fixes.join(' ');
    expect(fixes).toMatch(/wait up to 10 minutes/i);
    expect(fixes).toMatch(/whole Consumer Key/);
    expect(fixes).toContain('https://test.salesforce.com');
    expect(fixes).toContain('https://login.salesforce.com');
    expect(fixes).toMatch(/sandbox/);
    expect(fixes).toMatch(/production/);
    expect(help.guideStepId).toBe('consumer-credentials');
  });

  it('gives the exact callback URL for redirect_uri_mismatch: https, no trailing slash', () => {
    const help = explainError('redirect_uri_mismatch', { values: { callbackUrl } });
    expect(help.fixes[0]).toContain(callbackUrl);
    expect(help.fixes[0]).toMatch(/https/);
    expect(help.fixes[0]).toMatch(/no trailing slash/);
    expect(help.guideStepId).toBe('callback-url');
  });

  it('explains invalid_client: wrong or swapped secret, and how to get both again', () => {
    const help = explainError('invalid_client');
    const text = [help.cause, ...help.fixes].join(' ');
    expect(text).toMatch(/swapped/);
    expect(text).toContain('Manage Consumer Details');
    expect(text).toMatch(/code Salesforce emails you/);
    expect(help.guideStepId).toBe('consumer-credentials');
  });

  it('explains app_not_approved: admin-approved Permitted Users and the profile or permission set', () => {
    const help = explainError('app_not_approved');
    const text = [help.cause, ...help.fixes].join(' ');
    expect(text).toContain('Admin approved users are pre-authorized');
    expect(text).toMatch(/profile/);
    expect(text).toMatch(/permission set/);
    expect(help.guideStepId).toBe('oauth-policies');
  });

  it('explains app_not_found with refreshed sandboxes needing their own app', () => {
    const help = explainError('app_not_found');
    expect([help.cause, ...help.fixes].join(' ')).toMatch(/refreshed/);
    expect(help.fixes.join(' ')).toMatch(/create the app in the sandbox itself/);
    expect(help.guideStepId).toBe('create-app');
  });

  it('tells to reconnect on invalid_grant and points at the refresh token policy', () => {
    const help = explainError('invalid_grant');
    expect(help.fixes[0]).toMatch(/Connect again/);
    expect(help.fixes.join(' ')).toMatch(/refresh token policy/);
    expect(help.guideStepId).toBe('oauth-policies');
  });

  it('tells to relax IP restrictions on ip_restricted, and to wait on rate_limited', () => {
    expect(explainError('ip_restricted').fixes.join(' ')).toMatch(/relax IP restrictions/);
    expect(explainError('ip_restricted').guideStepId).toBe('oauth-policies');
    expect(explainError('rate_limited').fixes.join(' ')).toMatch(/Wait/);
  });

  it('links every Salesforce-side setup problem to its guide step', () => {
    const expected: Partial<Record<ConnectErrorCode, string>> = {
      invalid_client_id: 'consumer-credentials',
      redirect_uri_mismatch: 'callback-url',
      invalid_client: 'consumer-credentials',
      app_not_approved: 'oauth-policies',
      app_not_installed: 'oauth-policies',
      ip_restricted: 'oauth-policies',
      pkce_required: 'flow-security',
      flow_not_enabled: 'flow-security',
      app_not_found: 'create-app',
      invalid_grant: 'oauth-policies',
    };
    for (const [code, step] of Object.entries(expected)) {
      expect(explainError(code as ConnectErrorCode).guideStepId, code).toBe(step);
    }
    for (const code of CONNECT_ERROR_CODES) {
      const step = explainError(code).guideStepId;
      if (step !== undefined) expect(GUIDE_STEP_IDS).toContain(step);
    }
    expect('guideStepId' in explainError('network')).toBe(false);
  });

  it('marks as retryable what trying again can fix, and not what needs a change in Setup', () => {
    for (const code of [
      'popup_closed',
      'popup_blocked',
      'network',
      'rate_limited',
      'access_denied',
      'timeout',
      'salesforce_unavailable',
    ] as const) {
      expect(explainError(code).retryable, code).toBe(true);
    }
    for (const code of [
      'redirect_uri_mismatch',
      'invalid_client',
      'app_not_approved',
      'app_not_found',
      'invalid_login_url',
      'inactive_user',
      'ip_restricted',
    ] as const) {
      expect(explainError(code).retryable, code).toBe(false);
    }
  });

  it('explains a code it does not know (from a newer server) as unknown', () => {
    const help = explainError('brand_new_code' as ConnectErrorCode);
    expect(help.code).toBe('unknown');
    expect(help.title).toBe(errorCatalogueEn.errors.unknown.title);
  });

  it('explains in German with the German catalogue', () => {
    const help = explainError('invalid_client_id', {
      catalogue: errorCatalogueDe,
      values: { loginUrl },
    });
    expect(help.title).toBe('Salesforce erkennt den Consumer Key nicht');
    expect(help.cause).toContain(loginUrl);
    expect(help.fixes.join(' ')).toMatch(/10 Minuten/);
    expect(help.guideStepId).toBe('consumer-credentials');
  });

  it('falls back to English for codes a hand-made catalogue lacks', () => {
    const partial = {
      locale: 'fr',
      errors: {
        network: {
          title: 'Serveur injoignable',
          cause: 'La requête a échoué.',
          fixes: ['Réessayez.'],
        },
      },
      missingValues: {},
    } as unknown as ErrorCatalogue;
    expect(explainError('network', { catalogue: partial }).title).toBe('Serveur injoignable');
    const help = explainError('redirect_uri_mismatch', { catalogue: partial });
    expect(help.title).toBe(errorCatalogueEn.errors.redirect_uri_mismatch.title);
    expect(help.fixes[0]).toContain('the callback URL shown in the setup guide');
  });

  it('returns fresh arrays the caller may change without touching the catalogue', () => {
    const help = explainError('unknown');
    help.fixes.push('mutated');
    expect(errorCatalogueEn.errors.unknown.fixes).not.toContain('mutated');
  });
});
