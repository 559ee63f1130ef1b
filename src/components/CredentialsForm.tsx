import {
  type ComponentPropsWithoutRef,
  Fragment,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { CredentialField } from '../core/credentials.js';
import type {
  ConnectionFieldDefinition,
  ConnectionFieldDefinitions,
  ConnectionNameField,
} from '../core/fields.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import type { NormalizeLoginUrlOptions } from '../core/login-url.js';
import type { Connection, CredentialsInput } from '../core/types.js';
import {
  type CredentialsFormField,
  type UseCredentialsFormOptions,
  useCredentialsForm,
} from '../hooks/useCredentialsForm.js';
import type { CredentialsFormMessages } from '../messages/credentialsForm.js';
import { requireProp } from '../react/development.js';
import { useLatest } from '../react/use-latest.js';
import { kitClasses, partClassName } from './internal/parts.js';

/**
 * Props of {@link CredentialsForm}. The form element's own props (`aria-label`, `style`, …) pass
 * through.
 *
 * @example
 * const props: CredentialsFormProps = { adapter, connection, onSaved: ({ connection }) => setConnection(connection) };
 */
export interface CredentialsFormProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'children' | 'id'> {
  /** The backend; only `saveCredentials` is called. */
  adapter: UseCredentialsFormOptions['adapter'];
  /** The current connection: a saved secret makes the secret box write-only, and its key hint shows. */
  connection?: Connection | undefined;
  defaultValues?: Partial<CredentialsInput> | undefined;
  /** After each successful save (also when the backend's preflight flagged a problem). */
  onSaved?: ((details: { connection: Connection }) => void) | undefined;
  /** Extra login hosts to accept, e.g. a local Salesforce simulator. */
  loginUrlOptions?: Pick<NormalizeLoginUrlOptions, 'allowedHosts'> | undefined;
  /** Warn when the Login URL is for a sandbox (`false`) or for production (`true`). */
  expectSandbox?: boolean | undefined;
  /**
   * Called when the admin follows a link to a setup guide step (e.g. for a callback URL
   * mismatch). The link's `href` is `#sfc-step-<id>`, which `SetupGuide` answers; call
   * `event.preventDefault()` to show the step your own way.
   */
  onShowGuideStep?:
    | ((details: { stepId: GuideStepId; event: MouseEvent<HTMLAnchorElement> }) => void)
    | undefined;
  messages?: Partial<CredentialsFormMessages> | undefined;
  /** The form's id, also the prefix of its fields' ids. */
  id?: string | undefined;
  /** Drop the kit's class names (data attributes stay for your own styling). */
  unstyled?: boolean | undefined;
  /**
   * How the product connects, saved with the credentials. `client-credentials` asks for the My
   * Domain URL and refuses https://login.salesforce.com and https://test.salesforce.com beside
   * the field (the flow does not work there); what was typed stays.
   */
  flow?: UseCredentialsFormOptions['flow'];
  /**
   * The form starts or stops holding typed changes that are not saved, so a Connect button
   * elsewhere can say it would use the saved credentials.
   */
  onUnsavedChange?: ((details: { unsaved: boolean }) => void) | undefined;
  /**
   * The integrator's connection fields (`defineConnectionFields`), shown after the Consumer
   * Secret, each with its label, help text and error; sent as `fields`.
   */
  fields?: ConnectionFieldDefinitions | undefined;
  /** Ask for the connection's name (a box before the Login URL); sent as `name`. */
  connectionName?: ConnectionNameField | boolean | undefined;
}

/**
 * The credentials form: Login URL, Consumer Key and Consumer Secret, checked as the admin types
 * (normalized Login URL shown live, warnings for swapped or truncated values with one-click
 * fixes), saved through the adapter, Salesforce's verdicts shown on the field they concern. The
 * secret is write-only once saved ("Consumer Secret saved" with Replace). Built on
 * {@link useCredentialsForm}.
 *
 * @example
 * <CredentialsForm
 *   adapter={adapter}
 *   connection={connection}
 *   onSaved={({ connection }) => setConnection(connection)}
 * />
 */
export function CredentialsForm({
  adapter,
  connection,
  defaultValues,
  onSaved,
  loginUrlOptions,
  expectSandbox,
  onShowGuideStep,
  messages,
  id,
  unstyled,
  className,
  onUnsavedChange,
  fields,
  connectionName,
  flow,
  ...rest
}: CredentialsFormProps) {
  requireProp(
    adapter,
    '<CredentialsForm>',
    'adapter',
    "Pass an object with saveCredentials, such as createFetchAdapter({ baseUrl: '/api/salesforce' }).",
  );
  const form = useCredentialsForm({
    adapter,
    connection,
    defaultValues,
    onSaved,
    loginUrlOptions,
    expectSandbox,
    messages,
    id,
    fields,
    connectionName,
    flow,
  });
  const myDomainOnly = flow === 'client-credentials';
  const text = form.messages;
  const { isDirty } = form.formState;
  const { status, serverErrorInfo, secret, ids } = form;
  const saving = status === 'saving';
  const unsaved = isDirty && !saving;
  const onUnsavedChangeRef = useLatest(onUnsavedChange);
  useEffect(() => {
    onUnsavedChangeRef.current?.({ unsaved });
  }, [unsaved, onUnsavedChangeRef]);
  // A note that appeared on blur (the click on Save blurs the secret box, and the note pushes the
  // button down under the pointer) leaves the click without a save: the line beside the button
  // says so, so nobody leaves thinking it was saved.
  const notesShown = (['loginUrl', 'consumerKey', 'consumerSecret'] as const).some(
    (name) => form.fieldWarnings(name).length > 0,
  );
  const savedNow = status === 'saved' && !isDirty && !serverErrorInfo;
  const footerState = savedNow ? 'saved' : unsaved ? 'unsaved' : 'idle';
  const [secretShown, setSecretShown] = useState(false);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const focusReplace = useRef(false);
  const cls = kitClasses(unstyled);

  // The typed secret is hidden again whenever the box is emptied by a save.
  useEffect(() => {
    if (status === 'saved') setSecretShown(false);
  }, [status]);

  // The secret box leaves after a save or on "Keep": focus that was in it goes to Replace,
  // which takes its place, instead of falling back to the page.
  const secretInputShown = useRef(false);
  useEffect(() => {
    const button = replaceButton.current;
    const hadInput = secretInputShown.current;
    secretInputShown.current = !button;
    if (!button) return;
    const lost = button.ownerDocument.activeElement === button.ownerDocument.body;
    if (focusReplace.current || (hadInput && lost)) button.focus();
    focusReplace.current = false;
  });

  function field(
    name: CredentialsFormField,
    label: string,
    description: ReactNode,
    control: ReactNode,
    kind?: ConnectionFieldDefinition['kind'],
  ) {
    const fieldIds = form.fieldIds(name);
    const error = form.fieldError(name);
    const warnings = name in ids ? form.fieldWarnings(name as CredentialField) : [];
    const labelElement = (
      <label htmlFor={fieldIds.input} className={cls('sfc-label')} data-sfc-part="label">
        {label}
      </label>
    );
    const swap = warnings.some((warning) => warning.code === 'key_and_secret_swapped');
    return (
      <div
        className={cls('sfc-field')}
        data-sfc-part="field"
        data-field={name}
        data-kind={kind}
        data-state={error ? 'invalid' : 'valid'}
      >
        {kind === 'checkbox' ? (
          <div className={cls('sfc-checkbox-row')} data-sfc-part="checkbox-row">
            {control}
            {labelElement}
          </div>
        ) : (
          labelElement
        )}
        <p id={fieldIds.description} className={cls('sfc-description')} data-sfc-part="description">
          {description}
        </p>
        {kind === 'checkbox' ? null : control}
        {name === 'loginUrl' && form.loginUrlInfo?.ok && !error ? (
          <p
            id={fieldIds.info}
            className={cls('sfc-login-url-info')}
            data-sfc-part="login-url-info"
          >
            {form.loginUrlInfo.summary}
          </p>
        ) : null}
        {error ? (
          <p id={fieldIds.error} className={cls('sfc-field-error')} data-sfc-part="field-error">
            {error}
          </p>
        ) : null}
        {warnings.length > 0 ? (
          <div className={cls('sfc-notice')} data-tone="warning" data-sfc-part="field-warning">
            <div id={fieldIds.warning}>
              {warnings.map((warning) => (
                <p key={warning.code}>{warning.message}</p>
              ))}
            </div>
            {swap ? (
              <button
                type="button"
                className={cls('sfc-button')}
                data-variant="secondary"
                data-sfc-part="swap-button"
                onClick={form.swapKeyAndSecret}
              >
                {text.swapFix}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    );
  }

  const inputClass = cls('sfc-input');

  /** One of the integrator's fields: a box of its kind, its help, its saved state. */
  function connectionField(name: string, definition: ConnectionFieldDefinition) {
    const path = `fields.${name}` as const;
    const secretSaved =
      definition.kind === 'text' && definition.secret && form.savedSecretFields.includes(name);
    const help = [
      definition.description,
      definition.kind === 'list' ? text.listHint : undefined,
      secretSaved ? text.secretFieldSaved : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    let control: ReactNode;
    switch (definition.kind) {
      case 'list':
        control = (
          <textarea
            {...form.getFieldProps(path)}
            className={cls('sfc-input sfc-textarea')}
            data-sfc-part="input"
            rows={4}
            spellCheck={false}
            placeholder={definition.placeholder}
          />
        );
        break;
      case 'select':
        control = (
          <select
            {...form.getFieldProps(path)}
            className={cls('sfc-input sfc-select')}
            data-sfc-part="input"
          >
            {definition.default === undefined ? (
              <option value="">{text.selectPlaceholder}</option>
            ) : null}
            {definition.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        );
        break;
      case 'checkbox':
        control = (
          <input
            {...form.getFieldProps(path)}
            type="checkbox"
            className={cls('sfc-checkbox')}
            data-sfc-part="input"
          />
        );
        break;
      default:
        control = (
          <input
            {...form.getFieldProps(path)}
            type={definition.secret ? 'password' : 'text'}
            className={inputClass}
            data-sfc-part="input"
            data-state={secretSaved ? 'saved' : undefined}
            autoComplete="off"
            placeholder={definition.placeholder}
            {...(definition.secret
              ? { 'data-1p-ignore': '', 'data-lpignore': 'true', 'data-bwignore': '' }
              : {})}
          />
        );
    }
    return (
      <Fragment key={name}>
        {field(path, definition.label, help, control, definition.kind)}
      </Fragment>
    );
  }
  const secretBox = secret.saved && !secret.replacing;
  const keyDescription = form.consumerKeyHint
    ? `${text.consumerKeyDescription} ${form.consumerKeyHint}`
    : text.consumerKeyDescription;

  return (
    <form
      {...rest}
      id={id}
      noValidate
      className={partClassName('sfc-scope sfc-credentials-form', { unstyled, className })}
      data-sfc-part="credentials-form"
      data-state={status}
      onSubmit={form.submit}
    >
      {form.connectionName
        ? field(
            'name',
            form.connectionName.label,
            form.connectionName.description,
            <input
              {...form.getFieldProps('name')}
              type="text"
              className={inputClass}
              data-sfc-part="input"
              autoComplete="off"
            />,
          )
        : null}
      {field(
        'loginUrl',
        myDomainOnly ? text.loginUrlLabelClientCredentials : text.loginUrlLabel,
        myDomainOnly ? text.loginUrlDescriptionClientCredentials : text.loginUrlDescription,
        <input
          {...form.getFieldProps('loginUrl')}
          type="url"
          inputMode="url"
          className={inputClass}
          data-sfc-part="input"
          placeholder={text.loginUrlPlaceholder}
        />,
      )}
      {field(
        'consumerKey',
        text.consumerKeyLabel,
        keyDescription,
        <input
          {...form.getFieldProps('consumerKey')}
          type="text"
          className={inputClass}
          data-sfc-part="input"
        />,
      )}
      {secretBox ? (
        <fieldset
          className={cls('sfc-field sfc-secret-saved')}
          data-sfc-part="secret-saved"
          data-field="consumerSecret"
        >
          <legend className={cls('sfc-label')} data-sfc-part="label">
            {text.consumerSecretLabel}
          </legend>
          <div className={cls('sfc-secret-row')}>
            <p className={cls('sfc-secret-saved-text')}>{text.secretSaved}</p>
            <button
              ref={replaceButton}
              type="button"
              className={cls('sfc-button')}
              data-variant="secondary"
              data-sfc-part="replace-secret"
              aria-label={`${text.replaceSecret} ${text.consumerSecretLabel}`}
              onClick={secret.replace}
            >
              {text.replaceSecret}
            </button>
          </div>
        </fieldset>
      ) : (
        field(
          'consumerSecret',
          text.consumerSecretLabel,
          secret.appChanged
            ? `${text.consumerSecretDescription} ${text.secretForNewApp}`
            : secret.replacing
              ? `${text.consumerSecretDescription} ${text.replaceSecretDescription}`
              : text.consumerSecretDescription,
          <div className={cls('sfc-secret-row')}>
            <input
              {...form.getFieldProps('consumerSecret')}
              type={secretShown ? 'text' : 'password'}
              className={inputClass}
              data-sfc-part="input"
              // Password managers: this is an API secret, not the admin's own password.
              data-1p-ignore=""
              data-lpignore="true"
              data-bwignore=""
              data-form-type="other"
            />
            <button
              type="button"
              className={cls('sfc-button')}
              data-variant="secondary"
              data-sfc-part="toggle-secret"
              aria-label={text.showSecretLabel}
              aria-pressed={secretShown}
              aria-controls={ids.consumerSecret.input}
              onClick={() => setSecretShown((shown) => !shown)}
            >
              {text.showSecret}
            </button>
            {secret.replacing && !secret.appChanged ? (
              <button
                type="button"
                className={cls('sfc-button')}
                data-variant="link"
                data-sfc-part="keep-secret"
                onClick={() => {
                  focusReplace.current = true;
                  secret.keep();
                }}
              >
                {text.keepSecret}
              </button>
            ) : null}
          </div>,
        )
      )}
      {Object.entries(form.connectionFields).map(([name, definition]) =>
        connectionField(name, definition),
      )}
      <div className={cls('sfc-form-footer')} data-sfc-part="footer">
        <div role="alert" className={cls('sfc-form-alert')} data-sfc-part="error-summary">
          {serverErrorInfo ? (
            <div
              className={cls('sfc-notice')}
              data-tone={serverErrorInfo.saved ? 'warning' : 'danger'}
            >
              <p className={cls('sfc-notice-title')}>
                {serverErrorInfo.saved ? text.savedWithProblemTitle : text.notSavedTitle}
              </p>
              <p>{serverErrorInfo.message}</p>
              {serverErrorInfo.guideStepId ? (
                <p>
                  <a
                    href={`#sfc-step-${serverErrorInfo.guideStepId}`}
                    data-sfc-part="guide-link"
                    onClick={(event) => {
                      const stepId = serverErrorInfo.guideStepId;
                      if (stepId) onShowGuideStep?.({ stepId, event });
                    }}
                  >
                    {text.showGuideStep}
                  </a>
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className={cls('sfc-form-actions')} data-sfc-part="actions">
          <button
            type="submit"
            className={cls('sfc-button')}
            data-sfc-part="submit"
            // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
            aria-disabled={saving || undefined}
            aria-busy={saving || undefined}
          >
            {saving ? text.saving : text.submit}
          </button>
          <p
            role="status"
            className={cls('sfc-form-status')}
            data-sfc-part="form-status"
            data-state={footerState}
          >
            {footerState === 'saved'
              ? text.saved
              : footerState === 'unsaved'
                ? notesShown
                  ? text.unsavedWithNotes
                  : text.unsaved
                : ''}
          </p>
        </div>
      </div>
    </form>
  );
}
