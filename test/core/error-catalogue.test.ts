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
        expect(
          ['{appName}', '{callbackUrl}', '{connectionName}', '{loginUrl}'],
          `${code}: ${name}`,
        ).toContain(name);
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
    // Identity verification uses any registered method, not necessarily an emailed code.
    expect(text).toMatch(/one of your registered methods/);
    expect(text).not.toMatch(/emails? you/);
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

  it('explains app_not_found leading with a Login URL of another org, then sandboxes', () => {
    const help = explainError('app_not_found', { values: { loginUrl } });
    // The first sentence names the likeliest cause; sandboxes come after it.
    expect(help.cause).toMatch(
      /^Most likely, the Login URL points at another org than the one holding the app/,
    );
    expect(help.cause.indexOf('sandbox')).toBeGreaterThan(help.cause.indexOf('another org'));
    expect(help.cause).toMatch(/created or refreshed/);
    expect(help.cause).toContain('External client app is not installed in this org');
    expect(help.fixes[0]).toContain(loginUrl);
    expect(help.fixes[1]).toMatch(/create the app in that sandbox/);
    expect(help.guideStepId).toBe('create-app');
  });

  it('tells to reconnect on invalid_grant and points at the refresh token policy', () => {
    const help = explainError('invalid_grant');
    expect(help.fixes[0]).toMatch(/Connect again/);
    expect(help.fixes.join(' ')).toMatch(/Refresh Token Policy/);
    expect(help.fixes.join(' ')).toContain('Refresh token is valid until revoked');
    // With the 30-day idle limit that option is hidden: say what it means for the customer.
    expect(help.fixes.join(' ')).toMatch(/30 days without use/);
    expect(help.cause).toMatch(/after a fifth approval, the oldest is revoked/);
    expect(help.guideStepId).toBe('oauth-policies');
  });

  it('tells to relax IP restrictions on ip_restricted, and to wait on rate_limited', () => {
    const ip = explainError('ip_restricted');
    expect(ip.fixes[0]).toContain('Enforce IP restrictions, but relax for refresh tokens');
    // The fix covers login hours on the profile, not only IP ranges.
    expect(ip.cause).toContain('ip restricted or invalid login hours');
    expect(ip.fixes.join(' ')).toMatch(/login hours on the user's profile/);
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

describe('who must act', () => {
  const adminCodes: ConnectErrorCode[] = [
    'redirect_uri_mismatch',
    'app_not_approved',
    'app_not_installed',
    'flow_not_enabled',
    'scope_not_allowed',
    'ip_restricted',
    'inactive_user',
    'inactive_org',
    'client_credentials_disabled',
    'run_as_user_missing',
    'run_as_user_inactive',
    'run_as_user_no_api',
  ];

  it.each(catalogues)('%s says who must act for every code', (_, catalogue) => {
    for (const code of CONNECT_ERROR_CODES) {
      const help = explainError(code, { catalogue });
      const expected = adminCodes.includes(code) ? 'salesforce-admin' : 'person-connecting';
      expect(help.actor, code).toBe(expected);
      expect(help.whoActs, code).toBe(catalogue.actors?.[expected]);
      expect(help.whoActs.trim(), code).not.toBe('');
    }
  });

  it('names the Salesforce admin for admin fixes and the reader for their own', () => {
    expect(explainError('app_not_installed').whoActs).toMatch(/Salesforce admin/);
    expect(explainError('popup_blocked').whoActs).toMatch(/yourself/);
    expect(explainError('app_not_installed', { catalogue: errorCatalogueDe }).whoActs).toMatch(
      /Salesforce-Admin/,
    );
  });

  it('falls back to English words for a catalogue written before actors existed', () => {
    const { actors: _, ...old } = errorCatalogueEn;
    expect(explainError('ip_restricted', { catalogue: old }).whoActs).toBe(
      errorCatalogueEn.actors?.['salesforce-admin'],
    );
  });

  it('explains app_not_installed as an uninstalled app since September 2025, with both fixes', () => {
    const help = explainError('app_not_installed', { values: { appName } });
    expect(help.cause).toMatch(/September 2025/);
    expect(help.fixes[0]).toContain('Connected Apps OAuth Usage');
    expect(help.fixes[0]).toContain(appName);
    expect(help.fixes[1]).toContain('Approve Uninstalled Connected Apps');
    expect(help.fixes[1]).toContain('Use Any API Client');
  });
});
