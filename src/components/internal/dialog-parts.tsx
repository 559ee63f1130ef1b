import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

type KitClass = (name: string) => string | undefined;

/**
 * A dialog's title and description. Radix names and describes the dialog with them; every dialog
 * of the kit (the Connect dialog and both dialogs that hold `SalesforceConnect`) starts with them.
 */
export function DialogHeading({
  title,
  description,
  cls,
}: {
  title: ReactNode;
  description: ReactNode;
  cls: KitClass;
}) {
  return (
    <>
      <Dialog.Title className={cls('sfc-dialog-title')} data-sfc-part="dialog-title">
        {title}
      </Dialog.Title>
      <Dialog.Description
        className={cls('sfc-dialog-description')}
        data-sfc-part="dialog-description"
      >
        {description}
      </Dialog.Description>
    </>
  );
}

/**
 * What a dialog holding `SalesforceConnect` shows around it: the heading, the component, and one
 * Close button (`mode="dialog"` and a connection's flow in `SalesforceConnections`).
 */
export function DialogWithClose({
  title,
  description,
  closeLabel,
  cls,
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  closeLabel: string;
  cls: KitClass;
  children: ReactNode;
}) {
  return (
    <>
      <DialogHeading title={title} description={description} cls={cls} />
      {children}
      <div className={cls('sfc-dialog-actions')} data-sfc-part="dialog-actions">
        <Dialog.Close className={cls('sfc-button')} data-variant="secondary">
          {closeLabel}
        </Dialog.Close>
      </div>
    </>
  );
}
