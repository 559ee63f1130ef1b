import { useEffect } from 'react';

// Open modals across every kit instance on the page: the page scrolls again after the last closes.
let locks = 0;
let restore: (() => void) | undefined;

/**
 * Stops the page behind a modal from scrolling while `active`. Keeps the scrollbar's gutter so
 * the page does not shift sideways, on either side (right-to-left pages put it on the left).
 * Internal: the kit's dialogs use it instead of a scroll-lock dependency.
 *
 * @example
 * useScrollLock(open);
 */
export function useScrollLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    if (locks++ === 0) {
      const root = document.documentElement;
      const { overflow, scrollbarGutter } = root.style;
      const hadScrollbar = window.innerWidth > root.clientWidth;
      root.style.overflow = 'hidden';
      if (hadScrollbar) root.style.scrollbarGutter = 'stable';
      restore = () => {
        root.style.overflow = overflow;
        root.style.scrollbarGutter = scrollbarGutter;
      };
    }
    return () => {
      if (--locks === 0) {
        restore?.();
        restore = undefined;
      }
    };
  }, [active]);
}
