import * as z from 'zod/mini';
import { ConnectError } from './errors.js';
import { fillMessage } from './fill-message.js';

/**
 * What every kind of connection field has: the words the admin reads and whether a value is
 * needed.
 */
interface ConnectionFieldBase {
  /** The field's label in the form and in the setup guide's last step. */
  label: string;
  /** Help text under the label (also in the guide). */
  description?: string;
  /** The admin must give a value (for a checkbox: must tick it). Default false. */
  required?: boolean;
}

/**
 * A one-line text field.
 *
 * @example
 * const region: TextFieldDefinition = { kind: 'text', label: 'Region', maxLength: 20 };
 */
export interface TextFieldDefinition extends ConnectionFieldBase {
  kind: 'text';
  default?: string;
  /** The longest value accepted, in characters after trimming; default 200. */
  maxLength?: number;
  /**
   * Write-only, like the Consumer Secret: stored encrypted, never returned or prefilled; an empty
   * box keeps the saved value.
   */
  secret?: boolean;
  /** Extra validation of the trimmed value (a `zod/mini` schema); its message is shown. */
  schema?: z.core.$ZodType<unknown, string>;
  placeholder?: string;
}

/**
 * A multi-line field with one value per row, read as a list: rows are trimmed, empty rows
 * dropped and repeats (compared case-insensitively) kept once.
 *
 * @example
 * const companies: ListFieldDefinition = { kind: 'list', label: 'Company names', wildcard: '*' };
 */
export interface ListFieldDefinition extends ConnectionFieldBase {
  kind: 'list';
  default?: readonly string[];
  /** The longest row accepted, in characters; default 200. */
  maxLength?: number;
  /** The most rows accepted; default 100. */
  maxItems?: number;
  /**
   * A row that means "all" (such as `*`): it must stand alone; mixed with other rows the value
   * is refused, so what the admin meant is never guessed.
   */
  wildcard?: string;
  /** Extra validation of the normalized rows (a `zod/mini` schema); its message is shown. */
  schema?: z.core.$ZodType<unknown, string[]>;
  placeholder?: string;
}

/**
 * One option of a select field.
 *
 * @example
 * const option: SelectFieldOption = { value: 'eu', label: 'Europe' };
 */
export interface SelectFieldOption<TValue extends string = string> {
  value: TValue;
  label: string;
}

/**
 * A choice among fixed options; the value is the chosen option's `value`.
 *
 * @example
 * const region: SelectFieldDefinition = {
 *   kind: 'select',
 *   label: 'Region',
 *   options: [{ value: 'eu', label: 'Europe' }, { value: 'us', label: 'United States' }],
 * };
 */
export interface SelectFieldDefinition<TValue extends string = string> extends ConnectionFieldBase {
  kind: 'select';
  options: readonly SelectFieldOption<TValue>[];
  default?: TValue;
  /** Extra validation of the chosen value (a `zod/mini` schema); its message is shown. */
  schema?: z.core.$ZodType<unknown, string>;
}

/**
 * An on/off choice; `required` means it must be ticked.
 *
 * @example
 * const sync: CheckboxFieldDefinition = { kind: 'checkbox', label: 'Sync deleted records', default: false };
 */
export interface CheckboxFieldDefinition extends ConnectionFieldBase {
  kind: 'checkbox';
  default?: boolean;
}

/**
 * One integrator field of a connection.
 *
 * @example
 * const field: ConnectionFieldDefinition = { kind: 'text', label: 'Account id', required: true };
 */
export type ConnectionFieldDefinition =
  | TextFieldDefinition
  | ListFieldDefinition
  | SelectFieldDefinition
  | CheckboxFieldDefinition;

/**
 * The integrator's fields, by field name (see {@link defineConnectionFields}).
 *
 * @example
 * const fields: ConnectionFieldDefinitions = { region: { kind: 'text', label: 'Region' } };
 */
export type ConnectionFieldDefinitions = Readonly<Record<string, ConnectionFieldDefinition>>;

/**
 * The value type of one field definition: `string` for text, the union of option values for a
 * select, `string[]` for a list, `boolean` for a checkbox.
 *
 * @example
 * type Region = ConnectionFieldValueOf<{ kind: 'select'; label: 'Region'; options: readonly [{ value: 'eu'; label: 'EU' }] }>; // 'eu'
 */
export type ConnectionFieldValueOf<TDefinition> = TDefinition extends { kind: 'text' }
  ? string
  : TDefinition extends { kind: 'list' }
    ? string[]
    : TDefinition extends { kind: 'checkbox' }
      ? boolean
      : TDefinition extends { kind: 'select'; options: readonly (infer TOption)[] }
        ? TOption extends { value: infer TValue extends string }
          ? TValue
          : string
        : never;

type RequiredNames<TDefinitions> = {
  [K in keyof TDefinitions]: TDefinitions[K] extends { required: true } ? K : never;
}[keyof TDefinitions];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The values of a set of field definitions, as the admin gives them and the backend validates
 * them: required fields are present, the others optional. Secret fields are included (they are
 * written); {@link ReadableConnectionFields} leaves them out.
 *
 * @example
 * const fields = defineConnectionFields({ companies: { kind: 'list', label: 'Company names', required: true } });
 * const values: ConnectionFieldsValues<typeof fields> = { companies: ['*'] };
 */
export type ConnectionFieldsValues<TDefinitions> = Simplify<
  {
    -readonly [K in keyof TDefinitions as K extends RequiredNames<TDefinitions>
      ? K
      : never]: ConnectionFieldValueOf<TDefinitions[K]>;
  } & {
    -readonly [K in keyof TDefinitions as K extends RequiredNames<TDefinitions>
      ? never
      : K]?: ConnectionFieldValueOf<TDefinitions[K]>;
  }
>;

type SecretNames<TDefinitions> = {
  [K in keyof TDefinitions]: TDefinitions[K] extends { secret: true } ? K : never;
}[keyof TDefinitions];

/**
 * The fields a backend returns (`Connection.fields`): every non-secret field, each optional
 * (secret fields are write-only, and a value may not be saved yet).
 *
 * @example
 * const connection: Connection<ReadableConnectionFields<typeof fields>> = await adapter.getConnection();
 * connection.fields?.companies; // string[] | undefined
 */
export type ReadableConnectionFields<TDefinitions> = Simplify<{
  -readonly [K in keyof TDefinitions as K extends SecretNames<TDefinitions>
    ? never
    : K]: ConnectionFieldValueOf<TDefinitions[K]>;
}>;

/** Field names: a letter, then letters, digits and `_`; 40 characters at most. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const DEFAULT_MAX_LENGTH = 200;
const DEFAULT_MAX_ITEMS = 100;

/**
 * Whether a field name is allowed: it travels as a JSON key, a form field name and in error
 * `field` values (`fields.<name>`), so it is kept to a safe identifier.
 *
 * @example
 * isConnectionFieldName('companyNames'); // true
 * isConnectionFieldName('company names'); // false
 */
export function isConnectionFieldName(value: unknown): value is string {
  return typeof value === 'string' && FIELD_NAME.test(value);
}

/**
 * Declares the integrator's connection fields once; pass the result to `SalesforceConnect`,
 * `useCredentialsForm`, `createConnectHandler` and `createMemoryAdapter`, so the form and the
 * backend check the same rules and the value types flow to `onSuccess` and `useConnection`.
 * Throws a `TypeError` for a definition that cannot work (a bad name, a select without options,
 * a default that is not an option, a secret default).
 *
 * @example
 * export const fields = defineConnectionFields({
 *   companies: {
 *     kind: 'list',
 *     label: 'Company names',
 *     description: 'One per row; * alone collects data for all companies.',
 *     required: true,
 *     wildcard: '*',
 *     default: ['*'],
 *   },
 *   region: { kind: 'select', label: 'Region', options: [{ value: 'eu', label: 'Europe' }] },
 * });
 */
export function defineConnectionFields<const TDefinitions extends ConnectionFieldDefinitions>(
  definitions: TDefinitions,
): TDefinitions {
  if (!definitions || typeof definitions !== 'object') {
    throw new TypeError('defineConnectionFields needs an object of field definitions by name.');
  }
  for (const [name, definition] of Object.entries(definitions)) {
    if (!isConnectionFieldName(name)) {
      throw new TypeError(
        `Field name "${name}" is not allowed: start with a letter, then use letters, digits and _ (40 characters at most).`,
      );
    }
    if (!definition || typeof definition.label !== 'string' || definition.label.trim() === '') {
      throw new TypeError(`Field "${name}" needs a label.`);
    }
    switch (definition.kind) {
      case 'text':
        if (definition.secret && definition.default !== undefined) {
          throw new TypeError(`Field "${name}" is secret: it cannot have a default.`);
        }
        checkLimit(name, 'maxLength', definition.maxLength);
        break;
      case 'list':
        checkLimit(name, 'maxLength', definition.maxLength);
        checkLimit(name, 'maxItems', definition.maxItems);
        break;
      case 'select': {
        if (!Array.isArray(definition.options) || definition.options.length === 0) {
          throw new TypeError(`Field "${name}" is a select: give it at least one option.`);
        }
        const values = definition.options.map((option) => option.value);
        if (new Set(values).size !== values.length) {
          throw new TypeError(`Field "${name}" lists an option value twice.`);
        }
        if (definition.default !== undefined && !values.includes(definition.default)) {
          throw new TypeError(
            `Field "${name}": the default "${definition.default}" is not one of its options.`,
          );
        }
        break;
      }
      case 'checkbox':
        break;
      default:
        throw new TypeError(
          `Field "${name}" has an unknown kind; use text, list, select or checkbox.`,
        );
    }
  }
  return definitions;
}

function checkLimit(name: string, option: string, value: number | undefined) {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new TypeError(`Field "${name}": ${option} must be a whole number of 1 or more.`);
  }
}

/**
 * Why a field's value is refused, keyed by code. Placeholders: `{label}`, `{name}`, `{length}`,
 * `{max}`, `{count}`, `{options}`, `{wildcard}`.
 *
 * @example
 * const de: Partial<ConnectionFieldMessages> = { required: 'Füllen Sie „{label}“ aus.' };
 */
export interface ConnectionFieldMessages {
  unknown_field: string;
  not_an_object: string;
  required: string;
  required_checkbox: string;
  not_text: string;
  not_list: string;
  not_checkbox: string;
  too_long: string;
  one_line: string;
  row_too_long: string;
  too_many_rows: string;
  not_an_option: string;
  wildcard_mixed: string;
  invalid: string;
}

/**
 * English messages of {@link parseConnectionFields} (the server's and the form's defaults).
 *
 * @example
 * checkConnectionFields(fields, input, { messages: { ...connectionFieldMessages, required: 'Please fill in {label}.' } });
 */
export const connectionFieldMessages: ConnectionFieldMessages = {
  unknown_field: 'This connection has no field named "{name}".',
  not_an_object: 'Send the fields as an object of values by field name.',
  required: 'Fill in {label}.',
  required_checkbox: 'Tick {label} to continue.',
  not_text: '{label} must be text.',
  not_list: '{label} must be a list of rows.',
  not_checkbox: '{label} must be on or off.',
  too_long: '{label} is {length} characters long; shorten it to {max} or fewer.',
  one_line: '{label} has a line break or another invisible character; type it on one line.',
  row_too_long: 'A row of {label} is {length} characters long; shorten it to {max} or fewer.',
  too_many_rows: '{label} has {count} rows; keep it to {max} or fewer.',
  not_an_option: 'Choose {label} from the list: {options}.',
  wildcard_mixed: 'Use {wildcard} alone to mean all, or list the names; not both.',
  invalid: 'Check {label}.',
};

/**
 * A refused field value: `field` is `fields.<name>`, as in `ConnectError.field`.
 *
 * @example
 * { field: 'fields.companies', name: 'companies', message: 'Fill in Company names.' }
 */
export interface ConnectionFieldIssue {
  field: string;
  /** The field's name (for an unknown field, the name that was sent). */
  name: string;
  message: string;
}

/**
 * Options of {@link parseConnectionFields} and {@link checkConnectionFields}.
 *
 * @example
 * parseConnectionFields(fields, body.fields, { existingSecrets: record.savedSecretFields });
 */
export interface ParseConnectionFieldsOptions {
  /**
   * Names of the secret fields that already have a saved value: for them an empty value is
   * valid and means "keep the saved one" (the field is then left out of the result).
   */
  existingSecrets?: Iterable<string> | undefined;
  /** Replacement messages, e.g. translations (see {@link connectionFieldMessages}). */
  messages?: Partial<ConnectionFieldMessages> | undefined;
}

/**
 * The outcome of {@link checkConnectionFields}: the normalized values, or every issue (one per
 * field).
 *
 * @example
 * const result: ConnectionFieldsCheck<typeof fields> = checkConnectionFields(fields, input);
 */
export type ConnectionFieldsCheck<TDefinitions> =
  | { ok: true; values: ConnectionFieldsValues<TDefinitions> }
  | { ok: false; issues: ConnectionFieldIssue[] };

/**
 * Reads the rows of a list field: each row trimmed (and cut at line breaks when a single text
 * arrives), empty rows dropped, repeats compared case-insensitively kept once (the first
 * spelling wins), order kept.
 *
 * @example
 * normalizeListValue(' Acme \n\nacme\nGlobex'); // ['Acme', 'Globex']
 */
export function normalizeListValue(value: string | readonly string[]): string[] {
  const rows = typeof value === 'string' ? value.split(/\r\n|[\n\r\u2028\u2029]/) : value;
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of rows) {
    const row = raw.trim();
    if (!row) continue;
    const key = row.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(row);
  }
  return result;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const codePoints = (value: string) => [...value].length;

/** The first message of a schema's refusal, or undefined when it accepts the value. */
function schemaProblem(schema: z.core.$ZodType | undefined, value: unknown): string | undefined {
  if (!schema) return undefined;
  const result = z.safeParse(schema, value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? '');
}

/**
 * Checks and normalizes the integrator's field values against their definitions, collecting
 * every problem (one per field): for forms, which show each beside its input. Rules: a name
 * that is not defined is refused; text is trimmed, one line, at most `maxLength` characters;
 * a list is normalized (`normalizeListValue`; a multi-line text is accepted too), each row at
 * most `maxLength`, at most `maxItems` rows, a `wildcard` row alone; a select's value must be
 * one of its options; a checkbox is a boolean; a missing value takes the field's `default`;
 * `required` fields need a value (a checkbox: ticked); the field's own `schema` runs last.
 * An empty secret field with a saved value (`existingSecrets`) is valid and left out.
 *
 * @example
 * const result = checkConnectionFields(fields, { companies: '*\nAcme' });
 * if (!result.ok) result.issues; // [{ field: 'fields.companies', message: 'Use * alone…' }]
 */
export function checkConnectionFields<TDefinitions extends ConnectionFieldDefinitions>(
  definitions: TDefinitions,
  input: unknown,
  options: ParseConnectionFieldsOptions = {},
): ConnectionFieldsCheck<TDefinitions> {
  const messages = { ...connectionFieldMessages, ...options.messages };
  const saved = new Set(options.existingSecrets ?? []);
  const issues: ConnectionFieldIssue[] = [];
  const values: Record<string, string | string[] | boolean> = {};
  const refuse = (name: string, template: string, filling: Record<string, string | number> = {}) =>
    issues.push({ field: `fields.${name}`, name, message: fillMessage(template, filling) });

  let given: Record<string, unknown> = {};
  if (input !== undefined && input !== null) {
    if (typeof input !== 'object' || Array.isArray(input)) {
      return {
        ok: false,
        issues: [{ field: 'fields', name: '', message: messages.not_an_object }],
      };
    }
    given = input as Record<string, unknown>;
  }

  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(definitions, name)) {
      refuse(name, messages.unknown_field, { name: name.slice(0, 60) });
    }
  }

  for (const [name, definition] of Object.entries(definitions)) {
    const label = definition.label;
    const raw = Object.hasOwn(given, name) ? given[name] : undefined;
    const absent = raw === undefined || raw === null;
    switch (definition.kind) {
      case 'text': {
        if (!absent && typeof raw !== 'string') {
          refuse(name, messages.not_text, { label });
          break;
        }
        const text = absent ? (definition.default ?? '') : raw.trim();
        if (!text) {
          if (definition.secret && saved.has(name)) break;
          if (definition.required) refuse(name, messages.required, { label });
          break;
        }
        const max = definition.maxLength ?? DEFAULT_MAX_LENGTH;
        const length = codePoints(text);
        if (length > max) {
          refuse(name, messages.too_long, { label, length, max });
          break;
        }
        if (CONTROL.test(text)) {
          refuse(name, messages.one_line, { label });
          break;
        }
        const problem = schemaProblem(definition.schema, text);
        if (problem !== undefined) {
          refuse(name, problem || messages.invalid, { label });
          break;
        }
        values[name] = text;
        break;
      }
      case 'list': {
        const isRows = Array.isArray(raw) && raw.every((row) => typeof row === 'string');
        if (!absent && typeof raw !== 'string' && !isRows) {
          refuse(name, messages.not_list, { label });
          break;
        }
        const rows = absent
          ? normalizeListValue(definition.default ?? [])
          : normalizeListValue(raw as string | string[]);
        if (rows.length === 0) {
          if (definition.required) refuse(name, messages.required, { label });
          else if (!absent) values[name] = [];
          break;
        }
        const maxItems = definition.maxItems ?? DEFAULT_MAX_ITEMS;
        if (rows.length > maxItems) {
          refuse(name, messages.too_many_rows, { label, count: rows.length, max: maxItems });
          break;
        }
        const max = definition.maxLength ?? DEFAULT_MAX_LENGTH;
        const long = rows.find((row) => codePoints(row) > max);
        if (long !== undefined) {
          refuse(name, messages.row_too_long, { label, length: codePoints(long), max });
          break;
        }
        if (rows.some((row) => CONTROL.test(row))) {
          refuse(name, messages.one_line, { label });
          break;
        }
        const wildcard = definition.wildcard;
        if (wildcard !== undefined && rows.length > 1 && rows.includes(wildcard)) {
          refuse(name, messages.wildcard_mixed, { label, wildcard });
          break;
        }
        const problem = schemaProblem(definition.schema, rows);
        if (problem !== undefined) {
          refuse(name, problem || messages.invalid, { label });
          break;
        }
        values[name] = rows;
        break;
      }
      case 'select': {
        if (!absent && typeof raw !== 'string') {
          refuse(name, messages.not_text, { label });
          break;
        }
        const value = absent ? (definition.default ?? '') : raw;
        if (!value) {
          if (definition.required) refuse(name, messages.required, { label });
          break;
        }
        if (!definition.options.some((option) => option.value === value)) {
          refuse(name, messages.not_an_option, {
            label,
            options: definition.options.map((option) => option.label).join(', '),
          });
          break;
        }
        const problem = schemaProblem(definition.schema, value);
        if (problem !== undefined) {
          refuse(name, problem || messages.invalid, { label });
          break;
        }
        values[name] = value;
        break;
      }
      case 'checkbox': {
        if (!absent && typeof raw !== 'boolean') {
          refuse(name, messages.not_checkbox, { label });
          break;
        }
        const checked = absent ? (definition.default ?? false) : raw;
        if (definition.required && !checked) {
          refuse(name, messages.required_checkbox, { label });
          break;
        }
        values[name] = checked;
        break;
      }
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, values: values as ConnectionFieldsValues<TDefinitions> };
}

/**
 * Checks and normalizes the integrator's field values (see {@link checkConnectionFields} for
 * the rules) and returns them, or throws `ConnectError('invalid_input')` about the first
 * refused field, with `field: 'fields.<name>'` so a form shows it beside that input. The
 * reference server and the memory adapter call it with the same definitions as the form.
 *
 * @example
 * const values = parseConnectionFields(fields, body.fields, { existingSecrets: ['apiToken'] });
 */
export function parseConnectionFields<TDefinitions extends ConnectionFieldDefinitions>(
  definitions: TDefinitions,
  input: unknown,
  options: ParseConnectionFieldsOptions = {},
): ConnectionFieldsValues<TDefinitions> {
  const result = checkConnectionFields(definitions, input, options);
  if (result.ok) return result.values;
  const [first] = result.issues;
  throw new ConnectError('invalid_input', first?.message ?? 'Check the fields.', {
    field: first?.field ?? 'fields',
  });
}

/**
 * Splits normalized values into what may be shown (`visible`) and the write-only secret ones
 * (`secret`), by the definitions.
 *
 * @example
 * const { visible, secret } = splitSecretFields(fields, values);
 */
export function splitSecretFields(
  definitions: ConnectionFieldDefinitions,
  values: Readonly<Record<string, string | string[] | boolean | undefined>>,
): {
  visible: Record<string, string | string[] | boolean>;
  secret: Record<string, string>;
} {
  const visible: Record<string, string | string[] | boolean> = {};
  const secret: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const definition = definitions[name];
    if (value === undefined) continue;
    if (definition?.kind === 'text' && definition.secret) {
      if (typeof value === 'string') secret[name] = value;
    } else {
      visible[name] = value;
    }
  }
  return { visible, secret };
}

/**
 * The names of the secret fields among the definitions.
 *
 * @example
 * secretFieldNames(fields); // ['apiToken']
 */
export function secretFieldNames(definitions: ConnectionFieldDefinitions): string[] {
  return Object.entries(definitions)
    .filter(([, definition]) => definition.kind === 'text' && definition.secret === true)
    .map(([name]) => name);
}

/**
 * Asks the admin to name the connection (a "Connection name" box in the form, listed in the
 * guide's last step): useful when a customer holds several connections. The name is checked with
 * `parseConnectionName` by the form and the backend alike.
 *
 * @example
 * <SalesforceConnect adapter={adapter} connectionName={{ required: true }} />
 */
export interface ConnectionNameField {
  /** Default "Connection name". */
  label?: string;
  /** Help text; default "A name to help you tell this connection apart from your others." */
  description?: string;
  /** The form refuses an empty name. Default false (an empty box keeps the saved name). */
  required?: boolean;
}
