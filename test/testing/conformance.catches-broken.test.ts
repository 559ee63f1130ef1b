import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';
import {
  CONFORMANCE_CHECKS,
  type ConformanceMatchers,
  type ConformanceSubject,
  runAdapterConformance,
} from '../../src/testing/conformance.js';

// The suite is only worth running if it can fail. Each adapter below is the memory adapter with
// one mistake an integrator could make; the suite runs under a collecting runner with a minimal
// `expect` of its own (which also proves the suite needs no matcher beyond the documented four).

class MatchError extends Error {}

/** Compares like toEqual: undefined properties do not count. */
const plain = (value: unknown) =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

function minimalExpect(actual: unknown): ConformanceMatchers {
  const fail = (what: string, expected: unknown) => {
    throw new MatchError(`expected ${JSON.stringify(actual)} ${what} ${JSON.stringify(expected)}`);
  };
  return {
    toBe: (expected) => Object.is(actual, expected) || fail('to be', expected),
    toEqual: (expected) =>
      isDeepStrictEqual(plain(actual), plain(expected)) || fail('to equal', expected),
    toMatch: (expected) =>
      (typeof actual === 'string' && expected.test(actual)) || fail('to match', String(expected)),
    toBeGreaterThanOrEqual: (expected) =>
      (typeof actual === 'number' && actual >= expected) || fail('to be >=', expected),
  };
}

/** Runs the whole suite against a subject factory; answers which checks failed and why. */
async function runSuite(createSubject: () => ConformanceSubject) {
  const registered: { name: string; body: () => Promise<void> }[] = [];
  let groups = 0;
  runAdapterConformance(createSubject, {
    describe: (_name, body) => {
      groups++;
      body();
    },
    it: (name, body) => registered.push({ name, body }),
    expect: minimalExpect,
  });
  const failed: string[] = [];
  const reasons: Record<string, string> = {};
  for (const test of registered) {
    try {
      await test.body();
    } catch (error) {
      failed.push(test.name);
      reasons[test.name] = error instanceof Error ? error.message : String(error);
    }
  }
  return { groups, names: registered.map((test) => test.name), failed, reasons };
}

/** A subject whose adapter is `wrap(memory adapter)`. */
const subjectOf =
  (wrap: (inner: MemoryAdapter) => SalesforceConnectAdapter) => (): ConformanceSubject => {
    const inner = createMemoryAdapter({ latencyMs: 0, connections: { max: 3 } });
    return {
      adapter: wrap(inner),
      simulateAuthorization: (start) => {
        const message = inner.simulateCallback({ broadcast: false });
        return { code: ('code' in message && message.code) || '', state: start.state };
      },
    };
  };

const C = CONFORMANCE_CHECKS;

describe('the conformance suite', () => {
  it('registers every documented check in one group', async () => {
    const run = await runSuite(subjectOf((inner) => inner));
    expect(run.groups).toBe(1);
    expect(run.names).toEqual(Object.values(CONFORMANCE_CHECKS));
  });

  it('passes a correct adapter under the minimal runner', async () => {
    const run = await runSuite(subjectOf((inner) => inner));
    expect(run.reasons).toEqual({});
  });

  it('fails an adapter that echoes the saved secret', async () => {
    const run = await runSuite(
      subjectOf((inner) => ({
        ...inner,
        saveCredentials: async (input, options) => ({
          ...(await inner.saveCredentials(input, options)),
          saved: { ...input },
        }),
      })),
    );
    expect(run.failed).toContain(C.save);
    expect(run.failed).toContain(C.noSecret);
    expect(run.reasons[C.save]).toMatch(/saveCredentials answer\.saved\.consumerSecret contains/);
  });

  it('fails an adapter that shows part of the secret as a hint', async () => {
    const run = await runSuite(
      subjectOf((inner) => {
        let hint = '';
        return {
          ...inner,
          saveCredentials: async (input, options) => {
            if (input.consumerSecret) hint = `${input.consumerSecret.slice(0, 8).toLowerCase()}…`;
            return inner.saveCredentials(input, options);
          },
          getConnection: async (options) => ({ ...(await inner.getConnection(options)), hint }),
        };
      }),
    );
    expect(run.failed).toContain(C.save);
    expect(run.failed).toContain(C.noSecret);
    expect(run.reasons[C.noSecret]).toMatch(/getConnection answer\.hint contains/);
  });

  it('fails an adapter that puts the secret in the authorize URL', async () => {
    const run = await runSuite(
      subjectOf((inner) => {
        let secret = '';
        return {
          ...inner,
          saveCredentials: (input, options) => {
            secret ||= input.consumerSecret;
            return inner.saveCredentials(input, options);
          },
          startAuthorization: async (input, options) => {
            const start = await inner.startAuthorization(input, options);
            return { ...start, authorizeUrl: `${start.authorizeUrl}&client_secret=${secret}` };
          },
        };
      }),
    );
    expect(run.failed).toContain(C.start);
    expect(run.failed).toContain(C.noSecret);
    expect(run.reasons[C.start]).toMatch(/startAuthorization answer\.authorizeUrl contains/);
  });

  it('fails an adapter that ignores the abort signal, and only on that check', async () => {
    const run = await runSuite(
      subjectOf((inner) => {
        // Everything but the signal goes through.
        const unsignalled = <T extends { signal?: AbortSignal }>(options?: T) => {
          const { signal: _signal, ...rest } = options ?? ({} as T);
          return rest;
        };
        return {
          ...inner,
          getConnection: (o) => inner.getConnection(unsignalled(o)),
          saveCredentials: (input, o) => inner.saveCredentials(input, unsignalled(o)),
          startAuthorization: (input, o) => inner.startAuthorization(input, unsignalled(o)),
          completeAuthorization: (input, o) => inner.completeAuthorization(input, unsignalled(o)),
          disconnect: (o) => inner.disconnect(unsignalled(o)),
          getSetupInfo: (o) => inner.getSetupInfo(unsignalled(o)),
          listConnections: (o) => inner.listConnections(unsignalled(o)),
          renameConnection: (input, o) => inner.renameConnection(input, unsignalled(o)),
        };
      }),
    );
    expect(run.failed).toEqual([C.abort]);
    expect(run.reasons[C.abort]).toMatch(/"getConnection":"resolved"/);
  });

  it('fails an adapter that reuses one state and accepts it twice', async () => {
    const fixed = 'the-same-state-for-every-attempt';
    const run = await runSuite(
      subjectOf((inner) => {
        let real = '';
        let used = false;
        return {
          ...inner,
          startAuthorization: async (input, options) => {
            const start = await inner.startAuthorization(input, options);
            real = start.state;
            used = false;
            return {
              ...start,
              state: fixed,
              authorizeUrl: start.authorizeUrl.replace(real, fixed),
            };
          },
          completeAuthorization: async ({ code, state }, options) => {
            if (state !== fixed) return inner.completeAuthorization({ code, state }, options);
            if (used) return inner.getConnection(options);
            used = true;
            return inner.completeAuthorization({ code, state: real }, options);
          },
        };
      }),
    );
    expect(run.failed).toContain(C.start);
    expect(run.failed).toContain(C.singleUse);
    expect(run.failed).not.toContain(C.complete);
  });

  it('fails an adapter that throws plain Errors instead of ConnectErrors', async () => {
    const plainErrors = (inner: MemoryAdapter): SalesforceConnectAdapter => {
      const rethrow = (error: unknown): never => {
        throw ConnectError.is(error) ? new Error(error.message) : error;
      };
      return {
        getConnection: (o) => inner.getConnection(o).catch(rethrow),
        saveCredentials: (i, o) => inner.saveCredentials(i, o).catch(rethrow),
        startAuthorization: (i, o) => inner.startAuthorization(i, o).catch(rethrow),
        completeAuthorization: (i, o) => inner.completeAuthorization(i, o).catch(rethrow),
        disconnect: (o) => inner.disconnect(o).catch(rethrow),
        getSetupInfo: (o) => inner.getSetupInfo(o).catch(rethrow),
      };
    };
    const run = await runSuite(subjectOf(plainErrors));
    expect(run.failed).toEqual(expect.arrayContaining([C.badInput, C.singleUse, C.abort]));
    expect(run.reasons[C.badInput]).toMatch(/not a ConnectError \(Error: Enter the Consumer Key/);
    expect(run.failed).not.toContain(C.complete);
  });

  it('fails an adapter whose reads change what they read', async () => {
    const run = await runSuite(
      subjectOf((inner) => {
        let reads = 0;
        return {
          ...inner,
          getConnection: async (options): Promise<Connection> => ({
            ...(await inner.getConnection(options)),
            updatedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, reads++)).toISOString(),
          }),
        };
      }),
    );
    expect(run.failed).toContain(C.idempotent);
    expect(run.failed).not.toContain(C.save);
  });

  it('fails an adapter that ignores connection ids (everything lands on the default connection)', async () => {
    const run = await runSuite(
      subjectOf((inner) => {
        const drop = <T extends { connectionId?: string }>(options?: T) => {
          const { connectionId: _id, ...rest } = options ?? ({} as T);
          return rest;
        };
        return {
          ...inner,
          getConnection: (o) => inner.getConnection(drop(o)),
          saveCredentials: (input, o) => inner.saveCredentials(input, drop(o)),
          startAuthorization: (input, o) => inner.startAuthorization(input, drop(o)),
          disconnect: (o) => inner.disconnect(drop(o)),
          renameConnection: (input, o) => inner.renameConnection(input, drop(o)),
        };
      }),
    );
    expect(run.failed).toEqual([C.connections]);
  });

  it('fails an adapter whose removal leaves the connection listed', async () => {
    const run = await runSuite(
      subjectOf((inner) => ({
        ...inner,
        disconnect: (options) => inner.disconnect({ ...options, forgetCredentials: false }),
      })),
    );
    expect(run.failed).toEqual([C.connections]);
    expect(run.reasons[C.connections]).toMatch(/conformance-b/);
  });

  it('fails an adapter that lists the default connection last', async () => {
    const run = await runSuite(
      subjectOf((inner) => ({
        ...inner,
        listConnections: async (options) => (await inner.listConnections(options)).reverse(),
      })),
    );
    expect(run.failed).toEqual([C.connections]);
  });

  it('fails an adapter whose rename renames the default connection too', async () => {
    const run = await runSuite(
      subjectOf((inner) => ({
        ...inner,
        renameConnection: async (input, options) => {
          await inner.renameConnection(input).catch(() => undefined);
          return inner.renameConnection(input, options);
        },
      })),
    );
    expect(run.failed).toContain(C.connections);
    expect(run.failed).not.toContain(C.complete);
  });
});
