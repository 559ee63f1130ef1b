/**
 * The last four characters of a Consumer Key, the only part of it the kit shows once saved.
 * Returns an empty string for values too short to hint at without revealing them.
 *
 * @example
 * keyHint('3MVG9abcdefghijkWXYZ') // 'WXYZ'
 */
export function keyHint(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > 8 ? trimmed.slice(-4) : '';
}

/**
 * A display form of a secret that proves something is saved without revealing it: a fixed run of
 * bullets, plus the last four characters when `showLast4` is set and the value is long enough.
 * The length of the secret is never revealed.
 *
 * @example
 * maskSecret('1234567890123456789') // '••••••••'
 * maskSecret('1234567890123456789', { showLast4: true }) // '•••• 6789'
 */
export function maskSecret(value: string, options: { showLast4?: boolean } = {}): string {
  const hint = options.showLast4 ? keyHint(value) : '';
  return hint ? `•••• ${hint}` : '••••••••';
}
