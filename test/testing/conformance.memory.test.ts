import { describe, expect, it } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { runAdapterConformance } from '../../src/testing/conformance.js';

// The memory adapter is the backend of every story and of the kit's own tests: it must keep the
// contract exactly as a real backend does.
runAdapterConformance(
  () => {
    const adapter = createMemoryAdapter({ latencyMs: 0 });
    return {
      adapter,
      simulateAuthorization: (start) => {
        const message = adapter.simulateCallback({ state: start.state, broadcast: false });
        if (!('code' in message) || !message.code) throw new Error('Salesforce sent no code');
        return { code: message.code, state: message.state };
      },
      changeOrg: () => adapter.setScenario('org_changed'),
      // The client credentials flow: any My Domain works in memory.
      clientCredentials: { loginUrl: 'https://acme.my.salesforce.com' },
    };
  },
  { describe, it, expect },
  { name: 'memory adapter conformance' },
);
