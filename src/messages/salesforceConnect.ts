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
};
