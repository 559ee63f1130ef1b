import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import {
  grantsRefreshToken,
  narrowScopes,
  OAUTH_SCOPES,
  scopeLabel,
  scopeLabelsFor,
} from '../../src/core/scopes.js';

describe('scope labels', () => {
  it('names each scope value by the Setup label that grants it', () => {
    expect(scopeLabel('api')).toBe('Manage user data via APIs');
    expect(scopeLabel('offline_access')).toBe('Perform requests at any time');
    expect(scopeLabel('email')).toBe('Access the identity URL service');
    expect(scopeLabel('nonsense')).toBeUndefined();
  });

  it('lists each label once, in Setup order, and flags values Setup does not offer', () => {
    expect(scopeLabelsFor(['refresh_token', 'api', 'id', 'profile', 'made_up'])).toEqual({
      labels: [
        'Manage user data via APIs',
        'Perform requests at any time',
        'Access the identity URL service',
      ],
      unknown: ['made_up'],
    });
  });

  it('never gives one value two labels', () => {
    const values = OAUTH_SCOPES.flatMap((scope) => scope.values);
    expect(new Set(values).size).toBe(values.length);
  });

  it('knows that full access alone yields no refresh token', () => {
    expect(grantsRefreshToken(['full'])).toBe(false);
    expect(grantsRefreshToken(['full', 'refresh_token'])).toBe(true);
    expect(grantsRefreshToken(['api', 'offline_access'])).toBe(true);
  });
});

describe('narrowScopes', () => {
  it('uses the configured scopes when the page asks for none', () => {
    expect(narrowScopes(['api', 'refresh_token'], undefined)).toEqual(['api', 'refresh_token']);
    expect(narrowScopes(['api', 'refresh_token'], [])).toEqual(['api', 'refresh_token']);
  });

  it('narrows to what the page asks for, without duplicates', () => {
    expect(narrowScopes(['api', 'refresh_token', 'id'], ['id', 'api', 'id'])).toEqual([
      'id',
      'api',
    ]);
  });

  it('refuses to widen, naming the scopes it refuses', () => {
    try {
      narrowScopes(['api'], ['api', 'full', 'web']);
      expect.unreachable();
    } catch (error) {
      expect(ConnectError.is(error) && error.code).toBe('invalid_input');
      expect((error as Error).message).toContain('full, web');
    }
  });

  it('never returns a scope the backend is not configured for', () => {
    const scope = fc.constantFrom<string>('api', 'refresh_token', 'id', 'full', 'web', 'openid');
    fc.assert(
      fc.property(fc.array(scope), fc.array(scope), (configured, requested) => {
        try {
          return narrowScopes(configured, requested).every((s) => configured.includes(s));
        } catch (error) {
          return ConnectError.is(error) && requested.some((s) => !configured.includes(s));
        }
      }),
    );
  });
});
