import type { ConnectPhase, ConnectPopupState, ConnectState } from '../core/connect-machine.js';
import type { ConnectError } from '../core/errors.js';
import { createPopupSession } from '../core/popup-session.js';
import type { Connection, ConnectionFlow } from '../core/types.js';
import type { ConnectFlowOptions } from './connect-flow.js';
import { useConnectFlow } from './use-connect-flow.js';

export type {
  ConnectEnvironment,
  ConnectExitReason,
  ConnectPopupOptions,
  SalesforceConnectEvent,
} from './connect-flow.js';

/**
 * Options of {@link useSalesforceConnect}. Only `adapter` is required. Every option is read when
 * it is used, so inline callbacks (and even an adapter created during render) never restart the
 * flow; to switch to another backend, remount with a `key`.
 *
 * @example
 * const options: UseSalesforceConnectOptions = {
 *   adapter,
 *   connectionId: 'sandbox-uat', // omit for the default connection
 *   onSuccess: ({ connection }) => toast(`Connected to ${connection.org?.name}`),
 *   onExit: ({ reason, error }) => reason === 'error' && report(error),
 * };
 */
export type UseSalesforceConnectOptions = ConnectFlowOptions;

/**
 * What {@link useSalesforceConnect} returns. The functions are stable for the component's life.
 *
 * @example
 * const { phase, ready, open, cancel }: UseSalesforceConnectResult = useSalesforceConnect({ adapter });
 */
export interface UseSalesforceConnectResult {
  /** The backend's last answer; undefined until the first load. */
  connection: Connection | undefined;
  phase: ConnectPhase;
  /** An authorize URL is prefetched: a click opens Salesforce directly. */
  ready: boolean;
  /** Why the last step failed (only in `failed`). */
  error: ConnectError | undefined;
  /** The Salesforce window during `authorizing`. */
  popupState: ConnectPopupState;
  /**
   * Starts connecting: opens the popup at once (call it in a click handler). While an attempt
   * runs it brings the window back, or reopens it after the browser blocked it.
   */
  open(): void;
  /** Stops the attempt and closes the popup, or dismisses a failure. */
  cancel(): void;
  /**
   * A fresh click after a blocked or closed popup (reopens it), or "Try again" after a failure
   * (repeats the step that failed). Call it in a click handler too.
   */
  retry(): void;
  /** Revokes and forgets the connection at the backend; resolves with the new connection. */
  disconnect(): Promise<Connection | undefined>;
  /** Asks the backend for the connection again. */
  refresh(): Promise<Connection | undefined>;
  /** Brings the Salesforce window to the front; false when there is none. */
  focusPopup(): boolean;
  /** The whole flow state, for custom UIs and `stateReducer` users. */
  state: ConnectState;
  /** How Connect reaches Salesforce: the `flow` option, `authorization-code` when not given. */
  flow: ConnectionFlow;
}

/**
 * The connect flow as a hook: loads the connection, prefetches an authorize URL while idle, and
 * runs the Salesforce popup from a click to `connected`. Built on core's connect machine through
 * `useSyncExternalStore`; every adapter call is aborted on unmount; StrictMode-safe.
 *
 * @example
 * function Connect({ adapter }: { adapter: SalesforceConnectAdapter }) {
 *   const { phase, connection, open, error } = useSalesforceConnect({
 *     adapter,
 *     onSuccess: ({ connection }) => console.info('connected to', connection.org?.id),
 *   });
 *   if (connection?.status === 'connected') return <p>Connected to {connection.org?.name}</p>;
 *   return (
 *     <>
 *       <button type="button" onClick={open} disabled={phase === 'completing'}>
 *         Connect to Salesforce
 *       </button>
 *       {error && <p role="alert">{error.message}</p>}
 *     </>
 *   );
 * }
 */
export function useSalesforceConnect(
  options: UseSalesforceConnectOptions,
): UseSalesforceConnectResult {
  return useConnectFlow(options, popupSessions);
}

/** The hook loads the popup session with itself: `open()` works from the first render. */
const popupSessions = () => createPopupSession;
