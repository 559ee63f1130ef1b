export {
  CONNECT_ERROR_CODES,
  ConnectError,
  type ConnectErrorCode,
  type ConnectErrorJSON,
  type ConnectErrorOptions,
  isAbortError,
  isConnectErrorCode,
  throwIfAborted,
  toConnectError,
} from './errors.js';
export { keyHint, maskSecret } from './secret-display.js';
export type {
  AuthorizationStart,
  Connection,
  ConnectionStatus,
  CredentialsInput,
  SetupInfo,
} from './types.js';
