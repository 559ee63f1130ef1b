import { describe, expect, it } from 'vitest';
import {
  type LoginUrlErrorCode,
  type LoginUrlKind,
  type LoginUrlNoteCode,
  normalizeLoginUrl,
} from '../../src/core/login-url.js';

interface Accepted {
  url: string;
  kind: LoginUrlKind;
  myDomain?: string;
  sandbox?: boolean;
  /** A note code that must be among the notes. */
  note?: LoginUrlNoteCode;
}

/** What admins paste, and what the kit must make of it. */
const accepted: [input: string, expected: Accepted][] = [
  // Generic login hosts.
  ['https://login.salesforce.com', { url: 'https://login.salesforce.com', kind: 'production' }],
  [
    'login.salesforce.com',
    { url: 'https://login.salesforce.com', kind: 'production', note: 'added_https' },
  ],
  [
    'https://test.salesforce.com/',
    { url: 'https://test.salesforce.com', kind: 'sandbox', sandbox: true },
  ],
  [
    'TEST.SALESFORCE.COM',
    { url: 'https://test.salesforce.com', kind: 'sandbox', sandbox: true, note: 'lowercased' },
  ],
  [
    'https://login.salesforce.com/?locale=us',
    { url: 'https://login.salesforce.com', kind: 'production', note: 'removed_path' },
  ],
  ['https://login.salesforce.com.', { url: 'https://login.salesforce.com', kind: 'production' }],
  // My Domain, production and sandbox.
  [
    'https://acme.my.salesforce.com',
    { url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme' },
  ],
  [
    'acme.my.salesforce.com',
    { url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme' },
  ],
  [
    'https://Acme-Corp.My.Salesforce.com/',
    {
      url: 'https://acme-corp.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme-corp',
      note: 'lowercased',
    },
  ],
  [
    'https://acme.my.salesforce.com:443/home/home.jsp',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_default_port',
    },
  ],
  [
    'https://acme.my.salesforce.com/?ec=302&startURL=%2Fhome#top',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_path',
    },
  ],
  [
    '  https://acme.my.salesforce.com  ',
    { url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme' },
  ],
  [
    '\u200Bhttps://acme.my.salesforce.com\uFEFF',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_invisible_characters',
    },
  ],
  [
    '\u00A0acme.my.sales\u00ADforce.com\r\n',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_invisible_characters',
    },
  ],
  [
    'https://acme.my.salesforce.\ncom',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_invisible_characters',
    },
  ],
  [
    '<https://acme.my.salesforce.com>',
    { url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme' },
  ],
  [
    '"https://acme.my.salesforce.com"',
    { url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme' },
  ],
  [
    '//acme.my.salesforce.com',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'added_https',
    },
  ],
  [
    'acme.my.salesforce.com:443',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'removed_default_port',
    },
  ],
  [
    'https://acme--uat.sandbox.my.salesforce.com',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
    },
  ],
  [
    'acme--uat.my.salesforce.com',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_legacy_sandbox',
    },
  ],
  // Partitioned non-production orgs. Developer Edition My Domains read `<name>.develop.…`; orgs
  // from before partitioned domains keep `<name>-dev-ed` in front (My Domain URL Formats,
  // products.domain_name_app_url_changes.htm).
  [
    'https://acme.develop.my.salesforce.com',
    { url: 'https://acme.develop.my.salesforce.com', kind: 'developer', myDomain: 'acme' },
  ],
  [
    'https://acme.develop.lightning.force.com/lightning/setup/SetupOneHome/home',
    {
      url: 'https://acme.develop.my.salesforce.com',
      kind: 'developer',
      myDomain: 'acme',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme-dev-ed.develop.my.salesforce.com',
    {
      url: 'https://acme-dev-ed.develop.my.salesforce.com',
      kind: 'developer',
      myDomain: 'acme-dev-ed',
    },
  ],
  [
    'https://acme-dev-ed.my.salesforce.com',
    { url: 'https://acme-dev-ed.my.salesforce.com', kind: 'developer', myDomain: 'acme-dev-ed' },
  ],
  [
    'https://ability-ruby-1234.scratch.my.salesforce.com',
    {
      url: 'https://ability-ruby-1234.scratch.my.salesforce.com',
      kind: 'scratch',
      myDomain: 'ability-ruby-1234',
    },
  ],
  [
    'https://acme.demo.my.salesforce.com',
    { url: 'https://acme.demo.my.salesforce.com', kind: 'demo', myDomain: 'acme' },
  ],
  [
    'https://acme.free.my.salesforce.com',
    { url: 'https://acme.free.my.salesforce.com', kind: 'free', myDomain: 'acme' },
  ],
  [
    'https://acme.patch.my.salesforce.com',
    { url: 'https://acme.patch.my.salesforce.com', kind: 'patch', myDomain: 'acme' },
  ],
  [
    'https://curious-fox-x1a2b3.trailblaze.my.salesforce.com',
    {
      url: 'https://curious-fox-x1a2b3.trailblaze.my.salesforce.com',
      kind: 'trailblaze',
      myDomain: 'curious-fox-x1a2b3',
    },
  ],
  // Lightning hosts, every partition.
  [
    'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'acme.lightning.force.com/lightning/o/Account/list?filterName=Recent',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme--uat.sandbox.lightning.force.com/lightning/page/home',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme--uat.lightning.force.com',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme-dev-ed.develop.lightning.force.com/lightning/setup/ManageExternalClientApplication/home',
    {
      url: 'https://acme-dev-ed.develop.my.salesforce.com',
      kind: 'developer',
      myDomain: 'acme-dev-ed',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://ability-ruby-1234.scratch.lightning.force.com',
    {
      url: 'https://ability-ruby-1234.scratch.my.salesforce.com',
      kind: 'scratch',
      myDomain: 'ability-ruby-1234',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://curious-fox.trailblaze.lightning.force.com/lightning/page/home',
    {
      url: 'https://curious-fox.trailblaze.my.salesforce.com',
      kind: 'trailblaze',
      myDomain: 'curious-fox',
      note: 'rewritten_from_lightning',
    },
  ],
  // Setup hosts.
  [
    'https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_setup',
    },
  ],
  [
    'https://acme--uat.sandbox.my.salesforce-setup.com',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_setup',
    },
  ],
  [
    'https://acme-dev-ed.develop.my.salesforce-setup.com',
    {
      url: 'https://acme-dev-ed.develop.my.salesforce.com',
      kind: 'developer',
      myDomain: 'acme-dev-ed',
      note: 'rewritten_from_setup',
    },
  ],
  // Visualforce and file hosts that name the org.
  [
    'https://acme--c.vf.force.com/apex/MyPage',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme--mypkg.vf.force.com/apex/Settings',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme--uat--c.sandbox.vf.force.com/apex/MyPage',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme-dev-ed--c.develop.vf.force.com',
    {
      url: 'https://acme-dev-ed.develop.my.salesforce.com',
      kind: 'developer',
      myDomain: 'acme-dev-ed',
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme--c.visualforce.com/apex/MyPage',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme--c.na139.visual.force.com/apex/MyPage',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_visualforce',
    },
  ],
  [
    'https://acme.file.force.com/sfc/servlet.shepherd/version/download/068',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_content',
    },
  ],
  [
    'https://acme--uat.sandbox.file.force.com',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_content',
    },
  ],
  [
    'https://acme--c.documentforce.com/servlet/servlet.FileDownload',
    {
      url: 'https://acme.my.salesforce.com',
      kind: 'my-domain',
      myDomain: 'acme',
      note: 'rewritten_from_content',
    },
  ],
  // Experience Cloud.
  [
    'https://acme.my.site.com/partners/s/login/',
    {
      url: 'https://acme.my.site.com',
      kind: 'experience-cloud',
      myDomain: 'acme',
      note: 'removed_path',
    },
  ],
  [
    'https://acme--uat.sandbox.my.site.com/customers/s',
    {
      url: 'https://acme--uat.sandbox.my.site.com',
      kind: 'experience-cloud',
      myDomain: 'acme--uat',
      sandbox: true,
    },
  ],
  // Government and China.
  [
    'https://acme.my.salesforce.mil',
    { url: 'https://acme.my.salesforce.mil', kind: 'government', myDomain: 'acme' },
  ],
  [
    'https://acme.lightning.crmforce.mil/lightning/page/home',
    {
      url: 'https://acme.my.salesforce.mil',
      kind: 'government',
      myDomain: 'acme',
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme--uat.sandbox.lightning.crmforce.mil',
    {
      url: 'https://acme--uat.sandbox.my.salesforce.mil',
      kind: 'government',
      myDomain: 'acme--uat',
      sandbox: true,
      note: 'rewritten_from_lightning',
    },
  ],
  [
    'https://acme.my.sfcrmproducts.cn',
    { url: 'https://acme.my.sfcrmproducts.cn', kind: 'china', myDomain: 'acme' },
  ],
  [
    'https://acme.lightning.sfcrmapps.cn/lightning/page/home',
    {
      url: 'https://acme.my.sfcrmproducts.cn',
      kind: 'china',
      myDomain: 'acme',
      note: 'rewritten_from_lightning',
    },
  ],
];

/** What the kit must refuse, and with which code. */
const refused: [input: string, code: LoginUrlErrorCode][] = [
  ['', 'empty'],
  ['   \n\t', 'empty'],
  ['\u200B\uFEFF', 'empty'],
  ['not a url', 'not_a_url'],
  ['https://', 'not_a_url'],
  ['https://acme .my.salesforce.com', 'not_a_url'],
  ['javascript:alert(document.cookie)', 'unsupported_scheme'],
  ['javascript:1', 'unsupported_scheme'],
  ['data:text/html,<script>alert(1)</script>', 'unsupported_scheme'],
  ['ftp://acme.my.salesforce.com', 'unsupported_scheme'],
  ['mailto:admin@acme.com', 'unsupported_scheme'],
  ['file:///etc/passwd', 'unsupported_scheme'],
  ['http://login.salesforce.com', 'insecure_scheme'],
  ['http://acme.my.salesforce.com/', 'insecure_scheme'],
  ['https://admin@acme.my.salesforce.com', 'has_user_info'],
  ['https://admin:hunter2@acme.my.salesforce.com', 'has_user_info'],
  ['admin:hunter2@acme.my.salesforce.com', 'has_user_info'],
  ['https://login.salesforce.com@evil.example', 'has_user_info'],
  ['https://127.0.0.1', 'ip_address'],
  ['https://0x7f.1/', 'ip_address'],
  ['https://[::1]/', 'ip_address'],
  ['https://[2001:db8::1]:443', 'ip_address'],
  ['https://13.110.54.1', 'ip_address'],
  ['https://acme.my.salesforce.com:8443', 'port_not_allowed'],
  ['https://login.salesforce.com:80', 'port_not_allowed'],
  ['https://salesforce.com.evil.io', 'lookalike_host'],
  ['https://login.salesforce.com.evil.io/services/oauth2/authorize', 'lookalike_host'],
  ['https://evilsalesforce.com', 'lookalike_host'],
  ['https://login-salesforce.com', 'lookalike_host'],
  ['https://salesforce-login.net', 'lookalike_host'],
  ['https://acme.my.salesf0rce.com', 'lookalike_host'],
  ['https://acme.my.saleforce.com', 'lookalike_host'],
  ['https://acme.lightning.force.com.attacker.dev', 'lookalike_host'],
  ['https://lоgin.salesforce.com', 'non_ascii_host'], // Cyrillic о
  ['https://асme.my.salesforce.com', 'non_ascii_host'], // Cyrillic а and с
  ['https://xn--salesforce-2ib.com', 'non_ascii_host'],
  ['https://sаlesforce.com', 'non_ascii_host'], // Cyrillic а
  ['https://example.com', 'not_salesforce'],
  ['https://localhost:4010', 'not_salesforce'],
  ['https://google.com/search?q=login.salesforce.com', 'not_salesforce'],
  ['https://salesforce.com', 'not_login_host'],
  ['https://www.salesforce.com/products/', 'not_login_host'],
  ['https://my.salesforce.com', 'not_login_host'],
  ['https://developer.salesforce.com/docs', 'not_login_host'],
  ['https://acme.my.salesforce-sites.com', 'not_login_host'],
  ['https://acme.builder.salesforce-experience.com', 'not_login_host'],
  ['https://na139.salesforce.com/home/home.jsp', 'instance_url'],
  ['https://cs42.salesforce.com', 'instance_url'],
  ['https://usa77.salesforce.com', 'instance_url'],
  ['https://acme.force.com/customers/s/login', 'legacy_site_domain'],
  ['https://acme.secure.force.com/portal', 'legacy_site_domain'],
  ['https://c.na139.visual.force.com/apex/MyPage', 'no_my_domain'],
  ['https://c.vf.force.com', 'no_my_domain'],
  ['https://acme.sandbox.my.salesforce.com', 'invalid_my_domain'],
  ['https://acme--uat.develop.my.salesforce.com', 'invalid_my_domain'],
  ['https://a--b--c.my.salesforce.com', 'invalid_my_domain'],
  ['https://-acme.my.salesforce.com', 'invalid_my_domain'],
  ['https://acme_corp.my.salesforce.com', 'invalid_my_domain'],
  ['https://www.acme.my.salesforce.com', 'invalid_my_domain'],
  ['https://acme.staging.my.salesforce.com', 'invalid_my_domain'],
  [`https://${'a'.repeat(64)}.my.salesforce.com`, 'host_label_too_long'],
  [`https://${'acme.'.repeat(2500)}my.salesforce.com`, 'host_too_long'],
];

describe('normalizeLoginUrl on real-world input', () => {
  it('covers at least 60 inputs', () => {
    expect(accepted.length + refused.length).toBeGreaterThanOrEqual(60);
  });

  it.each(accepted)('accepts %j', (input, expected) => {
    const result = normalizeLoginUrl(input);
    if (!result.ok) throw new Error(`refused with ${result.code}: ${result.message}`);
    expect(result.url).toBe(expected.url);
    expect(result.origin).toBe(expected.url);
    expect(result.host).toBe(new URL(expected.url).host);
    expect(result.kind).toBe(expected.kind);
    expect(result.myDomain).toBe(expected.myDomain);
    expect(result.sandbox).toBe(expected.sandbox ?? false);
    if (expected.note) expect(result.notes.map((note) => note.code)).toContain(expected.note);
  });

  it.each(refused)('refuses %j', (input, code) => {
    const result = normalizeLoginUrl(input);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).not.toMatch(/\{\w+\}/);
  });
});
