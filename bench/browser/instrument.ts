// A script of its own, run before the page's: it must be in place when react-dom starts, and
// before the kit adds its listeners.
//
// 1. Render counter: a minimal React DevTools hook. On each commit it walks the fibers React
//    worked on and counts, by component name, the function components that rendered. React's
//    Profiler only reports whole subtrees; this tells the guide's renders from the form's inside
//    the all-in-one component. Same rule as React DevTools: a fiber rendered when it carries the
//    PerformedWork flag, and a subtree whose children were not cloned was skipped entirely.
// 2. Popup timing: `window.open` is wrapped to record when it ran relative to the click that
//    caused it, and whether it ran inside that click's dispatch (so no `await` came before it).
// 3. Callback timing: when the callback page's message reached the window, and when the status
//    first said "Connected".

import type { BenchPage } from './page.js';
import { countRenders, renderCountingHook } from './render-counter.js';

/** What the page exposes to the bench driver (Playwright), alongside the app's own controls. */
export interface BenchInstruments {
  renders: Record<string, number>;
  commits: number;
  opens: OpenRecord[];
  callback: CallbackTiming;
  resetRenders(): void;
}

/** The callback's way to "Connected". Times are `performance.now()` milliseconds. */
export interface CallbackTiming {
  messageAt: number | null;
  connectedAt: number | null;
  /** React's render time so far (the page's `app` Profiler) at the message and at "Connected". */
  renderMsAtMessage: number | null;
  renderMsAtConnected: number | null;
}

const noCallbackYet = (): CallbackTiming => ({
  messageAt: null,
  connectedAt: null,
  renderMsAtMessage: null,
  renderMsAtConnected: null,
});

/** Total `actualDuration` of the page's app Profiler, once the page's script has run. */
const renderMsSoFar = () =>
  (window.__benchPage as BenchPage | undefined)?.profilers.app?.actualMs ?? null;

/** One `window.open` call. Times are `performance.now()` milliseconds. */
export interface OpenRecord {
  /** When the click's dispatch reached the window (capture phase: before any kit code ran). */
  clickAt: number | null;
  /** When the browser created the click event (the input's time stamp). */
  clickTimeStamp: number | null;
  openAt: number;
  /** `window.open` ran while the click was still being dispatched: no await came before it. */
  duringClickDispatch: boolean;
  /** Microtask turns from the end of the click's dispatch to the call; 0 inside the dispatch. */
  microtaskTurnsAfterDispatch: number | null;
  /** The browser still counted the click as a user gesture (what popup blockers check). */
  userActivation: boolean | null;
  url: string;
}

const instruments: BenchInstruments = {
  renders: {},
  commits: 0,
  opens: [],
  callback: noCallbackYet(),
  resetRenders() {
    instruments.renders = {};
    instruments.commits = 0;
  },
};

declare global {
  interface Window {
    __benchInstruments: BenchInstruments;
    __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown;
  }
}

window.__benchInstruments = instruments;
window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = renderCountingHook((fiber) => {
  instruments.commits++;
  // Read at each commit: resetRenders replaces the object.
  countRenders(fiber, instruments.renders);
});

// Popup timing.
let click: { event: Event; at: number; timeStamp: number } | null = null;
let turnsAfterDispatch: number | null = null;
window.addEventListener(
  'click',
  (event) => {
    click = { event, at: performance.now(), timeStamp: event.timeStamp };
    turnsAfterDispatch = null;
  },
  true,
);
window.addEventListener('click', () => {
  // The window's bubble listener is the dispatch's last: count microtask turns from here, so a
  // `window.open` after an `await` shows how late it came. Bounded, like every loop here.
  turnsAfterDispatch = 0;
  const tick = () => {
    if (turnsAfterDispatch === null || turnsAfterDispatch >= 10_000) return;
    turnsAfterDispatch++;
    queueMicrotask(tick);
  };
  queueMicrotask(tick);
});
const nativeOpen = window.open.bind(window);
window.open = (url?: string | URL, target?: string, features?: string) => {
  const openAt = performance.now();
  const duringClickDispatch = click !== null && window.event === click.event;
  instruments.opens.push({
    clickAt: click?.at ?? null,
    clickTimeStamp: click?.timeStamp ?? null,
    openAt,
    duringClickDispatch,
    microtaskTurnsAfterDispatch: duringClickDispatch ? 0 : turnsAfterDispatch,
    userActivation: navigator.userActivation?.isActive ?? null,
    url: String(url ?? ''),
  });
  turnsAfterDispatch = null;
  listenForResult(String(url ?? ''));
  return nativeOpen(url, target, features);
};

/**
 * The callback page also relays on `BroadcastChannel('salesforce-connect:<state>')`; whichever
 * copy arrives first starts the clock, so the channel named by the authorize URL's state is
 * watched too.
 */
function listenForResult(url: string) {
  let state: string | null = null;
  try {
    state = new URL(url, location.href).searchParams.get('state');
  } catch {
    return;
  }
  if (!state) return;
  const channel = new BroadcastChannel(`salesforce-connect:${state}`);
  channel.onmessage = () => {
    messageArrived();
    channel.close();
  };
}

function messageArrived() {
  if (instruments.callback.messageAt !== null) return;
  instruments.callback.messageAt = performance.now();
  instruments.callback.renderMsAtMessage = renderMsSoFar();
}

// Callback timing: a capture listener added before the kit's sees the message first.
window.addEventListener(
  'message',
  (event) => {
    const data = event.data as { source?: unknown } | null;
    if (data?.source === 'salesforce-connect') messageArrived();
  },
  true,
);
new MutationObserver(() => {
  if (instruments.callback.messageAt === null || instruments.callback.connectedAt !== null) return;
  for (const region of document.querySelectorAll('[role="status"]')) {
    if (/(^|\W)Connected\b/.test(region.textContent ?? '')) {
      instruments.callback.connectedAt = performance.now();
      instruments.callback.renderMsAtConnected = renderMsSoFar();
      return;
    }
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
