import { createMemoryStore } from '../../src/server/stores/memory.js';
import { runStoreConformance } from './store-conformance.js';

runStoreConformance('memory', async () => ({ store: createMemoryStore() }));
