import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkClientCredentialsLoginUrl,
  isGenericLoginHost,
} from '../../src/core/client-credentials-login-url.js';
import { ConnectError } from '../../src/core/errors.js';
import { clientCredentialsLoginUrlMessagesDe } from '../../src/core/locales/de.js';
import { normalizeLoginUrl } from '../../src/core/login-url.js';

const namePart = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,14}[a-z0-9])?$/)
  .filter((part) => !part.includes('--'));

/** Ways an admin writes a generic login host: case, scheme or not, paths, spaces, a trailing dot. */
const genericHostAsTyped = fc
  .tuple(
    fc.constantFrom('login.salesforce.com', 'test.salesforce.com'),
    fc.constantFrom('', 'https://', 'HTTPS://'),
    fc.constantFrom('', '/', '/services/oauth2/token', '/?startURL=%2Fhome', ':443'),
    fc.boolean(),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(([host, scheme, tail, upper, space]) => {
    const written = upper ? host.toUpperCase() : host;
    return `${space}${scheme}${written}${tail}${space}`;
  });

/** Hosts that name the org, in the forms an admin pastes. */
const orgHost = fc.oneof(
  fc
    .tuple(
      namePart,
      fc.constantFrom('my.salesforce.com', 'lightning.force.com', 'my.salesforce-setup.com'),
    )
    .map(([name, suffix]) => `https://${name}.${suffix}`),
  fc
    .tuple(namePart, namePart)
    .map(([name, sandbox]) => `${name}--${sandbox}.sandbox.my.salesforce.com/lightning/page/home`),
);

function refusal(input: string): ConnectError {
  try {
    checkClientCredentialsLoginUrl(input);
  } catch (error) {
    if (ConnectError.is(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${input}`);
}

describe('checkClientCredentialsLoginUrl', () => {
  it('refuses login.salesforce.com and test.salesforce.com however they are typed, on the loginUrl field', () => {
    fc.assert(
      fc.property(genericHostAsTyped, (input) => {
        const error = refusal(input);
        expect(error.code).toBe('generic_login_host');
        expect(error.field).toBe('loginUrl');
        expect(error.message).toMatch(/My Domain URL/);
        expect(isGenericLoginHost(input)).toBe(true);
      }),
    );
  });

  it('says what to type instead: the My Domain form for production, the sandbox form for test', () => {
    expect(refusal('https://login.salesforce.com').message).toContain(
      'https://yourcompany.my.salesforce.com',
    );
    expect(refusal('test.salesforce.com').message).toContain(
      'https://yourcompany--sandboxname.sandbox.my.salesforce.com',
    );
    expect(refusal('test.salesforce.com').message).toContain('test.salesforce.com');
  });

  it("accepts every host that names the org and answers normalizeLoginUrl's URL", () => {
    fc.assert(
      fc.property(orgHost, (input) => {
        const checked = checkClientCredentialsLoginUrl(input);
        const normalized = normalizeLoginUrl(input);
        expect(normalized.ok && checked.url === normalized.url).toBe(true);
        expect(checked.url).toMatch(/\.my\.salesforce\.com$/);
        expect(isGenericLoginHost(input)).toBe(false);
      }),
    );
  });

  it('rewrites the Setup host to the My Domain rather than refusing it', () => {
    expect(checkClientCredentialsLoginUrl('acme.my.salesforce-setup.com').url).toBe(
      'https://acme.my.salesforce.com',
    );
  });

  it('refuses what is no login URL at all as invalid_login_url, on the loginUrl field', () => {
    for (const input of ['', 'https://example.com', 'http://acme.my.salesforce.com']) {
      const error = refusal(input);
      expect(error.code).toBe('invalid_login_url');
      expect(error.field).toBe('loginUrl');
    }
  });

  it('accepts a host the integrator allowed (the simulator), which cannot be judged', () => {
    expect(
      checkClientCredentialsLoginUrl('http://127.0.0.1:4011', { allowedHosts: ['127.0.0.1:4011'] })
        .kind,
    ).toBe('custom');
  });

  it('takes translated texts', () => {
    const error = (() => {
      try {
        checkClientCredentialsLoginUrl('login.salesforce.com', {
          messages: clientCredentialsLoginUrlMessagesDe,
        });
      } catch (caught) {
        return caught as ConnectError;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toMatch(/^login\.salesforce\.com geht hier nicht/);
  });

  it('never throws anything but a ConnectError, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          checkClientCredentialsLoginUrl(input);
        } catch (error) {
          expect(ConnectError.is(error)).toBe(true);
          expect((error as ConnectError).field).toBe('loginUrl');
        }
      }),
    );
  });
});
