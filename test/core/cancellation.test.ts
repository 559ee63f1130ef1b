import { afterEach, describe, expect, it, vi } from 'vitest';
import { delay, untilAborted } from '../../src/core/cancellation.js';
import { ConnectError } from '../../src/core/errors.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (ConnectError.is(error) ? error.code : String(error)),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('untilAborted', () => {
  it('settles like the work when nothing aborts', async () => {
    const controller = new AbortController();
    expect(await untilAborted(Promise.resolve(42), controller.signal)).toBe(42);
    expect(await untilAborted(7, undefined)).toBe(7);
    const failure = new Error('boom');
    await expect(untilAborted(Promise.reject(failure), controller.signal)).rejects.toBe(failure);
  });

  it('rejects with aborted when the signal fires first, though the work never settles', async () => {
    const controller = new AbortController();
    const pending = codeOf(untilAborted(new Promise(() => {}), controller.signal));
    controller.abort();
    expect(await pending).toBe('aborted');
  });

  it('rejects a pre-aborted signal without waiting for the work', async () => {
    expect(await codeOf(untilAborted(new Promise(() => {}), AbortSignal.abort()))).toBe('aborted');
  });

  it('stops listening once the work settled', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await untilAborted(Promise.resolve(1), controller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('delay', () => {
  it('waits the given time on the global timer', async () => {
    vi.useFakeTimers();
    let done = false;
    void delay(250, undefined).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(249);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('never turns a huge delay into an immediate one', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let outcome = 'pending';
    void codeOf(delay(2 ** 32, controller.signal)).then((code) => {
      outcome = code;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome).toBe('pending');
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toBe('aborted');
  });
});
