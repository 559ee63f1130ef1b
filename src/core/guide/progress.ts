import { GUIDE_STEP_IDS, type GuideStepId } from '../guide-step-ids.js';

/**
 * The part of the Web Storage API the progress needs (`localStorage` fits).
 *
 * @example
 * createGuideProgress({ storage: window.sessionStorage, key, stepIds });
 */
export interface GuideProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Which steps the admin has ticked; every step id is present.
 *
 * @example
 * const done = guide.steps.filter((step) => progress.get()[step.id]).length;
 */
export type GuideProgressState = Readonly<Record<GuideStepId, boolean>>;

/**
 * Options for {@link createGuideProgress}.
 *
 * @example
 * createGuideProgress({ storage: localStorage, key: 'salesforce-connect:guide:acme', stepIds });
 */
export interface GuideProgressOptions {
  /** Where to keep the ticks between visits; in memory only when omitted. */
  storage?: GuideProgressStorage | undefined;
  /** Storage key; name the guide in it (e.g. `salesforce-connect:guide:acme`). */
  key: string;
  /** The steps of this guide; ticks for other ids are ignored. */
  stepIds: readonly GuideStepId[];
}

/**
 * The admin's checklist: read it, tick steps, start over, hear about changes.
 *
 * @example
 * const ticks = useSyncExternalStore(progress.subscribe, progress.get);
 */
export interface GuideProgress {
  /** The current ticks. The same object until something changes (fit for useSyncExternalStore). */
  get(): GuideProgressState;
  set(id: GuideStepId, done: boolean): void;
  /** Unticks everything and forgets the stored ticks. */
  reset(): void;
  /** Reads the storage again, e.g. after another tab changed it (a `storage` event). */
  reload(): void;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: (details: { progress: GuideProgressState }) => void): () => void;
}

const knownIds: ReadonlySet<string> = new Set(GUIDE_STEP_IDS);

/**
 * Reads stored ticks of any shape the kit has written or that a person could have left there:
 * `{ v: 1, done: [...] }`, a bare array of ids, or an `{ id: true }` map. Anything else, and any
 * id that is not a guide step, is ignored rather than trusted.
 */
function parseDone(raw: string | null): Set<string> {
  if (!raw) return new Set();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return new Set();
  }
  const ids: unknown[] = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null
      ? Array.isArray((data as { done?: unknown }).done)
        ? (data as { done: unknown[] }).done
        : Object.entries(data).flatMap(([id, done]) => (done === true ? [id] : []))
      : [];
  return new Set(ids.filter((id): id is string => typeof id === 'string' && knownIds.has(id)));
}

/**
 * Keeps the setup checklist per browser. Stores only the ids of ticked steps, never a value the
 * admin typed. Storage that throws (Safari private mode, quota, disabled cookies) never breaks
 * the guide: the ticks then live in memory for this visit.
 *
 * @example
 * const progress = createGuideProgress({
 *   storage: typeof localStorage === 'undefined' ? undefined : localStorage,
 *   key: 'salesforce-connect:guide:acme',
 *   stepIds: guide.steps.map((step) => step.id),
 * });
 * progress.set('callback-url', true);
 * progress.get()['callback-url']; // true
 */
export function createGuideProgress(options: GuideProgressOptions): GuideProgress {
  const { storage, key } = options;
  const stepIds = new Set<string>(options.stepIds);
  const listeners = new Set<(details: { progress: GuideProgressState }) => void>();

  const toState = (done: ReadonlySet<string>) =>
    Object.fromEntries(
      GUIDE_STEP_IDS.map((id) => [id, stepIds.has(id) && done.has(id)]),
    ) as GuideProgressState;
  // Once storage has refused a read or a write, memory holds the truth for the rest of the visit.
  let trusted = true;
  const read = () => {
    try {
      return parseDone(storage?.getItem(key) ?? null);
    } catch {
      trusted = false;
      return new Set<string>();
    }
  };
  const attempt = (write: () => void) => {
    try {
      write();
    } catch {
      trusted = false;
    }
  };

  let state = toState(read());
  const update = (next: GuideProgressState) => {
    if (GUIDE_STEP_IDS.every((id) => next[id] === state[id])) return;
    state = next;
    for (const listener of [...listeners]) listener({ progress: state });
  };

  return {
    get: () => state,
    set(id, done) {
      if (!stepIds.has(id) || state[id] === done) return;
      const next = { ...state, [id]: done };
      const ticked = GUIDE_STEP_IDS.filter((stepId) => next[stepId]);
      if (storage) attempt(() => storage.setItem(key, JSON.stringify({ v: 1, done: ticked })));
      update(next);
    },
    reset() {
      if (storage) attempt(() => storage.removeItem(key));
      update(toState(new Set()));
    },
    reload() {
      if (!trusted) return;
      const done = read();
      if (trusted) update(toState(done));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
