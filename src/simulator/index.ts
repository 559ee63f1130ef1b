export {
  DEFAULT_ACTIVATION_DELAY_MS,
  SIMULATOR_DEMO_USER,
} from './org-directory.js';
export { startSalesforceSimulator } from './simulator.js';
export {
  AUTHORIZATION_CODE_LIFETIME_MS,
  MAX_REFRESH_TOKENS_PER_USER_AND_APP,
} from './token-ledger.js';
export {
  type SalesforceSimulator,
  SIMULATOR_FAULTS,
  type SimulatorApp,
  type SimulatorAppChanges,
  type SimulatorAppInput,
  type SimulatorFault,
  type SimulatorFaultScope,
  type SimulatorFidelityOptions,
  type SimulatorOptions,
  type SimulatorOrg,
  type SimulatorRequestRecord,
  type SimulatorUser,
  type SimulatorUserInput,
} from './types.js';
