import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createGuideProgress, type GuideProgressStorage } from '../../../src/core/guide/index.js';
import { GUIDE_STEP_IDS, type GuideStepId } from '../../../src/core/guide-step-ids.js';

const key = 'salesforce-connect:guide:acme';
const stepIds = [...GUIDE_STEP_IDS];

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const storage: GuideProgressStorage = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
  return { storage, data };
}

/** Storage that throws on every call, as Safari's private mode and disabled storage do. */
const throwingStorage: GuideProgressStorage = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('Quota exceeded', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
};

const ticked = (state: Record<GuideStepId, boolean>) => GUIDE_STEP_IDS.filter((id) => state[id]);

describe('createGuideProgress', () => {
  it('starts with nothing ticked and an entry for every step', () => {
    const progress = createGuideProgress({ key, stepIds });
    expect(Object.keys(progress.get()).sort()).toEqual([...GUIDE_STEP_IDS].sort());
    expect(ticked(progress.get())).toEqual([]);
  });

  it('remembers ticks across visits, storing only step ids', () => {
    const { storage, data } = memoryStorage();
    const first = createGuideProgress({ storage, key, stepIds });
    first.set('callback-url', true);
    first.set('prerequisites', true);
    first.set('callback-url', false);
    first.set('oauth-scopes', true);
    expect(JSON.parse(data.get(key)!)).toEqual({ v: 1, done: ['prerequisites', 'oauth-scopes'] });

    const second = createGuideProgress({ storage, key, stepIds });
    expect(ticked(second.get())).toEqual(['prerequisites', 'oauth-scopes']);
  });

  it('forgets everything on reset', () => {
    const { storage, data } = memoryStorage();
    const progress = createGuideProgress({ storage, key, stepIds });
    progress.set('save-app', true);
    progress.reset();
    expect(ticked(progress.get())).toEqual([]);
    expect(data.has(key)).toBe(false);
  });

  it('ignores steps this guide does not have', () => {
    const { storage, data } = memoryStorage();
    const progress = createGuideProgress({
      storage,
      key,
      stepIds: ['prerequisites', 'create-app'],
    });
    progress.set('oauth-policies', true);
    expect(progress.get()['oauth-policies']).toBe(false);
    expect(data.has(key)).toBe(false);
  });

  it('reads older shapes: a bare array or an id → true map', () => {
    const array = memoryStorage({ [key]: JSON.stringify(['create-app', 'save-app']) });
    expect(ticked(createGuideProgress({ storage: array.storage, key, stepIds }).get())).toEqual([
      'create-app',
      'save-app',
    ]);
    const map = memoryStorage({
      [key]: JSON.stringify({ 'create-app': true, 'save-app': false, 'wait-for-activation': true }),
    });
    expect(ticked(createGuideProgress({ storage: map.storage, key, stepIds }).get())).toEqual([
      'create-app',
      'wait-for-activation',
    ]);
  });

  it('survives corrupt or foreign data: anything it cannot read counts as unticked', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        const { storage } = memoryStorage({ [key]: raw });
        const state = createGuideProgress({ storage, key, stepIds }).get();
        for (const id of GUIDE_STEP_IDS) expect(typeof state[id]).toBe('boolean');
        expect(Object.keys(state)).toHaveLength(GUIDE_STEP_IDS.length);
      }),
    );
    const { storage } = memoryStorage({
      [key]: JSON.stringify({ v: 1, done: ['callback-url', 'not-a-step', 42, null, '__proto__'] }),
    });
    expect(ticked(createGuideProgress({ storage, key, stepIds }).get())).toEqual(['callback-url']);
  });

  it('keeps working in memory when storage throws (Safari private mode)', () => {
    const progress = createGuideProgress({ storage: throwingStorage, key, stepIds });
    expect(ticked(progress.get())).toEqual([]);
    progress.set('create-app', true);
    expect(ticked(progress.get())).toEqual(['create-app']);
    progress.reload();
    expect(ticked(progress.get())).toEqual(['create-app']);
    progress.reset();
    expect(ticked(progress.get())).toEqual([]);
  });

  it('keeps a tick the storage refused to write, even when asked to reload', () => {
    const { storage } = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    const progress = createGuideProgress({ storage, key, stepIds });
    progress.set('save-app', true);
    progress.reload();
    expect(progress.get()['save-app']).toBe(true);
  });

  it('returns the same snapshot until something changes (for useSyncExternalStore)', () => {
    const progress = createGuideProgress({ key, stepIds });
    const before = progress.get();
    progress.set('create-app', false);
    expect(progress.get()).toBe(before);
    progress.set('create-app', true);
    expect(progress.get()).not.toBe(before);
    expect(before['create-app']).toBe(false);
  });

  it('tells subscribers about each change with a details object, until they unsubscribe', () => {
    const progress = createGuideProgress({ key, stepIds });
    const listener = vi.fn();
    const stop = progress.subscribe(listener);
    progress.set('callback-url', true);
    progress.set('callback-url', true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenLastCalledWith({ progress: progress.get() });
    stop();
    progress.set('callback-url', false);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('picks up another tab’s ticks on reload', () => {
    const { storage } = memoryStorage();
    const here = createGuideProgress({ storage, key, stepIds });
    const there = createGuideProgress({ storage, key, stepIds });
    const listener = vi.fn();
    here.subscribe(listener);
    there.set('oauth-policies', true);
    here.reload();
    expect(here.get()['oauth-policies']).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
