// Installs the bench's render counter as React's DevTools hook. Import it before anything that
// loads react-dom: react-dom reads the hook once, when it loads.
import { countRenders, renderCountingHook } from '../../bench/browser/render-counter.js';

/** Renders counted by component name since the page loaded. */
export const renders: Record<string, number> = {};

Object.assign(window, {
  __REACT_DEVTOOLS_GLOBAL_HOOK__: renderCountingHook((fiber) => countRenders(fiber, renders)),
});
