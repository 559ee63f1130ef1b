import { ConnectError } from './errors.js';
import { fillMessage } from './fill-message.js';
import {
  type LoginUrlSuccess,
  type NormalizeLoginUrlOptions,
  normalizeLoginUrl,
} from './login-url.js';

/**
 * The texts of {@link checkClientCredentialsLoginUrl}'s refusal of a generic login host,
 * one per host. Placeholder: `{host}`.
 *
 * @example
 * const de: ClientCredentialsLoginUrlMessages = clientCredentialsLoginUrlMessagesDe;
 */
export interface ClientCredentialsLoginUrlMessages {
  /** For `login.salesforce.com` (production). */
  production: string;
  /** For `test.salesforce.com` (sandboxes). */
  sandbox: string;
}

/**
 * English texts for the refusal of a generic login host in the client credentials flow.
 * Salesforce answers such a request with invalid_grant "request not supported on this domain"
 * (pozil/pub-sub-api-node-client#58; docs/sources.md).
 *
 * @example
 * checkClientCredentialsLoginUrl(url, { messages: { ...clientCredentialsLoginUrlMessages } });
 */
export const clientCredentialsLoginUrlMessages: ClientCredentialsLoginUrlMessages = {
  production:
    "{host} can't be used here: a connection without a sign-in window works only on your org's own address. Type your My Domain URL instead, like https://yourcompany.my.salesforce.com (Setup > My Domain).",
  sandbox:
    "{host} can't be used here: a connection without a sign-in window works only on your sandbox's own address. Type its My Domain URL instead, like https://yourcompany--sandboxname.sandbox.my.salesforce.com (Setup > My Domain, in the sandbox).",
};

/**
 * Options of {@link checkClientCredentialsLoginUrl}: those of `normalizeLoginUrl` (allowed hosts,
 * login URL texts) and the texts of the generic-host refusal.
 *
 * @example
 * const options: ClientCredentialsLoginUrlOptions = { allowedHosts: ['127.0.0.1:4011'] };
 */
export interface ClientCredentialsLoginUrlOptions
  extends Omit<NormalizeLoginUrlOptions, 'messages'> {
  /** Texts for `normalizeLoginUrl`'s refusals and notes. */
  loginUrlMessages?: NormalizeLoginUrlOptions['messages'];
  /** Texts for the refusal of login.salesforce.com and test.salesforce.com. */
  messages?: Partial<ClientCredentialsLoginUrlMessages>;
}

/**
 * Checks the Login URL of a connection that uses the client credentials flow (no popup): it must
 * be a login URL at all (else `invalid_login_url`) and the org's own host — its My Domain — never
 * the generic `https://login.salesforce.com` or `https://test.salesforce.com`, where Salesforce
 * answers this flow with invalid_grant "request not supported on this domain" (else
 * `generic_login_host`, telling what to type instead). Both errors carry `field: 'loginUrl'`.
 * Setup, Lightning and other hosts that name the org are rewritten to its My Domain by
 * `normalizeLoginUrl` first, so they pass. Answers the normalized URL.
 *
 * @example
 * checkClientCredentialsLoginUrl('acme.lightning.force.com').url; // 'https://acme.my.salesforce.com'
 * checkClientCredentialsLoginUrl('https://login.salesforce.com');
 * // throws ConnectError { code: 'generic_login_host', field: 'loginUrl', message: '… My Domain URL …' }
 */
export function checkClientCredentialsLoginUrl(
  url: string,
  options: ClientCredentialsLoginUrlOptions = {},
): LoginUrlSuccess {
  const result = normalizeLoginUrl(url, {
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.loginUrlMessages ? { messages: options.loginUrlMessages } : {}),
  });
  if (!result.ok) {
    throw new ConnectError('invalid_login_url', result.message, { field: 'loginUrl' });
  }
  if (result.kind === 'production' || result.kind === 'sandbox') {
    const messages = { ...clientCredentialsLoginUrlMessages, ...options.messages };
    throw new ConnectError(
      'generic_login_host',
      fillMessage(messages[result.kind], { host: result.host }),
      { field: 'loginUrl' },
    );
  }
  return result;
}

/**
 * Whether a login URL (already normalized, or as typed) is one of Salesforce's generic login
 * hosts, which the client credentials flow cannot use. Never throws.
 *
 * @example
 * isGenericLoginHost('https://test.salesforce.com'); // true
 * isGenericLoginHost('https://acme.my.salesforce.com'); // false
 */
export function isGenericLoginHost(url: string): boolean {
  const result = normalizeLoginUrl(url);
  return result.ok && (result.kind === 'production' || result.kind === 'sandbox');
}
