import {
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  useRef,
  useSyncExternalStore,
} from 'react';

/**
 * A piece of the kit that loads on demand (a dynamic `import()`): loaded once, shared by every
 * component instance, and observable so a view can switch from its fallback without a rerender
 * from above.
 */
export interface LazyPart<T> {
  /** Starts loading (once; a failed load can be tried again) and resolves with the module. */
  load(): Promise<T>;
  /** The module when it has loaded, else undefined. */
  peek(): T | undefined;
  subscribe(listener: () => void): () => void;
}

/**
 * Wraps a dynamic import. Nothing loads until `load()` is called.
 *
 * @example
 * const dialogPart = lazyPart(() => import('../ConnectDialog.js'));
 */
export function lazyPart<T>(importer: () => Promise<T>): LazyPart<T> {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  const listeners = new Set<() => void>();
  return {
    load() {
      pending ??= importer().then(
        (module) => {
          loaded = module;
          // Listeners hear of it a task later, after React's own lazy components resolved on this
          // load: a view that rerenders on the news must find them ready, or React would throw
          // away server HTML still waiting to hydrate (an update reaching a boundary that suspends).
          setTimeout(() => {
            for (const listener of listeners) listener();
          }, 0);
          return module;
        },
        (error: unknown) => {
          // A chunk that failed to arrive (a deploy, a flaky network) may arrive on the next try.
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    peek: () => loaded,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * `React.lazy` over a part, for a view that needs the part to show anything (its first SSR HTML
 * must hold it). When the part has already loaded it hands React a thenable that resolves
 * synchronously, so React renders the component in the same pass: a server that preloaded renders
 * the full markup even with `renderToString`, and a client that prefetched never shows the
 * fallback. Before that, it suspends like any lazy component.
 */
export function lazyComponent<T, P>(
  part: LazyPart<T>,
  pick: (module: T) => ComponentType<P>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => {
    const loaded = part.peek();
    if (loaded === undefined) return part.load().then((module) => ({ default: pick(module) }));
    const resolved = { default: pick(loaded) };
    // React only calls `then`; a real Promise would defer to a microtask and suspend once.
    return {
      // biome-ignore lint/suspicious/noThenProperty: a synchronous thenable is the point here
      then: (onFulfilled: (value: typeof resolved) => unknown) => onFulfilled(resolved),
    } as unknown as Promise<typeof resolved>;
  });
}

/**
 * Whether a part has loaded, for views that show it only once it is there (nothing while it is
 * not). `onServer` is what the server renders and what hydration assumes, so both agree; React
 * rerenders with the real answer right after hydrating.
 */
export function usePartLoaded(part: LazyPart<unknown>, onServer: boolean): boolean {
  return useSyncExternalStore(
    part.subscribe,
    () => part.peek() !== undefined,
    () => onServer,
  );
}

/**
 * Keeps handing React the element a lazy view first rendered until its part has loaded. A page
 * hydrating server HTML whose code is still on its way keeps that HTML on screen only as long as
 * nothing updates it: React throws a dehydrated Suspense boundary away (and shows the fallback)
 * when new props reach it first, as they do once the connection or the setup info arrives. The
 * same element object is no update at all; once loaded, the live element takes over.
 */
export function useHeldUntilLoaded(element: ReactNode, loaded: boolean): ReactNode {
  const held = useRef<ReactNode>(element);
  if (loaded || element === null || held.current === null) held.current = element;
  return held.current;
}

/**
 * Runs `task` when the browser is idle (`requestIdleCallback`, or a short timer where there is
 * none, as in Safari), and returns a cancel function.
 */
export function whenIdle(task: () => void): () => void {
  const idle = globalThis as {
    requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
    cancelIdleCallback?: (handle: number) => void;
  };
  if (idle.requestIdleCallback && idle.cancelIdleCallback) {
    const cancel = idle.cancelIdleCallback;
    // The timeout keeps a page that is never idle (animations) from never prefetching.
    const handle = idle.requestIdleCallback(task, { timeout: 3000 });
    return () => cancel(handle);
  }
  const timer = setTimeout(task, 300);
  return () => clearTimeout(timer);
}
