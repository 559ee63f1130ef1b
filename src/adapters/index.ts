export { untilAborted } from '../core/cancellation.js';
export {
  CSRF_HEADER,
  createFetchAdapter,
  type FetchAdapter,
  type FetchAdapterOptions,
} from './fetch.js';
export {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryBroadcastChannel,
  type SimulateCallbackOptions,
} from './memory.js';
export {
  MEMORY_CLIENT_CREDENTIALS_OUTCOMES,
  MEMORY_CLIENT_CREDENTIALS_SCENARIOS,
  MEMORY_SCENARIO_OUTCOMES,
  MEMORY_SCENARIOS,
  type MemoryScenario,
  type MemoryScenarioOutcome,
  type MemoryScenarioStage,
  memoryScenarioOutcome,
} from './memory-scenarios.js';
export type {
  AdapterCallOptions,
  AuthorizationRequest,
  Awaitable,
  CompleteAdapter,
  DisconnectOptions,
  SalesforceConnectAdapter,
} from './types.js';
