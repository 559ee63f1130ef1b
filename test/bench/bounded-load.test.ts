import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, runBoundedLoad } from '../../bench/bounded-load.js';

/** A clock the test moves: each task "takes" `stepMs` of it. */
function steppingClock(stepMs: number) {
  let now = 0;
  return { clock: () => now, advance: () => (now += stepMs) };
}

describe('runBoundedLoad', () => {
  it('stops after maxRequests when they finish quickly', async () => {
    const time = steppingClock(1);
    let calls = 0;
    const result = await runBoundedLoad(
      async () => {
        calls++;
        time.advance();
        return true;
      },
      { maxRequests: 50, maxMs: 1_000_000, concurrency: 4 },
      time.clock,
    );
    expect(calls).toBe(50);
    expect(result.requests).toBe(50);
    expect(result.failures).toBe(0);
  });

  it('stops by itself after maxMs when requests are slow', async () => {
    const time = steppingClock(100);
    const result = await runBoundedLoad(
      async () => {
        time.advance();
        return true;
      },
      { maxRequests: 1_000_000, maxMs: 1000, concurrency: 1 },
      time.clock,
    );
    expect(result.requests).toBe(10);
    expect(result.seconds).toBe(1);
    expect(result.perSecond).toBe(10);
  });

  it('counts wrong answers and throws as failures without ending the run', async () => {
    const result = await runBoundedLoad(
      async ({ index }) => {
        if (index % 3 === 0) throw new Error('connection reset');
        return index % 3 === 1;
      },
      { maxRequests: 9, maxMs: 60_000, concurrency: 2 },
    );
    expect(result.requests).toBe(9);
    expect(result.failures).toBe(6);
  });

  it('never has more than `concurrency` requests in flight, and hands each index out once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await runBoundedLoad(
      async ({ index }) => {
        seen.push(index);
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 0));
        inFlight--;
        return true;
      },
      { maxRequests: 40, maxMs: 60_000, concurrency: 8 },
    );
    expect(most).toBe(8);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 95)).toBe(4);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('returns one of the values, with at least p % of them at or below it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const value = percentile(values, p);
          expect(values).toContain(value);
          const atOrBelow = values.filter((v) => v <= value).length;
          expect(atOrBelow / values.length).toBeGreaterThanOrEqual(p / 100);
        },
      ),
    );
  });
});
