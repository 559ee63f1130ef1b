import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matches,
  parseSoql,
  SOQL_KEYWORDS,
  type SoqlQuery,
  SoqlSyntaxError,
} from '../../src/simulator/soql.js';

const identifier = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/)
  .filter((name) => !SOQL_KEYWORDS.has(name.toUpperCase()));
const text = fc.string({ maxLength: 12 }).filter((value) => !value.includes('\\'));
const value = fc.oneof(
  text,
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
);

const condition = fc.oneof(
  fc.record({ field: identifier, operator: fc.constantFrom('=' as const, '!=' as const), value }),
  fc.record({ field: identifier, operator: fc.constant('LIKE' as const), value: text }),
);

const query: fc.Arbitrary<SoqlQuery> = fc.record({
  fields: fc.array(identifier, { minLength: 1, maxLength: 4 }),
  object: identifier,
  where: fc.array(condition, { maxLength: 3 }),
  orderBy: fc.array(fc.record({ field: identifier, descending: fc.boolean() }), { maxLength: 2 }),
  limit: fc.option(fc.nat({ max: 2000 }), { nil: undefined }),
});

/** The query as a developer would write it (quotes escaped with a backslash, as in SOQL). */
function write(q: SoqlQuery): string {
  const literal = (v: unknown) =>
    typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : v === null ? 'null' : String(v);
  let soql = `SELECT ${q.fields.join(', ')} FROM ${q.object}`;
  if (q.where.length > 0) {
    soql += ` WHERE ${q.where.map((c) => `${c.field} ${c.operator} ${literal(c.value)}`).join(' AND ')}`;
  }
  if (q.orderBy.length > 0) {
    soql += ` ORDER BY ${q.orderBy.map((o) => `${o.field}${o.descending ? ' DESC' : ''}`).join(', ')}`;
  }
  if (q.limit !== undefined) soql += ` LIMIT ${q.limit}`;
  return soql;
}

describe('parseSoql', () => {
  it('reads back every query of the subset it writes', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(parseSoql(write(q))).toEqual(q);
      }),
    );
  });

  it('refuses anything else with a syntax error, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (soql) => {
        try {
          parseSoql(soql);
        } catch (error) {
          expect(error).toBeInstanceOf(SoqlSyntaxError);
        }
      }),
    );
  });

  it('names the token it did not expect', () => {
    expect(() => parseSoql('SELECT Id FORM Account')).toThrow("unexpected token: 'FORM'");
    expect(() => parseSoql('SELECT Id FROM')).toThrow('unexpected end of query');
  });
});

describe('LIKE', () => {
  it('matches the value itself, whatever its case, when it holds no wildcard', () => {
    fc.assert(
      fc.property(
        text.filter((v) => !/[%_]/.test(v)),
        (v) => {
          const record = { Name: v.toUpperCase() };
          expect(matches(record, { field: 'Name', operator: 'LIKE', value: v.toLowerCase() })).toBe(
            v.toUpperCase().toLowerCase() === v.toLowerCase(),
          );
        },
      ),
    );
  });

  it('matches any value that starts with the prefix before %', () => {
    fc.assert(
      fc.property(
        text.filter((v) => !/[%_]/.test(v)),
        text,
        (prefix, rest) => {
          expect(
            matches(
              { Name: prefix + rest },
              { field: 'Name', operator: 'LIKE', value: `${prefix}%` },
            ),
          ).toBe(true);
        },
      ),
    );
  });
});
