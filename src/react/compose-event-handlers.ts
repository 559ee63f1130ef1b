/**
 * Runs the integrator's handler first, then the kit's, unless the integrator called
 * `event.preventDefault()` — so a prop getter's user handlers can veto the kit's behaviour.
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
