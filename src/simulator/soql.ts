/**
 * The sliver of SOQL the simulator answers, parsed and run over in-memory records:
 * `SELECT f1, f2 FROM Object [WHERE a = 'x' AND b != 2 AND c LIKE 'A%'] [ORDER BY f [ASC|DESC], …]
 * [LIMIT n]`. Anything else is refused with the error codes Salesforce uses for it.
 */

/** A value a condition compares with. */
export type SoqlValue = string | number | boolean | null;

export interface SoqlCondition {
  field: string;
  operator: '=' | '!=' | 'LIKE';
  value: SoqlValue;
}

export interface SoqlQuery {
  fields: string[];
  object: string;
  where: SoqlCondition[];
  orderBy: Array<{ field: string; descending: boolean }>;
  limit: number | undefined;
}

/** A query Salesforce would refuse as `MALFORMED_QUERY`, with the reason. */
export class SoqlSyntaxError extends Error {
  override readonly name = 'SoqlSyntaxError';
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'symbol'; text: string };

const tokenPattern =
  /\s*(?:(?<string>'(?:[^'\\]|\\.)*')|(?<number>-?\d+(?:\.\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_.]*)|(?<symbol>!=|<>|[=,()]))/y;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let index = 0;
  while (index < soql.length) {
    if (/^\s*$/.test(soql.slice(index))) break;
    tokenPattern.lastIndex = index;
    const match = tokenPattern.exec(soql);
    const groups = match?.groups;
    if (!match || !groups) {
      const rest = soql.slice(index).trim();
      throw new SoqlSyntaxError(`unexpected token: '${rest.split(/\s+/)[0] ?? rest}'`);
    }
    index = tokenPattern.lastIndex;
    if (groups.string !== undefined) {
      const inner = groups.string.slice(1, -1).replace(/\\(.)/g, '$1');
      tokens.push({ kind: 'string', text: inner });
    } else if (groups.number !== undefined) tokens.push({ kind: 'number', text: groups.number });
    else if (groups.word !== undefined) tokens.push({ kind: 'word', text: groups.word });
    else if (groups.symbol !== undefined) tokens.push({ kind: 'symbol', text: groups.symbol });
  }
  return tokens;
}

/** Parses one query of the supported subset; throws {@link SoqlSyntaxError} for anything else. */
export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let position = 0;
  const peek = () => tokens[position];
  const describe = (token: Token | undefined) =>
    token ? `unexpected token: '${token.text}'` : 'unexpected end of query';
  const isKeyword = (token: Token | undefined, word: string) =>
    token?.kind === 'word' && token.text.toUpperCase() === word;
  const expectKeyword = (word: string) => {
    const token = tokens[position];
    if (!isKeyword(token, word)) throw new SoqlSyntaxError(describe(token));
    position += 1;
  };
  const identifier = () => {
    const token = tokens[position];
    if (token?.kind !== 'word' || SOQL_KEYWORDS.has(token.text.toUpperCase())) {
      throw new SoqlSyntaxError(describe(token));
    }
    position += 1;
    return token.text;
  };

  expectKeyword('SELECT');
  const fields = [identifier()];
  while (peek()?.text === ',') {
    position += 1;
    fields.push(identifier());
  }
  expectKeyword('FROM');
  const object = identifier();

  const where: SoqlCondition[] = [];
  if (isKeyword(peek(), 'WHERE')) {
    position += 1;
    for (;;) {
      const field = identifier();
      const operatorToken = tokens[position];
      let operator: SoqlCondition['operator'];
      if (operatorToken?.text === '=') operator = '=';
      else if (operatorToken?.text === '!=' || operatorToken?.text === '<>') operator = '!=';
      else if (isKeyword(operatorToken, 'LIKE')) operator = 'LIKE';
      else throw new SoqlSyntaxError(describe(operatorToken));
      position += 1;
      const valueToken = tokens[position];
      let value: SoqlValue;
      if (valueToken?.kind === 'string') value = valueToken.text;
      else if (valueToken?.kind === 'number') value = Number(valueToken.text);
      else if (isKeyword(valueToken, 'TRUE')) value = true;
      else if (isKeyword(valueToken, 'FALSE')) value = false;
      else if (isKeyword(valueToken, 'NULL')) value = null;
      else throw new SoqlSyntaxError(describe(valueToken));
      if (operator === 'LIKE' && typeof value !== 'string') {
        throw new SoqlSyntaxError('LIKE takes a quoted string');
      }
      position += 1;
      where.push({ field, operator, value });
      if (!isKeyword(peek(), 'AND')) break;
      position += 1;
    }
  }

  const orderBy: SoqlQuery['orderBy'] = [];
  if (isKeyword(peek(), 'ORDER')) {
    position += 1;
    expectKeyword('BY');
    for (;;) {
      const field = identifier();
      let descending = false;
      if (isKeyword(peek(), 'ASC')) position += 1;
      else if (isKeyword(peek(), 'DESC')) {
        descending = true;
        position += 1;
      }
      orderBy.push({ field, descending });
      if (peek()?.text !== ',') break;
      position += 1;
    }
  }

  let limit: number | undefined;
  if (isKeyword(peek(), 'LIMIT')) {
    position += 1;
    const token = tokens[position];
    if (token?.kind !== 'number' || !/^\d+$/.test(token.text)) {
      throw new SoqlSyntaxError(describe(token));
    }
    limit = Number(token.text);
    position += 1;
  }
  if (position < tokens.length) throw new SoqlSyntaxError(describe(tokens[position]));
  return { fields, object, where, orderBy, limit };
}

/** The words of the SOQL subset the simulator reads; none may name a field or object. */
export const SOQL_KEYWORDS: ReadonlySet<string> = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'ORDER',
  'BY',
  'LIMIT',
  'ASC',
  'DESC',
  'NULL',
  'TRUE',
  'FALSE',
]);

/** SOQL `LIKE`: `%` any run, `_` one character, case-insensitive. */
function likePattern(pattern: string): RegExp {
  const body = [...pattern]
    .map((char) =>
      char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

/** Text comparisons in SOQL ignore case. */
function equal(left: unknown, right: SoqlValue): boolean {
  if (right === null) return left === null || left === undefined;
  if (typeof left === 'string' && typeof right === 'string') {
    return left.toLowerCase() === right.toLowerCase();
  }
  return left === right;
}

export function matches(record: Record<string, unknown>, condition: SoqlCondition): boolean {
  const actual = record[condition.field];
  switch (condition.operator) {
    case '=':
      return equal(actual, condition.value);
    case '!=':
      return !equal(actual, condition.value);
    case 'LIKE':
      return typeof actual === 'string' && likePattern(String(condition.value)).test(actual);
  }
}

/** Salesforce's default order: nulls first when ascending, text without regard to case. */
export function compareForOrder(left: unknown, right: unknown): number {
  const empty = (value: unknown) => value === null || value === undefined;
  if (empty(left) || empty(right)) return empty(left) === empty(right) ? 0 : empty(left) ? -1 : 1;
  if (typeof left === 'string' && typeof right === 'string') {
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;
}
