import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuideProgressStorage } from '../../src/core/guide/progress.js';
import { type UseSetupGuideOptions, useSetupGuide } from '../../src/hooks/useSetupGuide.js';

const base: UseSetupGuideOptions = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.com/oauth/callback'],
};

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: vi.fn((key: string) => data.get(key) ?? null),
    setItem: vi.fn((key: string, value: string) => void data.set(key, value)),
    removeItem: vi.fn((key: string) => void data.delete(key)),
  } satisfies GuideProgressStorage & { data: Map<string, string> };
}

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('useSetupGuide', () => {
  it('builds the External Client App guide by default', () => {
    const { result } = renderHook(() => useSetupGuide(base));
    expect(result.current.error).toBeUndefined();
    expect(result.current.variant).toBe('external-client-app');
    expect(result.current.steps[0]?.id).toBe('prerequisites');
    expect(result.current.steps.map((step) => step.id)).toContain('callback-url');
    expect(result.current.guide?.title).toBe('Set up Salesforce for Acme');
  });

  it('switches variant uncontrolled, and reports it', () => {
    const onVariantChange = vi.fn();
    const { result } = renderHook(() => useSetupGuide({ ...base, onVariantChange }));
    act(() => result.current.setVariant('connected-app-classic'));
    expect(result.current.variant).toBe('connected-app-classic');
    expect(result.current.guide?.variant).toBe('connected-app-classic');
    expect(result.current.steps.find((step) => step.id === 'create-app')?.title).toBe(
      'Create a new Connected App',
    );
    expect(onVariantChange).toHaveBeenCalledWith({ variant: 'connected-app-classic' });
  });

  it('follows a controlled variant and only reports requested changes', () => {
    const onVariantChange = vi.fn();
    const { result, rerender } = renderHook((props: UseSetupGuideOptions) => useSetupGuide(props), {
      initialProps: { ...base, variant: 'connected-app-lightning', onVariantChange },
    });
    act(() => result.current.setVariant('external-client-app'));
    expect(result.current.variant).toBe('connected-app-lightning');
    expect(onVariantChange).toHaveBeenCalledWith({ variant: 'external-client-app' });
    rerender({ ...base, variant: 'external-client-app', onVariantChange });
    expect(result.current.guide?.variant).toBe('external-client-app');
  });

  it('keeps ticks in the given storage under a key named after the vendor and app, ids only', () => {
    const storage = memoryStorage();
    const { result } = renderHook(() =>
      useSetupGuide({ ...base, storage, loginUrl: 'https://acme.my.salesforce.com' }),
    );
    act(() => result.current.toggleStep('callback-url'));
    expect(result.current.progress['callback-url']).toBe(true);
    expect(result.current.doneCount).toBe(1);
    expect(storage.setItem).toHaveBeenCalledWith(
      'salesforce-connect:guide:acme:acme-sync',
      JSON.stringify({ v: 1, done: ['callback-url'] }),
    );
    const stored = [...storage.data.values()].join();
    expect(stored).not.toContain('acme.my.salesforce.com');
    expect(stored).not.toContain('oauth/callback');
  });

  it('reads stored ticks after mounting, so the server and first render agree', () => {
    const storage = memoryStorage({
      'salesforce-connect:guide:acme:acme-sync': JSON.stringify({ v: 1, done: ['prerequisites'] }),
    });
    const seen: boolean[] = [];
    const { result } = renderHook(() => {
      const state = useSetupGuide({ ...base, storage });
      seen.push(state.progress.prerequisites);
      return state;
    });
    expect(seen[0]).toBe(false);
    expect(result.current.progress.prerequisites).toBe(true);
    expect(result.current.currentStepId).toBe('create-app');
  });

  it('uses localStorage by default and nothing with storage: null', () => {
    const first = renderHook(() => useSetupGuide(base));
    act(() => first.result.current.toggleStep('prerequisites'));
    expect(localStorage.getItem('salesforce-connect:guide:acme:acme-sync')).toContain(
      'prerequisites',
    );
    localStorage.clear();
    const second = renderHook(() => useSetupGuide({ ...base, storage: null }));
    act(() => second.result.current.toggleStep('prerequisites'));
    expect(second.result.current.progress.prerequisites).toBe(true);
    expect(localStorage.length).toBe(0);
  });

  it('keeps working in memory when storage refuses', () => {
    const storage: GuideProgressStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    const { result } = renderHook(() => useSetupGuide({ ...base, storage }));
    act(() => result.current.toggleStep('prerequisites'));
    expect(result.current.progress.prerequisites).toBe(true);
  });

  it('picks up ticks another tab made', () => {
    const { result } = renderHook(() => useSetupGuide(base));
    act(() => {
      localStorage.setItem(
        'salesforce-connect:guide:acme:acme-sync',
        JSON.stringify({ v: 1, done: ['create-app'] }),
      );
      window.dispatchEvent(
        new StorageEvent('storage', { key: 'salesforce-connect:guide:acme:acme-sync' }),
      );
    });
    expect(result.current.progress['create-app']).toBe(true);
  });

  it('follows the first step not done, and moves on from a chosen step once it is ticked', () => {
    const onCurrentStepChange = vi.fn();
    const { result } = renderHook(() =>
      useSetupGuide({ ...base, storage: null, onCurrentStepChange }),
    );
    expect(result.current.currentStepId).toBe('prerequisites');
    act(() => result.current.toggleStep('prerequisites'));
    expect(result.current.currentStepId).toBe('create-app');

    act(() => result.current.setCurrentStepId('callback-url'));
    expect(result.current.currentStepId).toBe('callback-url');
    act(() => result.current.toggleStep('callback-url'));
    expect(result.current.currentStepId).toBe('oauth-scopes');
    expect(onCurrentStepChange).toHaveBeenLastCalledWith({ stepId: 'oauth-scopes' });
  });

  it('follows a controlled current step', () => {
    const { result, rerender } = renderHook((props: UseSetupGuideOptions) => useSetupGuide(props), {
      initialProps: { ...base, storage: null, currentStepId: 'save-app' },
    });
    expect(result.current.currentStepId).toBe('save-app');
    act(() => result.current.setCurrentStepId('oauth-scopes'));
    expect(result.current.currentStepId).toBe('save-app');
    rerender({ ...base, storage: null, currentStepId: 'oauth-scopes' });
    expect(result.current.currentStepId).toBe('oauth-scopes');
  });

  it('reports a configuration it cannot build in plain words instead of throwing', () => {
    const { result } = renderHook(() =>
      useSetupGuide({ ...base, callbackUrls: ['http://app.acme.com/cb'] }),
    );
    expect(result.current.guide).toBeUndefined();
    expect(result.current.steps).toEqual([]);
    expect(result.current.error?.code).toBe('invalid_input');
    expect(result.current.error?.message).toMatch(/must start with https/);
  });

  it('does not rebuild the guide for a new but equal configuration object', () => {
    const { result, rerender } = renderHook((props: UseSetupGuideOptions) => useSetupGuide(props), {
      initialProps: { ...base, scopes: ['api', 'refresh_token'] },
    });
    const first = result.current.guide;
    rerender({ ...base, scopes: ['api', 'refresh_token'] });
    expect(result.current.guide).toBe(first);
    rerender({ ...base, scopes: ['api'] });
    expect(result.current.guide).not.toBe(first);
  });

  it('exports Markdown and copies it through the given window', async () => {
    const writeText = vi.fn(async () => {});
    const fakeWindow = {
      navigator: { clipboard: { writeText } },
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    } as unknown as Window;
    const { result } = renderHook(() =>
      useSetupGuide({ ...base, storage: null, environment: { window: fakeWindow } }),
    );
    const markdown = result.current.toMarkdown();
    expect(markdown).toMatch(/^# Set up Salesforce for Acme/);
    expect(markdown).toContain('https://app.acme.com/oauth/callback');
    await expect(result.current.copy(markdown)).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith(markdown);
    writeText.mockRejectedValueOnce(new Error('denied'));
    await expect(result.current.copy('x')).resolves.toBe(false);
  });

  it('downloads the Markdown as a named .md file and releases the object URL', () => {
    vi.useFakeTimers();
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:guide';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    const { result } = renderHook(() => useSetupGuide({ ...base, storage: null }));
    result.current.download();
    expect(clicked[0]?.download).toBe('acme-salesforce-setup.md');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:guide');
    expect(clicked[0]?.isConnected).toBe(false);
    expect(created[0]?.type).toBe('text/markdown;charset=utf-8');
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:guide');
    vi.useRealTimers();
  });
});
