import {
  type FormEvent,
  type KeyboardEvent,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import { type ConnectError, toConnectError } from '../core/errors.js';
import { fillMessage } from '../core/fill-message.js';
import { CONNECTION_NAME_MAX_LENGTH, type Connection } from '../core/types.js';
import {
  type UseSalesforceConnectionsOptions,
  useSalesforceConnections,
} from '../hooks/useSalesforceConnections.js';
import {
  type SalesforceConnectionsMessages,
  salesforceConnectionsMessagesEn,
} from '../messages/connections.js';
import { SalesforceConnectMessagesProvider, useMessages } from '../messages/context.js';
import type { SalesforceConnectLocaleOverrides } from '../messages/locales.js';
import { errorExplanationPart } from './ConnectionStatus.js';
import { useAdapterProp } from './internal/adapter-prop.js';
import type { ConnectionFlowProps } from './internal/connections-dialog.js';
import { lazyComponent, lazyPart, usePartLoaded, whenIdle } from './internal/lazy-part.js';
import { kitClasses, partClassName } from './internal/parts.js';

/** The dialog that runs one connection's flow (Radix Dialog and `SalesforceConnect`). */
const flowDialogPart = /* @__PURE__ */ lazyPart(() => import('./internal/connections-dialog.js'));
const ConnectionFlowDialog = /* @__PURE__ */ lazyComponent(
  flowDialogPart,
  (m) => m.ConnectionFlowDialog,
);
const ErrorExplanation = /* @__PURE__ */ lazyComponent(
  errorExplanationPart,
  (m) => m.ErrorExplanation,
);

const ignoreFailure = () => {
  // A part that failed to arrive is loaded again when its view needs it.
};

/** Refusals of the tenant's policy, explained beside "Add connection" once the flow closes. */
const POLICY_ERRORS: ReadonlySet<string> = new Set(['connection_limit', 'duplicate_org']);

/** How many of the org id's last characters tell two orgs apart at a glance. */
const ORG_ID_ENDING_LENGTH = 6;

/**
 * What happened to a connection, for `SalesforceConnections`' `onChange`.
 *
 * @example
 * const event: SalesforceConnectionsEvent = { type: 'removed', connectionId: 'c-k3v7q2mz5xw4hj6a' };
 */
export interface SalesforceConnectionsEvent {
  type: 'connected' | 'renamed' | 'removed';
  connectionId: string;
}

/**
 * Props of {@link SalesforceConnections}. Only `adapter` (or `apiUrl`) is required.
 *
 * @example
 * const props: SalesforceConnectionsProps = {
 *   adapter: createFetchAdapter({ baseUrl: '/api/salesforce' }),
 *   max: 3,
 *   connect: { setup: { vendorName: 'Acme' } },
 * };
 */
export interface SalesforceConnectionsProps
  extends Pick<UseSalesforceConnectionsOptions, 'max' | 'createConnectionId'> {
  /** The backend; it needs `listConnections`, `renameConnection` and `disconnect`. Give this or `apiUrl`. */
  adapter?: SalesforceConnectAdapter | undefined;
  /** Where a backend speaking the kit's REST contract answers (`createFetchAdapter({ baseUrl })`). */
  apiUrl?: string | undefined;
  /** Props for each connection's `SalesforceConnect` (setup guide, credentials form, popup…). */
  connect?: ConnectionFlowProps | undefined;
  /** A connection was connected, renamed or removed (the list already shows it). */
  onChange?: ((event: SalesforceConnectionsEvent) => void) | undefined;
  /** Translations by message group: a whole locale (`localeDe`) or some strings of some groups. */
  messages?: SalesforceConnectLocaleOverrides | undefined;
  /** Forces the light or dark theme; default follows the system. */
  theme?: 'light' | 'dark' | undefined;
  /** The level of the list's heading (2 by default); each connection's name is one below. */
  headingLevel?: 2 | 3 | 4 | 5 | undefined;
  className?: string | undefined;
  unstyled?: boolean | undefined;
}

/** A connection's label: its name, else its org's name, else "Unnamed connection". */
function labelOf(connection: Connection | undefined, text: SalesforceConnectionsMessages): string {
  return connection?.name || connection?.org?.name || text.unnamed;
}

function statusText(connection: Connection, text: SalesforceConnectionsMessages): string {
  switch (connection.status) {
    case 'connected':
      return text.statusConnected;
    case 'configured':
      return text.statusConfigured;
    case 'needs_reauth':
      return text.statusNeedsReauth;
    case 'error':
      return text.statusError;
    default:
      return text.statusDisconnected;
  }
}

/** The form's own check of a name, in the page's language (the backend checks it again). */
function nameProblem(value: string, text: SalesforceConnectionsMessages): string | undefined {
  const name = value.trim();
  if (name.length === 0) return text.nameRequired;
  const length = [...name].length;
  if (length > CONNECTION_NAME_MAX_LENGTH) {
    return fillMessage(text.nameTooLong, {
      length: String(length),
      max: String(CONNECTION_NAME_MAX_LENGTH),
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return text.nameInvisible;
  return undefined;
}

/** Where focus goes after the next render. */
type FocusTarget =
  | { kind: 'part'; connectionId: string; part: string }
  | { kind: 'first'; connectionId: string }
  | { kind: 'add' };

/**
 * A customer's Salesforce connections (production, sandboxes, one per business unit) in one
 * list: each with its name, status, org, a Sandbox badge and the connected user, and Reconnect,
 * Rename (inline) and Remove (after a confirmation naming it). "Add connection" opens the
 * familiar `SalesforceConnect` flow in a dialog for a new connection id; at `max` it is disabled
 * with the reason beside it, and the backend's policy refusals (`connection_limit`,
 * `duplicate_org`) are explained there. Every change is announced in a polite live region, and
 * focus stays where the keyboard user expects it. Built on {@link useSalesforceConnections}.
 *
 * @example
 * import { SalesforceConnections, createFetchAdapter } from 'salesforce-connect';
 * import 'salesforce-connect/styles.css';
 *
 * export function SalesforceSettings() {
 *   return (
 *     <SalesforceConnections
 *       adapter={createFetchAdapter({ baseUrl: '/api/salesforce' })}
 *       max={3}
 *       onChange={({ type, connectionId }) => console.info(type, connectionId)}
 *     />
 *   );
 * }
 */
export function SalesforceConnections({
  messages,
  adapter: adapterProp,
  apiUrl,
  ...props
}: SalesforceConnectionsProps) {
  const adapter = useAdapterProp(
    adapterProp,
    apiUrl,
    '<SalesforceConnections>',
    'Give it adapter={createFetchAdapter({ baseUrl: "/api/salesforce" })}, or apiUrl="/api/salesforce".',
  );
  const view = <ConnectionsView {...props} adapter={adapter} />;
  return messages ? (
    <SalesforceConnectMessagesProvider messages={messages}>
      {view}
    </SalesforceConnectMessagesProvider>
  ) : (
    view
  );
}

function ConnectionsView({
  adapter,
  max,
  createConnectionId,
  connect,
  onChange,
  theme,
  headingLevel = 2,
  className,
  unstyled,
}: Omit<SalesforceConnectionsProps, 'messages' | 'apiUrl' | 'adapter'> & {
  adapter: SalesforceConnectAdapter;
}) {
  const text = useMessages('salesforceConnections', salesforceConnectionsMessagesEn, undefined);
  const list = useSalesforceConnections({ adapter, max, createConnectionId });
  const cls = kitClasses(unstyled);
  const id = useId();
  const rootRef = useRef<HTMLElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => {
    // The same sentence twice in a row is announced twice: the region empties in between.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [rowErrors, setRowErrors] = useState<Readonly<Record<string, ConnectError>>>({});
  const [policyError, setPolicyError] = useState<ConnectError | undefined>(undefined);

  const focusTarget = useRef<FocusTarget | undefined>(undefined);
  const [focusTick, setFocusTick] = useState(0);
  const focusAfterRender = useCallback((target: FocusTarget) => {
    focusTarget.current = target;
    setFocusTick((tick) => tick + 1);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each requested move and each list change, when the target may have appeared
  useEffect(() => {
    const target = focusTarget.current;
    const root = rootRef.current;
    if (!target || !root) return;
    let element: HTMLElement | null = null;
    if (target.kind === 'add') element = addRef.current;
    else {
      const row = root.querySelector<HTMLElement>(
        `[data-connection-id="${CSS.escape(target.connectionId)}"]`,
      );
      element =
        target.kind === 'first'
          ? (row?.querySelector<HTMLElement>('button') ?? null)
          : (row?.querySelector<HTMLElement>(`[data-sfc-part="${target.part}"]`) ?? null);
    }
    if (element) {
      focusTarget.current = undefined;
      element.focus();
    }
  }, [focusTick, list.connections, editing, list.removal]);

  // The flow's dialog loads with the first flow, and ahead of it once the page is idle.
  const dialogLoaded = usePartLoaded(flowDialogPart, false);
  useEffect(
    () =>
      whenIdle(() => {
        flowDialogPart.load().catch(ignoreFailure);
      }),
    [],
  );
  const explanationLoaded = usePartLoaded(errorExplanationPart, false);
  const anyError =
    list.error !== undefined || policyError !== undefined || Object.keys(rowErrors).length > 0;
  useEffect(() => {
    if (anyError) errorExplanationPart.load().catch(ignoreFailure);
  }, [anyError]);

  const setRowError = (connectionId: string, error: ConnectError | undefined) =>
    setRowErrors((previous) => {
      const next = { ...previous };
      if (error) next[connectionId] = error;
      else delete next[connectionId];
      return next;
    });

  const byId = (connectionId: string) => list.connections.find((c) => c.id === connectionId);

  // What the dialog's flow ended with decides where focus lands when it closes.
  const flowOutcome = useRef<'connected' | 'refused' | undefined>(undefined);
  const flow = list.openFlow;
  const flowConnection = flow ? byId(flow.connectionId) : undefined;
  const openerId = useRef<string | undefined>(undefined);

  const onAdd = () => {
    if (!list.canAdd) return;
    setPolicyError(undefined);
    flowDialogPart.load().catch(ignoreFailure);
    openerId.current = undefined;
    flowOutcome.current = undefined;
    list.add();
  };
  const onReconnect = (connectionId: string) => {
    flowDialogPart.load().catch(ignoreFailure);
    openerId.current = connectionId;
    flowOutcome.current = undefined;
    list.reconnect(connectionId);
  };
  const onFlowSuccess = ({ connection }: { connection: Connection }) => {
    if (!flow) return;
    const connectionId = flow.connectionId;
    flowOutcome.current = 'connected';
    announce(
      fillMessage(text.announceConnected, {
        name: labelOf(byId(connectionId) ?? connection, text),
      }),
    );
    onChange?.({ type: 'connected', connectionId });
    void list.closeFlow();
  };
  const onFlowExit = ({ error }: { error?: ConnectError | undefined }) => {
    if (error && POLICY_ERRORS.has(error.code)) {
      // The backend refused this connection for the tenant's policy: the dialog gives way to
      // the explanation beside "Add connection".
      flowOutcome.current = 'refused';
      setPolicyError(error);
      void list.closeFlow();
    }
  };
  const onFlowClosed = () => {
    const connectionId = flow?.connectionId ?? '';
    if (flowOutcome.current === 'connected' && connectionId) {
      focusAfterRender({ kind: 'first', connectionId });
    } else if (openerId.current && flowOutcome.current !== 'refused') {
      focusAfterRender({
        kind: 'part',
        connectionId: openerId.current,
        part: 'connection-connect',
      });
    } else focusAfterRender({ kind: 'add' });
  };

  const startRename = (connectionId: string) => {
    setRowError(connectionId, undefined);
    list.cancelRemove();
    setEditing(connectionId);
  };
  const endRename = (connectionId: string) => {
    setEditing(undefined);
    focusAfterRender({ kind: 'part', connectionId, part: 'connection-rename' });
  };
  const saveRename = async (connectionId: string, value: string): Promise<string | undefined> => {
    const problem = nameProblem(value, text);
    if (problem) return problem;
    try {
      const renamed = await list.rename(connectionId, value);
      announce(fillMessage(text.announceRenamed, { name: labelOf(renamed, text) }));
      onChange?.({ type: 'renamed', connectionId });
      endRename(connectionId);
      return undefined;
    } catch (caught) {
      const error = toConnectError(caught, 'adapter_error');
      if (error.code === 'aborted') return undefined;
      return error.message;
    }
  };

  const askToRemove = (connectionId: string) => {
    setEditing(undefined);
    setRowError(connectionId, undefined);
    list.askToRemove(connectionId);
    focusAfterRender({ kind: 'part', connectionId, part: 'connection-remove-cancel' });
  };
  const cancelRemove = (connectionId: string) => {
    list.cancelRemove();
    focusAfterRender({ kind: 'part', connectionId, part: 'connection-remove' });
  };
  const confirmRemove = async (connectionId: string) => {
    const index = list.connections.findIndex((c) => c.id === connectionId);
    const next = list.connections[index + 1]?.id;
    const name = labelOf(byId(connectionId), text);
    try {
      await list.remove(connectionId);
      announce(fillMessage(text.announceRemoved, { name }));
      onChange?.({ type: 'removed', connectionId });
      focusAfterRender(next ? { kind: 'first', connectionId: next } : { kind: 'add' });
    } catch (caught) {
      const error = toConnectError(caught, 'adapter_error');
      if (error.code === 'aborted') return;
      setRowError(connectionId, error);
      focusAfterRender({ kind: 'part', connectionId, part: 'connection-remove' });
    }
  };

  const H = `h${headingLevel}` as 'h2';
  const RowHeading = `h${headingLevel + 1}` as 'h3';
  // `duplicate_org` names the connection that already has the org, in the page's language.
  const valuesFor = (error: ConnectError) => {
    // A refusal relayed by the sign-in window carries only its code; the refused connection's
    // stored error names the other one.
    const otherId =
      error.connectionId ??
      list.connections.find((c) => c.error?.code === error.code && c.error.connectionId)?.error
        ?.connectionId;
    const other = otherId === undefined ? undefined : byId(otherId);
    const name = other?.name ?? other?.org?.name;
    return name === undefined ? undefined : { connectionName: name };
  };
  const explain = (error: ConnectError, part: string) =>
    explanationLoaded ? (
      <Suspense fallback={null}>
        <ErrorExplanation
          error={error}
          values={valuesFor(error)}
          summary
          headingLevel={Math.min(headingLevel + 1, 6) as 3}
          unstyled={unstyled}
          data-sfc-part={part}
        />
      </Suspense>
    ) : (
      // Until the catalogue arrives, the backend's own sentence.
      <p className={cls('sfc-notice')} data-tone="danger" data-sfc-part={part}>
        {error.message}
      </p>
    );

  const limitNoteId = `${id}-add-note`;
  const addNote =
    list.addBlockedBy === 'limit'
      ? fillMessage(text.limitReached, { max: String(list.max ?? 0) })
      : list.addBlockedBy === 'unsupported'
        ? text.addUnsupported
        : undefined;

  return (
    <section
      ref={rootRef}
      aria-labelledby={`${id}-heading`}
      className={partClassName('sfc-scope sfc-connections', { unstyled, className })}
      data-sfc-part="salesforce-connections"
      data-state={!list.loaded ? (list.error ? 'error' : 'loading') : 'ready'}
      {...(theme ? { 'data-theme': theme } : {})}
    >
      <H id={`${id}-heading`} className={cls('sfc-connections-heading')}>
        {text.heading}
      </H>
      <p
        className={unstyled ? undefined : 'sfc-visually-hidden'}
        role="status"
        aria-live="polite"
        data-sfc-part="connections-announcement"
      >
        {announcement}
      </p>

      {!list.loaded && !list.error ? (
        <p className={cls('sfc-description')} role="status" data-sfc-part="connections-loading">
          {text.loading}
        </p>
      ) : null}
      {list.error ? (
        <div className={cls('sfc-connections-load-error')} data-sfc-part="connections-error">
          {explain(list.error, 'connections-error-explanation')}
          <button
            type="button"
            className={cls('sfc-button')}
            data-variant="secondary"
            data-sfc-part="connections-retry"
            onClick={() => void list.refresh()}
          >
            {text.retry}
          </button>
        </div>
      ) : null}
      {list.loaded && list.connections.length === 0 ? (
        <p className={cls('sfc-description')} data-sfc-part="connections-empty">
          {text.empty}
        </p>
      ) : null}

      {list.connections.length > 0 ? (
        <ul
          className={cls('sfc-connections-list')}
          aria-labelledby={`${id}-heading`}
          data-sfc-part="connections-list"
        >
          {list.connections.map((connection) => {
            const connectionId = connection.id ?? '';
            const label = labelOf(connection, text);
            const nameId = `${id}-${connectionId}-name`;
            const org = connection.org;
            const user = connection.user;
            const pending = list.pending[connectionId];
            const rowError = rowErrors[connectionId];
            return (
              <li
                key={connectionId}
                className={cls('sfc-connection')}
                data-sfc-part="connection"
                data-connection-id={connectionId}
                data-state={connection.status}
                aria-labelledby={nameId}
              >
                <div className={cls('sfc-connection-head')}>
                  <RowHeading id={nameId} className={cls('sfc-connection-name')}>
                    {label}
                  </RowHeading>
                  {org?.isSandbox ? (
                    <span
                      className={cls('sfc-connection-badge')}
                      data-sfc-part="connection-sandbox"
                    >
                      {text.sandbox}
                    </span>
                  ) : null}
                  <span
                    className={cls('sfc-connection-status')}
                    data-sfc-part="connection-status"
                    data-state={connection.status}
                  >
                    <span className={cls('sfc-connection-dot')} aria-hidden />
                    {statusText(connection, text)}
                  </span>
                </div>
                {org || user ? (
                  <dl className={cls('sfc-connection-details')}>
                    {org ? (
                      <div className={cls('sfc-connection-detail')} data-sfc-part="connection-org">
                        <dt>{text.org}</dt>
                        <dd>
                          {org.name ?? org.id}
                          {org.name && org.id
                            ? ` (${fillMessage(text.orgIdEnding, { ending: org.id.slice(-ORG_ID_ENDING_LENGTH) })})`
                            : ''}
                        </dd>
                      </div>
                    ) : null}
                    {user ? (
                      <div className={cls('sfc-connection-detail')} data-sfc-part="connection-user">
                        <dt>{text.user}</dt>
                        <dd>
                          {user.displayName && user.displayName !== user.username
                            ? `${user.displayName} (${user.username})`
                            : user.username}
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                ) : null}

                {editing === connectionId ? (
                  <RenameForm
                    initial={connection.name ?? ''}
                    text={text}
                    cls={cls}
                    saving={pending === 'renaming'}
                    onSave={(value) => saveRename(connectionId, value)}
                    onCancel={() => endRename(connectionId)}
                  />
                ) : list.removal === connectionId ? (
                  <fieldset
                    className={cls('sfc-connection-confirm')}
                    data-sfc-part="connection-remove-confirm"
                    aria-describedby={`${nameId}-remove-detail`}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') {
                        event.stopPropagation();
                        cancelRemove(connectionId);
                      }
                    }}
                  >
                    <legend className={cls('sfc-connection-confirm-question')}>
                      {fillMessage(text.removeQuestion, { name: label })}
                    </legend>
                    <p id={`${nameId}-remove-detail`} className={cls('sfc-description')}>
                      {text.removeDescription}
                    </p>
                    <div className={cls('sfc-connection-actions')}>
                      <button
                        type="button"
                        className={cls('sfc-button')}
                        data-variant="secondary"
                        data-sfc-part="connection-remove-cancel"
                        onClick={() => cancelRemove(connectionId)}
                      >
                        {text.cancel}
                      </button>
                      <button
                        type="button"
                        className={cls('sfc-button')}
                        data-variant="danger"
                        data-sfc-part="connection-remove-confirm-button"
                        onClick={() => void confirmRemove(connectionId)}
                      >
                        {text.removeConfirm}
                      </button>
                    </div>
                  </fieldset>
                ) : (
                  <div className={cls('sfc-connection-actions')} data-sfc-part="connection-actions">
                    {connection.status !== 'connected' ? (
                      <button
                        type="button"
                        className={cls('sfc-button')}
                        data-sfc-part="connection-connect"
                        aria-describedby={nameId}
                        disabled={pending !== undefined}
                        onClick={() => onReconnect(connectionId)}
                      >
                        {connection.status === 'configured' ? text.connect : text.reconnect}
                      </button>
                    ) : null}
                    {adapter.renameConnection ? (
                      <button
                        type="button"
                        className={cls('sfc-button')}
                        data-variant="secondary"
                        data-sfc-part="connection-rename"
                        aria-describedby={nameId}
                        disabled={pending !== undefined}
                        onClick={() => startRename(connectionId)}
                      >
                        {text.rename}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className={cls('sfc-button')}
                      data-variant="secondary"
                      data-sfc-part="connection-remove"
                      aria-describedby={nameId}
                      disabled={pending !== undefined}
                      onClick={() => askToRemove(connectionId)}
                    >
                      {pending === 'removing' ? text.removing : text.remove}
                    </button>
                  </div>
                )}
                {rowError ? explain(rowError, 'connection-error') : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      <div className={cls('sfc-connections-add')} data-sfc-part="connections-add">
        <button
          ref={addRef}
          type="button"
          className={cls('sfc-button')}
          data-sfc-part="connections-add-button"
          // Focusable while unavailable, so the reason beside it is found and read with it.
          aria-disabled={list.canAdd ? undefined : true}
          aria-describedby={addNote ? limitNoteId : undefined}
          onClick={onAdd}
        >
          {text.add}
        </button>
        {addNote ? (
          <p id={limitNoteId} className={cls('sfc-description')} data-sfc-part="connections-limit">
            {addNote}
          </p>
        ) : null}
      </div>
      {policyError ? explain(policyError, 'connections-policy-error') : null}

      {flow && dialogLoaded ? (
        <Suspense fallback={null}>
          <ConnectionFlowDialog
            adapter={adapter}
            connectionId={flow.connectionId}
            title={
              flow.mode === 'add'
                ? text.dialogTitleAdd
                : fillMessage(text.dialogTitleReconnect, { name: labelOf(flowConnection, text) })
            }
            text={text}
            connect={connect}
            onSuccess={onFlowSuccess}
            onExit={onFlowExit}
            onClose={() => void list.closeFlow()}
            onClosed={onFlowClosed}
            theme={theme}
            unstyled={unstyled}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

/**
 * The inline rename: a labelled input, Enter saves, Escape cancels; a refusal shows beside the
 * input and the typed value stays.
 */
function RenameForm({
  initial,
  text,
  cls,
  saving,
  onSave,
  onCancel,
}: {
  initial: string;
  text: SalesforceConnectionsMessages;
  cls: (name: string) => string | undefined;
  saving: boolean;
  /** Resolves with the refusal to show, or undefined once saved. */
  onSave: (value: string) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problem = await onSave(value);
    setError(problem);
    if (problem) inputRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <form
      className={cls('sfc-connection-rename')}
      data-sfc-part="connection-rename-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className={cls('sfc-field')}>
        <label htmlFor={`${id}-name`} className={cls('sfc-label')}>
          {text.nameLabel}
        </label>
        <div className={cls('sfc-connection-rename-row')}>
          <input
            ref={inputRef}
            id={`${id}-name`}
            className={cls('sfc-input')}
            data-sfc-part="connection-name-input"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            autoComplete="off"
          />
          <button
            type="submit"
            className={cls('sfc-button')}
            data-sfc-part="connection-rename-save"
            aria-disabled={saving || undefined}
          >
            {saving ? text.saving : text.save}
          </button>
          <button
            type="button"
            className={cls('sfc-button')}
            data-variant="secondary"
            data-sfc-part="connection-rename-cancel"
            onClick={onCancel}
          >
            {text.cancel}
          </button>
        </div>
        {error ? (
          <p
            id={`${id}-error`}
            className={cls('sfc-field-error')}
            data-sfc-part="connection-name-error"
            role="alert"
          >
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
