import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LoginUrlResult, normalizeLoginUrl } from '../../src/core/login-url.js';

/**
 * My Domain name parts: DNS label characters, no `--` (that separates the sandbox name), and not
 * `xn`: `xn--…` would make the host's first label an IDNA A-label, which URL parsers check as
 * punycode and refuse (a one-in-tens-of-thousands counterexample: `xn--0--0.sandbox.vf.force.com`).
 */
const namePart = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,14}[a-z0-9])?$/)
  .filter((part) => !part.includes('--') && part !== 'xn');
const partition = fc.constantFrom('develop', 'scratch', 'demo', 'free', 'patch', 'trailblaze');

/** Hosts an admin may paste that name a login host (login hosts themselves and rewritable ones). */
const salesforceHost: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('login.salesforce.com', 'test.salesforce.com'),
  fc
    .tuple(
      namePart,
      fc.constantFrom(
        'my.salesforce.com',
        'lightning.force.com',
        'my.salesforce-setup.com',
        'file.force.com',
        'my.site.com',
        'my.salesforce.mil',
        'lightning.crmforce.mil',
        'my.sfcrmproducts.cn',
        'lightning.sfcrmapps.cn',
      ),
    )
    .map(([name, suffix]) => `${name}.${suffix}`),
  fc
    .tuple(
      namePart,
      namePart,
      fc.constantFrom('my.salesforce.com', 'lightning.force.com', 'my.site.com'),
    )
    .map(([name, sandbox, suffix]) => `${name}--${sandbox}.sandbox.${suffix}`),
  fc
    .tuple(namePart, partition, fc.constantFrom('my.salesforce.com', 'lightning.force.com'))
    .map(([name, part, suffix]) => `${name}.${part}.${suffix}`),
  fc.tuple(namePart, namePart).map(([name, pkg]) => `${name}--${pkg}.vf.force.com`),
  fc
    .tuple(namePart, namePart, namePart)
    .map(([name, sandbox, pkg]) => `${name}--${sandbox}--${pkg}.sandbox.vf.force.com`),
);

const invisible = fc.constantFrom(
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u200E',
);
const edgeSpace = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u3000');

/** A host as it might arrive: random case, an invisible character inside, junk around it. */
const pastedHost = fc
  .record({
    host: salesforceHost,
    upper: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    zeroWidthAt: fc.option(fc.tuple(fc.nat(), invisible), { nil: undefined }),
    scheme: fc.constantFrom('', 'https://', 'HTTPS://', 'Https://', '//'),
    port: fc.constantFrom('', ':443'),
    path: fc.oneof(fc.constant(''), fc.constant('/'), fc.webPath()),
    query: fc.option(fc.webQueryParameters(), { nil: undefined }),
    fragment: fc.option(fc.webFragments(), { nil: undefined }),
    before: edgeSpace,
    after: edgeSpace,
  })
  .map((parts) => {
    let host = [...parts.host].map((c, i) => (parts.upper[i % 80] ? c.toUpperCase() : c)).join('');
    if (parts.zeroWidthAt) {
      const [at, char] = parts.zeroWidthAt;
      const index = at % (host.length + 1);
      host = host.slice(0, index) + char + host.slice(index);
    }
    const tail =
      (parts.path.startsWith('/') || parts.path === '' ? parts.path : `/${parts.path}`) +
      (parts.query === undefined ? '' : `?${parts.query}`) +
      (parts.fragment === undefined ? '' : `#${parts.fragment}`);
    return {
      canonical: parts.host,
      pasted: `${parts.before}${parts.scheme}${host}${parts.port}${tail}${parts.after}`,
    };
  });

/** Anything at all: full unicode, URL-like strings, and pasted Salesforce hosts. */
const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.webUrl({
    withQueryParameters: true,
    withFragments: true,
    authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
  }),
  fc
    .tuple(fc.string({ maxLength: 10 }), salesforceHost, fc.string({ maxLength: 10 }))
    .map((p) => p.join('')),
  pastedHost.map((p) => p.pasted),
);

/** Login hosts Salesforce serves, written independently of the implementation's tables. */
const loginHost =
  /^(?:login\.salesforce\.com|test\.salesforce\.com|[a-z0-9-]+(?:\.(?:sandbox|develop|scratch|demo|free|patch|trailblaze))?\.my\.(?:salesforce\.com|site\.com|salesforce\.mil|sfcrmproducts\.cn))$/;

const essentials = (result: LoginUrlResult) =>
  result.ok
    ? {
        ok: true,
        url: result.url,
        origin: result.origin,
        host: result.host,
        kind: result.kind,
        myDomain: result.myDomain,
        sandbox: result.sandbox,
      }
    : { ok: false, code: result.code };

describe('normalizeLoginUrl properties', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(anyInput, fc.array(fc.string(), { maxLength: 3 }), (input, allowedHosts) => {
        normalizeLoginUrl(input);
        normalizeLoginUrl(input, { allowedHosts });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on values that are not strings (JavaScript callers)', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(normalizeLoginUrl(value as unknown as string)).toMatchObject({
        ok: false,
        code: 'empty',
      });
    }
  });

  it('returns only https:// plus a Salesforce login host, nothing after it', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = normalizeLoginUrl(input);
        if (!result.ok) return;
        expect(result.url).toBe(`https://${result.host}`);
        expect(result.origin).toBe(result.url);
        expect(result.host).toMatch(loginHost);
        expect(new URL(result.url).origin).toBe(result.url);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns an allowed custom host only as listed, with http or https', () => {
    const allowedHosts = [
      'localhost:4010',
      '127.0.0.1:4010',
      'login.example-proxy.com',
      '*.example.com',
    ];
    const custom = fc.tuple(
      fc.constantFrom('http://', 'https://', ''),
      fc.constantFrom(
        'localhost:4010',
        '127.0.0.1:4010',
        'login.example-proxy.com',
        'a.example.com',
        'x.y.example.com',
        'example.com',
        'localhost',
        '127.0.0.1:4011',
      ),
      fc.constantFrom('', '/', '/services/oauth2/authorize?x=1'),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anyInput,
          custom.map((p) => p.join('')),
        ),
        (input) => {
          const result = normalizeLoginUrl(input, { allowedHosts });
          if (!result.ok || result.kind !== 'custom') return;
          expect(result.url).toMatch(/^https?:\/\//);
          expect(result.url).toBe(`${new URL(result.url).protocol}//${result.host}`);
          expect(
            ['localhost:4010', '127.0.0.1:4010', 'login.example-proxy.com'].includes(result.host) ||
              result.host.endsWith('.example.com'),
          ).toBe(true);
          expect(result.sandbox).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is idempotent: its own output comes back identical, with no notes', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = normalizeLoginUrl(input);
        if (!first.ok) return;
        const second = normalizeLoginUrl(first.url);
        expect(essentials(second)).toEqual(essentials(first));
        expect(second.ok && second.notes).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent for custom hosts too', () => {
    const options = { allowedHosts: ['127.0.0.1:4010', '*.example.com', '[::1]:4010'] };
    const custom = fc.tuple(
      fc.constantFrom('http://', 'https://', 'HTTP://', ''),
      fc.constantFrom('127.0.0.1:4010', 'A.Example.com', 'deep.sub.example.com', '[::1]:4010'),
      fc.webPath(),
    );
    fc.assert(
      fc.property(custom, ([scheme, host, path]) => {
        const first = normalizeLoginUrl(`${scheme}${host}${path}`, options);
        expect(first.ok).toBe(true);
        const second = normalizeLoginUrl(first.ok ? first.url : '', options);
        expect(essentials(second)).toEqual(essentials(first));
        expect(second.ok && second.notes).toEqual([]);
      }),
    );
  });

  it('sees through case, scheme, default port, paths, queries, fragments and invisible characters', () => {
    fc.assert(
      fc.property(pastedHost, ({ canonical, pasted }) => {
        const expected = normalizeLoginUrl(`https://${canonical}`);
        const actual = normalizeLoginUrl(pasted);
        expect(expected.ok).toBe(true);
        expect(essentials(actual)).toEqual(essentials(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any Salesforce host followed by a stranger’s domain', () => {
    fc.assert(
      fc.property(salesforceHost, fc.domain(), (host, domain) => {
        const result = normalizeLoginUrl(`https://${host}.${domain}`);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('refuses user info and non-default ports on every Salesforce host', () => {
    fc.assert(
      fc.property(
        salesforceHost,
        fc.constantFrom('user@', 'user:pass@', ':@', '@'),
        fc.integer({ min: 1, max: 65535 }).filter((port) => port !== 443),
        (host, userInfo, port) => {
          expect(normalizeLoginUrl(`https://${userInfo}${host}`)).toMatchObject({
            code: 'has_user_info',
          });
          expect(normalizeLoginUrl(`https://${host}:${port}`)).toMatchObject({
            code: 'port_not_allowed',
          });
        },
      ),
    );
  });

  it('writes every message without leftover placeholders', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = normalizeLoginUrl(input);
        const messages = result.ok ? result.notes.map((note) => note.message) : [result.message];
        // A message may quote what was typed, braces and all ("…com{0} isn't a Salesforce
        // address"): only placeholders beyond those the input brought count as leftovers.
        const placeholders = (text: string) => text.match(/\{\w+\}/g)?.length ?? 0;
        for (const message of messages) {
          expect(placeholders(message)).toBeLessThanOrEqual(placeholders(input));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes braces from the input without mistaking them for its own placeholders', () => {
    const result = normalizeLoginUrl('a--a--0.sandbox.vf.force.com{0}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^a--a--0\.sandbox\.vf\.force\.com\{0\} isn't/);
    // A value is put in once: "{host}" inside the quoted host is not filled again.
    const nested = normalizeLoginUrl('https://acme{host}.example.com');
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.message).toMatch(/^acme\{host\}\.example\.com isn't a /);
  });
});

/** A DNS label of exactly `length` characters, as a My Domain name would be typed. */
const labelOf = (length: number) =>
  fc
    .constantFrom('a', 'acme', 'x9', 'z')
    .map((s) => s.repeat(Math.ceil(length / s.length)).slice(0, length));

describe('normalizeLoginUrl and the DNS length limits (RFC 1035: 63 per label, 253 in all)', () => {
  it('refuses a My Domain name longer than 63 characters, saying how long it is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 200 }).chain(labelOf),
        fc.constantFrom('my.salesforce.com', 'lightning.force.com', 'develop.my.salesforce.com'),
        (name, suffix) => {
          const result = normalizeLoginUrl(`https://${name}.${suffix}`);
          expect(result).toMatchObject({ ok: false, code: 'host_label_too_long' });
          if (!result.ok) {
            expect(result.message).toContain(`${name.length} characters`);
            expect(result.message).toContain('63');
            // The message quotes the host shortened, never the whole pasted value.
            expect(result.message.length).toBeLessThan(300);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts a My Domain name of up to 63 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 63 }).chain(labelOf), (name) => {
        expect(normalizeLoginUrl(`https://${name}.my.salesforce.com`)).toMatchObject({
          ok: true,
          url: `https://${name}.my.salesforce.com`,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses any host longer than 253 characters, even with short labels, custom hosts included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 63 }), { minLength: 5, maxLength: 60 }),
        fc.integer({ min: 254, max: 4000 }),
        (lengths, atLeast) => {
          // Labels of the drawn lengths, repeated until the host passes `atLeast` characters.
          const labels: string[] = [];
          let host = 'example.com';
          for (let i = 0; host.length < atLeast; i++) {
            labels.push('b'.repeat(lengths[i % lengths.length] ?? 1));
            host = `${labels.join('.')}.example.com`;
          }
          const result = normalizeLoginUrl(`https://${host}`, { allowedHosts: ['*.example.com'] });
          expect(result).toMatchObject({ ok: false, code: 'host_too_long' });
          if (!result.ok) expect(result.message).toContain(`${host.length} characters`);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('decides by length before anything else about the host, and never lets 10,000 characters through', () => {
    const result = normalizeLoginUrl(`https://${'a'.repeat(10_000)}.my.salesforce.com`);
    expect(result).toMatchObject({ ok: false, code: 'host_too_long' });
  });
});
