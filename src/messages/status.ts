/**
 * Strings of `ConnectionStatus`. The headlines for `connected` and `disconnected` keep the
 * stable words "Connected" and "Not connected" in English (tests and assistive technology find
 * the status by them). `{org}` is the org's name or id. `dateLocale` picks the date format; empty
 * means the browser's.
 *
 * @example
 * <ConnectionStatus connection={connection} messages={{ configured: 'Ready to connect' }} />
 */
export interface ConnectionStatusMessages {
  loading: string;
  notConnected: string;
  configured: string;
  connecting: string;
  connected: string;
  connectedTo: string;
  needsReauth: string;
  needsReauthDescription: string;
  error: string;
  org: string;
  /** Label of the org id's ending, shown beside the org's name. */
  orgId: string;
  /** `{ending}`: the org id's last characters. */
  orgIdEnding: string;
  instance: string;
  user: string;
  /** Client credentials connections: the label of the app's Run As user ("Runs as"). */
  runsAs: string;
  /** Client credentials connections: why Salesforce stopped giving access, and what to do. */
  needsReauthDescriptionClientCredentials: string;
  /** Client credentials connections: the Reconnect button (no sign-in: Connect runs again). */
  connectAgain: string;
  since: string;
  sandbox: string;
  reconnect: string;
  disconnect: string;
  disconnecting: string;
  confirmQuestion: string;
  confirmDescription: string;
  confirmDisconnect: string;
  cancel: string;
  dateLocale: string;
}

/**
 * English strings of `ConnectionStatus`.
 *
 * @example
 * connectionStatusMessagesEn.notConnected; // 'Not connected'
 */
export const connectionStatusMessagesEn: ConnectionStatusMessages = {
  loading: 'Checking the Salesforce connection…',
  notConnected: 'Not connected',
  configured: 'Not connected — credentials saved',
  connecting: 'Connecting to Salesforce…',
  connected: 'Connected',
  connectedTo: 'Connected to {org}',
  needsReauth: 'Reconnect needed',
  needsReauthDescription:
    'Salesforce no longer accepts the saved sign-in. Reconnect to keep data flowing.',
  error: 'Connection problem',
  org: 'Organization',
  orgId: 'Org ID',
  orgIdEnding: 'ends in {ending}',
  instance: 'Instance',
  user: 'User',
  runsAs: 'Runs as',
  needsReauthDescriptionClientCredentials:
    "Salesforce no longer gives access. Check the app's Run As user, then connect again.",
  connectAgain: 'Connect again',
  since: 'Since',
  sandbox: 'Sandbox',
  reconnect: 'Reconnect',
  disconnect: 'Disconnect',
  disconnecting: 'Disconnecting…',
  confirmQuestion: 'Disconnect from Salesforce?',
  confirmDescription: 'Access is revoked at Salesforce. You can connect again later.',
  confirmDisconnect: 'Disconnect',
  cancel: 'Cancel',
  dateLocale: '',
};

/**
 * German strings of `ConnectionStatus`.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ connectionStatus: connectionStatusMessagesDe }}>
 */
export const connectionStatusMessagesDe: ConnectionStatusMessages = {
  loading: 'Salesforce-Verbindung wird geprüft…',
  notConnected: 'Nicht verbunden',
  configured: 'Nicht verbunden – Zugangsdaten gespeichert',
  connecting: 'Verbindung mit Salesforce wird hergestellt…',
  connected: 'Verbunden',
  connectedTo: 'Verbunden mit {org}',
  needsReauth: 'Erneute Verbindung nötig',
  needsReauthDescription:
    'Salesforce akzeptiert die gespeicherte Anmeldung nicht mehr. Verbinden Sie sich erneut.',
  error: 'Verbindungsproblem',
  org: 'Organisation',
  orgId: 'Org-ID',
  orgIdEnding: 'endet auf {ending}',
  instance: 'Instanz',
  user: 'Benutzer',
  runsAs: 'Läuft als',
  needsReauthDescriptionClientCredentials:
    'Salesforce gewährt keinen Zugriff mehr. Prüfen Sie den „Run As“-Benutzer der App und verbinden Sie sich dann erneut.',
  connectAgain: 'Erneut verbinden',
  since: 'Seit',
  sandbox: 'Sandbox',
  reconnect: 'Erneut verbinden',
  disconnect: 'Trennen',
  disconnecting: 'Wird getrennt…',
  confirmQuestion: 'Verbindung zu Salesforce trennen?',
  confirmDescription:
    'Der Zugriff wird bei Salesforce widerrufen. Sie können sich später wieder verbinden.',
  confirmDisconnect: 'Trennen',
  cancel: 'Abbrechen',
  dateLocale: 'de',
};
