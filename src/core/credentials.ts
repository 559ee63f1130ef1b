import * as z from 'zod/mini';
import {
  fillMessage,
  type LoginUrlKind,
  type NormalizeLoginUrlOptions,
  normalizeLoginUrl,
  removeInvisibleCharacters,
} from './login-url.js';
import type { CredentialsInput } from './types.js';

/**
 * A field of the credentials form.
 *
 * @example
 * const field: CredentialField = 'consumerKey';
 */
export type CredentialField = 'loginUrl' | 'consumerKey' | 'consumerSecret';

/**
 * Something about the typed credentials that is probably wrong; never blocks saving.
 *
 * @example
 * warnings.some((warning) => warning.code === 'key_and_secret_swapped')
 */
export type CredentialWarningCode =
  | 'key_and_secret_swapped'
  | 'secret_looks_like_key'
  | 'key_equals_secret'
  | 'key_looks_truncated'
  | 'key_unusual_format'
  | 'secret_unusual_format'
  | 'value_has_whitespace'
  | 'value_looks_like_url'
  | 'sandbox_url_with_production_hint'
  | 'production_url_with_sandbox_hint';

/**
 * Why the schema rejects a key or secret, plus the field names used inside messages.
 *
 * @example
 * credentialsMessages.key_has_spaces // 'The Consumer Key has no spaces. Copy it again from Salesforce.'
 */
export type CredentialsErrorKey =
  | 'key_required'
  | 'key_has_spaces'
  | 'key_invalid_characters'
  | 'secret_required'
  | 'secret_has_spaces'
  | 'secret_invalid_characters'
  | 'consumer_key'
  | 'consumer_secret';

/**
 * Message templates for the credentials schema and warnings, keyed by code. Placeholders:
 * `{field}` (a field name: the `consumer_key` / `consumer_secret` entries) and `{length}`.
 *
 * @example
 * const fr: Partial<CredentialsMessages> = { key_required: 'Saisissez la Consumer Key.' };
 */
export type CredentialsMessages = Record<CredentialsErrorKey | CredentialWarningCode, string>;

const copyAgain = 'Copy it again from Salesforce.';

/**
 * English messages for the credentials schema and `inspectCredentials`. Login URL messages are
 * separate: `loginUrlMessages`, passed through `loginUrl.messages`.
 *
 * @example
 * createCredentialsSchema({ messages: { key_required: 'Geben Sie den Consumer Key ein.' } })
 */
export const credentialsMessages: CredentialsMessages = {
  consumer_key: 'Consumer Key',
  consumer_secret: 'Consumer Secret',
  key_required: 'Enter the Consumer Key.',
  key_has_spaces: `The Consumer Key has no spaces. ${copyAgain}`,
  key_invalid_characters: `A Consumer Key has only letters, digits, dots and underscores. ${copyAgain}`,
  secret_required: 'Enter the Consumer Secret.',
  secret_has_spaces: `The Consumer Secret has no spaces. ${copyAgain}`,
  secret_invalid_characters: `The Consumer Secret has only letters, digits and symbols. ${copyAgain}`,
  key_and_secret_swapped: 'The key and secret look swapped: the Consumer Key starts with 3MVG.',
  secret_looks_like_key: 'This looks like the Consumer Key (it starts with 3MVG), not the secret.',
  key_equals_secret: 'The secret is the same as the key. Copy the Consumer Secret.',
  key_looks_truncated: 'This key has {length} characters; keys usually have 85. Is part missing?',
  key_unusual_format: 'Consumer Keys usually start with 3MVG. Is this the key?',
  secret_unusual_format:
    'Consumer Secrets are usually 19 digits or 64 letters and digits. Is this the secret?',
  value_has_whitespace:
    'We removed line breaks or invisible characters from the {field}. Is it complete?',
  value_looks_like_url: 'This is a web address, not the {field}.',
  sandbox_url_with_production_hint:
    'This login URL is for a sandbox, but you are connecting a production org.',
  production_url_with_sandbox_hint:
    'This login URL is for a production org, but you are connecting a sandbox.',
};

const lineBreaks = /[\n\r\v\f\u0085\u2028\u2029]/g;

/**
 * Why an empty Consumer Secret is refused when the Consumer Key or Login URL changed: a saved
 * secret goes only with the app it was saved for (sent with another app's key, or to another
 * host, it would leak). Said by the reference server and the memory adapter alike.
 */
export const SECRET_FOR_OTHER_APP =
  'Type the Consumer Secret: the Consumer Key or Login URL changed, and the saved secret belongs to the app saved before.';

/**
 * Cleans a value pasted from Salesforce's Setup pages: removes invisible characters (zero-width
 * spaces, BOM, soft hyphens, direction marks…) and line breaks anywhere, then trims whitespace,
 * NBSP included, at both ends. Spaces inside the value are kept so validation can point at them.
 *
 * @example
 * cleanCredentialValue('\u00A03MVG9abc\u200B\n') // '3MVG9abc'
 */
export function cleanCredentialValue(value: string): string {
  return removeInvisibleCharacters(value).replace(lineBreaks, '').trim();
}

/**
 * Options for `createCredentialsSchema`.
 *
 * @example
 * createCredentialsSchema({ secretAlreadySaved: connection.hasConsumerSecret === true });
 */
export interface CredentialsSchemaOptions {
  /** Passed to `normalizeLoginUrl` (allowed hosts, translated messages). */
  loginUrl?: NormalizeLoginUrlOptions;
  /** A secret is stored already: an empty secret is valid and means "keep the saved one". */
  secretAlreadySaved?: boolean;
  /** Replacement messages, e.g. translations (see `credentialsMessages`). */
  messages?: Partial<CredentialsMessages>;
}

/** Reads a cleaned value: the value to output, or what is wrong with it. */
type ReadValue = (value: string) => string | { problem: string };

/**
 * A field that cleans its value, reads it, and outputs the cleaned (or normalized) form.
 * A non-string (missing field) gets the `required` message.
 */
function cleanedField(required: string, read: ReadValue) {
  return z.pipe(
    z.string(required),
    z.transform((raw: string, context) => {
      const result = read(cleanCredentialValue(raw));
      if (typeof result === 'string') return result;
      context.issues.push({ code: 'custom', message: result.problem, input: raw });
      return z.NEVER;
    }),
  );
}

/**
 * The `zod/mini` schema of the credentials form: cleans every value, normalizes the login URL
 * (the output is the normalized URL; a refusal is an issue on `loginUrl` with its specific
 * message), requires the key and the secret, and rejects values that cannot be right — a key
 * with spaces or characters outside `A-Za-z0-9._`, a secret with spaces or characters outside
 * printable ASCII. Length and prefix alone never fail validation (custom keys exist): those are
 * warnings from `inspectCredentials`. With `secretAlreadySaved`, an empty secret is valid and
 * parses to `''`, meaning "keep the saved one". Works with `zodResolver` from
 * `@hookform/resolvers/zod`.
 *
 * @example
 * const schema = createCredentialsSchema({ loginUrl: { allowedHosts: ['localhost:4010'] } });
 * const form = useForm({ resolver: zodResolver(schema) });
 *
 * schema.parse({
 *   loginUrl: 'acme.lightning.force.com/lightning/page/home',
 *   consumerKey: ' 3MVG9abc ',
 *   consumerSecret: '1234567890123456789',
 * }); // { loginUrl: 'https://acme.my.salesforce.com', consumerKey: '3MVG9abc', … }
 */
export function createCredentialsSchema(options: CredentialsSchemaOptions = {}) {
  const messages = { ...credentialsMessages, ...options.messages };
  const readLoginUrl: ReadValue = (value) => {
    const result = normalizeLoginUrl(value, options.loginUrl);
    return result.ok ? result.url : { problem: result.message };
  };
  const missingUrl = readLoginUrl('');

  return z.object({
    loginUrl: cleanedField(typeof missingUrl === 'string' ? '' : missingUrl.problem, readLoginUrl),
    consumerKey: cleanedField(messages.key_required, (value) => {
      if (!value) return { problem: messages.key_required };
      if (/\s/.test(value)) return { problem: messages.key_has_spaces };
      if (!/^[\w.]+$/.test(value)) return { problem: messages.key_invalid_characters };
      return value;
    }),
    consumerSecret: cleanedField(messages.secret_required, (value) => {
      if (!value && !options.secretAlreadySaved) return { problem: messages.secret_required };
      if (/\s/.test(value)) return { problem: messages.secret_has_spaces };
      if (/[^\x21-\x7E]/.test(value)) return { problem: messages.secret_invalid_characters };
      return value;
    }),
  });
}

/**
 * The schema `createCredentialsSchema` returns.
 *
 * @example
 * type Values = z.output<CredentialsSchema>; // { loginUrl: string; consumerKey: string; consumerSecret: string }
 */
export type CredentialsSchema = ReturnType<typeof createCredentialsSchema>;

/**
 * A warning about the typed credentials, shown next to `field`.
 *
 * @example
 * { code: 'key_looks_truncated', field: 'consumerKey', message: 'This key has 60 characters; …' }
 */
export interface CredentialWarning {
  code: CredentialWarningCode;
  field: CredentialField;
  message: string;
}

/**
 * Options for `inspectCredentials`.
 *
 * @example
 * inspectCredentials(values, { expectSandbox: environment === 'sandbox' });
 */
export interface InspectCredentialsOptions {
  /** Passed to `normalizeLoginUrl` when reading the login URL's environment. */
  loginUrl?: NormalizeLoginUrlOptions;
  /** Whether the integrator expects a sandbox (`true`) or production (`false`); unset: no check. */
  expectSandbox?: boolean;
  /** Replacement messages, e.g. translations (see `credentialsMessages`). */
  messages?: Partial<CredentialsMessages>;
}

/** 19 digits (older apps) or 64 upper-case hex characters (newer apps). */
const secretShape = /^(?:\d{19}|[\dA-F]{64})$/;
/** Scheme, `www.`, or a dotted host ending in a Salesforce top-level domain. */
const urlShape =
  /^(?:[a-z][a-z\d+.-]*:\/\/|www\.)|[a-z\d-]+\.[a-z\d-]+\.(?:com|mil|cn)(?:[/:?#]|$)/i;
/** Non-production orgs that are not sandboxes: expecting a sandbox and getting one is no surprise. */
const otherNonProduction: ReadonlySet<LoginUrlKind> = new Set([
  'developer',
  'scratch',
  'demo',
  'free',
  'patch',
  'trailblaze',
  'custom',
]);
const fieldOrder: CredentialField[] = ['loginUrl', 'consumerKey', 'consumerSecret'];

/**
 * Looks at typed credentials for the mistakes admins make — key and secret swapped or pasted
 * twice, a truncated key, line breaks copied along, a URL in the wrong box, a sandbox login URL
 * when production is expected — and returns warnings to show. Warns, never blocks: custom keys
 * and secrets of other shapes exist. Works on raw values (it cleans them itself).
 *
 * @example
 * inspectCredentials({ consumerKey: '1234567890123456789', consumerSecret: '3MVG9abc' })
 * // [{ code: 'key_and_secret_swapped', field: 'consumerKey', message: 'The key and secret look swapped…' }]
 */
export function inspectCredentials(
  values: Partial<CredentialsInput>,
  options: InspectCredentialsOptions = {},
): CredentialWarning[] {
  const messages = { ...credentialsMessages, ...options.messages };
  const warnings: CredentialWarning[] = [];
  const warn = (
    code: CredentialWarningCode,
    field: CredentialField,
    values: Record<string, string | number> = {},
  ) => {
    warnings.push({ code, field, message: fillMessage(messages[code], values) });
  };

  const { expectSandbox } = options;
  if (expectSandbox !== undefined && values.loginUrl) {
    const login = normalizeLoginUrl(values.loginUrl, options.loginUrl);
    if (login.ok && login.sandbox && !expectSandbox) {
      warn('sandbox_url_with_production_hint', 'loginUrl');
    } else if (login.ok && !login.sandbox && expectSandbox && !otherNonProduction.has(login.kind)) {
      warn('production_url_with_sandbox_hint', 'loginUrl');
    }
  }

  const rawKey = values.consumerKey ?? '';
  const rawSecret = values.consumerSecret ?? '';
  const key = cleanCredentialValue(rawKey);
  const secret = cleanCredentialValue(rawSecret);
  const keyIsUrl = urlShape.test(key);
  const secretIsUrl = urlShape.test(secret);

  if (key && key !== rawKey.trim()) {
    warn('value_has_whitespace', 'consumerKey', { field: messages.consumer_key });
  }
  if (secret && secret !== rawSecret.trim()) {
    warn('value_has_whitespace', 'consumerSecret', { field: messages.consumer_secret });
  }
  if (keyIsUrl) warn('value_looks_like_url', 'consumerKey', { field: messages.consumer_key });
  if (secretIsUrl) {
    warn('value_looks_like_url', 'consumerSecret', { field: messages.consumer_secret });
  }

  const secretLooksLikeKey = secret.startsWith('3MVG');
  const swapped = secretLooksLikeKey && secretShape.test(key);
  if (swapped) {
    warn('key_and_secret_swapped', 'consumerKey');
  } else if (key && key === secret) {
    warn('key_equals_secret', 'consumerSecret');
  } else if (secretLooksLikeKey) {
    warn('secret_looks_like_key', 'consumerSecret');
  } else if (secret && !secretIsUrl && !secretShape.test(secret)) {
    warn('secret_unusual_format', 'consumerSecret');
  }

  if (key && !keyIsUrl && !swapped) {
    if (key.startsWith('3MVG9') && key.length < 85) {
      warn('key_looks_truncated', 'consumerKey', { length: key.length });
    } else if (!key.startsWith('3MVG')) {
      warn('key_unusual_format', 'consumerKey');
    }
  }

  return warnings.sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
}
