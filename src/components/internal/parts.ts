/**
 * Class names for a styled part: the kit's own class (dropped when `unstyled`) plus the
 * integrator's `className`. Returns undefined rather than an empty string so no empty `class`
 * attribute is rendered.
 */
export function partClassName(
  kitClass: string,
  options: { unstyled?: boolean | undefined; className?: string | undefined } = {},
): string | undefined {
  const names = [options.unstyled ? '' : kitClass, options.className ?? ''].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}

/**
 * The kit's class for a part, or undefined when the component is `unstyled` (the integrator then
 * styles through `data-sfc-part` alone). One function per render: `const cls = kitClasses(unstyled)`.
 */
export function kitClasses(
  unstyled: boolean | undefined,
): (kitClass: string) => string | undefined {
  return (kitClass) => (unstyled ? undefined : kitClass);
}
