/**
 * Strings of `SalesforceConnections`. `{name}` is the connection's name (or its org's name, or
 * `unnamed`); `{max}` the most connections allowed; `{length}` a refused name's length.
 *
 * @example
 * <SalesforceConnections adapter={adapter} messages={{ salesforceConnections: { add: 'Add an org' } }} />
 */
export interface SalesforceConnectionsMessages {
  heading: string;
  loading: string;
  empty: string;
  unnamed: string;
  statusConnected: string;
  statusConfigured: string;
  statusDisconnected: string;
  statusNeedsReauth: string;
  statusError: string;
  sandbox: string;
  org: string;
  /** `{ending}`: the org id's last characters, beside the org's name. */
  orgIdEnding: string;
  user: string;
  connect: string;
  reconnect: string;
  rename: string;
  remove: string;
  nameLabel: string;
  save: string;
  saving: string;
  cancel: string;
  nameRequired: string;
  nameTooLong: string;
  nameInvisible: string;
  removeQuestion: string;
  removeDescription: string;
  removeConfirm: string;
  removing: string;
  add: string;
  limitReached: string;
  addUnsupported: string;
  retry: string;
  announceConnected: string;
  announceRemoved: string;
  announceRenamed: string;
  dialogTitleAdd: string;
  dialogTitleReconnect: string;
  dialogDescription: string;
  close: string;
}

/**
 * English strings of `SalesforceConnections`.
 *
 * @example
 * salesforceConnectionsMessagesEn.add; // 'Add connection'
 */
export const salesforceConnectionsMessagesEn: SalesforceConnectionsMessages = {
  heading: 'Salesforce connections',
  loading: 'Loading your Salesforce connections…',
  empty: 'No Salesforce org is connected yet. Add a connection to connect one.',
  unnamed: 'Unnamed connection',
  statusConnected: 'Connected',
  statusConfigured: 'Not connected — credentials saved',
  statusDisconnected: 'Not connected',
  statusNeedsReauth: 'Reconnect needed',
  statusError: 'Connection problem',
  sandbox: 'Sandbox',
  org: 'Organization',
  orgIdEnding: 'ends in {ending}',
  user: 'User',
  connect: 'Connect',
  reconnect: 'Reconnect',
  rename: 'Rename',
  remove: 'Remove',
  nameLabel: 'Connection name',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  nameRequired: 'Give the connection a name.',
  nameTooLong: 'The connection name is {length} characters long; shorten it to {max} or fewer.',
  nameInvisible:
    'The connection name has a line break or another invisible character; type it on one line.',
  removeQuestion: 'Remove “{name}”?',
  removeDescription:
    'Salesforce access for it stops: the sign-in is revoked and its saved credentials are forgotten.',
  removeConfirm: 'Remove',
  removing: 'Removing…',
  add: 'Add connection',
  limitReached: 'You have {max} connections, the most allowed. Remove one to add another.',
  addUnsupported: 'This backend keeps one Salesforce connection only.',
  retry: 'Try again',
  announceConnected: 'Connected “{name}”',
  announceRemoved: 'Removed “{name}”',
  announceRenamed: 'Renamed to “{name}”',
  dialogTitleAdd: 'Add a Salesforce connection',
  dialogTitleReconnect: 'Connect “{name}”',
  dialogDescription:
    'Set up the app in Salesforce, save its credentials, then connect. The connection appears in your list.',
  close: 'Close',
};

/**
 * German strings of `SalesforceConnections`.
 *
 * @example
 * <SalesforceConnections adapter={adapter} messages={localeDe} />
 */
export const salesforceConnectionsMessagesDe: SalesforceConnectionsMessages = {
  heading: 'Salesforce-Verbindungen',
  loading: 'Ihre Salesforce-Verbindungen werden geladen…',
  empty: 'Noch keine Salesforce-Org verbunden. Fügen Sie eine Verbindung hinzu.',
  unnamed: 'Unbenannte Verbindung',
  statusConnected: 'Verbunden',
  statusConfigured: 'Nicht verbunden – Zugangsdaten gespeichert',
  statusDisconnected: 'Nicht verbunden',
  statusNeedsReauth: 'Erneute Verbindung nötig',
  statusError: 'Verbindungsproblem',
  sandbox: 'Sandbox',
  org: 'Organisation',
  orgIdEnding: 'endet auf {ending}',
  user: 'Benutzer',
  connect: 'Verbinden',
  reconnect: 'Erneut verbinden',
  rename: 'Umbenennen',
  remove: 'Entfernen',
  nameLabel: 'Name der Verbindung',
  save: 'Speichern',
  saving: 'Wird gespeichert…',
  cancel: 'Abbrechen',
  nameRequired: 'Geben Sie der Verbindung einen Namen.',
  nameTooLong:
    'Der Name der Verbindung ist {length} Zeichen lang; kürzen Sie ihn auf höchstens {max}.',
  nameInvisible:
    'Der Name enthält einen Zeilenumbruch oder ein anderes unsichtbares Zeichen; schreiben Sie ihn in eine Zeile.',
  removeQuestion: '„{name}“ entfernen?',
  removeDescription:
    'Der Salesforce-Zugriff dafür endet: Die Anmeldung wird widerrufen und die gespeicherten Zugangsdaten werden gelöscht.',
  removeConfirm: 'Entfernen',
  removing: 'Wird entfernt…',
  add: 'Verbindung hinzufügen',
  limitReached:
    'Sie haben {max} Verbindungen, das erlaubte Maximum. Entfernen Sie eine, um eine weitere hinzuzufügen.',
  addUnsupported: 'Dieses Backend speichert nur eine Salesforce-Verbindung.',
  retry: 'Erneut versuchen',
  announceConnected: '„{name}“ verbunden',
  announceRemoved: '„{name}“ entfernt',
  announceRenamed: 'Umbenannt in „{name}“',
  dialogTitleAdd: 'Salesforce-Verbindung hinzufügen',
  dialogTitleReconnect: '„{name}“ verbinden',
  dialogDescription:
    'Richten Sie die App in Salesforce ein, speichern Sie die Zugangsdaten und verbinden Sie sich. Die Verbindung erscheint dann in Ihrer Liste.',
  close: 'Schließen',
};
