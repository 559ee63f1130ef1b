/**
 * Strings CopyField shows; every one can be replaced for translation.
 *
 * @example
 * <CopyField label="Callback URL" value={url} messages={{ copy: 'Copy URL' }} />
 */
export interface CopyFieldMessages {
  copy: string;
  /** The button's accessible name: `{label}` is the field's label. */
  copyLabel: string;
  copied: string;
  copyFailed: string;
}

/**
 * English strings of CopyField (the kit's defaults).
 *
 * @example
 * const messages: CopyFieldMessages = { ...copyFieldMessagesEn, copied: 'Copied!' };
 */
export const copyFieldMessagesEn: CopyFieldMessages = {
  copy: 'Copy',
  copyLabel: 'Copy {label}',
  copied: 'Copied',
  copyFailed: 'Select the text and copy it by hand',
};

/**
 * German strings of CopyField.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ copyField: copyFieldMessagesDe }}>
 */
export const copyFieldMessagesDe: CopyFieldMessages = {
  copy: 'Kopieren',
  copyLabel: '{label} kopieren',
  copied: 'Kopiert',
  copyFailed: 'Markieren Sie den Text und kopieren Sie ihn von Hand',
};
