import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// `findBy…` and `waitFor` wait for their condition up to this ceiling (Testing Library's default,
// 1 s, is overrun on two busy cores); a condition that holds returns at once.
configure({ asyncUtilTimeout: 15_000 });

// Test files share one jsdom (the projects run without isolation, for speed): every test leaves
// the page as it found it — nothing rendered, no URL hash, no storage, no stubs or fake timers.
afterEach(() => {
  cleanup();
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  window.localStorage.clear();
  window.sessionStorage.clear();
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
