import type { ErrorCatalogue } from '../core/error-catalogue.js';
import { guideMessagesDe } from '../core/guide/content-de.js';
import { guideMessagesEn } from '../core/guide/content-en.js';
import type { GuideMessages } from '../core/guide/messages.js';
import { errorCatalogueDe } from '../core/locales/de.js';
import type { CopyFieldMessages } from './copyField.js';
import { copyFieldMessagesDe } from './copyField.js';

/**
 * Every string the setup guide shows: the guide's own text (`guide`, core's `GuideMessages`), the
 * troubleshooting texts (`catalogue`, core's error catalogue; English when absent), the copy
 * buttons' words (`copyField`) and the component's controls. Placeholders: `{done}`, `{total}`,
 * `{label}`, `{message}`.
 *
 * @example
 * <SetupGuide {...config} messages={{ download: 'Save as file' }} />
 */
export interface SetupGuideMessages {
  guide: GuideMessages;
  catalogue?: ErrorCatalogue | undefined;
  copyField?: Partial<CopyFieldMessages> | undefined;
  /** "{done} of {total} done". */
  progress: string;
  progressLabel: string;
  /** The per-step checkbox. */
  markDone: string;
  /** The badge of a step that is done. */
  stepDone: string;
  /** The badge of a step only some orgs need. */
  optional: string;
  /** Label above a step's Setup menu path. */
  setupPath: string;
  /** A deep link into the admin's org: `{label}` is the Setup page. */
  openPage: string;
  newTab: string;
  appTypeLegend: string;
  noExternalClientApps: string;
  setupExperience: string;
  lightning: string;
  classic: string;
  copyForAdmin: string;
  copiedForAdmin: string;
  copyForAdminFailed: string;
  download: string;
  /** The guide could not be built from the configuration: `{message}`. */
  invalidConfig: string;
}

/**
 * English strings of the setup guide (the kit's defaults).
 *
 * @example
 * const messages: SetupGuideMessages = { ...setupGuideMessagesEn, download: 'Save as file' };
 */
export const setupGuideMessagesEn: SetupGuideMessages = {
  guide: guideMessagesEn,
  progress: '{done} of {total} done',
  progressLabel: 'Setup progress',
  markDone: 'Done',
  stepDone: 'Done',
  optional: 'If needed',
  setupPath: 'Where',
  openPage: 'Open {label}',
  newTab: '(opens in a new tab)',
  appTypeLegend: 'Your Salesforce org',
  noExternalClientApps: "My org can't create External Client Apps",
  setupExperience: 'Setup runs in',
  lightning: 'Lightning Experience',
  classic: 'Salesforce Classic',
  copyForAdmin: 'Copy instructions for your Salesforce admin',
  copiedForAdmin: 'Instructions copied. Paste them into an email or ticket.',
  copyForAdminFailed: "Couldn't copy. Download the instructions instead.",
  download: 'Download (.md)',
  invalidConfig: "The setup guide can't be shown: {message}",
};

/**
 * German strings of the setup guide: core's German guide text and error catalogue plus the
 * component's controls.
 *
 * @example
 * <SetupGuide {...config} messages={setupGuideMessagesDe} />
 */
export const setupGuideMessagesDe: SetupGuideMessages = {
  guide: guideMessagesDe,
  catalogue: errorCatalogueDe,
  copyField: copyFieldMessagesDe,
  progress: '{done} von {total} erledigt',
  progressLabel: 'Fortschritt der Einrichtung',
  markDone: 'Erledigt',
  stepDone: 'Erledigt',
  optional: 'Bei Bedarf',
  setupPath: 'Wo',
  openPage: '{label} öffnen',
  newTab: '(öffnet in einem neuen Tab)',
  appTypeLegend: 'Ihre Salesforce-Org',
  noExternalClientApps: 'Meine Org kann keine External Client Apps anlegen',
  setupExperience: 'Setup läuft in',
  lightning: 'Lightning Experience',
  classic: 'Salesforce Classic',
  copyForAdmin: 'Anleitung für Ihren Salesforce-Admin kopieren',
  copiedForAdmin: 'Anleitung kopiert. Fügen Sie sie in eine E-Mail oder ein Ticket ein.',
  copyForAdminFailed: 'Kopieren nicht möglich. Laden Sie die Anleitung stattdessen herunter.',
  download: 'Herunterladen (.md)',
  invalidConfig: 'Die Einrichtungsanleitung kann nicht angezeigt werden: {message}',
};
