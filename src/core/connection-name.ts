import { ConnectError } from './errors.js';
import { fillMessage } from './fill-message.js';
import { CONNECTION_NAME_MAX_LENGTH, isConnectionId } from './types.js';

/**
 * Why `parseConnectionName` refuses a name, keyed by code; `{length}` and `{max}` in
 * `too_long`.
 *
 * @example
 * const de: Partial<ConnectionNameMessages> = { required: 'Geben Sie der Verbindung einen Namen.' };
 */
export interface ConnectionNameMessages {
  not_text: string;
  required: string;
  too_long: string;
  one_line: string;
}

/**
 * English messages of {@link parseConnectionName}.
 *
 * @example
 * parseConnectionName(value, { ...connectionNameMessages, required: 'Name it, please.' });
 */
export const connectionNameMessages: ConnectionNameMessages = {
  not_text: 'The connection name must be text.',
  required: 'Give the connection a name.',
  too_long: 'The connection name is {length} characters long; shorten it to {max} or fewer.',
  one_line:
    'The connection name has a line break or another invisible character; type it on one line.',
};

/**
 * Checks and trims a connection name: 1 to `CONNECTION_NAME_MAX_LENGTH` characters after
 * trimming, no control characters. The form, the memory adapter and the reference server call
 * the same function, so the admin sees the same sentence wherever the name is refused (pass
 * `messages` for another language).
 *
 * @example
 * const name = parseConnectionName('  Production  '); // 'Production'
 * parseConnectionName(''); // throws ConnectError invalid_input, field 'name'
 */
export function parseConnectionName(
  value: unknown,
  messages: Partial<ConnectionNameMessages> = {},
): string {
  const text = { ...connectionNameMessages, ...messages };
  const refuse = (message: string) => new ConnectError('invalid_input', message, { field: 'name' });
  if (typeof value !== 'string') throw refuse(text.not_text);
  const name = value.trim();
  if (name.length === 0) throw refuse(text.required);
  // Counted in code points, as a person counts what they typed.
  const length = [...name].length;
  if (length > CONNECTION_NAME_MAX_LENGTH) {
    throw refuse(fillMessage(text.too_long, { length, max: CONNECTION_NAME_MAX_LENGTH }));
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) throw refuse(text.one_line);
  return name;
}

/**
 * A connection id as given, or `invalid_input` when it is not one (see `isConnectionId`): what
 * the adapters answer before addressing a connection.
 *
 * @example
 * checkConnectionId('sandbox-uat'); // 'sandbox-uat'
 * checkConnectionId('Sandbox UAT'); // throws ConnectError invalid_input
 */
export function checkConnectionId(id: string): string {
  if (!isConnectionId(id)) {
    throw new ConnectError(
      'invalid_input',
      'The connection id must be 1 to 40 lowercase letters, digits, "-" or "_", starting with a letter or digit.',
    );
  }
  return id;
}
