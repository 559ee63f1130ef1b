import { abortedError } from './errors.js';

/**
 * Settles like `work`, except that it rejects with `aborted` as soon as `signal` fires, even when
 * `work` ignores the signal (a fetch polyfill, a server action, a GraphQL client). The work itself
 * is not stopped: its late answer is dropped.
 *
 * @example
 * const answer = await untilAborted(callServerAction(input), signal);
 */
export function untilAborted<T>(
  work: PromiseLike<T> | T,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return Promise.resolve(work);
  if (signal.aborted) return Promise.reject(abortedError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Waits `ms` milliseconds on the global timer (so fake timers control it), rejecting with
 * `aborted` the moment `signal` fires and clearing the timer. `ms <= 0` waits one microtask only;
 * `Infinity` waits until the signal fires (a call that never answers).
 *
 * @example
 * await delay(300, signal); // simulated network latency
 */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
  if (ms <= 0) return untilAborted(Promise.resolve(), signal);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal?.reason));
    };
    // setTimeout would overflow an infinite (or > 24.8 days) delay into an immediate one.
    const timer =
      ms < 2 ** 31
        ? setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, ms)
        : undefined;
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
