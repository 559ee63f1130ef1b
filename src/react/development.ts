/**
 * True in a development build. Bundlers replace `process.env.NODE_ENV` with a literal; where
 * nothing replaced it and there is no `process` (a browser ESM page), this is a production page.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

/**
 * Returns `value`, or throws an error that names the component, the prop and how to give it,
 * instead of the bare TypeError a missing prop would cause deeper down ("Cannot destructure
 * property 'phase' of undefined").
 *
 * @example
 * const flow = requireProp(props.connect, 'ConnectButton', 'connect', 'Pass the object useSalesforceConnect() returns.');
 */
export function requireProp<T>(
  value: T | null | undefined,
  owner: string,
  prop: string,
  how: string,
): T {
  if (value === undefined || value === null) {
    throw new TypeError(
      `${owner} needs its \`${prop}\` ${owner.startsWith('<') ? 'prop' : 'option'}. ${how}`,
    );
  }
  return value;
}
