import { describe, expect, it } from 'vitest';
import {
  fillMessage,
  loginUrlMessages,
  normalizeLoginUrl,
  removeInvisibleCharacters,
} from '../../src/core/login-url.js';
import { classifySalesforceHost, isIpHost } from '../../src/core/salesforce-hosts.js';

const noteCodes = (input: string) => {
  const result = normalizeLoginUrl(input);
  return result.ok ? result.notes.map((note) => note.code) : result.code;
};

describe('normalizeLoginUrl', () => {
  it('rewrites a Lightning URL to its My Domain and says so in plain words', () => {
    const result = normalizeLoginUrl(
      'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    );
    expect(result).toEqual({
      ok: true,
      url: 'https://acme.my.salesforce.com',
      origin: 'https://acme.my.salesforce.com',
      host: 'acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      sandbox: false,
      notes: [
        {
          code: 'removed_path',
          message: 'We kept only the site address; the rest of the link is not needed.',
        },
        {
          code: 'rewritten_from_lightning',
          message:
            "We'll use https://acme.my.salesforce.com, the login address for the Lightning URL you pasted.",
        },
      ],
    });
  });

  it('leaves a clean login URL without notes and without a My Domain for generic hosts', () => {
    expect(normalizeLoginUrl('https://login.salesforce.com')).toEqual({
      ok: true,
      url: 'https://login.salesforce.com',
      origin: 'https://login.salesforce.com',
      host: 'login.salesforce.com',
      kind: 'production',
      sandbox: false,
      notes: [],
    });
  });

  it('records each change it made, in the order it made them', () => {
    expect(noteCodes('\u200B HTTPS://Acme.My.Salesforce.com:443/home \n')).toEqual([
      'removed_invisible_characters',
      'lowercased',
      'removed_default_port',
      'removed_path',
    ]);
    expect(noteCodes('acme.my.salesforce.com')).toEqual(['added_https']);
    expect(noteCodes('https://acme.my.salesforce.com/')).toEqual([]);
  });

  it('does not call plain surrounding spaces invisible characters', () => {
    expect(noteCodes('  https://acme.my.salesforce.com\n')).toEqual([]);
  });

  it('names the host the admin typed in refusals, not its punycode', () => {
    const result = normalizeLoginUrl('https://lоgin.salesforce.com/'); // Cyrillic о
    expect(result).toMatchObject({ ok: false, code: 'non_ascii_host' });
    expect(!result.ok && result.message).toContain('lоgin.salesforce.com');
    expect(!result.ok && result.message).not.toContain('xn--');
  });

  it('explains a look-alike with the address itself', () => {
    const result = normalizeLoginUrl('https://login.salesforce.com.evil.io/services/oauth2');
    expect(result).toEqual({
      ok: false,
      code: 'lookalike_host',
      message:
        'login.salesforce.com.evil.io only looks like Salesforce. Check the address. ' +
        'Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.',
    });
  });

  it('tells which port to remove', () => {
    expect(normalizeLoginUrl('acme.my.salesforce.com:8443')).toMatchObject({
      code: 'port_not_allowed',
      message: 'Remove ":8443". Salesforce login URLs have no port number.',
    });
  });

  it('uses translated messages, placeholders included', () => {
    const messages = {
      not_salesforce: '{host} n’est pas une adresse Salesforce.',
      rewritten_from_setup: 'Nous utiliserons {url}.',
    };
    expect(normalizeLoginUrl('example.com', { messages })).toMatchObject({
      message: 'example.com n’est pas une adresse Salesforce.',
    });
    const result = normalizeLoginUrl('https://acme.my.salesforce-setup.com', { messages });
    expect(result.ok && result.notes).toEqual([
      { code: 'rewritten_from_setup', message: 'Nous utiliserons https://acme.my.salesforce.com.' },
    ]);
    expect(normalizeLoginUrl('', { messages })).toMatchObject({ message: loginUrlMessages.empty });
  });

  it('keeps a sandbox My Domain name whole for Setup deep links', () => {
    expect(normalizeLoginUrl('acme--uat.sandbox.lightning.force.com')).toMatchObject({
      myDomain: 'acme--uat',
      sandbox: true,
    });
  });

  it('treats user:pass@ without a scheme as user info, not a scheme', () => {
    expect(normalizeLoginUrl('admin:secret@acme.my.salesforce.com')).toMatchObject({
      code: 'has_user_info',
    });
    expect(normalizeLoginUrl('mailto:admin@acme.com')).toMatchObject({
      code: 'unsupported_scheme',
    });
  });

  it('refuses a backslash trick that browsers read as a path', () => {
    // WHATWG URL reads `\` as `/`, so the host is example.com: refused, never Salesforce.
    expect(normalizeLoginUrl('https://example.com\\@login.salesforce.com')).toMatchObject({
      ok: false,
    });
  });
});

describe('normalizeLoginUrl with allowedHosts', () => {
  const allowedHosts = [
    'localhost:4010',
    '127.0.0.1:4010',
    'login.example-proxy.com',
    '*.example.com',
  ];

  it('accepts the local simulator on http and keeps its port', () => {
    expect(
      normalizeLoginUrl('http://127.0.0.1:4010/services/oauth2/authorize', { allowedHosts }),
    ).toEqual({
      ok: true,
      url: 'http://127.0.0.1:4010',
      origin: 'http://127.0.0.1:4010',
      host: '127.0.0.1:4010',
      kind: 'custom',
      sandbox: false,
      notes: [
        {
          code: 'removed_path',
          message: 'We kept only the site address; the rest of the link is not needed.',
        },
      ],
    });
  });

  it('reads host:port without a scheme as a host and adds https', () => {
    expect(normalizeLoginUrl('localhost:4010', { allowedHosts })).toMatchObject({
      ok: true,
      url: 'https://localhost:4010',
    });
  });

  it('matches the port exactly, and an entry without port only on the default port', () => {
    expect(normalizeLoginUrl('http://localhost:4011', { allowedHosts }).ok).toBe(false);
    expect(normalizeLoginUrl('http://localhost', { allowedHosts }).ok).toBe(false);
    expect(normalizeLoginUrl('https://login.example-proxy.com/x', { allowedHosts })).toMatchObject({
      url: 'https://login.example-proxy.com',
    });
    expect(normalizeLoginUrl('https://login.example-proxy.com:8443', { allowedHosts }).ok).toBe(
      false,
    );
    expect(
      normalizeLoginUrl('http://proxy.local', { allowedHosts: ['proxy.local:80'] }),
    ).toMatchObject({
      url: 'http://proxy.local',
    });
  });

  it('matches wildcard entries on subdomains only', () => {
    expect(normalizeLoginUrl('https://sso.eu.example.com', { allowedHosts })).toMatchObject({
      url: 'https://sso.eu.example.com',
      kind: 'custom',
    });
    expect(normalizeLoginUrl('https://example.com', { allowedHosts }).ok).toBe(false);
    expect(normalizeLoginUrl('https://badexample.com', { allowedHosts }).ok).toBe(false);
  });

  it('accepts IP addresses only when listed exactly, in any spelling URL accepts', () => {
    expect(normalizeLoginUrl('http://127.1:4010', { allowedHosts })).toMatchObject({
      url: 'http://127.0.0.1:4010',
    });
    expect(normalizeLoginUrl('http://127.0.0.2:4010', { allowedHosts })).toMatchObject({
      code: 'ip_address',
    });
    expect(normalizeLoginUrl('http://[::1]:4010', { allowedHosts: ['[::1]:4010'] })).toMatchObject({
      url: 'http://[::1]:4010',
      host: '[::1]:4010',
    });
    expect(normalizeLoginUrl('http://10.0.0.1', { allowedHosts: ['*.0.0.1'] }).ok).toBe(false);
  });

  it('still refuses user info on an allowed host', () => {
    expect(normalizeLoginUrl('http://me@localhost:4010', { allowedHosts })).toMatchObject({
      code: 'has_user_info',
    });
  });

  it('ignores malformed entries', () => {
    const odd = ['', '*', 'http://localhost:4010', 'localhost:99999', 'local host', '*.'];
    expect(normalizeLoginUrl('http://localhost:4010', { allowedHosts: odd }).ok).toBe(false);
  });

  it('keeps Salesforce rules for Salesforce hosts', () => {
    expect(
      normalizeLoginUrl('http://acme.my.salesforce.com', { allowedHosts: ['*.salesforce.com'] }),
    ).toMatchObject({ code: 'insecure_scheme' });
  });
});

describe('removeInvisibleCharacters', () => {
  it('removes zero-width characters, BOM, soft hyphens and direction marks anywhere', () => {
    expect(
      removeInvisibleCharacters('\uFEFFa\u200Bb\u200Cc\u200Dd\u2060e\u00ADf\u200Eg\u202Eh'),
    ).toBe('abcdefgh');
  });

  it('keeps visible text, spaces and accents', () => {
    expect(removeInvisibleCharacters('é ü 3MVG9.x_y')).toBe('é ü 3MVG9.x_y');
  });
});

describe('fillMessage', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(fillMessage('{host} on :{port} {other}', { host: 'a.com', port: 8443 })).toBe(
      'a.com on :8443 {other}',
    );
  });
});

describe('classifySalesforceHost', () => {
  it('maps hosts to their login host', () => {
    expect(classifySalesforceHost('acme--uat--c.sandbox.vf.force.com')).toEqual({
      host: 'acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      rewrite: 'rewritten_from_visualforce',
    });
    expect(classifySalesforceHost('test.salesforce.com')).toEqual({
      host: 'test.salesforce.com',
      kind: 'sandbox',
      sandbox: true,
    });
  });

  it('tells a stranger from a look-alike', () => {
    expect(classifySalesforceHost('example.com')).toBe('not_salesforce');
    expect(classifySalesforceHost('my-sa1esforce-login.com')).toBe('lookalike_host');
    expect(classifySalesforceHost('acme.my.salesforce.com.example.com')).toBe('lookalike_host');
  });
});

describe('isIpHost', () => {
  it('recognizes the IPv4 and IPv6 forms URL produces', () => {
    expect(isIpHost(new URL('https://2130706433').hostname)).toBe(true);
    expect(isIpHost(new URL('https://[::ffff:7f00:1]').hostname)).toBe(true);
    expect(isIpHost('1.2.3.4.my.salesforce.com')).toBe(false);
  });
});
