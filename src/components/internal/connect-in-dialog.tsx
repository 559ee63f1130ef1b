import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import type { SalesforceConnectMessages } from '../../messages/salesforceConnect.js';
import { useControllableState } from '../../react/use-controllable-state.js';
import { DialogOverlay } from './dialog-overlay.js';
import { DialogWithClose } from './dialog-parts.js';

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
          <DialogWithClose
            title={text.dialogTitle}
            description={text.dialogDescription}
            closeLabel={text.close}
            cls={cls}
          >
            {children}
          </DialogWithClose>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
