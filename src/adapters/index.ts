export type { AdapterCallOptions, Awaitable, SalesforceConnectAdapter } from './types.js';
