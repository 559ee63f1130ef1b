/**
 * Strings of `ConnectButton`. `connect` is the button's stable accessible name ("Connect to
 * Salesforce" in English); `reconnect` is shown when Salesforce needs a new authorization and
 * should keep the words of `connect` inside it, so the name still finds the button.
 *
 * @example
 * <ConnectButton connect={flow} messages={{ connect: 'Connect Acme to Salesforce' }} />
 */
export interface ConnectButtonMessages {
  connect: string;
  reconnect: string;
}

/**
 * English strings of `ConnectButton`.
 *
 * @example
 * connectButtonMessagesEn.connect; // 'Connect to Salesforce'
 */
export const connectButtonMessagesEn: ConnectButtonMessages = {
  connect: 'Connect to Salesforce',
  reconnect: 'Reconnect to Salesforce',
};

/**
 * German strings of `ConnectButton`.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ connectButton: connectButtonMessagesDe }}>
 */
export const connectButtonMessagesDe: ConnectButtonMessages = {
  connect: 'Mit Salesforce verbinden',
  reconnect: 'Erneut mit Salesforce verbinden',
};
