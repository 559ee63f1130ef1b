/**
 * Strings of `SalesforceConnect` itself (its parts have their own groups).
 *
 * @example
 * <SalesforceConnect adapter={adapter} mode="dialog" messages={{ salesforceConnect: { trigger: 'Salesforce' } }} />
 */
export interface SalesforceConnectMessages {
  trigger: string;
  dialogTitle: string;
  dialogDescription: string;
  close: string;
  showGuide: string;
  /** Announced while the guide and form arrive (they load on demand). */
  loadingSetup: string;
  /** The product's name in the guide when neither `setup` nor the backend gives one. */
  vendorFallback: string;
  /** Beside Connect while the credentials form holds changes that are not saved. */
  unsavedCredentials: string;
  /** Heading of the choice after a reconnect landed in another org (error `org_changed`). */
  orgChangeTitle: string;
  /** Under it; `{previousOrg}` and `{newOrg}` are the orgs' names with their ids' endings. */
  orgChangeExplanation: string;
  /** An org in that sentence: `{name}` and `{ending}` (the id's last characters). */
  orgChangeOrg: string;
  orgChangeKeepNew: string;
  orgChangeGoBack: string;
  /** Announced while the choice is saved. */
  orgChangeSaving: string;
  /** Announced after each choice. */
  orgChangeKept: string;
  orgChangeWentBack: string;
}

/**
 * English strings of `SalesforceConnect`.
 *
 * @example
 * salesforceConnectMessagesEn.trigger; // 'Salesforce connection'
 */
export const salesforceConnectMessagesEn: SalesforceConnectMessages = {
  trigger: 'Salesforce connection',
  dialogTitle: 'Salesforce connection',
  dialogDescription: 'Set up and manage the connection to your Salesforce org.',
  close: 'Close',
  showGuide: 'Setup guide and credentials',
  loadingSetup: 'Loading the setup guide…',
  vendorFallback: 'This app',
  unsavedCredentials:
    'Your changes to the credentials are not saved: Connect uses the saved ones. Save them first to connect with the new ones.',
  orgChangeTitle: 'This is a different Salesforce org than before',
  orgChangeExplanation:
    'You signed in to {newOrg}, but this connection uses {previousOrg}. A refreshed sandbox gets a new org id behind the same address. Keep the new org to switch to it (the previous connection is revoked), or go back to keep the previous connection.',
  orgChangeOrg: '{name} (org id ending in {ending})',
  orgChangeKeepNew: 'Keep the new org',
  orgChangeGoBack: 'Go back to the previous org',
  orgChangeSaving: 'Saving your choice…',
  orgChangeKept: 'Switched to the new org.',
  orgChangeWentBack: 'Kept the previous org.',
};

/**
 * German strings of `SalesforceConnect`.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ salesforceConnect: salesforceConnectMessagesDe }}>
 */
export const salesforceConnectMessagesDe: SalesforceConnectMessages = {
  trigger: 'Salesforce-Verbindung',
  dialogTitle: 'Salesforce-Verbindung',
  dialogDescription: 'Verbindung zu Ihrer Salesforce-Organisation einrichten und verwalten.',
  close: 'Schließen',
  showGuide: 'Einrichtungsanleitung und Zugangsdaten',
  loadingSetup: 'Einrichtungsanleitung wird geladen…',
  vendorFallback: 'Diese App',
  unsavedCredentials:
    'Ihre Änderungen an den Zugangsdaten sind nicht gespeichert: Verbinden nutzt die gespeicherten. Speichern Sie zuerst, um mit den neuen zu verbinden.',
  orgChangeTitle: 'Das ist eine andere Salesforce-Org als zuvor',
  orgChangeExplanation:
    'Sie haben sich bei {newOrg} angemeldet, diese Verbindung nutzt aber {previousOrg}. Eine aktualisierte Sandbox bekommt hinter derselben Adresse eine neue Org-ID. Behalten Sie die neue Org, um zu ihr zu wechseln (die bisherige Verbindung wird widerrufen), oder gehen Sie zurück, um die bisherige Verbindung zu behalten.',
  orgChangeOrg: '{name} (Org-ID endet auf {ending})',
  orgChangeKeepNew: 'Neue Org behalten',
  orgChangeGoBack: 'Zurück zur bisherigen Org',
  orgChangeSaving: 'Ihre Wahl wird gespeichert…',
  orgChangeKept: 'Zur neuen Org gewechselt.',
  orgChangeWentBack: 'Die bisherige Org wurde behalten.',
};
