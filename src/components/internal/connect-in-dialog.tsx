import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import type { SalesforceConnectMessages } from '../../messages/salesforceConnect.js';
import { useControllableState } from '../../react/use-controllable-state.js';
import { DialogOverlay } from './dialog-overlay.js';

/** What `SalesforceConnect mode="dialog"` hands its dialog. */
export interface ConnectInDialogProps {
  open: boolean | undefined;
  defaultOpen: boolean;
  onOpenChange: ((open: boolean) => void) | undefined;
  rootProps: { className: string | undefined; 'data-sfc-part': string; 'data-state': string };
  theme: 'light' | 'dark' | undefined;
  unstyled: boolean | undefined;
  text: SalesforceConnectMessages;
  cls: (name: string) => string | undefined;
  children: ReactNode;
}

/**
 * `SalesforceConnect` behind one button (`mode="dialog"`), in a module of its own so that the
 * inline mode never loads Radix's dialog for it.
 */
export function ConnectInDialog({
  open: openProp,
  defaultOpen,
  onOpenChange,
  rootProps,
  theme,
  unstyled,
  text,
  cls,
  children,
}: ConnectInDialogProps) {
  const [open, setOpen] = useControllableState({
    prop: openProp,
    defaultProp: defaultOpen,
    onChange: onOpenChange,
  });
  const themeAttribute = theme ? { 'data-theme': theme } : {};
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className={cls('sfc-scope sfc-button')}
        data-sfc-part="salesforce-connect-trigger"
        {...themeAttribute}
      >
        {text.trigger}
      </Dialog.Trigger>
      <Dialog.Portal>
        <DialogOverlay unstyled={unstyled} theme={theme} />
        <Dialog.Content
          {...rootProps}
          className={
            [rootProps.className, cls('sfc-dialog sfc-salesforce-connect-dialog')]
              .filter(Boolean)
              .join(' ') || undefined
          }
        >
          <Dialog.Title className={cls('sfc-dialog-title')} data-sfc-part="dialog-title">
            {text.dialogTitle}
          </Dialog.Title>
          <Dialog.Description
            className={cls('sfc-dialog-description')}
            data-sfc-part="dialog-description"
          >
            {text.dialogDescription}
          </Dialog.Description>
          {children}
          <div className={cls('sfc-dialog-actions')} data-sfc-part="dialog-actions">
            <Dialog.Close className={cls('sfc-button')} data-variant="secondary">
              {text.close}
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
