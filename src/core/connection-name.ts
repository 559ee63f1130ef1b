import { ConnectError } from './errors.js';
import { CONNECTION_NAME_MAX_LENGTH } from './types.js';

/**
 * Checks and trims a connection name: 1 to `CONNECTION_NAME_MAX_LENGTH` characters after
 * trimming, no control characters. The form, the memory adapter and the reference server call
 * the same function, so the admin sees the same sentence wherever the name is refused.
 *
 * @example
 * const name = parseConnectionName('  Production  '); // 'Production'
 * parseConnectionName(''); // throws ConnectError invalid_input, field 'name'
 */
export function parseConnectionName(value: unknown): string {
  if (typeof value !== 'string') {
    throw new ConnectError('invalid_input', 'The connection name must be text.', { field: 'name' });
  }
  const name = value.trim();
  if (name.length === 0) {
    throw new ConnectError('invalid_input', 'Give the connection a name.', { field: 'name' });
  }
  // Counted in code points, as a person counts what they typed.
  const length = [...name].length;
  if (length > CONNECTION_NAME_MAX_LENGTH) {
    throw new ConnectError(
      'invalid_input',
      `The connection name is ${length} characters long; shorten it to ${CONNECTION_NAME_MAX_LENGTH} or fewer.`,
      { field: 'name' },
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new ConnectError(
      'invalid_input',
      'The connection name has a line break or another invisible character; type it on one line.',
      { field: 'name' },
    );
  }
  return name;
}
