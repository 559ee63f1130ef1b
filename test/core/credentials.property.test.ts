import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanCredentialValue,
  createCredentialsSchema,
  inspectCredentials,
} from '../../src/core/credentials.js';

/** Characters that must never survive cleaning, listed independently of the implementation. */
const invisible = [
  '\u00AD',
  '\u061C',
  '\u180E',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\uFEFF',
];
const lineBreaks = ['\n', '\r', '\u2028', '\u2029', '\u0085', '\v', '\f'];
const junk = fc.constantFrom(...invisible, ...lineBreaks, ' ', '\t', '\u00A0', '\u3000');

/** Text with pasted junk mixed in anywhere. */
const pasted = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.array(fc.tuple(fc.nat(), junk), { maxLength: 8 }),
  )
  .map(([text, inserts]) =>
    inserts.reduce((acc, [at, char]) => {
      const index = at % (acc.length + 1);
      return acc.slice(0, index) + char + acc.slice(index);
    }, text),
  );

const keyChars = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._',
);
const realKey = fc
  .array(keyChars, { minLength: 80, maxLength: 80 })
  .map((chars) => `3MVG9${chars.join('')}`);
const realSecret = fc.oneof(fc.stringMatching(/^\d{19}$/), fc.stringMatching(/^[0-9A-F]{64}$/));

describe('cleanCredentialValue properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(pasted, (value) => {
        const once = cleanCredentialValue(value);
        expect(cleanCredentialValue(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves no whitespace at the edges and no invisible characters or line breaks anywhere', () => {
    fc.assert(
      fc.property(pasted, (value) => {
        const cleaned = cleanCredentialValue(value);
        expect(cleaned).toBe(cleaned.trim());
        for (const char of [...invisible, ...lineBreaks]) expect(cleaned).not.toContain(char);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back a real-shaped key whatever junk was pasted around it', () => {
    fc.assert(
      fc.property(
        realKey,
        fc.array(junk, { maxLength: 4 }),
        fc.array(junk, { maxLength: 4 }),
        (key, before, after) => {
          expect(cleanCredentialValue(before.join('') + key + after.join(''))).toBe(key);
        },
      ),
    );
  });
});

describe('credentials schema and inspection properties', () => {
  const schema = createCredentialsSchema();

  it('never throws on safeParse, whatever the values', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (loginUrl, consumerKey, consumerSecret) => {
          schema.safeParse({ loginUrl, consumerKey, consumerSecret });
          schema.safeParse(loginUrl);
        },
      ),
    );
  });

  it('accepts every real-shaped key and secret, cleaned, with no warning', () => {
    fc.assert(
      fc.property(realKey, realSecret, junk, (consumerKey, consumerSecret, edge) => {
        const values = {
          loginUrl: 'login.salesforce.com',
          consumerKey: `${edge}${consumerKey}${edge}`,
          consumerSecret: `${consumerSecret}${edge}`,
        };
        expect(schema.parse(values)).toEqual({
          loginUrl: 'https://login.salesforce.com',
          consumerKey,
          consumerSecret,
        });
        expect(inspectCredentials({ consumerKey, consumerSecret })).toEqual([]);
      }),
    );
  });

  it('always notices a real key and secret swapped', () => {
    fc.assert(
      fc.property(realKey, realSecret, (consumerKey, consumerSecret) => {
        const codes = inspectCredentials({
          consumerKey: consumerSecret,
          consumerSecret: consumerKey,
        }).map((warning) => warning.code);
        expect(codes).toEqual(['key_and_secret_swapped']);
      }),
    );
  });

  it('never throws while inspecting, and every warning names a field and has words', () => {
    fc.assert(
      fc.property(
        pasted,
        pasted,
        pasted,
        fc.option(fc.boolean(), { nil: undefined }),
        (loginUrl, consumerKey, consumerSecret, expectSandbox) => {
          const options = expectSandbox === undefined ? {} : { expectSandbox };
          for (const warning of inspectCredentials(
            { loginUrl, consumerKey, consumerSecret },
            options,
          )) {
            expect(['loginUrl', 'consumerKey', 'consumerSecret']).toContain(warning.field);
            expect(warning.message).not.toMatch(/\{\w+\}/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
