import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import {
  type CredentialWarningCode,
  cleanCredentialValue,
  createCredentialsSchema,
  credentialsMessages,
  inspectCredentials,
} from '../../src/core/credentials.js';
import { loginUrlMessages } from '../../src/core/login-url.js';

/** Shaped like real values (85-character key, 19-digit or 64-hex secret); not real ones. */
const key = `3MVG9${'AbCdEfGh.j'.repeat(8)}`;
const oldSecret = '1234567890123456789';
const newSecret = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';

const valid = {
  loginUrl: 'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
  consumerKey: ` ${key}\u200B\n`,
  consumerSecret: `\uFEFF${newSecret} `,
};

/** Runs the schema the way react-hook-form does. */
async function resolve(values: Record<string, unknown>, schema = createCredentialsSchema()) {
  return zodResolver(schema)(values as never, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
}

const errorMessages = (errors: Record<string, { message?: string } | undefined>) =>
  Object.fromEntries(Object.entries(errors).map(([name, error]) => [name, error?.message]));

describe('cleanCredentialValue', () => {
  it('trims whitespace and NBSP at the edges', () => {
    expect(cleanCredentialValue(' \u00A0\t3MVG9abc\u00A0 ')).toBe('3MVG9abc');
  });

  it('removes invisible characters and line breaks anywhere', () => {
    expect(cleanCredentialValue('\uFEFF3MVG\u200B9a\u00ADb\r\nc\u2028d')).toBe('3MVG9abcd');
  });

  it('keeps inner spaces so validation can point at them', () => {
    expect(cleanCredentialValue(' 3MVG9 abc ')).toBe('3MVG9 abc');
  });
});

describe('createCredentialsSchema', () => {
  it('cleans every value and outputs the normalized login URL', () => {
    expect(createCredentialsSchema().parse(valid)).toEqual({
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKey: key,
      consumerSecret: newSecret,
    });
  });

  it('refuses a bad login URL with the specific reason', () => {
    const result = createCredentialsSchema().safeParse({
      ...valid,
      loginUrl: 'https://salesforce.com.evil.io',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { path: ['loginUrl'], message: expect.stringContaining('only looks like Salesforce') },
    ]);
  });

  it('accepts keys of any length or prefix, but not spaces or foreign characters', () => {
    const schema = createCredentialsSchema();
    for (const consumerKey of ['my_custom.key', 'x', `${key}${key}`]) {
      expect(schema.safeParse({ ...valid, consumerKey }).success).toBe(true);
    }
    const issue = (consumerKey: string) =>
      schema.safeParse({ ...valid, consumerKey }).error?.issues[0]?.message;
    expect(issue('3MVG9 abc')).toBe(credentialsMessages.key_has_spaces);
    expect(issue('3MVG9\u00A0abc')).toBe(credentialsMessages.key_has_spaces);
    expect(issue('3MVG9-abc')).toBe(credentialsMessages.key_invalid_characters);
    expect(issue('3MVG9é')).toBe(credentialsMessages.key_invalid_characters);
    expect(issue('  ')).toBe(credentialsMessages.key_required);
  });

  it('accepts secrets of any shape in printable ASCII', () => {
    const schema = createCredentialsSchema();
    for (const consumerSecret of ['short', 'a!b#c$~', newSecret.toLowerCase()]) {
      expect(schema.safeParse({ ...valid, consumerSecret }).success).toBe(true);
    }
    const issue = (consumerSecret: string) =>
      schema.safeParse({ ...valid, consumerSecret }).error?.issues[0]?.message;
    expect(issue('1234 5678')).toBe(credentialsMessages.secret_has_spaces);
    expect(issue('1234€5678')).toBe(credentialsMessages.secret_invalid_characters);
    expect(issue('')).toBe(credentialsMessages.secret_required);
  });

  it('lets an empty secret mean "keep the saved one" when a secret is saved', () => {
    const schema = createCredentialsSchema({ secretAlreadySaved: true });
    expect(schema.parse({ ...valid, consumerSecret: ' \n' })).toMatchObject({ consumerSecret: '' });
    expect(schema.safeParse({ ...valid, consumerSecret: 'a b' }).success).toBe(false);
  });

  it('says a missing field is required', () => {
    const result = createCredentialsSchema().safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ['loginUrl', loginUrlMessages.empty],
      ['consumerKey', credentialsMessages.key_required],
      ['consumerSecret', credentialsMessages.secret_required],
    ]);
  });

  it('passes login URL options through, allowed hosts and messages included', () => {
    const schema = createCredentialsSchema({
      loginUrl: { allowedHosts: ['127.0.0.1:4010'], messages: { empty: 'URL manquante.' } },
      messages: { key_required: 'Clé manquante.' },
    });
    expect(schema.parse({ ...valid, loginUrl: 'http://127.0.0.1:4010/' })).toMatchObject({
      loginUrl: 'http://127.0.0.1:4010',
    });
    const result = schema.safeParse({ ...valid, loginUrl: '', consumerKey: '' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'URL manquante.',
      'Clé manquante.',
    ]);
  });
});

describe('createCredentialsSchema with zodResolver', () => {
  it('hands react-hook-form the cleaned, normalized values', async () => {
    const result = await resolve(valid);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({
      loginUrl: 'https://acme.my.salesforce.com',
      consumerKey: key,
      consumerSecret: newSecret,
    });
  });

  it('gives a field error per field with the kit’s messages', async () => {
    const result = await resolve({
      loginUrl: 'http://login.salesforce.com',
      consumerKey: '3MVG9 abc',
      consumerSecret: '',
    });
    expect(result.values).toEqual({});
    expect(errorMessages(result.errors as never)).toEqual({
      loginUrl: loginUrlMessages.insecure_scheme,
      consumerKey: credentialsMessages.key_has_spaces,
      consumerSecret: credentialsMessages.secret_required,
    });
  });

  it('carries translated messages through the resolver', async () => {
    const schema = createCredentialsSchema({ messages: { secret_has_spaces: 'Pas d’espaces.' } });
    const result = await resolve({ ...valid, consumerSecret: 'a b' }, schema);
    expect(errorMessages(result.errors as never)).toEqual({ consumerSecret: 'Pas d’espaces.' });
  });
});

describe('inspectCredentials', () => {
  const codes = (...args: Parameters<typeof inspectCredentials>) =>
    inspectCredentials(...args).map((warning) => `${warning.field}:${warning.code}`);

  it('says nothing about well-shaped values', () => {
    expect(
      inspectCredentials({
        loginUrl: 'login.salesforce.com',
        consumerKey: key,
        consumerSecret: oldSecret,
      }),
    ).toEqual([]);
    expect(inspectCredentials({ consumerKey: key, consumerSecret: newSecret })).toEqual([]);
    expect(inspectCredentials({})).toEqual([]);
  });

  it('spots a key and secret pasted into each other’s boxes', () => {
    expect(inspectCredentials({ consumerKey: newSecret, consumerSecret: key })).toEqual([
      {
        code: 'key_and_secret_swapped',
        field: 'consumerKey',
        message: credentialsMessages.key_and_secret_swapped,
      },
    ]);
    expect(codes({ consumerKey: oldSecret, consumerSecret: key })).toEqual([
      'consumerKey:key_and_secret_swapped',
    ]);
  });

  it('spots the key pasted into the secret box', () => {
    expect(codes({ consumerKey: key, consumerSecret: key })).toEqual([
      'consumerSecret:key_equals_secret',
    ]);
    expect(codes({ consumerKey: key, consumerSecret: `${key.slice(0, 40)}x` })).toEqual([
      'consumerSecret:secret_looks_like_key',
    ]);
  });

  it('counts the characters of a truncated key', () => {
    const warnings = inspectCredentials({
      consumerKey: key.slice(0, 60),
      consumerSecret: oldSecret,
    });
    expect(warnings).toEqual([
      {
        code: 'key_looks_truncated',
        field: 'consumerKey',
        message: 'This key has 60 characters; keys usually have 85. Is part missing?',
      },
    ]);
  });

  it('flags unusual formats without blocking them', () => {
    expect(codes({ consumerKey: 'my_custom_key', consumerSecret: 'hunter2' })).toEqual([
      'consumerKey:key_unusual_format',
      'consumerSecret:secret_unusual_format',
    ]);
    expect(codes({ consumerSecret: newSecret.toLowerCase() })).toEqual([
      'consumerSecret:secret_unusual_format',
    ]);
  });

  it('tells the admin when line breaks or invisible characters were removed', () => {
    const warnings = inspectCredentials({
      consumerKey: `${key.slice(0, 40)}\n${key.slice(40)}`,
      consumerSecret: `${oldSecret}\u200B`,
    });
    expect(warnings.map((warning) => [warning.field, warning.code, warning.message])).toEqual([
      [
        'consumerKey',
        'value_has_whitespace',
        'We removed line breaks or invisible characters from the Consumer Key. Is it complete?',
      ],
      [
        'consumerSecret',
        'value_has_whitespace',
        'We removed line breaks or invisible characters from the Consumer Secret. Is it complete?',
      ],
    ]);
    expect(codes({ consumerKey: `  ${key}\n` })).toEqual([]);
  });

  it('spots a URL pasted into the key or secret', () => {
    expect(
      codes({
        consumerKey: 'https://acme.my.salesforce.com',
        consumerSecret: 'acme.my.salesforce.com',
      }),
    ).toEqual(['consumerKey:value_looks_like_url', 'consumerSecret:value_looks_like_url']);
    expect(inspectCredentials({ consumerKey: 'www.salesforce.com' })[0]?.message).toBe(
      'This is a web address, not the Consumer Key.',
    );
  });

  it('compares the login URL’s environment with the expected one', () => {
    const sandboxUrl = 'acme--uat.sandbox.lightning.force.com';
    const productionUrl = 'https://acme.my.salesforce.com';
    expect(codes({ loginUrl: sandboxUrl }, { expectSandbox: false })).toEqual([
      'loginUrl:sandbox_url_with_production_hint',
    ]);
    expect(codes({ loginUrl: 'test.salesforce.com' }, { expectSandbox: false })).toEqual([
      'loginUrl:sandbox_url_with_production_hint',
    ]);
    expect(codes({ loginUrl: productionUrl }, { expectSandbox: true })).toEqual([
      'loginUrl:production_url_with_sandbox_hint',
    ]);
    expect(codes({ loginUrl: sandboxUrl }, { expectSandbox: true })).toEqual([]);
    expect(codes({ loginUrl: productionUrl }, { expectSandbox: false })).toEqual([]);
    expect(codes({ loginUrl: productionUrl })).toEqual([]);
    // Developer orgs and custom hosts are neither: no hint either way.
    expect(
      codes({ loginUrl: 'acme-dev-ed.develop.my.salesforce.com' }, { expectSandbox: true }),
    ).toEqual([]);
    expect(
      codes(
        { loginUrl: 'http://127.0.0.1:4010' },
        { expectSandbox: true, loginUrl: { allowedHosts: ['127.0.0.1:4010'] } },
      ),
    ).toEqual([]);
    // An invalid URL is the schema's business, not a warning.
    expect(codes({ loginUrl: 'example.com' }, { expectSandbox: true })).toEqual([]);
  });

  it('lists warnings in form order with translated messages', () => {
    const warnings = inspectCredentials(
      { loginUrl: 'test.salesforce.com', consumerKey: 'custom', consumerSecret: key },
      { expectSandbox: false, messages: { secret_looks_like_key: 'Ceci est la clé.' } },
    );
    expect(warnings.map((warning) => warning.field)).toEqual([
      'loginUrl',
      'consumerKey',
      'consumerSecret',
    ]);
    expect(warnings[2]?.message).toBe('Ceci est la clé.');
  });

  it('has a message for every warning code', () => {
    const all: CredentialWarningCode[] = [
      'key_and_secret_swapped',
      'secret_looks_like_key',
      'key_equals_secret',
      'key_looks_truncated',
      'key_unusual_format',
      'secret_unusual_format',
      'value_has_whitespace',
      'value_looks_like_url',
      'sandbox_url_with_production_hint',
      'production_url_with_sandbox_hint',
    ];
    for (const code of all) expect(credentialsMessages[code]).toMatch(/\w/);
  });
});
