/**
 * Strings CopyField shows; every one can be replaced for translation.
 *
 * @example
 * <CopyField label="Callback URL" value={url} messages={{ copy: 'Copy URL' }} />
 */
export interface CopyFieldMessages {
  copy: string;
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
  copied: 'Kopiert',
  copyFailed: 'Markieren Sie den Text und kopieren Sie ihn von Hand',
};
