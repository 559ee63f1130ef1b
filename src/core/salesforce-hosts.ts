/**
 * Which Salesforce hosts can sign a user in, and how the other hosts an admin may paste map to
 * them. Facts come from Salesforce's "My Domain URL formats" (enhanced domains, enforced since
 * Winter '24, plus the older forms that still circulate in bookmarks and docs).
 */

/**
 * What kind of Salesforce login host a URL points at; `custom` is a host the integrator allowed.
 *
 * @example
 * const label = kind === 'sandbox' || kind === 'sandbox-my-domain' ? 'Sandbox' : 'Production';
 */
export type LoginUrlKind =
  | 'production'
  | 'sandbox'
  | 'my-domain'
  | 'sandbox-my-domain'
  | 'developer'
  | 'scratch'
  | 'demo'
  | 'free'
  | 'patch'
  | 'trailblaze'
  | 'experience-cloud'
  | 'government'
  | 'china'
  | 'custom';

/**
 * Why a host was rewritten to its login host (also a `LoginUrlNoteCode`).
 *
 * @example
 * classifySalesforceHost('acme.my.salesforce-setup.com') // { …, rewrite: 'rewritten_from_setup' }
 */
export type HostRewrite =
  | 'rewritten_from_lightning'
  | 'rewritten_from_setup'
  | 'rewritten_from_visualforce'
  | 'rewritten_from_content'
  | 'rewritten_legacy_sandbox';

/**
 * Why a host cannot be a login host (also a `LoginUrlErrorCode`).
 *
 * @example
 * classifySalesforceHost('na139.salesforce.com') // 'instance_url'
 */
export type HostRefusal =
  | 'ip_address'
  | 'lookalike_host'
  | 'non_ascii_host'
  | 'not_salesforce'
  | 'not_login_host'
  | 'instance_url'
  | 'legacy_site_domain'
  | 'no_my_domain'
  | 'invalid_my_domain';

/**
 * A Salesforce login host, after any rewrite.
 *
 * @example
 * const login: SalesforceLoginHost = { host: 'acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme', sandbox: false };
 */
export interface SalesforceLoginHost {
  host: string;
  kind: Exclude<LoginUrlKind, 'custom'>;
  myDomain?: string;
  sandbox: boolean;
  rewrite?: HostRewrite;
}

/** The word after the My Domain name in partitioned hosts, and the kind of org it means. */
const partitionKinds = {
  sandbox: 'sandbox-my-domain',
  develop: 'developer',
  scratch: 'scratch',
  demo: 'demo',
  free: 'free',
  patch: 'patch',
  trailblaze: 'trailblaze',
} as const;

type Partition = keyof typeof partitionKinds;

/**
 * Org-specific host families, keyed by the suffix after `<name>[.<partition>]`.
 * `l`: the login suffix the family maps to; `r`: the rewrite it implies; `p`: the first label
 * ends in `--<package>` (Visualforce, content); `i`: an instance label (na139, cs42) may sit
 * between the name and the suffix instead of a partition; `k`: kind when not a plain My Domain.
 */
interface Family {
  l: string;
  r?: HostRewrite;
  p?: true;
  i?: true;
  k?: 'experience-cloud' | 'government' | 'china';
}

const MY = 'my.salesforce.com';
const MIL = 'my.salesforce.mil';
const CN = 'my.sfcrmproducts.cn';

const families: Record<string, Family> = {
  [MY]: { l: MY },
  'lightning.force.com': { l: MY, r: 'rewritten_from_lightning' },
  'my.salesforce-setup.com': { l: MY, r: 'rewritten_from_setup' },
  'vf.force.com': { l: MY, r: 'rewritten_from_visualforce', p: true },
  'visualforce.com': { l: MY, r: 'rewritten_from_visualforce', p: true },
  'visual.force.com': { l: MY, r: 'rewritten_from_visualforce', p: true, i: true },
  'file.force.com': { l: MY, r: 'rewritten_from_content' },
  'documentforce.com': { l: MY, r: 'rewritten_from_content', p: true },
  'content.force.com': { l: MY, r: 'rewritten_from_content', p: true, i: true },
  'my.site.com': { l: 'my.site.com', k: 'experience-cloud' },
  [MIL]: { l: MIL, k: 'government' },
  'lightning.crmforce.mil': { l: MIL, r: 'rewritten_from_lightning', k: 'government' },
  [CN]: { l: CN, k: 'china' },
  'lightning.sfcrmapps.cn': { l: CN, r: 'rewritten_from_lightning', k: 'china' },
};

/**
 * Registrable domains Salesforce owns. A host under one of these that no rule above accepts is
 * Salesforce's but not a login server (marketing site, CDN, APIs…), which deserves a different
 * message than a stranger's host.
 */
const salesforceDomains = [
  'salesforce.com',
  'force.com',
  'cloudforce.com',
  'salesforce.mil',
  'crmforce.mil',
  'cloudforce.mil',
  'sfcrmproducts.cn',
  'sfcrmapps.cn',
  'site.com',
  'salesforce-setup.com',
  'visualforce.com',
  'documentforce.com',
  'salesforce-sites.com',
  'salesforce-experience.com',
  'salesforce-scrt.com',
  'salesforceliveagent.com',
  'database.com',
];

/** One My Domain name part: DNS label characters, no hyphen at either end. */
const namePart = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Instance names such as na139, cs42, eu55, usa77, um1, gs0. */
const instanceLabel = /^[a-z]{2,3}\d+[a-z]?$/;
/** Brand words that turn up in look-alike hosts, digits standing in for letters included. */
const brandLike = /s[a4][l1i][e3]?s?f[o0]r[cs][e3]|crmf[o0]rce|sfcrm|v[i1l]sualf[o0]rce/;

const endsWithLabel = (host: string, domain: string) =>
  host === domain || host.endsWith(`.${domain}`);

/**
 * True when a hostname (already lower-cased and punycoded, as `URL` gives it) is an IP address.
 *
 * @example
 * isIpHost(new URL('https://127.1').hostname) // true — URL canonicalizes it to 127.0.0.1
 * isIpHost('[::1]') // true
 * isIpHost('login.salesforce.com') // false
 */
export function isIpHost(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Classifies a hostname (lower case, punycoded, no port, as `URL#hostname` gives it): the login
 * host it stands for, or why it cannot be one.
 *
 * Rewrites: Lightning, Setup, Visualforce and content (file) hosts carry the org's My Domain
 * name, so they map to the My Domain login host unambiguously; a Visualforce or content host
 * without a My Domain name (`c.na139.visual.force.com`) is refused as `no_my_domain`. Pre-enhanced
 * sandbox hosts (`acme--uat.my.salesforce.com`) become today's `acme--uat.sandbox.my.salesforce.com`,
 * since enhanced domains are enforced and the old form only redirects. Instance hosts
 * (`na139.salesforce.com`) and the retired `*.force.com` site hosts are refused: Salesforce no
 * longer guarantees they reach the org.
 *
 * @example
 * classifySalesforceHost('acme.lightning.force.com')
 * // { host: 'acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme', sandbox: false,
 * //   rewrite: 'rewritten_from_lightning' }
 * classifySalesforceHost('salesforce.com.evil.io') // 'lookalike_host'
 */
export function classifySalesforceHost(hostname: string): SalesforceLoginHost | HostRefusal {
  if (isIpHost(hostname)) return 'ip_address';
  if (hostname === 'login.salesforce.com')
    return { host: hostname, kind: 'production', sandbox: false };
  if (hostname === 'test.salesforce.com') return { host: hostname, kind: 'sandbox', sandbox: true };
  // Punycode labels: every Salesforce host is plain ASCII, so an IDN imitates one at best.
  if (/(^|\.)xn--/.test(hostname)) return 'non_ascii_host';

  for (const [suffix, family] of Object.entries(families)) {
    if (!hostname.endsWith(`.${suffix}`)) continue;
    return fromFamily(hostname.slice(0, -suffix.length - 1).split('.'), family);
  }

  if (salesforceDomains.some((domain) => endsWithLabel(hostname, domain))) {
    const [first, ...rest] = hostname.split('.');
    if (rest.join('.') === 'salesforce.com' && instanceLabel.test(first ?? '')) {
      return 'instance_url';
    }
    return endsWithLabel(hostname, 'force.com') ? 'legacy_site_domain' : 'not_login_host';
  }
  // A Salesforce domain in the middle (`login.salesforce.com.evil.io`) or a brand-like word.
  const embedded = salesforceDomains.some((domain) => `.${hostname}.`.includes(`.${domain}.`));
  return embedded || brandLike.test(hostname) ? 'lookalike_host' : 'not_salesforce';
}

function fromFamily(labels: string[], family: Family): SalesforceLoginHost | HostRefusal {
  const [name = '', second, ...extra] = labels;
  if (extra.length > 0) return 'invalid_my_domain';
  let partition: Partition | undefined;
  if (second !== undefined) {
    if (family.i && instanceLabel.test(second)) {
      // An instance label says nothing about the org type: the name decides.
    } else if (Object.hasOwn(partitionKinds, second)) {
      partition = second as Partition;
    } else {
      return 'invalid_my_domain';
    }
  }

  const parts = name.split('--');
  if (family.p) parts.pop(); // the package name: `c` for the org's own pages
  if (parts.length === 0) return 'no_my_domain';
  if (!parts.every((part) => namePart.test(part))) return 'invalid_my_domain';

  let rewrite = family.r;
  // `name--sandbox` is how a sandbox's My Domain reads; only the sandbox partition (or no
  // partition, the pre-enhanced form) may carry it.
  const wantedParts = partition === 'sandbox' ? 2 : partition ? 1 : parts.length;
  if (parts.length !== wantedParts || parts.length > 2) return 'invalid_my_domain';
  if (!partition && parts.length === 2) {
    partition = 'sandbox';
    rewrite ??= 'rewritten_legacy_sandbox';
  }

  const myDomain = parts.join('--');
  const result: SalesforceLoginHost = {
    host: `${myDomain}.${partition ? `${partition}.` : ''}${family.l}`,
    // Developer Edition orgs created before partitioned domains keep `name-dev-ed.my…`.
    kind:
      family.k ??
      (partition
        ? partitionKinds[partition]
        : myDomain.endsWith('-dev-ed')
          ? 'developer'
          : 'my-domain'),
    myDomain,
    sandbox: partition === 'sandbox',
  };
  if (rewrite) result.rewrite = rewrite;
  return result;
}
