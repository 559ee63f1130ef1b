import type { ErrorCatalogue } from '../core/error-catalogue.js';
import { errorCatalogueEn } from '../core/error-catalogue.js';
import { errorCatalogueDe } from '../core/locales/de.js';

/**
 * Strings of `ErrorExplanation` around the catalogue's text (the explanations themselves come
 * from the `errors` message group, an `ErrorCatalogue`). `{description}` is Salesforce's own
 * wording of a pasted error.
 *
 * @example
 * <ErrorExplanation error={error} messages={{ tryAgain: 'Connect again' }} />
 */
export interface ErrorExplanationMessages {
  fixesHeading: string;
  tryAgain: string;
  goToStep: string;
  pasteSummary: string;
  pasteLabel: string;
  pasteHint: string;
  notRecognised: string;
  notRecognisedHint: string;
  salesforceSaid: string;
  /** The button that copies a Salesforce admin's fix as text, shown when the fix is theirs. */
  copyForAdmin: string;
  copiedForAdmin: string;
  copyForAdminFailed: string;
  /** The last line of the copied instructions; `{code}` is the kit's error code. */
  adminInstructionsCode: string;
}

/**
 * English strings of `ErrorExplanation`.
 *
 * @example
 * errorExplanationMessagesEn.notRecognised; // 'We could not recognise that text'
 */
export const errorExplanationMessagesEn: ErrorExplanationMessages = {
  fixesHeading: 'How to fix it',
  tryAgain: 'Try again',
  goToStep: 'Show this step in the setup guide',
  pasteSummary: 'Did Salesforce show an error page? Paste its address or text',
  pasteLabel: 'Address or text of the Salesforce error page',
  pasteHint: 'It is read on this page only; nothing is sent anywhere.',
  notRecognised: 'We could not recognise that text',
  notRecognisedHint:
    'Paste the whole address from the browser’s address bar, or the message shown on the page.',
  salesforceSaid: 'Salesforce said: “{description}”',
  copyForAdmin: 'Copy instructions for your Salesforce admin',
  copiedForAdmin: 'Copied. Paste them into a message to your Salesforce admin.',
  copyForAdminFailed: "Couldn't copy. Select the text above and copy it by hand.",
  adminInstructionsCode: 'Error code: {code}',
};

/**
 * German strings of `ErrorExplanation`.
 *
 * @example
 * <SalesforceConnectMessagesProvider
 *   messages={{ errorExplanation: errorExplanationMessagesDe, errors: errorCatalogueDe }}
 * >
 */
export const errorExplanationMessagesDe: ErrorExplanationMessages = {
  fixesHeading: 'So beheben Sie es',
  tryAgain: 'Erneut versuchen',
  goToStep: 'Diesen Schritt in der Einrichtungsanleitung zeigen',
  pasteSummary: 'Hat Salesforce eine Fehlerseite gezeigt? Fügen Sie deren Adresse oder Text ein',
  pasteLabel: 'Adresse oder Text der Salesforce-Fehlerseite',
  pasteHint: 'Er wird nur auf dieser Seite gelesen und nirgendwohin gesendet.',
  notRecognised: 'Diesen Text konnten wir nicht erkennen',
  notRecognisedHint:
    'Fügen Sie die ganze Adresse aus der Adressleiste des Browsers oder die Meldung der Seite ein.',
  salesforceSaid: 'Salesforce meldete: „{description}“',
  copyForAdmin: 'Anleitung für Ihren Salesforce-Admin kopieren',
  copiedForAdmin: 'Kopiert. Fügen Sie sie in eine Nachricht an Ihren Salesforce-Admin ein.',
  copyForAdminFailed:
    'Kopieren nicht möglich. Markieren Sie den Text oben und kopieren Sie ihn von Hand.',
  adminInstructionsCode: 'Fehlercode: {code}',
};

/**
 * The error explanations by language, as the `errors` message group expects them.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ errors: errorCataloguesByLocale.de }}>
 */
export const errorCataloguesByLocale: { en: ErrorCatalogue; de: ErrorCatalogue } = {
  en: errorCatalogueEn,
  de: errorCatalogueDe,
};
