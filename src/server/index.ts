export type { SalesforceSession } from './connections.js';
export {
  createSecretBox,
  DecryptionError,
  type EncryptionContext,
  EncryptionKeyError,
  type EncryptionKeyInput,
  parseEncryptionKey,
  type SecretBox,
} from './crypto.js';
export {
  type ConnectHandler,
  type ConnectHandlerOptions,
  CSRF_HEADER_NAME,
  CSRF_HEADER_VALUE,
  createConnectHandler,
} from './handler.js';
export { createLazyConnectHandler, type LazyConnectHandler } from './lazy-handler.js';
export type { ConnectLogger, LogDetails } from './logger.js';
export { type NodeListenerOptions, toNodeListener } from './node.js';
export { type PreflightInput, type PreflightResult, preflightCredentials } from './preflight.js';
export { type ReencryptReport, reencryptAll } from './reencrypt.js';
export { createMemoryStore } from './stores/memory.js';
export {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  type PostgresStoreOptions,
  SchemaVersionError,
  type SqlClient,
} from './stores/postgres.js';
export type {
  ConnectionKey,
  ConnectionRecord,
  ConnectStore,
  ConsumeResult,
  PendingAuthorization,
  PendingOrgChange,
  SaveConnectionResult,
  WriteCondition,
} from './stores/types.js';
