import {
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import type { ConnectErrorCode } from '../core/errors.js';
import type {
  ConnectionFieldDefinitions,
  ConnectionNameField,
  ReadableConnectionFields,
} from '../core/fields.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import type { Connection, SetupInfo } from '../core/types.js';
import { canAuthorize } from '../hooks/connect-flow.js';
import { useConnectFlow } from '../hooks/use-connect-flow.js';
import type { UseSalesforceConnectOptions } from '../hooks/useSalesforceConnect.js';
import { SalesforceConnectMessagesProvider, useMessages } from '../messages/context.js';
import type { SalesforceConnectLocaleOverrides } from '../messages/locales.js';
import { salesforceConnectMessagesEn } from '../messages/salesforceConnect.js';
import { useLatest } from '../react/use-latest.js';
import { ConnectButton, type ConnectButtonProps } from './ConnectButton.js';
import { ConnectionStatus, errorExplanationPart } from './ConnectionStatus.js';
import type { CredentialsFormProps } from './CredentialsForm.js';
import { useAdapterProp } from './internal/adapter-prop.js';
import {
  lazyComponent,
  lazyPart,
  useHeldUntilLoaded,
  usePartLoaded,
  whenIdle,
} from './internal/lazy-part.js';
import { kitClasses, partClassName } from './internal/parts.js';
import type { SetupGuideProps } from './SetupGuide.js';

// What a page showing a connected org does not need before it paints. Each loads when its view
// needs it and, once the page is idle, ahead of that, so opening it is instant.
/** The setup guide and the credentials form (react-hook-form, zod, the guide's content). */
const setupDetailsPart = /* @__PURE__ */ lazyPart(() => import('./internal/setup-details.js'));
/**
 * What a Connect click needs: the popup session that opens the Salesforce window inside the click
 * (with the mapping of Salesforce's errors), and the dialog that follows it (Radix Dialog). The
 * Connect button waits for this part; a connected page never needs it before it paints.
 */
const connectDialogPart = /* @__PURE__ */ lazyPart(() =>
  Promise.all([import('./ConnectDialog.js'), import('../core/popup-session.js')]).then(
    ([dialog, popup]) => ({
      ConnectDialog: dialog.ConnectDialog,
      createPopupSession: popup.createPopupSession,
    }),
  ),
);
/** The flow asks for the popup session at a click; the Connect button is enabled only once it is here. */
const loadedPopupSessions = () => connectDialogPart.peek()?.createPopupSession;
/** `mode="dialog"`: the whole component behind one button (Radix Dialog). */
const dialogModePart = /* @__PURE__ */ lazyPart(() => import('./internal/connect-in-dialog.js'));

/** The choice after a reconnect landed in another org (rare: a refreshed sandbox, another org). */
const orgChangePart = /* @__PURE__ */ lazyPart(() => import('./internal/org-change-choice.js'));

const SetupDetails = /* @__PURE__ */ lazyComponent(setupDetailsPart, (m) => m.SetupDetails);
const OrgChangeChoice = /* @__PURE__ */ lazyComponent(orgChangePart, (m) => m.OrgChangeChoice);
const ConnectInDialog = /* @__PURE__ */ lazyComponent(dialogModePart, (m) => m.ConnectInDialog);

const ignoreFailure = () => {
  // A part that failed to arrive is loaded again when its view needs it.
};

/**
 * Loads every part of `SalesforceConnect` that otherwise loads on demand (the setup guide and
 * form, the dialogs, error explanations). The browser needs no call: the component prefetches
 * them while the page is idle. A server rendering with `renderToString`, which cannot wait for
 * them, awaits this once before its first render so the HTML holds the guide and form; streaming
 * renderers (`renderToPipeableStream`, `renderToReadableStream`, Next.js) wait on their own.
 *
 * @example
 * import { preloadSalesforceConnect } from 'salesforce-connect';
 *
 * await preloadSalesforceConnect();
 * const html = renderToString(<SalesforceConnect adapter={adapter} initialConnection={connection} />);
 */
export function preloadSalesforceConnect(): Promise<void> {
  return Promise.all([
    setupDetailsPart.load(),
    connectDialogPart.load(),
    dialogModePart.load(),
    errorExplanationPart.load(),
    orgChangePart.load(),
  ]).then(() => undefined);
}

/**
 * Which part of the flow `SalesforceConnect` shows: its root's `data-state`.
 *
 * @example
 * const view: SalesforceConnectView = 'setup';
 */
export type SalesforceConnectView = 'loading' | 'setup' | 'ready' | 'connected';

/**
 * Props of {@link SalesforceConnect}. Only `adapter` (or, from a server component, `apiUrl`) is
 * required.
 *
 * @example
 * const props: SalesforceConnectProps = {
 *   adapter: createFetchAdapter({ baseUrl: '/api/salesforce' }),
 *   mode: 'dialog',
 *   setup: { appName: 'Acme Sync', vendorName: 'Acme' },
 * };
 */
export interface SalesforceConnectProps<
  TFields extends ConnectionFieldDefinitions = ConnectionFieldDefinitions,
> extends Pick<
    UseSalesforceConnectOptions,
    | 'onExit'
    | 'onEvent'
    | 'popup'
    | 'scopes'
    | 'prompt'
    | 'environment'
    | 'stateReducer'
    | 'initialConnection'
    | 'connectionId'
    | 'flow'
  > {
  /**
   * The backend. May be created inline: only its latest methods are used, nothing restarts.
   * Give this or `apiUrl`.
   */
  adapter?: SalesforceConnectAdapter | undefined;
  /**
   * Where a backend speaking the kit's REST contract answers (the reference server), e.g.
   * `/api/salesforce`: the kit builds `createFetchAdapter({ baseUrl: apiUrl })` itself. A string
   * crosses from a React Server Component to this client component, a function (an adapter)
   * cannot: a server component renders `<SalesforceConnect apiUrl="/api/salesforce" />` directly.
   * Ignored when `adapter` is given.
   */
  apiUrl?: string | undefined;
  /** `inline` (default) renders in place; `dialog` renders a button that opens it in a dialog. */
  mode?: 'inline' | 'dialog' | undefined;
  /**
   * Called once connected; `connection.fields` is typed by `fields` (secret fields left out).
   */
  onSuccess?:
    | ((details: { connection: Connection<ReadableConnectionFields<TFields>> }) => void)
    | undefined;
  /**
   * The integrator's connection fields (`defineConnectionFields`), the same object the backend
   * checks them with: the form asks for each and the guide's last step lists them. Default:
   * `setup.connectionFields` (a preset's).
   */
  fields?: TFields | undefined;
  /**
   * Ask for the connection's name in the form (and list it in the guide). Default:
   * `setup.connectionName` (a preset's).
   */
  connectionName?: ConnectionNameField | boolean | undefined;
  /**
   * Overrides for the setup guide: a preset, the app name, callback URLs… Anything left out comes
   * from `adapter.getSetupInfo()`.
   */
  setup?: Partial<SetupGuideProps> | undefined;
  /** Extra props for the credentials form (e.g. `loginUrlOptions` for a local simulator). */
  credentials?:
    | Partial<Omit<CredentialsFormProps, 'adapter' | 'connection' | 'onSaved'>>
    | undefined;
  /** Translations by message group: a whole locale (`localeDe`) or some strings of some groups. */
  messages?: SalesforceConnectLocaleOverrides | undefined;
  /** Forces the light or dark theme; default follows the system. */
  theme?: 'light' | 'dark' | undefined;
  /** `mode="dialog"`: controlled open state of the dialog. */
  open?: boolean | undefined;
  defaultOpen?: boolean | undefined;
  onOpenChange?: ((open: boolean) => void) | undefined;
  className?: string | undefined;
  unstyled?: boolean | undefined;
}

/**
 * Everything a settings page needs to connect a Salesforce org, in one component: the admin's
 * setup guide and the credentials form until credentials are saved; then the status with
 * "Connect to Salesforce" (popup, dialog, errors with fixes); once connected, the status with
 * Disconnect, the guide and credentials folded away. Fed by `adapter.getSetupInfo()` (callback
 * URLs, scopes, app name). `mode="dialog"` puts it all behind one button.
 *
 * @example
 * import { SalesforceConnect, createFetchAdapter } from 'salesforce-connect';
 * import 'salesforce-connect/styles.css';
 *
 * export function SalesforceSettings() {
 *   return (
 *     <SalesforceConnect
 *       adapter={createFetchAdapter({ baseUrl: '/api/salesforce' })}
 *       onSuccess={({ connection }) => console.info('connected to', connection.org?.name)}
 *     />
 *   );
 * }
 */
// Findings on saved credentials that the admin fixes in the form or the guide.
const CREDENTIAL_FINDINGS: ReadonlySet<ConnectErrorCode> = new Set<ConnectErrorCode>([
  'invalid_client_id',
  'invalid_client',
  'redirect_uri_mismatch',
  'invalid_login_url',
  'scope_not_allowed',
  'app_not_found',
  'app_not_installed',
]);

export function SalesforceConnect<
  const TFields extends ConnectionFieldDefinitions = ConnectionFieldDefinitions,
>({
  messages,
  adapter: adapterProp,
  apiUrl,
  onSuccess,
  ...props
}: SalesforceConnectProps<TFields>) {
  const adapter = useAdapterProp(
    adapterProp,
    apiUrl,
    '<SalesforceConnect>',
    'Give it adapter={createFetchAdapter({ baseUrl: "/api/salesforce" })} from a client component, or apiUrl="/api/salesforce" (a string, fine from a server component).',
  );
  // The backend checked the fields with the same definitions: its answer has their types.
  // Another connection is another view, with nothing carried over.
  const view = (
    <SalesforceConnectView
      key={props.connectionId}
      {...props}
      onSuccess={onSuccess as UseSalesforceConnectOptions['onSuccess']}
      adapter={adapter}
    />
  );
  return messages ? (
    <SalesforceConnectMessagesProvider messages={messages}>
      {view}
    </SalesforceConnectMessagesProvider>
  ) : (
    view
  );
}

function SalesforceConnectView({
  adapter,
  mode = 'inline',
  setup,
  credentials,
  theme,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  className,
  unstyled,
  fields,
  connectionName,
  connectionId,
  ...hookOptions
}: Omit<SalesforceConnectProps, 'messages' | 'apiUrl' | 'adapter' | 'onSuccess'> & {
  adapter: SalesforceConnectAdapter;
  onSuccess: UseSalesforceConnectOptions['onSuccess'];
}) {
  const text = useMessages('salesforceConnect', salesforceConnectMessagesEn, undefined);
  // A preset for the client credentials flow (`setup.flow`) chooses the mode too.
  const flow = hookOptions.flow ?? setup?.flow;
  const connect = useConnectFlow(
    { adapter, connectionId, ...hookOptions, flow },
    loadedPopupSessions,
  );
  const { connection, phase, error } = connect;
  const cls = kitClasses(unstyled);

  // The adapter may be a new object each render: children get one stable stand-in, effects run once.
  const latestAdapter = useLatest(adapter);
  const formAdapter = useMemo<CredentialsFormProps['adapter']>(
    () => ({
      saveCredentials: (input, options) =>
        // Saved to the flow's connection; with no id, the call is exactly as before.
        latestAdapter.current.saveCredentials(
          input,
          connectionId === undefined ? options : { ...options, connectionId },
        ),
    }),
    [latestAdapter, connectionId],
  );
  // undefined while the backend's answer is awaited, null when it has none to give.
  const [setupInfo, setSetupInfo] = useState<SetupInfo | null | undefined>(undefined);
  useEffect(() => {
    const getSetupInfo = latestAdapter.current.getSetupInfo?.bind(latestAdapter.current);
    if (!getSetupInfo) return;
    const controller = new AbortController();
    Promise.resolve(getSetupInfo({ signal: controller.signal })).then(
      (info) => {
        if (!controller.signal.aborted) setSetupInfo(info);
      },
      () => {
        // The guide then relies on `setup`; its own notice says what is missing.
        if (!controller.signal.aborted) setSetupInfo(null);
      },
    );
    return () => controller.abort();
  }, [latestAdapter]);
  // The guide waits for the callback URLs rather than flashing "no callback URL" first.
  const setupPending =
    setupInfo === undefined && !setup?.callbackUrls && adapter.getSetupInfo !== undefined;

  const vendorName = setup?.vendorName ?? setupInfo?.vendorName ?? text.vendorFallback;
  const appName = setup?.appName ?? setupInfo?.appName ?? `${vendorName} Salesforce`;
  const callbackUrls = setup?.callbackUrls ?? setupInfo?.callbackUrls ?? [];
  const scopes = setup?.scopes ?? setupInfo?.scopes;
  // One allowlist: the hosts the backend accepts (GET /setup) are accepted by the form too.
  const givenHosts = credentials?.loginUrlOptions?.allowedHosts;
  const backendHosts = setupInfo?.allowedLoginHosts;
  const allowedHostsKey = [...(givenHosts ?? []), ...(backendHosts ?? [])].join(' ');
  // Keyed by content: a new array with the same hosts keeps the form's options (and schema).
  const loginUrlOptions = useMemo(
    () => (allowedHostsKey ? { allowedHosts: allowedHostsKey.split(' ') } : undefined),
    [allowedHostsKey],
  );
  // The fields and name the form asks for, from the props or the preset in `setup`; the guide
  // lists the same (labels and help only: a field's schema stays with the form).
  const formFields = fields ?? setup?.connectionFields;
  const nameOption = connectionName ?? setup?.connectionName;
  const defaultLoginUrl = setup?.defaultLoginUrl;
  const formCredentials = useMemo(
    () => ({
      ...credentials,
      ...(formFields ? { fields: formFields } : {}),
      ...(nameOption ? { connectionName: nameOption } : {}),
      ...(defaultLoginUrl && !credentials?.defaultValues?.loginUrl
        ? { defaultValues: { ...credentials?.defaultValues, loginUrl: defaultLoginUrl } }
        : {}),
    }),
    [credentials, formFields, nameOption, defaultLoginUrl],
  );
  const guideSetup = useMemo(() => {
    if (!formFields && !nameOption) return setup;
    const listed = formFields
      ? Object.fromEntries(
          Object.entries(formFields).map(([name, definition]) => {
            const { schema: _schema, ...listedDefinition } = definition as typeof definition & {
              schema?: unknown;
            };
            return [name, listedDefinition];
          }),
        )
      : undefined;
    return {
      ...setup,
      ...(listed ? { connectionFields: listed as ConnectionFieldDefinitions } : {}),
      ...(nameOption ? { connectionName: nameOption === true ? {} : nameOption } : {}),
    };
  }, [setup, formFields, nameOption]);
  const errorValues = useMemo(
    () => ({ callbackUrl: callbackUrls[0], loginUrl: connection?.loginUrl, appName }),
    [callbackUrls, connection?.loginUrl, appName],
  );

  // The guide and the form fold away once credentials are saved; an error's "show me" unfolds them.
  const [stepId, setStepId] = useState<GuideStepId | undefined>(undefined);
  const [detailsOpen, setDetailsOpen] = useState(false);
  // Only state setters inside, which never change: one function for the component's life.
  const onGoToStep = useCallback((details: { stepId: GuideStepId }) => {
    setDetailsOpen(true);
    setStepId(details.stepId);
  }, []);
  const onSaved = useMemo(() => () => void connect.refresh(), [connect.refresh]);
  // Connect uses the saved credentials: typed changes that are not saved are said so beside it.
  // The flag lives outside React state so that the first keystroke re-renders only the Connect
  // actions that read it, not the guide and status beside the form.
  const [unsavedFlag] = useState(createFlag);
  const integratorOnUnsaved = useLatest(credentials?.onUnsavedChange);
  const onUnsavedChange = useCallback(
    (details: { unsaved: boolean }) => {
      unsavedFlag.set(details.unsaved);
      integratorOnUnsaved.current?.(details);
    },
    [unsavedFlag, integratorOnUnsaved],
  );

  const status = connection?.status;
  const view: SalesforceConnectView =
    status === undefined
      ? 'loading'
      : status === 'connected'
        ? 'connected'
        : canAuthorize(connection)
          ? 'ready'
          : 'setup';
  const previousView = useRef(view);
  const findingCode = connection?.error?.code;
  const credentialsFinding =
    findingCode !== undefined && CREDENTIAL_FINDINGS.has(findingCode) ? findingCode : undefined;
  useEffect(() => {
    // Connecting or saving moves on: fold the guide away again, unless the saved credentials carry
    // a finding (a wrong key caught by the preflight): then the form stays open to fix it.
    if (view !== previousView.current && view !== 'setup') setDetailsOpen(false);
    previousView.current = view;
  }, [view]);
  // Only a finding that appears while the page is open (after a save) unfolds the form; one the
  // page loads with is explained in the status, whose link unfolds the guide at the right step.
  const previousFinding = useRef<ConnectErrorCode | undefined | null>(null);
  useEffect(() => {
    if (view === 'loading') return;
    if (
      previousFinding.current !== null &&
      credentialsFinding &&
      credentialsFinding !== previousFinding.current
    ) {
      setDetailsOpen(true);
    }
    previousFinding.current = credentialsFinding;
  }, [credentialsFinding, view]);
  const collapsible = view === 'ready' || view === 'connected';
  const detailsId = useId();

  const headingLevel = mode === 'dialog' ? 3 : 2;

  // Loaded parts render as soon as they are there (hidden while folded, so what is typed
  // survives folding); the server and hydration render only what the first view shows.
  const setupLoaded = usePartLoaded(setupDetailsPart, false);
  const showSetup = view === 'setup' || detailsOpen || setupLoaded;
  const dialogLoaded = usePartLoaded(connectDialogPart, false);
  // The Connect click opens the popup synchronously and the dialog follows it: the button waits
  // for the popup session's and the dialog's code. The server renders it enabled, as before
  // (nothing runs without JS).
  const connectReady = usePartLoaded(connectDialogPart, true);
  const needsDialog = view === 'ready' || phase !== 'idle';
  useEffect(() => {
    if (needsDialog) connectDialogPart.load().catch(ignoreFailure);
  }, [needsDialog]);
  useEffect(
    () =>
      whenIdle(() => {
        for (const part of [
          setupDetailsPart,
          connectDialogPart,
          errorExplanationPart,
          orgChangePart,
        ]) {
          part.load().catch(ignoreFailure);
        }
      }),
    [],
  );
  const LoadedConnectDialog = dialogLoaded ? connectDialogPart.peek()?.ConnectDialog : undefined;

  const liveGuideAndForm = showSetup ? (
    <Suspense
      fallback={
        <p role="status" className={cls('sfc-description')} data-sfc-part="setup-loading">
          {text.loadingSetup}
        </p>
      }
    >
      <SetupDetails
        setupPending={setupPending}
        headingLevel={headingLevel}
        setup={guideSetup}
        appName={appName}
        vendorName={vendorName}
        callbackUrls={callbackUrls}
        scopes={scopes}
        connection={connection}
        stepId={stepId}
        onStepChange={setStepId}
        credentials={formCredentials}
        loginUrlOptions={loginUrlOptions}
        onUnsavedChange={onUnsavedChange}
        formAdapter={formAdapter}
        onSaved={onSaved}
        onGoToStep={onGoToStep}
        flow={flow}
        unstyled={unstyled}
      />
    </Suspense>
  ) : null;
  const guideAndForm = useHeldUntilLoaded(liveGuideAndForm, setupLoaded);

  // A reconnect that landed in another org: the backend keeps the connection and parks the new
  // org (`org_changed`). The failure gives way to the choice, which the connection now names.
  const orgChangeFailed = phase === 'failed' && error?.code === 'org_changed';
  // Focus moves to the choice when it follows a sign-in, not when a page loads with one waiting.
  const [focusOrgChange, setFocusOrgChange] = useState(false);
  const [orgChangeNews, setOrgChangeNews] = useState('');
  // The dialog closes for the choice and hands focus to its question.
  const [dialogOpen, setDialogOpen] = useState(false);
  const orgChangeHeadingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!orgChangeFailed) return;
    void connect.refresh().then((latest) => {
      if (latest?.orgChange && latestAdapter.current.resolveOrgChange) {
        setOrgChangeNews('');
        setFocusOrgChange(true);
        connect.cancel();
        setDialogOpen(false);
      }
    });
  }, [orgChangeFailed, connect.refresh, connect.cancel, latestAdapter]);
  const announcementRef = useRef<HTMLParagraphElement>(null);
  const chooseOrg = useCallback(
    async (choice: 'keep_new' | 'keep_previous') => {
      const resolve = latestAdapter.current.resolveOrgChange?.bind(latestAdapter.current);
      if (!resolve) return;
      await (connectionId === undefined
        ? resolve({ choice })
        : resolve({ choice }, { connectionId }));
      await connect.refresh();
      setFocusOrgChange(false);
      setOrgChangeNews(choice === 'keep_new' ? text.orgChangeKept : text.orgChangeWentBack);
      // The choice is gone: focus lands on what was done rather than on the page's start.
      requestAnimationFrame(() => announcementRef.current?.focus());
    },
    [latestAdapter, connect.refresh, text.orgChangeKept, text.orgChangeWentBack, connectionId],
  );
  const orgChange = connection?.orgChange;
  const showOrgChange =
    connection !== undefined && orgChange !== undefined && adapter.resolveOrgChange !== undefined;

  const busy = phase === 'authorizing' || phase === 'completing';
  const body = (
    <>
      <ConnectionStatus
        connection={connection}
        connecting={busy}
        error={!connection && phase === 'failed' ? error : undefined}
        onDisconnect={connect.disconnect}
        disconnecting={connect.state.disconnecting}
        errorValues={errorValues}
        onGoToStep={onGoToStep}
        flow={flow}
        unstyled={unstyled}
      />
      {showOrgChange ? (
        // Loads when a reconnect lands in another org (and when the page is idle, ahead of it).
        <Suspense fallback={null}>
          <OrgChangeChoice
            connection={{ ...connection, orgChange }}
            onChoose={chooseOrg}
            text={text}
            cls={cls}
            headingLevel={headingLevel}
            focusOnShow={focusOrgChange}
            headingRef={orgChangeHeadingRef}
          />
        </Suspense>
      ) : null}
      {orgChangeNews && !showOrgChange ? (
        // Focused when it appears, so a screen reader reads it even where a live region that
        // arrives with its text is not announced.
        <p
          ref={announcementRef}
          tabIndex={-1}
          role="status"
          className={cls('sfc-description')}
          data-sfc-part="org-change-announcement"
        >
          {orgChangeNews}
        </p>
      ) : null}
      {view === 'ready' ? (
        <ConnectActions
          connect={connect}
          disabled={!connectReady}
          unsavedFlag={unsavedFlag}
          unsavedNote={text.unsavedCredentials}
          unstyled={unstyled}
        />
      ) : null}
      {/* One place in the tree for every view: saving or connecting never remounts the form, so
          nothing typed is lost; once credentials exist the section folds behind a toggle. */}
      <div
        className={cls('sfc-salesforce-connect-details')}
        data-sfc-part="setup-details"
        data-collapsible={collapsible || undefined}
        data-state={collapsible ? (detailsOpen ? 'open' : 'closed') : undefined}
        hidden={view === 'loading'}
      >
        {collapsible ? (
          <button
            type="button"
            className={cls('sfc-salesforce-connect-details-toggle')}
            data-sfc-part="setup-details-toggle"
            aria-expanded={detailsOpen}
            aria-controls={detailsId}
            onClick={() => setDetailsOpen(!detailsOpen)}
          >
            {text.showGuide}
          </button>
        ) : null}
        <div id={detailsId} hidden={collapsible && !detailsOpen}>
          {guideAndForm}
        </div>
      </div>
      {LoadedConnectDialog ? (
        <LoadedConnectDialog
          connect={connect}
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          returnFocusRef={orgChangeHeadingRef}
          errorValues={errorValues}
          onGoToStep={onGoToStep}
          theme={theme}
          unstyled={unstyled}
        />
      ) : null}
    </>
  );

  const rootProps = {
    className: partClassName('sfc-scope sfc-salesforce-connect', { unstyled, className }),
    'data-sfc-part': 'salesforce-connect',
    'data-state': view,
    ...(theme ? { 'data-theme': theme } : {}),
  };
  const dialogModeLoaded = usePartLoaded(dialogModePart, false);
  const dialogModeView = useHeldUntilLoaded(
    mode === 'dialog' ? (
      <Suspense
        fallback={
          // The trigger as it will be, inert until the dialog's code is there.
          <button
            type="button"
            disabled
            className={cls('sfc-scope sfc-button')}
            data-sfc-part="salesforce-connect-trigger"
            {...(theme ? { 'data-theme': theme } : {})}
          >
            {text.trigger}
          </button>
        }
      >
        <ConnectInDialog
          open={openProp}
          defaultOpen={defaultOpen}
          onOpenChange={onOpenChange}
          rootProps={rootProps}
          theme={theme}
          unstyled={unstyled}
          text={text}
          cls={cls}
        >
          {body}
        </ConnectInDialog>
      </Suspense>
    ) : null,
    dialogModeLoaded,
  );
  return mode === 'inline' ? <div {...rootProps}>{body}</div> : dialogModeView;
}

/** A boolean with subscribers, for `useSyncExternalStore`. */
interface Flag {
  get: () => boolean;
  set: (next: boolean) => void;
  subscribe: (listener: () => void) => () => void;
}

function createFlag(): Flag {
  let value = false;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const isFalse = () => false;

/**
 * The Connect button, and beside it the note that typed changes are not saved yet (Connect uses
 * the saved credentials). Only this part reads the form's unsaved flag, so typing re-renders it
 * and nothing else of the page.
 */
function ConnectActions({
  connect,
  disabled,
  unsavedFlag,
  unsavedNote,
  unstyled,
}: {
  connect: ConnectButtonProps['connect'];
  disabled: boolean;
  unsavedFlag: Flag;
  unsavedNote: string;
  unstyled: boolean | undefined;
}) {
  const unsaved = useSyncExternalStore(unsavedFlag.subscribe, unsavedFlag.get, isFalse);
  const noteId = useId();
  const cls = kitClasses(unstyled);
  return (
    <div className={cls('sfc-salesforce-connect-actions')} data-sfc-part="connect-actions">
      <ConnectButton
        connect={connect}
        disabled={disabled}
        unstyled={unstyled}
        aria-describedby={unsaved ? noteId : undefined}
      />
      {unsaved ? (
        <p
          id={noteId}
          className={cls('sfc-notice')}
          data-tone="warning"
          data-sfc-part="unsaved-credentials"
        >
          {unsavedNote}
        </p>
      ) : null}
    </div>
  );
}
