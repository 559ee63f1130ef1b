import { describe, expect, it } from 'vitest';
import { runAdapterConformance } from '../../src/testing/conformance.js';
import { createRestAdapter } from './rest-adapter.js';

/** Your backend, started in-process for one check, with a stand-in for Salesforce's login. */
export interface StartedBackend {
  /** Sends a request to your API as the browser would (e.g. Hono's `app.request`). */
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Logs in and allows access at the stand-in; answers what reached your callback route. */
  approveAtSalesforce(authorizeUrl: string): Promise<{ code: string; state: string }>;
  stop(): Promise<void>;
}

/** Call it from a test file: `testRestAdapter(() => startMyBackend({ database: 'memory' }))`. */
export function testRestAdapter(startBackend: () => Promise<StartedBackend>) {
  runAdapterConformance(
    async () => {
      const backend = await startBackend();
      return {
        adapter: createRestAdapter({
          baseUrl: '/api/integrations/salesforce',
          fetch: backend.fetch,
        }),
        simulateAuthorization: (start) => backend.approveAtSalesforce(start.authorizeUrl),
        cleanup: () => backend.stop(),
      };
    },
    { describe, it, expect },
    { name: 'my REST adapter keeps the Salesforce Connect contract' },
  );
}
