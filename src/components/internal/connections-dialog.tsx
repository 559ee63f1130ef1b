import * as Dialog from '@radix-ui/react-dialog';
import type { SalesforceConnectAdapter } from '../../adapters/types.js';
import type { SalesforceConnectionsMessages } from '../../messages/connections.js';
import { SalesforceConnect, type SalesforceConnectProps } from '../SalesforceConnect.js';
import { DialogOverlay } from './dialog-overlay.js';

/** What `SalesforceConnections` hands the dialog that runs one connection's flow. */
export interface ConnectionFlowDialogProps {
  adapter: SalesforceConnectAdapter;
  connectionId: string;
  title: string;
  text: SalesforceConnectionsMessages;
  /** The integrator's `SalesforceConnect` props (guide, form, popup…). */
  connect: ConnectionFlowProps | undefined;
  onSuccess: NonNullable<SalesforceConnectProps['onSuccess']>;
  onExit: NonNullable<SalesforceConnectProps['onExit']>;
  /** The dialog asks to close (Escape, Close, outside). */
  onClose: () => void;
  /** The dialog has closed: focus goes where this puts it. */
  onClosed: () => void;
  theme: 'light' | 'dark' | undefined;
  unstyled: boolean | undefined;
}

/**
 * The props of `SalesforceConnect` that `SalesforceConnections` passes through to each
 * connection's flow.
 */
export type ConnectionFlowProps = Omit<
  SalesforceConnectProps,
  | 'adapter'
  | 'apiUrl'
  | 'connectionId'
  | 'mode'
  | 'open'
  | 'defaultOpen'
  | 'onOpenChange'
  | 'messages'
  | 'theme'
  | 'unstyled'
  | 'initialConnection'
>;

/**
 * One connection's connect flow (`SalesforceConnect` for its id) in a modal dialog, in a module
 * of its own: the list pays for Radix's dialog and the flow only when a flow opens (or the page
 * is idle).
 */
export function ConnectionFlowDialog({
  adapter,
  connectionId,
  title,
  text,
  connect,
  onSuccess,
  onExit,
  onClose,
  onClosed,
  theme,
  unstyled,
}: ConnectionFlowDialogProps) {
  const cls = (name: string) => (unstyled ? undefined : name);
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Dialog.Portal>
        <DialogOverlay unstyled={unstyled} theme={theme} />
        <Dialog.Content
          className={cls('sfc-scope sfc-dialog sfc-salesforce-connect-dialog')}
          data-sfc-part="connections-dialog"
          {...(theme ? { 'data-theme': theme } : {})}
          onCloseAutoFocus={(event) => {
            // No trigger to return to: the list puts focus where the outcome leaves it.
            event.preventDefault();
            onClosed();
          }}
        >
          <Dialog.Title className={cls('sfc-dialog-title')} data-sfc-part="dialog-title">
            {title}
          </Dialog.Title>
          <Dialog.Description
            className={cls('sfc-dialog-description')}
            data-sfc-part="dialog-description"
          >
            {text.dialogDescription}
          </Dialog.Description>
          <SalesforceConnect
            {...connect}
            adapter={adapter}
            connectionId={connectionId}
            onSuccess={(details) => {
              connect?.onSuccess?.(details);
              onSuccess(details);
            }}
            onExit={(details) => {
              connect?.onExit?.(details);
              onExit(details);
            }}
            theme={theme}
            unstyled={unstyled}
          />
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
