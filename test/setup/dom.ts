import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

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
