import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONNECT_ERROR_CODES, ConnectError } from '../../src/core/errors.js';
import { fromSalesforceError, parseSalesforceErrorText } from '../../src/core/salesforce-errors.js';

// SALESFORCE.md, "Errors and what they mean for the admin", one row per cause.
const table = [
  ['invalid_client_id', 'client identifier invalid', 'invalid_client_id'],
  ['redirect_uri_mismatch', 'redirect_uri must match configuration', 'redirect_uri_mismatch'],
  ['access_denied', 'end-user denied authorization', 'access_denied'],
  [
    'OAUTH_APPROVAL_ERROR_GENERIC',
    'An unexpected error has occured during authentication. Please try again.',
    'app_not_installed',
  ],
  ['invalid_client', 'app must be installed into org', 'app_not_installed'],
  ['OAUTH_EC_APP_NOT_FOUND', undefined, 'app_not_found'],
  ['app_not_found', undefined, 'app_not_found'],
  ['invalid_client', 'invalid client credentials', 'invalid_client'],
  ['invalid_grant', 'authentication failure', 'invalid_grant'],
  ['invalid_grant', 'expired access/refresh token', 'invalid_grant'],
  ['invalid_grant', 'expired authorization code', 'invalid_grant'],
  ['invalid_grant', 'ip restricted', 'ip_restricted'],
  ['invalid_app_access', 'user is not admin approved to access this app', 'app_not_approved'],
  ['inactive_user', undefined, 'inactive_user'],
  ['inactive_org', undefined, 'inactive_org'],
  ['invalid_request', 'missing required code challenge', 'pkce_required'],
  ['invalid_request', 'invalid code verifier', 'pkce_required'],
  ['invalid_request', 'PKCE required', 'pkce_required'],
  // What Salesforce actually answers for a verifier it cannot accept (see the simulator's sources).
  ['invalid_grant', 'invalid code verifier', 'pkce_required'],
  ['invalid_grant', 'unexpected code verifier', 'pkce_required'],
  ['unsupported_grant_type', 'grant type not supported', 'flow_not_enabled'],
  ['rate_limit_exceeded', 'too many requests', 'rate_limited'],
] as const;

describe('fromSalesforceError', () => {
  it.each(table)('maps %s (%s) to %s', (error, description, code) => {
    const mapped = fromSalesforceError({ error, error_description: description });
    expect(mapped).toBeInstanceOf(ConnectError);
    expect(mapped.code).toBe(code);
    expect(mapped.salesforceError).toBe(error);
    expect(mapped.salesforceDescription).toBe(description);
  });

  it('ignores case and surrounding whitespace in both fields', () => {
    expect(
      fromSalesforceError({ error: ' INVALID_GRANT ', error_description: 'IP Restricted' }).code,
    ).toBe('ip_restricted');
    expect(fromSalesforceError({ error: 'oauth_ec_app_not_found' }).code).toBe('app_not_found');
    expect(
      fromSalesforceError({
        error: 'Invalid_Client',
        error_description: 'App must be  installed into org',
      }).code,
    ).toBe('app_not_installed');
  });

  it('keeps the raw values exactly as Salesforce sent them (trimmed)', () => {
    const mapped = fromSalesforceError({
      error: 'INVALID_GRANT',
      error_description: 'IP Restricted',
    });
    expect(mapped.salesforceError).toBe('INVALID_GRANT');
    expect(mapped.salesforceDescription).toBe('IP Restricted');
  });

  it('tolerates a missing, null or empty description', () => {
    expect(fromSalesforceError({ error: 'invalid_grant' }).code).toBe('invalid_grant');
    expect(fromSalesforceError({ error: 'invalid_client', error_description: null }).code).toBe(
      'invalid_client',
    );
    const mapped = fromSalesforceError({ error: 'invalid_client_id', error_description: '' });
    expect(mapped.code).toBe('invalid_client_id');
    expect(mapped.salesforceDescription).toBeUndefined();
  });

  it('says in the message which invalid_grant cause Salesforce described', () => {
    const refresh = fromSalesforceError({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    const code = fromSalesforceError({
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
    const auth = fromSalesforceError({
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    expect(refresh.message).toMatch(/refresh token expired or was revoked/);
    expect(code.message).toMatch(/authorization code expired/);
    expect(auth.message).toMatch(/could not authenticate/);
    expect(new Set([refresh.message, code.message, auth.message]).size).toBe(3);
  });

  it('names Salesforce’s error and description in the message', () => {
    const mapped = fromSalesforceError({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
    expect(mapped.message).toContain('invalid_client_id: client identifier invalid');
  });

  it('reads an invalid_request without PKCE words as unknown, keeping the raw values', () => {
    const mapped = fromSalesforceError({
      error: 'invalid_request',
      error_description: 'missing required parameter: response_type',
    });
    expect(mapped.code).toBe('unknown');
    expect(mapped.salesforceError).toBe('invalid_request');
    expect(mapped.salesforceDescription).toBe('missing required parameter: response_type');
  });

  it('maps anything else to unknown and keeps what Salesforce said', () => {
    const mapped = fromSalesforceError({ error: 'teapot', error_description: 'short and stout' });
    expect(mapped.code).toBe('unknown');
    expect(mapped.salesforceError).toBe('teapot');
    expect(mapped.message).toContain('teapot: short and stout');
  });

  it('tolerates a body that is not an object (a broken JSON answer)', () => {
    expect(fromSalesforceError(null, { status: 502 }).code).toBe('salesforce_unavailable');
    expect(fromSalesforceError(undefined).code).toBe('unknown');
    expect(fromSalesforceError('oops' as never).code).toBe('unknown');
    expect(fromSalesforceError({ error: 42 } as never).salesforceError).toBeUndefined();
  });

  it('does not mistake object property names for Salesforce codes', () => {
    expect(fromSalesforceError({ error: 'constructor' }).code).toBe('unknown');
    expect(fromSalesforceError({ error: '__proto__' }).code).toBe('unknown');
  });

  it('recognises a known description when the error code is missing or unfamiliar', () => {
    expect(fromSalesforceError({ error_description: 'client identifier invalid' }).code).toBe(
      'invalid_client_id',
    );
    expect(
      fromSalesforceError({ error: 'OAUTH_SOMETHING_NEW', error_description: 'ip restricted' })
        .code,
    ).toBe('ip_restricted');
  });

  it('maps an HTTP 5xx without a known error to salesforce_unavailable', () => {
    const mapped = fromSalesforceError({}, { status: 503 });
    expect(mapped.code).toBe('salesforce_unavailable');
    expect(mapped.status).toBe(503);
    expect(mapped.message).toContain('HTTP 503');
    expect(fromSalesforceError({ error: 'server_error' }, { status: 500 }).code).toBe(
      'salesforce_unavailable',
    );
    expect(fromSalesforceError({}, { status: 400 }).code).toBe('unknown');
    expect(fromSalesforceError({}, { status: 429 }).code).toBe('rate_limited');
  });

  it('lets a specific Salesforce error win over the HTTP status', () => {
    expect(fromSalesforceError({ error: 'invalid_grant' }, { status: 500 }).code).toBe(
      'invalid_grant',
    );
  });

  it('keeps the cause for debugging', () => {
    const cause = new Error('socket hang up');
    expect(fromSalesforceError({}, { status: 502, cause }).cause).toBe(cause);
  });

  it('always returns a kit code and keeps the raw error, whatever Salesforce sends', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        (error, description, status) => {
          const mapped = fromSalesforceError({ error, error_description: description }, { status });
          expect(CONNECT_ERROR_CODES).toContain(mapped.code);
          expect(mapped.salesforceError).toBe(error?.trim() || undefined);
          expect(mapped.salesforceDescription).toBe(description?.trim() || undefined);
        },
      ),
    );
  });
});

describe('parseSalesforceErrorText', () => {
  it('reads the whole address bar of Salesforce’s error page', () => {
    expect(
      parseSalesforceErrorText(
        'https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client_id&error_description=client%20identifier%20invalid',
      ),
    ).toEqual({
      code: 'invalid_client_id',
      salesforceError: 'invalid_client_id',
      description: 'client identifier invalid',
    });
  });

  it('reads just the query, with or without the question mark', () => {
    const expected = {
      code: 'redirect_uri_mismatch',
      salesforceError: 'redirect_uri_mismatch',
      description: 'redirect_uri must match configuration',
    };
    expect(
      parseSalesforceErrorText(
        '?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration',
      ),
    ).toEqual(expected);
    expect(
      parseSalesforceErrorText(
        'error=redirect_uri_mismatch&error_description=redirect_uri+must+match+configuration',
      ),
    ).toEqual(expected);
  });

  it('reads text encoded twice', () => {
    expect(
      parseSalesforceErrorText(
        'error%3Dinvalid_client%26error_description%3Dapp%2520must%2520be%2520installed%2520into%2520org',
      ),
    ).toEqual({
      code: 'app_not_installed',
      salesforceError: 'invalid_client',
      description: 'app must be installed into org',
    });
  });

  it('reads the error page’s visible text', () => {
    expect(parseSalesforceErrorText('error=redirect_uri_mismatch')).toEqual({
      code: 'redirect_uri_mismatch',
      salesforceError: 'redirect_uri_mismatch',
    });
    expect(parseSalesforceErrorText('redirect_uri must match configuration')?.code).toBe(
      'redirect_uri_mismatch',
    );
    expect(parseSalesforceErrorText('OAUTH_EC_APP_NOT_FOUND')).toEqual({
      code: 'app_not_found',
      salesforceError: 'OAUTH_EC_APP_NOT_FOUND',
    });
    expect(
      parseSalesforceErrorText(
        'OAUTH_APPROVAL_ERROR_GENERIC : An unexpected error has occured during authentication. Please try again.',
      ),
    ).toEqual({
      code: 'app_not_installed',
      salesforceError: 'OAUTH_APPROVAL_ERROR_GENERIC',
      description: 'An unexpected error has occured during authentication. Please try again.',
    });
    expect(parseSalesforceErrorText('client identifier invalid')).toEqual({
      code: 'invalid_client_id',
      description: 'client identifier invalid',
    });
    expect(parseSalesforceErrorText('end-user denied authorization')?.code).toBe('access_denied');
    expect(parseSalesforceErrorText('Client Identifier\n Invalid')?.code).toBe('invalid_client_id');
  });

  it('reads a token endpoint JSON body, with junk around it', () => {
    expect(
      parseSalesforceErrorText(
        'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant","error_description":"authentication failure"}\n-- copied 10:42',
      ),
    ).toEqual({
      code: 'invalid_grant',
      salesforceError: 'invalid_grant',
      description: 'authentication failure',
    });
    expect(
      parseSalesforceErrorText(
        '{ "error" : "invalid_grant", "error_description" : "ip restricted" }',
      )?.code,
    ).toBe('ip_restricted');
    expect(
      parseSalesforceErrorText(
        '{"error":"invalid_grant","error_description":"expired access\\/refresh token"}',
      )?.description,
    ).toBe('expired access/refresh token');
  });

  it('finds the error in a URL surrounded by prose', () => {
    const text =
      'Hi, I got this when connecting:\n  https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_EC_APP_NOT_FOUND  \nAny idea?';
    expect(parseSalesforceErrorText(text)?.code).toBe('app_not_found');
  });

  it('reads "error: code" in prose only for codes it knows', () => {
    expect(parseSalesforceErrorText('error: invalid_app_access')?.code).toBe('app_not_approved');
    expect(parseSalesforceErrorText('There was an error: please try later')).toBeNull();
  });

  it('reports an unfamiliar error= value as unknown, keeping it', () => {
    expect(parseSalesforceErrorText('?error=server_busy&error_description=try+later')).toEqual({
      code: 'unknown',
      salesforceError: 'server_busy',
      description: 'try later',
    });
  });

  it('returns null when nothing recognisable is there', () => {
    expect(parseSalesforceErrorText('')).toBeNull();
    expect(parseSalesforceErrorText('hello world')).toBeNull();
    expect(parseSalesforceErrorText('the relationship restricted us')).toBeNull();
    expect(
      parseSalesforceErrorText(
        'https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=3MVG9abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&code_challenge=abc',
      ),
    ).toBeNull();
  });

  it('does not confuse invalid_client with invalid_client_id', () => {
    expect(parseSalesforceErrorText('invalid_client_id')?.code).toBe('invalid_client_id');
    expect(parseSalesforceErrorText('invalid_client')?.code).toBe('invalid_client');
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        parseSalesforceErrorText(text);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '%',
            '%2',
            '%25',
            '%C3',
            '%A9',
            '+',
            '=',
            '&',
            'error',
            '_description',
            '"',
            ':',
            ' ',
            'x',
          ),
          { maxLength: 40 },
        ),
        (parts) => {
          parseSalesforceErrorText(parts.join(''));
        },
      ),
    );
  });

  // Texts that look like what admins paste, so the property also covers the interesting paths.
  const pasteLike = fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'error=invalid_client_id&error_description=client identifier invalid',
        '{"error":"invalid_grant","error_description":"ip restricted"}',
        'OAUTH_APPROVAL_ERROR_GENERIC : An unexpected error',
        'end-user denied authorization',
        'error: inactive_org',
        'error_description=100% sure+',
        '',
      ),
      fc.string({ maxLength: 20 }),
    )
    .map(([before, middle, after]) => `${before}${middle}${after}`);
  const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), pasteLike);

  it('reads a text and the same text percent-encoded alike', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseSalesforceErrorText(encodeURIComponent(text))).toEqual(
          parseSalesforceErrorText(text),
        );
      }),
    );
  });

  it('reads a text and the same text form-encoded (spaces as +) alike', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const formEncoded = new URLSearchParams({ x: text }).toString().slice(2);
        expect(parseSalesforceErrorText(formEncoded)).toEqual(parseSalesforceErrorText(text));
      }),
    );
  });

  it('recovers the code from any error page address built from the table', () => {
    fc.assert(
      fc.property(fc.constantFrom(...table), fc.boolean(), ([error, description, code], upper) => {
        const query = new URLSearchParams({
          error: upper ? error.toUpperCase() : error,
          ...(description === undefined ? {} : { error_description: description }),
        });
        const parsed = parseSalesforceErrorText(
          `https://test.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?${query}`,
        );
        expect(parsed?.code).toBe(code);
        expect(parsed?.description).toBe(description);
      }),
    );
  });

  it('maps a pasted text the same way fromSalesforceError maps its parts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...table), ([error, description]) => {
        const parsed = parseSalesforceErrorText(
          JSON.stringify({ error, error_description: description }),
        );
        expect(parsed?.code).toBe(
          fromSalesforceError({ error, error_description: description }).code,
        );
      }),
    );
  });
});
