import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { ConnectError } from '../../src/core/errors.js';
import {
  type ConnectionFieldsValues,
  checkConnectionFields,
  defineConnectionFields,
  normalizeListValue,
  parseConnectionFields,
  type ReadableConnectionFields,
  secretFieldNames,
  splitSecretFields,
} from '../../src/core/fields.js';
import type { Connection } from '../../src/core/types.js';

const fields = defineConnectionFields({
  companies: {
    kind: 'list',
    label: 'Company names',
    description: 'One per row; * alone means all.',
    required: true,
    wildcard: '*',
    maxLength: 20,
    maxItems: 5,
  },
  region: {
    kind: 'select',
    label: 'Region',
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
    default: 'eu',
  },
  syncDeleted: { kind: 'checkbox', label: 'Sync deleted records' },
  accountId: {
    kind: 'text',
    label: 'Account id',
    maxLength: 10,
    schema: z.string().check(z.regex(/^\d+$/, 'The account id has only digits.')),
  },
  apiToken: { kind: 'text', label: 'API token', secret: true, required: true },
});

/** The one error parseConnectionFields throws for this input. */
function refusal(input: unknown, existingSecrets: string[] = ['apiToken']) {
  try {
    parseConnectionFields(fields, input, { existingSecrets });
  } catch (error) {
    if (ConnectError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('defineConnectionFields', () => {
  it('returns the definitions as given', () => {
    const defined = defineConnectionFields({ a: { kind: 'text', label: 'A' } });
    expect(defined).toEqual({ a: { kind: 'text', label: 'A' } });
  });

  it.each([
    ['a name with a space', { 'company names': { kind: 'text', label: 'x' } }, /not allowed/],
    ['a name starting with a digit', { '1st': { kind: 'text', label: 'x' } }, /not allowed/],
    ['a missing label', { a: { kind: 'text', label: ' ' } }, /needs a label/],
    ['a select without options', { a: { kind: 'select', label: 'A', options: [] } }, /option/],
    [
      'a default that is not an option',
      { a: { kind: 'select', label: 'A', options: [{ value: 'x', label: 'X' }], default: 'y' } },
      /not one of its options/,
    ],
    [
      'a secret with a default',
      { a: { kind: 'text', label: 'A', secret: true, default: 'x' } },
      /cannot have a default/,
    ],
    ['a zero maxLength', { a: { kind: 'text', label: 'A', maxLength: 0 } }, /maxLength/],
    ['an unknown kind', { a: { kind: 'date', label: 'A' } }, /unknown kind/],
  ])('refuses %s', (_, definitions, message) => {
    expect(() => defineConnectionFields(definitions as never)).toThrow(message);
  });
});

describe('value types', () => {
  it('types each kind, optional unless required, secret fields left out of the readable ones', () => {
    type Values = ConnectionFieldsValues<typeof fields>;
    expectTypeOf<Values>().toEqualTypeOf<{
      companies: string[];
      apiToken: string;
      region?: 'eu' | 'us';
      syncDeleted?: boolean;
      accountId?: string;
    }>();
    type Readable = ReadableConnectionFields<typeof fields>;
    expectTypeOf<Readable>().toEqualTypeOf<{
      companies: string[];
      region: 'eu' | 'us';
      syncDeleted: boolean;
      accountId: string;
    }>();
    expectTypeOf<Connection<Readable>['fields']>().toEqualTypeOf<Partial<Readable> | undefined>();
    const values = parseConnectionFields(fields, { companies: ['*'], apiToken: 'x' });
    expectTypeOf(values.region).toEqualTypeOf<'eu' | 'us' | undefined>();
  });
});

describe('parseConnectionFields', () => {
  it('normalizes every kind and applies defaults', () => {
    expect(
      parseConnectionFields(fields, {
        companies: ' Acme \n\nacme\nGlobex ',
        accountId: ' 42 ',
        apiToken: ' t0ken ',
      }),
    ).toEqual({
      companies: ['Acme', 'Globex'],
      region: 'eu',
      syncDeleted: false,
      accountId: '42',
      apiToken: 't0ken',
    });
  });

  it('refuses a field that is not defined, naming it', () => {
    const error = refusal({ companies: ['*'], color: 'red' });
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('fields.color');
    expect(error.message).toBe('This connection has no field named "color".');
  });

  it('refuses a missing required field', () => {
    const error = refusal({});
    expect(error.field).toBe('fields.companies');
    expect(error.message).toBe('Fill in Company names.');
  });

  it('refuses * mixed with names, in plain words', () => {
    const error = refusal({ companies: ['*', 'Acme'] });
    expect(error.field).toBe('fields.companies');
    expect(error.message).toBe('Use * alone to mean all, or list the names; not both.');
    expect(
      parseConnectionFields(fields, { companies: '*' }, { existingSecrets: ['apiToken'] }),
    ).toMatchObject({ companies: ['*'] });
  });

  it('refuses a value that is too long, saying by how much', () => {
    expect(refusal({ companies: ['A'], accountId: '12345678901' }).message).toBe(
      'Account id is 11 characters long; shorten it to 10 or fewer.',
    );
    expect(refusal({ companies: ['A'.repeat(21)] }).message).toBe(
      'A row of Company names is 21 characters long; shorten it to 20 or fewer.',
    );
    expect(refusal({ companies: ['a', 'b', 'c', 'd', 'e', 'f'] }).message).toBe(
      'Company names has 6 rows; keep it to 5 or fewer.',
    );
  });

  it('refuses a select value that is not an option, listing the options', () => {
    const error = refusal({ companies: ['A'], region: 'mars' });
    expect(error.field).toBe('fields.region');
    expect(error.message).toBe('Choose Region from the list: Europe, United States.');
  });

  it('shows the field schema message', () => {
    expect(refusal({ companies: ['A'], accountId: 'abc' }).message).toBe(
      'The account id has only digits.',
    );
  });

  it('refuses values of the wrong type', () => {
    expect(refusal({ companies: 3 }).message).toBe('Company names must be a list of rows.');
    expect(refusal({ companies: ['A'], syncDeleted: 'yes' }).message).toBe(
      'Sync deleted records must be on or off.',
    );
    expect(refusal({ companies: ['A'], accountId: ['1'] }).message).toBe(
      'Account id must be text.',
    );
    expect(refusal('companies').field).toBe('fields');
  });

  it('keeps a saved secret when its box is empty, and needs one when none is saved', () => {
    expect(
      parseConnectionFields(
        fields,
        { companies: ['A'], apiToken: '' },
        {
          existingSecrets: ['apiToken'],
        },
      ),
    ).not.toHaveProperty('apiToken');
    expect(refusal({ companies: ['A'], apiToken: '' }, []).message).toBe('Fill in API token.');
  });

  it('refuses a line break in a text value', () => {
    expect(refusal({ companies: ['A'], accountId: '1\n2' }).message).toMatch(/one line/);
  });

  it('collects one issue per field for forms', () => {
    const result = checkConnectionFields(fields, { region: 'mars', accountId: 'x', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field)).toEqual([
      'fields.extra',
      'fields.companies',
      'fields.region',
      'fields.accountId',
      'fields.apiToken',
    ]);
  });

  it('speaks the messages it is given', () => {
    const result = checkConnectionFields(fields, {}, { messages: { required: '{label} fehlt.' } });
    expect(result.ok || result.issues[0]?.message).toBe('Company names fehlt.');
  });
});

describe('secret fields', () => {
  it('are named and split off from the visible values', () => {
    expect(secretFieldNames(fields)).toEqual(['apiToken']);
    expect(splitSecretFields(fields, { companies: ['A'], apiToken: 's', region: 'eu' })).toEqual({
      visible: { companies: ['A'], region: 'eu' },
      secret: { apiToken: 's' },
    });
  });
});

const row = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '*', '\t', 'é', 'x'), maxLength: 8 });

describe('normalizeListValue (properties)', () => {
  it('gives trimmed, non-empty rows, unique case-insensitively', () => {
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const result = normalizeListValue(rows);
        for (const value of result) {
          expect(value).toBe(value.trim());
          expect(value).not.toBe('');
        }
        const keys = result.map((value) => value.toLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('keeps every distinct row, in first-seen order, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const result = normalizeListValue(rows);
        const expected: string[] = [];
        for (const value of rows.map((r) => r.trim()).filter(Boolean)) {
          if (!expected.some((e) => e.toLowerCase() === value.toLowerCase())) expected.push(value);
        }
        expect(result).toEqual(expected);
        expect(normalizeListValue(result)).toEqual(result);
      }),
    );
  });

  it('reads a multi-line text like its rows', () => {
    fc.assert(
      fc.property(fc.array(row), fc.constantFrom('\n', '\r\n', '\r'), (rows, separator) => {
        expect(normalizeListValue(rows.join(separator))).toEqual(normalizeListValue(rows));
      }),
    );
  });
});

describe('checkConnectionFields (properties)', () => {
  const listOnly = defineConnectionFields({
    names: { kind: 'list', label: 'Names', wildcard: '*', maxLength: 5, maxItems: 4 },
  });

  it('accepts a list exactly when its normalized rows keep every rule, and returns them', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const normalized = normalizeListValue(rows);
        const fine =
          normalized.length <= 4 &&
          normalized.every((value) => [...value].length <= 5 && !value.includes('\t')) &&
          !(normalized.length > 1 && normalized.includes('*'));
        const result = checkConnectionFields(listOnly, { names: rows });
        expect(result.ok).toBe(fine);
        if (result.ok) expect(result.values.names).toEqual(normalized);
        else expect(result.issues).toHaveLength(1);
      }),
    );
  });

  it('refuses every unknown name with its own issue, and nothing else', () => {
    const name = fc.stringMatching(/^[a-z]{1,8}$/).filter((value) => value !== 'names');
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 4 }), (unknown) => {
        const input = Object.fromEntries([['names', ['a']], ...unknown.map((n) => [n, 'x'])]);
        const result = checkConnectionFields(listOnly, input);
        if (unknown.length === 0) expect(result.ok).toBe(true);
        else expect(result.ok || result.issues.map((issue) => issue.name)).toEqual(unknown);
      }),
    );
  });

  it('never accepts a select value outside its options', () => {
    const select = defineConnectionFields({
      region: {
        kind: 'select',
        label: 'Region',
        options: [
          { value: 'eu', label: 'EU' },
          { value: 'us', label: 'US' },
        ],
      },
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (value) => {
        const result = checkConnectionFields(select, { region: value });
        expect(result.ok).toBe(value === '' || value === 'eu' || value === 'us');
      }),
    );
  });
});
