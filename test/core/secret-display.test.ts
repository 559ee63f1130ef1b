import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyHint, maskSecret } from '../../src/core/secret-display.js';

describe('keyHint', () => {
  it('shows the last four characters of a consumer key', () => {
    expect(
      keyHint(
        '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
      ),
    ).toBe('5Aejq'.slice(-4));
  });

  it('hints at nothing when the value is too short to hide', () => {
    expect(keyHint('abc12345')).toBe('');
  });

  it('never returns more than four characters of any string', () => {
    fc.assert(fc.property(fc.string(), (s) => keyHint(s).length <= 4));
  });
});

describe('maskSecret', () => {
  it('does not reveal the length of the secret', () => {
    expect(maskSecret('1234567890123456789')).toBe(maskSecret('A'.repeat(64)));
  });

  it('never contains more than the last four characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 9 }), (secret) => {
        const masked = maskSecret(secret, { showLast4: true });
        return !masked.includes(secret.trim().slice(0, -4)) || secret.trim().slice(0, -4) === '';
      }),
    );
  });
});
