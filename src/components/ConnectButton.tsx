import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react';
import type { UseSalesforceConnectResult } from '../hooks/useSalesforceConnect.js';
import { type ConnectButtonMessages, connectButtonMessagesEn } from '../messages/connect.js';
import { useMessages } from '../messages/context.js';
import { composeEventHandlers } from '../react/compose-event-handlers.js';
import { requireProp } from '../react/development.js';
import { partClassName } from './internal/parts.js';

/**
 * The part of `useSalesforceConnect`'s result the button needs.
 *
 * @example
 * const flow: ConnectButtonFlow = useSalesforceConnect({ adapter });
 */
export type ConnectButtonFlow = Pick<
  UseSalesforceConnectResult,
  'open' | 'phase' | 'connection' | 'ready'
>;

/**
 * Props of {@link ConnectButton}; every `<button>` prop passes through, handlers merged with the kit's.
 *
 * @example
 * const props: ConnectButtonProps = { connect: flow, className: 'wide', onClick: () => track('connect') };
 */
export interface ConnectButtonProps extends ComponentPropsWithoutRef<'button'> {
  /** The flow from `useSalesforceConnect`. */
  connect: ConnectButtonFlow;
  /** Replaces the label; keep "Connect to Salesforce" in it so the button stays findable. */
  children?: ReactNode;
  unstyled?: boolean | undefined;
  messages?: Partial<ConnectButtonMessages> | undefined;
}

/**
 * The "Connect to Salesforce" button. A click opens the Salesforce popup at once (inside the
 * click, so browsers allow it); a second click brings the open popup back. Your own `onClick`
 * runs first and can stop the kit's with `event.preventDefault()`. Disabled while credentials
 * are saved or the connection is being finished; `data-state` is the flow's phase.
 *
 * @example
 * const flow = useSalesforceConnect({ adapter, onSuccess });
 * <ConnectButton connect={flow} onClick={() => track('connect_clicked')} />
 */
export const ConnectButton = forwardRef<HTMLButtonElement, ConnectButtonProps>(
  function ConnectButton(
    { connect, onClick, disabled, children, unstyled, messages, className, ...rest },
    ref,
  ) {
    const text = useMessages('connectButton', connectButtonMessagesEn, messages);
    requireProp(
      connect,
      '<ConnectButton>',
      'connect',
      'Pass the object useSalesforceConnect() returns: <ConnectButton connect={useSalesforceConnect({ adapter })} />.',
    );
    const { phase, connection } = connect;
    const busy = phase === 'saving' || phase === 'completing';
    return (
      <button
        type="button"
        {...rest}
        ref={ref}
        className={partClassName('sfc-scope sfc-connect-button sfc-button', {
          unstyled,
          className,
        })}
        data-sfc-part="connect-button"
        data-state={phase}
        data-ready={connect.ready ? '' : undefined}
        disabled={disabled || busy}
        aria-busy={phase === 'authorizing' || busy ? true : undefined}
        onClick={composeEventHandlers(onClick, () => connect.open())}
      >
        {children ?? (connection?.status === 'needs_reauth' ? text.reconnect : text.connect)}
      </button>
    );
  },
);
