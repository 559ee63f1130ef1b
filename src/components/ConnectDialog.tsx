import * as Dialog from '@radix-ui/react-dialog';
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import type { ExplanationValues } from '../core/error-catalogue.js';
import { fillMessage } from '../core/fill-message.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import type { UseSalesforceConnectResult } from '../hooks/useSalesforceConnect.js';
import { useMessages } from '../messages/context.js';
import { type ConnectDialogMessages, connectDialogMessagesEn } from '../messages/dialog.js';
import { requireProp } from '../react/development.js';
import { useControllableState } from '../react/use-controllable-state.js';
import { ErrorExplanation } from './ErrorExplanation.js';
import { DialogOverlay } from './internal/dialog-overlay.js';
import { DialogHeading } from './internal/dialog-parts.js';
import { kitClasses, partClassName } from './internal/parts.js';

/**
 * What the dialog shows, derived from the flow: `data-state` of its content.
 *
 * @example
 * const view: ConnectDialogView = 'blocked';
 */
export type ConnectDialogView =
  | 'start'
  | 'waiting'
  | 'blocked'
  | 'closed'
  | 'completing'
  | 'failed'
  | 'succeeded';

/**
 * The part of `useSalesforceConnect`'s result the dialog needs.
 *
 * @example
 * const flow: ConnectDialogFlow = useSalesforceConnect({ adapter });
 */
export type ConnectDialogFlow = Pick<
  UseSalesforceConnectResult,
  'phase' | 'popupState' | 'connection' | 'error' | 'open' | 'cancel' | 'retry' | 'focusPopup'
> &
  Partial<Pick<UseSalesforceConnectResult, 'flow'>>;

/**
 * Props of {@link ConnectDialog}.
 *
 * @example
 * const props: ConnectDialogProps = { connect: flow, errorValues: { callbackUrl }, theme: 'dark' };
 */
export interface ConnectDialogProps {
  /** The flow from `useSalesforceConnect`. */
  connect: ConnectDialogFlow;
  /** Controlled open state; leave undefined to let the dialog open itself when connecting starts. */
  open?: boolean | undefined;
  defaultOpen?: boolean | undefined;
  onOpenChange?: ((open: boolean) => void) | undefined;
  /** Opens the dialog whenever a connection attempt starts; default true. */
  openOnConnect?: boolean | undefined;
  /** Where focus goes when the dialog closes; default the element focused when it opened. */
  returnFocusRef?: RefObject<HTMLElement | null> | undefined;
  /** Values for the error explanations' fixes (callback URL, login URL, app name). */
  errorValues?: ExplanationValues | undefined;
  /** Called by an error's "show this step" link, after the dialog closed. */
  onGoToStep?: ((details: { stepId: GuideStepId }) => void) | undefined;
  /** Forces the light or dark theme on the dialog (it renders in a portal, outside your page's kit root). */
  theme?: 'light' | 'dark' | undefined;
  /** Where the portal renders; default `document.body`. */
  container?: HTMLElement | null | undefined;
  className?: string | undefined;
  unstyled?: boolean | undefined;
  messages?: Partial<ConnectDialogMessages> | undefined;
}

// Inline, so the announcement stays hidden with `unstyled` too.
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

function viewOf(connect: ConnectDialogFlow): ConnectDialogView {
  switch (connect.phase) {
    case 'authorizing':
      if (connect.popupState === 'blocked') return 'blocked';
      return connect.popupState === 'closed' ? 'closed' : 'waiting';
    case 'completing':
      return 'completing';
    case 'failed':
      return connect.error ? 'failed' : 'start';
    case 'succeeded':
      return 'succeeded';
    default:
      return 'start';
  }
}

/**
 * The modal that accompanies the Salesforce popup (Radix Dialog): "Waiting for Salesforce…" with
 * the window's state and "Bring the window back", an "Open Salesforce" button when the browser
 * blocked the popup or it was closed (a fresh click may open it), "Finishing…", the error with
 * its fixes and "Try again", and the success. Escape or Cancel stops the attempt; focus returns
 * where it was. Uncontrolled, it opens itself when an attempt starts.
 *
 * @example
 * const flow = useSalesforceConnect({ adapter });
 * <>
 *   <ConnectButton connect={flow} />
 *   <ConnectDialog connect={flow} errorValues={{ callbackUrl }} />
 * </>
 */
export function ConnectDialog({
  connect,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  openOnConnect = true,
  returnFocusRef,
  errorValues,
  onGoToStep,
  theme,
  container,
  className,
  unstyled,
  messages,
}: ConnectDialogProps) {
  const text = useMessages('connectDialog', connectDialogMessagesEn, messages);
  const [open, setOpen] = useControllableState({
    prop: openProp,
    defaultProp: defaultOpen,
    onChange: onOpenChange,
  });
  const cls = kitClasses(unstyled);
  requireProp(
    connect,
    '<ConnectDialog>',
    'connect',
    'Pass the object useSalesforceConnect() returns: <ConnectDialog connect={flow} />.',
  );
  const view = viewOf(connect);
  const { phase } = connect;
  // No popup: the backend asks Salesforce for a token as the app's Run As user.
  const clientCredentials = (connect.flow ?? connect.connection?.flow) === 'client-credentials';

  // Open when an attempt starts (the click that opened the popup also brings this up). A client
  // credentials connect has no window to wait for and starts in `completing`.
  const previousPhase = useRef(phase);
  useEffect(() => {
    const running = (p: typeof phase) => p === 'authorizing' || p === 'completing';
    const started = running(phase) && !running(previousPhase.current);
    previousPhase.current = phase;
    if (started && openOnConnect && !open) setOpen(true);
  }, [phase, openOnConnect, open, setOpen]);

  const focusedBefore = useRef<HTMLElement | null>(null);
  // Following an error's guide link moves focus to that step: closing must not take it back.
  const keepFocusWhereItGoes = useRef(false);

  const close = () => {
    // Leaving while something runs stops it; leaving a failure dismisses it.
    if (phase === 'authorizing' || phase === 'completing' || phase === 'failed') connect.cancel();
    setOpen(false);
  };

  const button = (
    label: string,
    onClick: () => void,
    part: string,
    variant?: 'secondary' | 'link',
  ) => (
    <button
      // Keyed by part: a view change swaps buttons instead of restyling one in place, which would
      // fade light text across a changing background (unreadable mid-transition).
      key={part}
      type="button"
      className={cls('sfc-button')}
      data-variant={variant}
      data-sfc-part={part}
      onClick={onClick}
    >
      {label}
    </button>
  );
  const cancelButton = button(text.cancel, close, 'dialog-cancel', 'secondary');
  const openSalesforce = button(text.openSalesforce, connect.retry, 'dialog-open-salesforce');

  const org = connect.connection?.org;
  const user = connect.connection?.user;
  let title: string;
  let description: string;
  let body: ReactNode = null;
  let actions: ReactNode;
  switch (view) {
    case 'waiting':
      title = text.waitingTitle;
      description = connect.popupState === 'open' ? text.popupOpen : text.popupOpening;
      actions = (
        <>
          {button(text.focusPopup, connect.focusPopup, 'dialog-focus-popup')}
          {cancelButton}
        </>
      );
      break;
    case 'blocked':
      title = text.blockedTitle;
      description = text.blockedDescription;
      actions = (
        <>
          {openSalesforce}
          {cancelButton}
        </>
      );
      break;
    case 'closed':
      title = text.closedTitle;
      description = text.closedDescription;
      actions = (
        <>
          {openSalesforce}
          {cancelButton}
        </>
      );
      break;
    case 'completing':
      title = clientCredentials ? text.connectingTitle : text.completingTitle;
      description = clientCredentials ? text.connectingDescription : text.completingDescription;
      actions = cancelButton;
      break;
    case 'failed': {
      title = text.failedTitle;
      description = text.failedDescription;
      const code = connect.error?.code ?? 'unknown';
      body = (
        <ErrorExplanation
          error={connect.error ?? code}
          values={errorValues}
          onRetry={connect.retry}
          retryLabel={
            code === 'popup_closed' || code === 'popup_blocked' ? text.openSalesforce : undefined
          }
          onGoToStep={
            onGoToStep
              ? (details) => {
                  keepFocusWhereItGoes.current = true;
                  close();
                  onGoToStep(details);
                }
              : undefined
          }
          unstyled={unstyled}
        />
      );
      actions = button(text.close, close, 'dialog-close', 'secondary');
      break;
    }
    case 'succeeded':
      title = fillMessage(text.successTitle, { org: org?.name ?? org?.id ?? 'Salesforce' });
      description = user
        ? fillMessage(clientCredentials ? text.successDescriptionRunAs : text.successDescription, {
            user: user.displayName ?? user.username,
          })
        : (org?.instanceUrl ?? '');
      actions = button(text.done, () => setOpen(false), 'dialog-done');
      break;
    default:
      title = text.startTitle;
      description = clientCredentials
        ? text.startDescriptionClientCredentials
        : text.startDescription;
      actions = (
        <>
          {clientCredentials
            ? button(text.connectClientCredentials, connect.open, 'dialog-connect')
            : button(text.openSalesforce, connect.open, 'dialog-open-salesforce')}
          {cancelButton}
        </>
      );
  }

  const themeAttribute = theme ? { 'data-theme': theme } : {};
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (next ? setOpen(true) : close())}>
      <Dialog.Portal container={container ?? undefined}>
        <DialogOverlay unstyled={unstyled} theme={theme} />
        <Dialog.Content
          className={partClassName('sfc-scope sfc-dialog', { unstyled, className })}
          data-sfc-part="dialog"
          data-state={view}
          {...themeAttribute}
          onOpenAutoFocus={() => {
            // Runs before focus moves in: remember where to return it.
            focusedBefore.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(event) => {
            if (keepFocusWhereItGoes.current) {
              keepFocusWhereItGoes.current = false;
              event.preventDefault();
              return;
            }
            const target = returnFocusRef?.current ?? focusedBefore.current;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
        >
          <DialogHeading title={title} description={description} cls={cls} />
          {view === 'waiting' || view === 'completing' ? (
            <span
              className={cls('sfc-dialog-spinner')}
              data-sfc-part="dialog-spinner"
              aria-hidden
            />
          ) : null}
          {body}
          <div className={cls('sfc-dialog-actions')} data-sfc-part="dialog-actions">
            {actions}
          </div>
          <p style={visuallyHidden} aria-live="polite" aria-atomic>
            {`${title}. ${description}`}
          </p>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
