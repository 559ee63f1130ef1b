/**
 * Fills `{name}` placeholders in a message template; unknown placeholders stay as they are.
 *
 * @example
 * fillMessage('Remove ":{port}".', { port: 8443 }) // 'Remove ":8443".'
 */
export function fillMessage(
  template: string,
  values: Record<string, string | number | undefined>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}
