export {
  type RelayEnvironment,
  type RelayOAuthResult,
  type RelayOAuthResultOptions,
  type RelayWindow,
  relayOAuthResult,
} from './relay.js';
