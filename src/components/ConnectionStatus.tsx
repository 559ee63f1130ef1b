import {
  type ComponentPropsWithoutRef,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ExplanationValues } from '../core/error-catalogue.js';
import { fillMessage } from '../core/fill-message.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import type { Connection, ConnectionFlow } from '../core/types.js';
import { useMessages } from '../messages/context.js';
import { type ConnectionStatusMessages, connectionStatusMessagesEn } from '../messages/status.js';
import type { ExplainableError } from './ErrorExplanation.js';
import {
  lazyComponent,
  lazyPart,
  useHeldUntilLoaded,
  usePartLoaded,
} from './internal/lazy-part.js';
import { kitClasses, partClassName } from './internal/parts.js';

/**
 * The explanation of an error (the catalogue, fixes, Salesforce's own words) loads only when a
 * status has an error to explain: a connected org's status never needs it.
 */
export const errorExplanationPart = /* @__PURE__ */ lazyPart(() => import('./ErrorExplanation.js'));
const ErrorExplanation = /* @__PURE__ */ lazyComponent(
  errorExplanationPart,
  (m) => m.ErrorExplanation,
);

/**
 * What `ConnectionStatus` shows: its root's `data-state`.
 *
 * @example
 * const shown: ConnectionStatusState = 'needs_reauth';
 */
export type ConnectionStatusState =
  | 'loading'
  | 'disconnected'
  | 'configured'
  | 'connecting'
  | 'connected'
  | 'needs_reauth'
  | 'error';

/**
 * Props of {@link ConnectionStatus}: plain data and callbacks, so it works with
 * `useSalesforceConnect`, `useConnection` or your own state.
 *
 * @example
 * const props: ConnectionStatusProps = { connection, onDisconnect: () => adapter.disconnect() };
 */
export interface ConnectionStatusProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The backend's connection; undefined while it loads. */
  connection: Connection | undefined;
  /** An attempt to connect runs (the flow is authorizing or completing). */
  connecting?: boolean | undefined;
  /** Why the connection could not be loaded, when there is none to show. */
  error?: ExplainableError | undefined;
  /** Shows "Reconnect" when Salesforce needs a new authorization; call `open()` from it. */
  onReconnect?: (() => void) | undefined;
  /** Shows "Disconnect" (with a confirmation step) while connected. */
  onDisconnect?: (() => unknown) | undefined;
  /** A disconnect is in flight. */
  disconnecting?: boolean | undefined;
  /** Values for the error explanation's text. */
  errorValues?: ExplanationValues | undefined;
  onGoToStep?: ((details: { stepId: GuideStepId }) => void) | undefined;
  /**
   * How the product connects, when the connection does not say (`connection.flow` wins). A
   * `client-credentials` connection shows its user as "Runs as" (the app's Run As user, nobody
   * signed in) and offers "Connect again" instead of a new sign-in.
   */
  flow?: ConnectionFlow | undefined;
  unstyled?: boolean | undefined;
  messages?: Partial<ConnectionStatusMessages> | undefined;
}

function stateOf(
  connection: Connection | undefined,
  connecting: boolean,
  error: unknown,
): ConnectionStatusState {
  if (connecting) return 'connecting';
  if (!connection) return error ? 'error' : 'loading';
  return connection.status;
}

const subscribeNothing = () => () => {};

/** How many of the org id's last characters tell two orgs apart at a glance. */
const ORG_ID_ENDING_LENGTH = 6;

/**
 * True after hydration: dates are formatted in the browser's time zone and locale only then, so
 * the server's markup and the first client render agree.
 */
const useIsClient = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

/**
 * Where the Salesforce connection stands, in a `role="status"` live region whose text contains
 * "Connected" when connected and "Not connected" when not (in English): disconnected, credentials
 * saved, connecting, connected (org name, the org id's last characters, instance, user, since
 * when, a Sandbox badge: enough for an admin to tell two orgs apart), needs
 * re-authorization (with Reconnect), or an error with its explanation. Disconnect asks first.
 *
 * @example
 * const flow = useSalesforceConnect({ adapter });
 * <ConnectionStatus
 *   connection={flow.connection}
 *   connecting={flow.phase === 'authorizing' || flow.phase === 'completing'}
 *   onReconnect={flow.open}
 *   onDisconnect={flow.disconnect}
 *   disconnecting={flow.state.disconnecting}
 * />
 */
export function ConnectionStatus({
  connection,
  connecting = false,
  error,
  onReconnect,
  onDisconnect,
  disconnecting = false,
  errorValues,
  onGoToStep,
  flow,
  unstyled,
  messages,
  className,
  ...rest
}: ConnectionStatusProps) {
  const runsAs = (connection?.flow ?? flow) === 'client-credentials';
  const text = useMessages('connectionStatus', connectionStatusMessagesEn, messages);
  const cls = kitClasses(unstyled);
  const state = stateOf(connection, connecting, error);
  const isClient = useIsClient();
  const id = useId();

  const [confirming, setConfirming] = useState(false);
  const headlineRef = useRef<HTMLParagraphElement>(null);
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the confirmation step goes away.
  const focusAfter = useRef<'keep' | 'disconnect' | 'headline' | undefined>(undefined);
  useEffect(() => {
    const target = focusAfter.current;
    if (confirming) keepRef.current?.focus();
    else if (target === 'disconnect') disconnectRef.current?.focus();
    else if (target === 'headline') headlineRef.current?.focus();
    focusAfter.current = undefined;
  }, [confirming]);

  const org = connection?.org;
  const orgLabel = org?.name ?? org?.id;
  let headline: string;
  switch (state) {
    case 'loading':
      headline = text.loading;
      break;
    case 'connecting':
      headline = text.connecting;
      break;
    case 'connected':
      headline = orgLabel ? fillMessage(text.connectedTo, { org: orgLabel }) : text.connected;
      break;
    case 'configured':
      headline = text.configured;
      break;
    case 'needs_reauth':
      headline = text.needsReauth;
      break;
    case 'error':
      headline = text.error;
      break;
    default:
      headline = text.notConnected;
  }

  const explained = connection?.error ?? error;
  const canDisconnect =
    onDisconnect !== undefined &&
    !connecting &&
    (state === 'connected' || state === 'needs_reauth' || state === 'error') &&
    connection !== undefined;
  const since = connection?.connectedAt;
  const sinceDate = since ? new Date(since) : undefined;
  const sinceText =
    sinceDate && !Number.isNaN(sinceDate.getTime())
      ? isClient
        ? new Intl.DateTimeFormat(text.dateLocale || undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(sinceDate)
        : sinceDate.toISOString().slice(0, 10)
      : undefined;
  const user = connection?.user;

  const detail = (label: string, value: string | undefined, part: string) =>
    value ? (
      <div className={cls('sfc-status-detail')} data-sfc-part={part}>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ) : null;

  const explanationLoaded = usePartLoaded(errorExplanationPart, false);
  const explanation = useHeldUntilLoaded(
    explained && (state === 'error' || state === 'configured' || state === 'needs_reauth') ? (
      // The headline already says what went wrong; the explanation joins it once loaded.
      <Suspense fallback={null}>
        <ErrorExplanation
          error={explained}
          summary
          values={errorValues}
          onGoToStep={onGoToStep}
          headingLevel={3}
          unstyled={unstyled}
          className={cls('sfc-status-error')}
        />
      </Suspense>
    ) : null,
    explanationLoaded,
  );

  return (
    <div
      {...rest}
      className={partClassName('sfc-scope sfc-status', { unstyled, className })}
      data-sfc-part="connection-status"
      data-state={state}
    >
      <div className={cls('sfc-status-head')}>
        <span className={cls('sfc-status-dot')} data-sfc-part="status-indicator" aria-hidden />
        <p
          ref={headlineRef}
          id={`${id}-status`}
          // Named by its own text, so `getByRole('status', { name: /Connected/ })` tells it apart
          // from the kit's other live regions (copy confirmations, form notices).
          aria-labelledby={`${id}-status`}
          role="status"
          tabIndex={-1}
          className={cls('sfc-status-headline')}
          data-sfc-part="status-headline"
        >
          {disconnecting ? text.disconnecting : headline}
        </p>
        {org?.isSandbox ? (
          <span className={cls('sfc-status-badge')} data-sfc-part="status-sandbox-badge">
            {text.sandbox}
          </span>
        ) : null}
      </div>

      {state === 'connected' || (state === 'needs_reauth' && org) ? (
        <dl className={cls('sfc-status-details')} data-sfc-part="status-details">
          {detail(text.org, orgLabel, 'status-org')}
          {/* Two orgs can share a name (a sandbox is named after production): the id's ending
              tells them apart. Shown beside a name only; without one the whole id is the label. */}
          {org?.name && org.id
            ? detail(
                text.orgId,
                fillMessage(text.orgIdEnding, { ending: org.id.slice(-ORG_ID_ENDING_LENGTH) }),
                'status-org-id',
              )
            : null}
          {detail(text.instance, org?.instanceUrl, 'status-instance')}
          {detail(
            runsAs ? text.runsAs : text.user,
            user
              ? user.displayName && user.displayName !== user.username
                ? `${user.displayName} (${user.username})`
                : user.username
              : undefined,
            'status-user',
          )}
          {sinceText ? (
            <div className={cls('sfc-status-detail')} data-sfc-part="status-since">
              <dt>{text.since}</dt>
              <dd>
                <time dateTime={since}>{sinceText}</time>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      {state === 'needs_reauth' ? (
        <p className={cls('sfc-description')} data-sfc-part="status-description">
          {runsAs ? text.needsReauthDescriptionClientCredentials : text.needsReauthDescription}
        </p>
      ) : null}

      {explanation}

      {confirming ? (
        <fieldset
          aria-describedby={`${id}-confirm-detail`}
          className={cls('sfc-status-confirm')}
          data-sfc-part="status-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              focusAfter.current = 'disconnect';
              setConfirming(false);
            }
          }}
        >
          <legend className={cls('sfc-status-confirm-question')}>{text.confirmQuestion}</legend>
          <p id={`${id}-confirm-detail`} className={cls('sfc-description')}>
            {text.confirmDescription}
          </p>
          <div className={cls('sfc-status-actions')}>
            <button
              ref={keepRef}
              type="button"
              className={cls('sfc-button')}
              data-variant="secondary"
              data-sfc-part="status-confirm-cancel"
              onClick={() => {
                focusAfter.current = 'disconnect';
                setConfirming(false);
              }}
            >
              {text.cancel}
            </button>
            <button
              type="button"
              className={cls('sfc-button')}
              data-variant="danger"
              data-sfc-part="status-confirm-disconnect"
              onClick={() => {
                focusAfter.current = 'headline';
                setConfirming(false);
                onDisconnect?.();
              }}
            >
              {text.confirmDisconnect}
            </button>
          </div>
        </fieldset>
      ) : (state === 'needs_reauth' && onReconnect) || canDisconnect ? (
        <div className={cls('sfc-status-actions')} data-sfc-part="status-actions">
          {state === 'needs_reauth' && onReconnect ? (
            <button
              type="button"
              className={cls('sfc-button')}
              data-sfc-part="status-reconnect"
              onClick={onReconnect}
            >
              {runsAs ? text.connectAgain : text.reconnect}
            </button>
          ) : null}
          {canDisconnect ? (
            <button
              ref={disconnectRef}
              type="button"
              className={cls('sfc-button')}
              data-variant="secondary"
              data-sfc-part="status-disconnect"
              disabled={disconnecting}
              onClick={() => setConfirming(true)}
            >
              {text.disconnect}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
