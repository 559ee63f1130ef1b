import { describe, expect, it } from 'vitest';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { runAdapterConformance } from '../../src/testing/conformance.js';
import { createRestContractBackend } from './rest-contract-backend.js';

// The fetch adapter against a backend that implements the REST contract (routing, CSRF check,
// JSON bodies, error bodies) over the memory store.
runAdapterConformance(
  () => {
    const backend = createRestContractBackend();
    return {
      adapter: createFetchAdapter({ baseUrl: '/api/salesforce/', fetch: backend.fetch }),
      simulateAuthorization: (start) => {
        const message = backend.memory.simulateCallback({ state: start.state, broadcast: false });
        if (!('code' in message) || !message.code) throw new Error('Salesforce sent no code');
        return { code: message.code, state: message.state };
      },
      changeOrg: () => backend.memory.setScenario('org_changed'),
      clientCredentials: { loginUrl: 'https://acme.my.salesforce.com' },
    };
  },
  { describe, it, expect },
  { name: 'fetch adapter conformance (REST contract backend)' },
);
