import * as Dialog from '@radix-ui/react-dialog';
import type { SalesforceConnectAdapter } from '../../adapters/types.js';
import type { SalesforceConnectionsMessages } from '../../messages/connections.js';
import { SalesforceConnect, type SalesforceConnectProps } from '../SalesforceConnect.js';
import { DialogOverlay } from './dialog-overlay.js';
import { DialogWithClose } from './dialog-parts.js';

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
          <DialogWithClose
            title={title}
            description={text.dialogDescription}
            closeLabel={text.close}
            cls={cls}
          >
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
          </DialogWithClose>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
