import type { ErrorCatalogue } from '../core/error-catalogue.js';
import { errorCatalogueEn } from '../core/error-catalogue.js';
import { errorCatalogueDe } from '../core/locales/de.js';
import {
  type ConnectButtonMessages,
  connectButtonMessagesDe,
  connectButtonMessagesEn,
} from './connect.js';
import {
  type SalesforceConnectionsMessages,
  salesforceConnectionsMessagesDe,
  salesforceConnectionsMessagesEn,
} from './connections.js';
import { type CopyFieldMessages, copyFieldMessagesDe, copyFieldMessagesEn } from './copyField.js';
import {
  type CredentialsFormMessages,
  credentialsFormMessagesDe,
  credentialsFormMessagesEn,
} from './credentialsForm.js';
import {
  type ConnectDialogMessages,
  connectDialogMessagesDe,
  connectDialogMessagesEn,
} from './dialog.js';
import {
  type ErrorExplanationMessages,
  errorExplanationMessagesDe,
  errorExplanationMessagesEn,
} from './errorExplanation.js';
import {
  type SalesforceConnectMessages,
  salesforceConnectMessagesDe,
  salesforceConnectMessagesEn,
} from './salesforceConnect.js';
import {
  type SetupGuideMessages,
  setupGuideMessagesDe,
  setupGuideMessagesEn,
} from './setupGuide.js';
import {
  type ConnectionStatusMessages,
  connectionStatusMessagesDe,
  connectionStatusMessagesEn,
} from './status.js';

/**
 * Every string the kit shows, by message group: a complete locale. Pass one (or part of one) to
 * `SalesforceConnect`'s `messages` or to `SalesforceConnectMessagesProvider`.
 */
export interface SalesforceConnectLocale {
  copyField: CopyFieldMessages;
  credentialsForm: CredentialsFormMessages;
  setupGuide: SetupGuideMessages;
  connectButton: ConnectButtonMessages;
  connectDialog: ConnectDialogMessages;
  connectionStatus: ConnectionStatusMessages;
  errorExplanation: ErrorExplanationMessages;
  /** The error catalogue: what each error code means for the admin and how to fix it. */
  errors: ErrorCatalogue;
  salesforceConnect: SalesforceConnectMessages;
  salesforceConnections: SalesforceConnectionsMessages;
}

/** Any part of a locale: each group may override some of its strings. */
export type SalesforceConnectLocaleOverrides = {
  [Group in keyof SalesforceConnectLocale]?: Partial<SalesforceConnectLocale[Group]>;
};

/**
 * The kit's English strings (its defaults), as one locale object to start a translation from.
 *
 * @example
 * const fr: SalesforceConnectLocale = { ...localeEn, connectButton: { ...localeEn.connectButton, … } };
 */
export const localeEn: SalesforceConnectLocale = {
  copyField: copyFieldMessagesEn,
  credentialsForm: credentialsFormMessagesEn,
  setupGuide: setupGuideMessagesEn,
  connectButton: connectButtonMessagesEn,
  connectDialog: connectDialogMessagesEn,
  connectionStatus: connectionStatusMessagesEn,
  errorExplanation: errorExplanationMessagesEn,
  errors: errorCatalogueEn,
  salesforceConnect: salesforceConnectMessagesEn,
  salesforceConnections: salesforceConnectionsMessagesEn,
};

/**
 * The kit in German: every group, the setup guide and the error catalogue.
 *
 * @example
 * <SalesforceConnect adapter={adapter} messages={localeDe} />
 */
export const localeDe: SalesforceConnectLocale = {
  copyField: copyFieldMessagesDe,
  credentialsForm: credentialsFormMessagesDe,
  setupGuide: setupGuideMessagesDe,
  connectButton: connectButtonMessagesDe,
  connectDialog: connectDialogMessagesDe,
  connectionStatus: connectionStatusMessagesDe,
  errorExplanation: errorExplanationMessagesDe,
  errors: errorCatalogueDe,
  salesforceConnect: salesforceConnectMessagesDe,
  salesforceConnections: salesforceConnectionsMessagesDe,
};
