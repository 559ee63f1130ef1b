import { describe, expect, inject, it } from 'vitest';
import { formatSoakFigures, runSoak } from '../../scripts/soak/storm.js';
import { createDatabase } from '../setup/postgres.js';

// The short version of `npm run soak`: the same stack (four handler processes, one PostgreSQL
// database, the simulator with rotation and reuse detection) and the same invariants, with
// small counts. The full run's figures are in README.

describe('multi-instance soak (short)', () => {
  it('keeps every grant it should, leaves no tokens after a disconnect, exchanges no code twice and stores nothing in plain text', async () => {
    const address = inject('postgres');
    const { database, drop } = await createDatabase(address, 'soak');
    try {
      const figures = await runSoak({
        database: { ...address, database },
        instances: 4,
        tenants: 16,
        operations: 200,
        concurrency: 16,
        // A ceiling only (a few seconds on an idle machine): the run is bounded by its count.
        maxStormMs: 150_000,
        sessionTimeoutMs: 1500,
        seed: 14,
      });
      const report = formatSoakFigures(figures);
      expect(figures.violations, report).toEqual([]);
      expect(figures.connectionsLost, report).toBe(0);
      // The storm did what it is for: every operation ran, some raced, tokens were refreshed.
      expect(figures.operations.total, report).toBe(200);
      expect(figures.racesHit, report).toBeGreaterThan(0);
      expect(figures.refreshCalls, report).toBeGreaterThan(0);
      expect(
        figures.requestsPerInstance.filter((n) => n > 0),
        report,
      ).toHaveLength(4);
    } finally {
      await drop();
    }
  }, 300_000);
});
