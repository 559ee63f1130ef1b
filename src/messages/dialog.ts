/**
 * Strings of `ConnectDialog`. `{org}` and `{user}` are filled in with the connected org's name
 * (or id) and the user's display name (or username).
 *
 * @example
 * <ConnectDialog connect={flow} messages={{ waitingTitle: 'Waiting for your Salesforce sign-in…' }} />
 */
export interface ConnectDialogMessages {
  startTitle: string;
  startDescription: string;
  openSalesforce: string;
  waitingTitle: string;
  popupOpening: string;
  popupOpen: string;
  focusPopup: string;
  blockedTitle: string;
  blockedDescription: string;
  closedTitle: string;
  closedDescription: string;
  completingTitle: string;
  completingDescription: string;
  failedTitle: string;
  failedDescription: string;
  successTitle: string;
  successDescription: string;
  /** Client credentials flow: the start view's sentence (no window opens). */
  startDescriptionClientCredentials: string;
  /** Client credentials flow: the start view's button. */
  connectClientCredentials: string;
  /** Client credentials flow: while the backend asks Salesforce for a token. */
  connectingTitle: string;
  connectingDescription: string;
  /** Client credentials flow: the success line, `{user}` the app's Run As user. */
  successDescriptionRunAs: string;
  done: string;
  cancel: string;
  close: string;
}

/**
 * English strings of `ConnectDialog`.
 *
 * @example
 * connectDialogMessagesEn.waitingTitle; // 'Waiting for Salesforce…'
 */
export const connectDialogMessagesEn: ConnectDialogMessages = {
  startTitle: 'Connect to Salesforce',
  startDescription: 'Salesforce opens in a new window. Sign in there and allow access.',
  openSalesforce: 'Open Salesforce',
  waitingTitle: 'Waiting for Salesforce…',
  popupOpening: 'Opening the Salesforce window…',
  popupOpen: 'Sign in and allow access in the Salesforce window. This page updates by itself.',
  focusPopup: 'Bring the window back',
  blockedTitle: 'The browser blocked the Salesforce window',
  blockedDescription:
    'Click Open Salesforce to open it. If nothing happens, allow pop-ups for this site.',
  closedTitle: 'The Salesforce window was closed',
  closedDescription: 'Checking whether the connection finished. To sign in again, open Salesforce.',
  completingTitle: 'Finishing…',
  completingDescription: 'Salesforce answered. Saving the connection.',
  failedTitle: 'Could not connect to Salesforce',
  failedDescription: 'Here is what went wrong and how to fix it.',
  successTitle: 'Connected to {org}',
  successDescription: 'Signed in as {user}.',
  startDescriptionClientCredentials:
    "Connects with the saved Consumer Key and Secret, as the app's Run As user. No Salesforce window opens.",
  connectClientCredentials: 'Connect',
  connectingTitle: 'Connecting…',
  connectingDescription:
    "Asking Salesforce for access as the app's Run As user. No Salesforce window opens.",
  successDescriptionRunAs: 'Runs as {user}.',
  done: 'Done',
  cancel: 'Cancel',
  close: 'Close',
};

/**
 * German strings of `ConnectDialog`.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ connectDialog: connectDialogMessagesDe }}>
 */
export const connectDialogMessagesDe: ConnectDialogMessages = {
  startTitle: 'Mit Salesforce verbinden',
  startDescription:
    'Salesforce öffnet sich in einem neuen Fenster. Melden Sie sich dort an und erlauben Sie den Zugriff.',
  openSalesforce: 'Salesforce öffnen',
  waitingTitle: 'Warten auf Salesforce…',
  popupOpening: 'Das Salesforce-Fenster wird geöffnet…',
  popupOpen:
    'Melden Sie sich im Salesforce-Fenster an und erlauben Sie den Zugriff. Diese Seite aktualisiert sich von selbst.',
  focusPopup: 'Fenster wieder anzeigen',
  blockedTitle: 'Der Browser hat das Salesforce-Fenster blockiert',
  blockedDescription:
    'Klicken Sie auf „Salesforce öffnen“. Passiert nichts, erlauben Sie Pop-ups für diese Website.',
  closedTitle: 'Das Salesforce-Fenster wurde geschlossen',
  closedDescription:
    'Es wird geprüft, ob die Verbindung zustande kam. Um sich erneut anzumelden, öffnen Sie Salesforce.',
  completingTitle: 'Wird abgeschlossen…',
  completingDescription: 'Salesforce hat geantwortet. Die Verbindung wird gespeichert.',
  failedTitle: 'Verbindung mit Salesforce fehlgeschlagen',
  failedDescription: 'Was schiefging und wie Sie es beheben.',
  successTitle: 'Verbunden mit {org}',
  successDescription: 'Angemeldet als {user}.',
  startDescriptionClientCredentials:
    'Verbindet mit dem gespeicherten Consumer Key und Secret, als „Run As“-Benutzer der App. Es öffnet sich kein Salesforce-Fenster.',
  connectClientCredentials: 'Verbinden',
  connectingTitle: 'Verbindung wird hergestellt…',
  connectingDescription:
    'Salesforce wird um Zugriff als „Run As“-Benutzer der App gebeten. Es öffnet sich kein Salesforce-Fenster.',
  successDescriptionRunAs: 'Läuft als {user}.',
  done: 'Fertig',
  cancel: 'Abbrechen',
  close: 'Schließen',
};
