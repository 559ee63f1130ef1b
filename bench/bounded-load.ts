/** Limits of one load run: it stops at whichever comes first. */
export interface LoadLimits {
  /** Requests to start at most. */
  maxRequests: number;
  /** No request starts after this many milliseconds. */
  maxMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

/** What one load run did. */
export interface LoadResult {
  /** Requests that finished (succeeded or not). */
  requests: number;
  /** Of those, how many the task judged failed (wrong answer or thrown). */
  failures: number;
  seconds: number;
  /** Finished requests per second of the run's duration. */
  perSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

/**
 * Runs `task` from `concurrency` loops until `maxRequests` have started or `maxMs` have passed,
 * then waits for those in flight: a loop that always stops by itself, however slow or fast the
 * server. `task` resolves true for a correct answer; a throw counts as a failure, not a crash.
 *
 * @example
 * const result = await runBoundedLoad(
 *   async () => (await fetch(url)).ok,
 *   { maxRequests: 2000, maxMs: 5000, concurrency: 8 },
 * );
 */
export async function runBoundedLoad(
  task: (details: { index: number; worker: number }) => Promise<boolean>,
  limits: LoadLimits,
  clock: () => number = () => performance.now(),
): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  let failures = 0;
  const begin = clock();
  const worker = async (id: number) => {
    while (started < limits.maxRequests && clock() - begin < limits.maxMs) {
      const index = started++;
      const before = clock();
      let ok = false;
      try {
        ok = await task({ index, worker: id });
      } catch {
        ok = false;
      }
      latencies.push(clock() - before);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, (_, id) => worker(id)));
  const seconds = (clock() - begin) / 1000;
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: seconds > 0 ? latencies.length / seconds : 0,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.length > 0 ? Math.max(...latencies) : 0,
    },
  };
}

/**
 * The nearest-rank percentile: the smallest value with at least `p` % of the values at or below
 * it. 0 for no values.
 *
 * @example
 * percentile([4, 1, 3, 2], 50); // → 2
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
