import { fillMessage } from './fill-message.js';
import {
  classifySalesforceHost,
  type HostRefusal,
  type HostRewrite,
  isIpHost,
  type LoginUrlKind,
} from './salesforce-hosts.js';

export type { LoginUrlKind } from './salesforce-hosts.js';

/**
 * What `normalizeLoginUrl` changed in what the admin pasted.
 *
 * @example
 * const rewritten = result.ok && result.notes.some((note) => note.code.startsWith('rewritten_'));
 */
export type LoginUrlNoteCode =
  | 'removed_invisible_characters'
  | 'added_https'
  | 'lowercased'
  | 'removed_default_port'
  | 'removed_path'
  | HostRewrite;

/**
 * Why `normalizeLoginUrl` refused an input: translate by code, or pass `messages`.
 *
 * @example
 * if (!result.ok && result.code === 'lookalike_host') reportSuspiciousPaste();
 */
export type LoginUrlErrorCode =
  | 'empty'
  | 'not_a_url'
  | 'unsupported_scheme'
  | 'insecure_scheme'
  | 'has_user_info'
  | 'port_not_allowed'
  | 'host_too_long'
  | 'host_label_too_long'
  | HostRefusal;

/**
 * One change made to the pasted value, in words the admin can read.
 *
 * @example
 * { code: 'added_https', message: 'We added https://.' }
 */
export interface LoginUrlNote {
  code: LoginUrlNoteCode;
  message: string;
}

/**
 * Message templates for every refusal and note, keyed by code. Placeholders: `{host}` (the
 * hostname pasted, shortened with "…" past 60 characters), `{port}`, `{url}` (the normalized
 * URL), `{length}` and `{limit}` (for the two length refusals).
 *
 * @example
 * const fr: Partial<LoginUrlMessages> = { not_salesforce: "{host} n'est pas une adresse Salesforce." };
 */
export type LoginUrlMessages = Record<LoginUrlErrorCode | LoginUrlNoteCode, string>;

const useInstead =
  'Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.';
const weUse = "We'll use {url}, the login address for the";

/**
 * English messages for login URL refusals and notes. Translate by passing a partial map as
 * `messages` to `normalizeLoginUrl`.
 *
 * @example
 * normalizeLoginUrl('', { messages: { empty: 'Saisissez l’URL de connexion.' } }).message
 */
export const loginUrlMessages: LoginUrlMessages = {
  empty: 'Enter your Salesforce login URL.',
  not_a_url: "That isn't a web address. A login URL looks like https://acme.my.salesforce.com.",
  unsupported_scheme: 'Use an address that starts with https://.',
  insecure_scheme: 'Use https://. Salesforce signs in only over a secure connection.',
  has_user_info: 'Remove the part before "@". A login URL never holds a user name or password.',
  port_not_allowed: 'Remove ":{port}". Salesforce login URLs have no port number.',
  host_too_long:
    'The address {host} is {length} characters long; a web address can have at most {limit}. Copy it again from your browser.',
  host_label_too_long:
    'One part of {host} (between two dots) is {length} characters long; each part can have at most {limit}. Copy the address again from your browser.',
  ip_address: 'Use your Salesforce login URL, not an IP address.',
  lookalike_host: `{host} only looks like Salesforce. Check the address. ${useInstead}`,
  non_ascii_host:
    "{host} has letters outside a-z, which Salesforce addresses don't use. Type it by hand.",
  not_salesforce: `{host} isn't a Salesforce address. ${useInstead}`,
  not_login_host: `{host} belongs to Salesforce but isn't a login address. ${useInstead}`,
  instance_url:
    '{host} is a server name that can change. Use your My Domain URL (Setup > My Domain).',
  legacy_site_domain:
    "Salesforce retired {host}. Use your My Domain URL, or your site's my.site.com address.",
  no_my_domain: "{host} doesn't name your org. Paste the address of a Setup or Lightning page.",
  invalid_my_domain: "{host} isn't a complete My Domain URL. Copy it from Setup > My Domain.",
  removed_invisible_characters: 'We removed invisible characters and line breaks.',
  added_https: 'We added https://.',
  lowercased: 'We changed the address to lower case.',
  removed_default_port: 'We removed the default port.',
  removed_path: 'We kept only the site address; the rest of the link is not needed.',
  rewritten_from_lightning: `${weUse} Lightning URL you pasted.`,
  rewritten_from_setup: `${weUse} Setup URL you pasted.`,
  rewritten_from_visualforce: `${weUse} Visualforce page you pasted.`,
  rewritten_from_content: `${weUse} file link you pasted.`,
  rewritten_legacy_sandbox: "We'll use {url}, your sandbox's current login address.",
};

/**
 * Options for `normalizeLoginUrl`.
 *
 * @example
 * const options: NormalizeLoginUrlOptions = { allowedHosts: ['127.0.0.1:4010'], messages: fr };
 */
export interface NormalizeLoginUrlOptions {
  /**
   * Hosts the integrator accepts besides Salesforce's, e.g. a local simulator or a proxy:
   * `'localhost:4010'`, `'127.0.0.1:4010'`, `'login.example-proxy.com'` or `'*.example.com'`
   * (any subdomain, not the domain itself). Without a port an entry matches only the default
   * port. These hosts may use http or https and come back with kind `custom`. An IP address is
   * accepted only when listed exactly. Malformed entries match nothing.
   */
  allowedHosts?: readonly string[];
  /** Replacement message templates, e.g. translations (see `loginUrlMessages`). */
  messages?: Partial<LoginUrlMessages>;
}

/**
 * A login URL that can be used: always `https://host` for Salesforce hosts, nothing after.
 *
 * @example
 * if (result.ok) setSetupBase(result.myDomain ? `https://${result.myDomain}.lightning.force.com` : undefined);
 */
export interface LoginUrlSuccess {
  ok: true;
  /** `https://host`, no trailing slash; custom hosts keep their scheme and port. */
  url: string;
  /** The same string as `url`, named for places that want an origin. */
  origin: string;
  /** Hostname, plus the port for a custom host on a non-default port. */
  host: string;
  kind: LoginUrlKind;
  /** The org's My Domain name (`acme`, or `acme--uat` for a sandbox), when the host has one. */
  myDomain?: string;
  sandbox: boolean;
  /** What was changed in the pasted value; empty when it was already clean. */
  notes: LoginUrlNote[];
}

/**
 * A refused login URL, with a message saying what to do instead.
 *
 * @example
 * { ok: false, code: 'insecure_scheme', message: 'Use https://. Salesforce signs in only over a secure connection.' }
 */
export interface LoginUrlFailure {
  ok: false;
  code: LoginUrlErrorCode;
  message: string;
}

/**
 * The result of `normalizeLoginUrl`: narrow on `ok`.
 *
 * @example
 * const result: LoginUrlResult = normalizeLoginUrl(input);
 * if (!result.ok) showError(result.message);
 */
export type LoginUrlResult = LoginUrlSuccess | LoginUrlFailure;

/**
 * Characters that render as nothing but travel with copied text: soft hyphen, zero-width
 * spaces and joiners, direction marks and embeddings, word joiner and invisible operators,
 * Mongolian vowel separator, Hangul fillers, byte order mark.
 */
const invisibleCharacters =
  /[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/g;

/**
 * Removes characters that are invisible when pasted (zero-width spaces, BOM, soft hyphens,
 * direction marks…) from anywhere in a string. Shared by the login URL and credential cleaners.
 *
 * @example
 * removeInvisibleCharacters('\uFEFF3MVG9\u200Babc') // '3MVG9abc'
 */
export function removeInvisibleCharacters(text: string): string {
  return text.replace(invisibleCharacters, '');
}

// Re-exported from its own module so that a component filling one message does not pull the
// login URL rules (hosts, regular expressions) into a bundle that never parses a URL.
export { fillMessage };

/** The longest host name DNS carries, dots included (RFC 1035 §2.3.4). */
const MAX_HOST_LENGTH = 253;
/** The longest label (the part between two dots) DNS carries (RFC 1035 §2.3.4). */
const MAX_LABEL_LENGTH = 63;

/** A pasted host in a message: long ones keep their start and end, so the message stays short. */
const shorten = (host: string) =>
  host.length > 60 ? `${host.slice(0, 40)}…${host.slice(-16)}` : host;

/** Schemes that are never a login URL even though `javascript:1` reads like `host:port`. */
const foreignSchemes =
  /^(javascript|vbscript|data|blob|file|about|mailto|tel|sms|ftp|sftp|ssh|ws|wss|chrome|view-source|intent):/i;

/**
 * Turns whatever an admin pasted from their address bar into the Salesforce login URL to use,
 * or says precisely why it cannot be one. Never throws.
 *
 * Accepts a missing scheme, any case, paths, queries, fragments, `:443`, surrounding whitespace,
 * quotes or angle brackets, invisible characters and line breaks; keeps only the origin. Rewrites
 * hosts that name the org but are not login hosts — Lightning (`*.lightning.force.com`), Setup
 * (`*.my.salesforce-setup.com`), Visualforce (`*--c.vf.force.com`, `*--c.visualforce.com`) and
 * file (`*.file.force.com`) hosts, including sandbox, partitioned, government and China forms —
 * to the org's My Domain login host, and records a note for each change. A Visualforce or file
 * host that does not name the org (`c.na139.visual.force.com`) is refused with `no_my_domain`.
 *
 * Refuses empty input, non-URLs, other schemes, `http:`, user info, IP addresses, ports, hosts
 * that are not Salesforce's (look-alikes and punycode imitations get their own code), Salesforce
 * hosts that cannot sign anyone in, instance hosts (`na139.salesforce.com`) and the retired
 * `*.force.com` site hosts. `options.allowedHosts` widens the allowlist on purpose.
 *
 * @example
 * normalizeLoginUrl('acme.lightning.force.com/lightning/setup/SetupOneHome/home')
 * // { ok: true, url: 'https://acme.my.salesforce.com', kind: 'my-domain', myDomain: 'acme',
 * //   sandbox: false, notes: [added_https, removed_path, rewritten_from_lightning], … }
 *
 * normalizeLoginUrl('http://127.0.0.1:4010', { allowedHosts: ['127.0.0.1:4010'] })
 * // { ok: true, url: 'http://127.0.0.1:4010', kind: 'custom', sandbox: false, … }
 *
 * normalizeLoginUrl('https://salesforce.com.evil.io') // { ok: false, code: 'lookalike_host', … }
 */
export function normalizeLoginUrl(
  input: string,
  options: NormalizeLoginUrlOptions = {},
): LoginUrlResult {
  const messages = { ...loginUrlMessages, ...options.messages };
  const fail = (code: LoginUrlErrorCode, values: Record<string, string> = {}): LoginUrlFailure => ({
    ok: false,
    code,
    message: fillMessage(messages[code], values),
  });
  if (typeof input !== 'string') return fail('empty');

  const notes: LoginUrlNoteCode[] = [];
  const visible = removeInvisibleCharacters(input);
  const trimmed = visible
    .trim()
    .replace(/^[<"'`\u201C\u2018]+|[>"'`\u201D\u2019]+$/g, '')
    .trim();
  // Line breaks inside the value come from copying a wrapped address; WHATWG URL drops them too.
  const text = trimmed.replace(/[\t\n\r\v\f\u0085\u2028\u2029]/g, '');
  if (visible !== input || text !== trimmed) notes.push('removed_invisible_characters');
  if (!text) return fail('empty');

  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  let href = text;
  if (scheme !== 'http' && scheme !== 'https') {
    if (scheme && !scheme.includes('.')) {
      // `localhost:4010` and `user:pass@host` also start like a scheme; `javascript:1` too.
      const rest = text.slice(scheme.length + 1);
      if (foreignSchemes.test(text)) return fail('unsupported_scheme');
      if (/^[^/?#\\]*@/.test(rest)) return fail('has_user_info');
      if (!/^\d*(?:[/?#\\]|$)/.test(rest)) return fail('unsupported_scheme');
    }
    href = `https://${text.replace(/^[/\\]+/, '')}`;
    notes.push('added_https');
  }

  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return fail('not_a_url');
  }

  const afterScheme = href.slice(href.indexOf(':') + 1).replace(/^[/\\]*/, '');
  const authority = /^[^/?#\\]*/.exec(afterScheme)?.[0] ?? '';
  if (authority.includes('@') || url.username || url.password) return fail('has_user_info');
  const rawPort = /:(\d*)$/.exec(authority);
  const rawHost = rawPort ? authority.slice(0, rawPort.index) : authority;
  if (rawHost !== rawHost.toLowerCase()) notes.push('lowercased');
  if (rawPort?.[1] && !url.port) notes.push('removed_default_port');
  const tail = afterScheme.slice(authority.length);
  if (tail !== '' && tail !== '/') notes.push('removed_path');

  const hostname = url.hostname.replace(/\.$/, '');
  // DNS limits (RFC 1035 §2.3.4): WHATWG URL parsing does not enforce them, so a 10,000-character
  // host would otherwise pass as a My Domain name. Checked on the punycoded form, as DNS sees it.
  const shownHost = shorten(rawHost.toLowerCase() || hostname);
  if (hostname.length > MAX_HOST_LENGTH) {
    return fail('host_too_long', {
      host: shownHost,
      length: String(hostname.length),
      limit: String(MAX_HOST_LENGTH),
    });
  }
  const longest = Math.max(...hostname.split('.').map((label) => label.length));
  if (longest > MAX_LABEL_LENGTH) {
    return fail('host_label_too_long', {
      host: shownHost,
      length: String(longest),
      limit: String(MAX_LABEL_LENGTH),
    });
  }
  const salesforce = classifySalesforceHost(hostname);
  let success: Omit<LoginUrlSuccess, 'notes' | 'origin' | 'ok'>;
  if (typeof salesforce !== 'string') {
    if (url.protocol !== 'https:') return fail('insecure_scheme');
    if (url.port) return fail('port_not_allowed', { port: url.port });
    const { host, rewrite, ...rest } = salesforce;
    if (rewrite) notes.push(rewrite);
    success = { url: `https://${host}`, host, ...rest };
  } else if (isAllowedHost(url, hostname, options.allowedHosts)) {
    const host = url.port ? `${hostname}:${url.port}` : hostname;
    success = { url: `${url.protocol}//${host}`, host, kind: 'custom', sandbox: false };
  } else {
    return fail(salesforce, { host: shownHost });
  }

  return {
    ok: true,
    ...success,
    origin: success.url,
    notes: notes.map((code) => ({
      code,
      message: fillMessage(messages[code], { url: success.url }),
    })),
  };
}

const allowedHostEntry = /^(\*\.)?(\[[\da-f:.]+\]|[^:/?#@\\\s[\]]+)(?::(\d{1,5}))?$/;

/** Whether `options.allowedHosts` lets this URL through (see `NormalizeLoginUrlOptions`). */
function isAllowedHost(url: URL, hostname: string, entries: readonly string[] = []): boolean {
  return entries.some((entry) => {
    const match = allowedHostEntry.exec(entry.trim().toLowerCase());
    if (!match?.[2]) return false;
    let host: string;
    try {
      host = new URL(`http://${match[2]}`).hostname;
    } catch {
      return false;
    }
    const effectivePort = url.port || (url.protocol === 'http:' ? '80' : '443');
    if (match[3] ? String(Number(match[3])) !== effectivePort : url.port !== '') return false;
    return match[1] ? !isIpHost(hostname) && hostname.endsWith(`.${host}`) : hostname === host;
  });
}
