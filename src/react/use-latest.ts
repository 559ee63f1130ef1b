import { useLayoutEffect, useRef } from 'react';

// useLayoutEffect warns during server rendering; the ref is only read in effects and handlers.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? () => {} : useLayoutEffect;

/**
 * A ref that always holds the latest value, so callbacks passed inline by the integrator can be
 * called from long-lived listeners without re-subscribing them on every render.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
