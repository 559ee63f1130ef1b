import { zodResolver } from '@hookform/resolvers/zod';
import {
  type BaseSyntheticEvent,
  type ChangeEvent,
  type FocusEvent,
  type Ref,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  type FieldError,
  type FieldErrors,
  type Path,
  type Resolver,
  type UseFormReturn,
  useForm,
  useWatch,
} from 'react-hook-form';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import { isGenericLoginHost } from '../core/client-credentials-login-url.js';
import { parseConnectionName } from '../core/connection-name.js';
import {
  type CredentialField,
  type CredentialWarning,
  createCredentialsSchema,
  inspectCredentials,
} from '../core/credentials.js';
import {
  ConnectError,
  type ConnectErrorCode,
  isAbortError,
  toConnectError,
} from '../core/errors.js';
import {
  type ConnectionFieldDefinition,
  type ConnectionFieldDefinitions,
  type ConnectionNameField,
  checkConnectionFields,
} from '../core/fields.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import {
  fillMessage,
  type LoginUrlResult,
  type NormalizeLoginUrlOptions,
  normalizeLoginUrl,
} from '../core/login-url.js';
import { keyHint } from '../core/secret-display.js';
import type { Connection, ConnectionFlow, CredentialsInput } from '../core/types.js';
import { useMessages } from '../messages/context.js';
import {
  type CredentialsFormMessages,
  credentialsFormMessagesEn,
} from '../messages/credentialsForm.js';
import { composeEventHandlers } from '../react/compose-event-handlers.js';
import { isDevelopment, requireProp } from '../react/development.js';
import { useLatest } from '../react/use-latest.js';

/**
 * Options of {@link useCredentialsForm}.
 *
 * @example
 * const options: UseCredentialsFormOptions = { adapter, onSaved: ({ connection }) => setConnection(connection) };
 */
export interface UseCredentialsFormOptions {
  /** Only `saveCredentials` is used. */
  adapter: Pick<SalesforceConnectAdapter, 'saveCredentials'>;
  /** Starting values; the Login URL falls back to `connection.loginUrl`. */
  defaultValues?: Partial<CredentialsInput> | undefined;
  /** Called after every successful save, also when the backend's preflight flagged a problem. */
  onSaved?: ((details: { connection: Connection }) => void) | undefined;
  /** The current connection: its saved secret, key hint and Login URL shape the form. */
  connection?: Connection | undefined;
  /** Extra login hosts to accept, e.g. a local Salesforce simulator (`['localhost:4010']`). */
  loginUrlOptions?: Pick<NormalizeLoginUrlOptions, 'allowedHosts'> | undefined;
  /** Warn when the Login URL is for a sandbox (`false`) or for production (`true`). */
  expectSandbox?: boolean | undefined;
  messages?: Partial<CredentialsFormMessages> | undefined;
  /** Prefix of the field ids; default a generated one. */
  id?: string | undefined;
  /**
   * The integrator's connection fields (`defineConnectionFields`): each gets a box of its kind,
   * checked with core's `checkConnectionFields` (the backend checks the same definitions) and
   * sent as `fields`.
   */
  fields?: ConnectionFieldDefinitions | undefined;
  /**
   * Ask for the connection's name (`true`, or a label, help text and `required`): checked with
   * `parseConnectionName` and sent as `name`. Empty and not required: the saved name stays.
   */
  connectionName?: ConnectionNameField | boolean | undefined;
  /**
   * How the product connects; saved with the credentials. With `client-credentials` the Login
   * URL must be the org's My Domain URL: https://login.salesforce.com and
   * https://test.salesforce.com are refused beside the field (the flow does not work there).
   */
  flow?: ConnectionFlow | undefined;
}

/**
 * A box of the form besides the three credentials: the connection name (`name`) or one of the
 * integrator's fields (`fields.<name>`). The values a server's refusal names in `error.field`.
 *
 * @example
 * const box: ConnectionFormField = 'fields.companies';
 */
export type ConnectionFormField = 'name' | `fields.${string}`;

/**
 * Any box of the credentials form.
 *
 * @example
 * const box: CredentialsFormField = 'consumerKey';
 */
export type CredentialsFormField = CredentialField | ConnectionFormField;

/**
 * What the integrator may pass to `getFieldProps` for the name or a connection field (an
 * `<input>`, `<textarea>` or `<select>`).
 *
 * @example
 * <textarea {...form.getFieldProps('fields.companies', { rows: 4 })} />
 */
export interface ConnectionFieldPropsInput {
  ref?: Ref<HTMLElement> | undefined;
  onChange?: ((event: ChangeEvent<HTMLElement>) => void) | undefined;
  onBlur?: ((event: FocusEvent<HTMLElement>) => void) | undefined;
  'aria-describedby'?: string | undefined;
  [prop: string]: unknown;
}

/**
 * Props for the element bound to the name or a connection field: spread them on an `<input>`,
 * `<textarea>` (list), `<select>` or checkbox `<input>`.
 *
 * @example
 * const props: ConnectionFieldProps = form.getFieldProps('fields.region');
 */
export interface ConnectionFieldProps {
  id: string;
  name: ConnectionFormField;
  ref: (instance: HTMLElement | null) => void;
  onChange: (event: ChangeEvent<HTMLElement>) => void;
  onBlur: (event: FocusEvent<HTMLElement>) => void;
  'aria-invalid': true | undefined;
  'aria-errormessage': string | undefined;
  'aria-describedby': string;
  'aria-required': true | undefined;
  [prop: string]: unknown;
}

/**
 * Where the credentials form stands: `saved` after a successful save (even one the backend's
 * preflight flagged), `failed` when the save threw.
 *
 * @example
 * if (form.status === 'saving') showSpinner();
 */
export type CredentialsFormStatus = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The live reading of the Login URL box: core's normalization plus one sentence to show.
 *
 * @example
 * if (loginUrlInfo?.ok) hint.textContent = loginUrlInfo.summary; // "We'll use https://acme.my.salesforce.com (My Domain)."
 */
export type LoginUrlInfo = LoginUrlResult & {
  /** "We'll use {url} ({kind})." (or the rewrite note), or the refusal's message. */
  summary: string;
};

/**
 * Where a server error belongs in the form.
 *
 * @example
 * if (serverErrorInfo?.guideStepId) linkTo(`#sfc-step-${serverErrorInfo.guideStepId}`);
 */
export interface CredentialsServerErrorInfo {
  /** True when the credentials were saved and the backend's check at Salesforce failed. */
  saved: boolean;
  /** The field the error is shown on, when it belongs to one. */
  field?: CredentialsFormField;
  /** The setup guide step where the fix is made. */
  guideStepId?: GuideStepId;
  /** The sentence to show. */
  message: string;
}

/**
 * Element ids of one field's parts; `getFieldProps` points `aria-describedby` at them.
 *
 * @example
 * <p id={form.ids.consumerKey.description}>…</p>
 */
export interface CredentialFieldIds {
  input: string;
  description: string;
  /** The live Login URL line (only the Login URL has one). */
  info: string;
  error: string;
  warning: string;
}

/**
 * What the integrator may pass to `getFieldProps`; handlers and refs are merged with the form's
 * (the integrator's handler runs first and may veto the form's with `event.preventDefault()`).
 *
 * @example
 * <input {...form.getFieldProps('loginUrl', { ref: myRef, onBlur: track, className: 'wide' })} />
 */
export interface CredentialFieldPropsInput {
  ref?: Ref<HTMLInputElement> | undefined;
  onChange?: ((event: ChangeEvent<HTMLInputElement>) => void) | undefined;
  onBlur?: ((event: FocusEvent<HTMLInputElement>) => void) | undefined;
  'aria-describedby'?: string | undefined;
  [prop: string]: unknown;
}

/**
 * Props for an `<input>` bound to one credentials field.
 *
 * @example
 * const props: CredentialFieldProps = form.getFieldProps('consumerKey');
 */
export interface CredentialFieldProps {
  id: string;
  name: CredentialField;
  ref: Ref<HTMLInputElement>;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  'aria-invalid': true | undefined;
  'aria-describedby': string;
  autoComplete: 'off';
  spellCheck: false;
  autoCapitalize: 'off';
  autoCorrect: 'off';
  [prop: string]: unknown;
}

/**
 * The write-only secret: once saved it is never shown again, only replaced.
 *
 * @example
 * secret.saved && !secret.replacing ? <button onClick={secret.replace}>Replace</button> : <input {...getFieldProps('consumerSecret')} />
 */
export interface CredentialsSecretState {
  /** A secret is stored on the backend (an empty box keeps it). */
  saved: boolean;
  /** The admin asked to type a new one. */
  replacing: boolean;
  /** Shows an empty secret box and focuses it. */
  replace(): void;
  /** Hides the box again, dropping what was typed in it. */
  keep(): void;
  /**
   * The Consumer Key or Login URL typed differs from the saved one: the saved secret belongs to
   * that other app, so a secret must be typed (the box stays open, and saving without one fails).
   */
  appChanged: boolean;
}

/**
 * What {@link useCredentialsForm} returns: the react-hook-form instance plus the kit's parts.
 *
 * @example
 * const { getFieldProps, submit, status } = useCredentialsForm({ adapter });
 */
export type UseCredentialsFormReturn = UseFormReturn<
  CredentialsInput,
  unknown,
  CredentialsInput
> & {
  /** Props for the field's `<input>`; pass your own handlers and ref to merge them. */
  getFieldProps(name: CredentialField, props?: CredentialFieldPropsInput): CredentialFieldProps;
  /** Props for the name's or a connection field's element (`fields.<name>`). */
  getFieldProps(name: ConnectionFormField, props?: ConnectionFieldPropsInput): ConnectionFieldProps;
  ids: Record<CredentialField, CredentialFieldIds>;
  /** Element ids of any box's parts (the credentials, the name, each connection field). */
  fieldIds(name: CredentialsFormField): CredentialFieldIds;
  /** The connection fields the form shows, by name, in order. */
  connectionFields: ConnectionFieldDefinitions;
  /** The name box's label, help text and whether it is required; undefined when not asked. */
  connectionName: { label: string; description: string; required: boolean } | undefined;
  /** Names of the secret connection fields with a saved value (an empty box keeps it). */
  savedSecretFields: readonly string[];
  /** The current Login URL read by `normalizeLoginUrl`; undefined while the box is empty. */
  loginUrlInfo: LoginUrlInfo | undefined;
  /** Every warning about the current values (`inspectCredentials`). */
  warnings: CredentialWarning[];
  /** The warnings to show next to a field now: once it was touched, or after a submit. */
  fieldWarnings(name: CredentialField): CredentialWarning[];
  /**
   * The field's error text, or undefined when it has none: the one answer that both
   * `aria-invalid`/`aria-describedby` and the text under the field follow (an error raised
   * without a message shows `messages.fieldInvalid`, so the description never points at nothing).
   */
  fieldError(name: CredentialsFormField): string | undefined;
  /** Puts the key in the secret box and the secret in the key box. */
  swapKeyAndSecret(): void;
  /** Validates, then saves through the adapter. Use as `<form onSubmit={submit}>`. */
  submit: (event?: BaseSyntheticEvent) => Promise<void>;
  status: CredentialsFormStatus;
  /** The last save's error, or the preflight finding the backend returned with a save. */
  serverError: ConnectError | undefined;
  serverErrorInfo: CredentialsServerErrorInfo | undefined;
  secret: CredentialsSecretState;
  /** "Saved key ends in WXYZ." once a key is stored, else undefined. */
  consumerKeyHint: string | undefined;
  messages: CredentialsFormMessages;
};

const fields: readonly CredentialField[] = ['loginUrl', 'consumerKey', 'consumerSecret'];

const fieldOfCode: Partial<Record<ConnectErrorCode, CredentialField>> = {
  invalid_client: 'consumerSecret',
  invalid_client_id: 'consumerKey',
  invalid_login_url: 'loginUrl',
};

const NO_FIELDS: ConnectionFieldDefinitions = {};
const NO_NAMES: readonly string[] = [];

const isSecretField = (definition: ConnectionFieldDefinition | undefined) =>
  definition?.kind === 'text' && definition.secret === true;

/**
 * The form's value of each connection field: text for text, select and list (rows joined by
 * line breaks, for the textarea), a boolean for a checkbox. Secret fields always start empty.
 */
function fieldFormValues(
  definitions: ConnectionFieldDefinitions,
  saved: Partial<Record<string, string | string[] | boolean>> | undefined,
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const value = isSecretField(definition) ? undefined : saved?.[name];
    switch (definition.kind) {
      case 'checkbox':
        values[name] = typeof value === 'boolean' ? value : (definition.default ?? false);
        break;
      case 'list': {
        const rows = Array.isArray(value) ? value : (definition.default ?? []);
        values[name] = rows.join('\n');
        break;
      }
      default:
        values[name] = typeof value === 'string' ? value : (definition.default ?? '');
    }
  }
  return values;
}

function mergeRefs<T>(...refs: Array<Ref<T> | undefined>): Ref<T> {
  return (instance: T | null) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(instance);
      else if (ref) ref.current = instance;
    }
  };
}

/**
 * The credentials form's logic without its markup: react-hook-form (`mode: 'onTouched'`) with
 * core's zod/mini schema, prop getters wiring labels, descriptions, errors and warnings, the live
 * Login URL reading, and saving through the adapter. On failure every typed value stays and focus
 * moves to the first invalid field; Salesforce's verdicts land on the field they concern
 * (`invalid_client` on the secret, `invalid_client_id` on the key, `invalid_login_url` on the Login
 * URL, `redirect_uri_mismatch` as a form error pointing at the guide's `callback-url` step).
 *
 * The Consumer Secret stays in memory only (never stored, logged or put in a URL) and is cleared
 * after a successful save; from then on it is write-only: `secret.saved` is true, an empty box
 * keeps the saved secret, `secret.replace()` opens a box for a new one. Unmounting aborts a save
 * in flight.
 *
 * @example
 * function MyForm({ adapter }) {
 *   const form = useCredentialsForm({ adapter, onSaved: ({ connection }) => console.info(connection.status) });
 *   return (
 *     <form onSubmit={form.submit} noValidate>
 *       <label htmlFor={form.ids.consumerKey.input}>Consumer Key</label>
 *       <input {...form.getFieldProps('consumerKey')} />
 *       <p id={form.ids.consumerKey.error}>{form.fieldError('consumerKey')}</p>
 *       <button type="submit">Save credentials</button>
 *     </form>
 *   );
 * }
 */
/**
 * Whether typed values name another app than the saved one: a Login URL that normalizes to
 * another address, or a Consumer Key whose last four characters differ from the saved hint.
 */
function differsFromSavedApp(
  values: Partial<CredentialsInput>,
  saved: { loginUrl?: string | undefined; keyHint?: string | undefined },
  loginOptions: NormalizeLoginUrlOptions,
): boolean {
  const key = (values.consumerKey ?? '').trim();
  const typedHint = keyHint(key);
  if (saved.keyHint && typedHint && typedHint !== saved.keyHint) return true;
  const loginUrl = (values.loginUrl ?? '').trim();
  if (!loginUrl || !saved.loginUrl) return false;
  const typed = normalizeLoginUrl(loginUrl, loginOptions);
  return typed.ok && typed.url !== saved.loginUrl;
}

export function useCredentialsForm(options: UseCredentialsFormOptions): UseCredentialsFormReturn {
  requireProp(
    options?.adapter,
    'useCredentialsForm',
    'adapter',
    "Pass an object with saveCredentials, such as createFetchAdapter({ baseUrl: '/api/salesforce' }).",
  );
  const { adapter, connection, defaultValues, loginUrlOptions, expectSandbox, flow } = options;
  const clientCredentials = flow === 'client-credentials';
  const text = useMessages('credentialsForm', credentialsFormMessagesEn, options.messages);
  const definitions = options.fields ?? NO_FIELDS;
  const hasFields = Object.keys(definitions).length > 0;
  const nameOption = options.connectionName;
  const connectionName =
    nameOption === undefined || nameOption === false
      ? undefined
      : {
          label: (nameOption !== true && nameOption.label) || text.connectionNameLabel,
          description:
            (nameOption !== true && nameOption.description) || text.connectionNameDescription,
          required: nameOption !== true && nameOption.required === true,
        };
  const askName = connectionName !== undefined;
  const nameRequired = connectionName?.required === true;
  const reactId = useId();
  const base = options.id ?? `sfc-${reactId.replace(/[^\w-]/g, '')}`;

  const [savedConnection, setSavedConnection] = useState<Connection>();
  const [savedHere, setSavedHere] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [status, setStatus] = useState<CredentialsFormStatus>('idle');
  const [serverError, setServerError] = useState<{
    error: ConnectError;
    info: CredentialsServerErrorInfo;
  }>();
  const [focusRequest, setFocusRequest] = useState<{ field: CredentialsFormField }>();
  const controllerRef = useRef<AbortController | null>(null);
  const busy = useRef(false);
  const onSavedRef = useLatest(options.onSaved);

  // A newer connection from the parent (refresh, disconnect) replaces the one this form saved.
  const [seenConnection, setSeenConnection] = useState(connection);
  if (seenConnection !== connection) {
    setSeenConnection(connection);
    setSavedConnection(undefined);
  }
  const current = savedConnection ?? connection;
  const secretSaved =
    current?.hasConsumerSecret === true || (savedHere && current?.hasConsumerSecret !== false);
  const savedSecretFields = current?.savedSecretFields ?? NO_NAMES;
  const savedSecretKey = savedSecretFields.join(' ');

  const allowedHosts = loginUrlOptions?.allowedHosts;
  const allowedHostsKey = allowedHosts?.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: hosts compared by content, not identity.
  const loginOptions = useMemo<NormalizeLoginUrlOptions>(
    () => (allowedHosts ? { allowedHosts, messages: text.loginUrl } : { messages: text.loginUrl }),
    [allowedHostsKey, text.loginUrl],
  );

  // The saved secret may be kept only for the app it was saved with (same key, same host).
  const savedApp = useRef({ loginUrl: current?.loginUrl, keyHint: current?.consumerKeyHint });
  savedApp.current = { loginUrl: current?.loginUrl, keyHint: current?.consumerKeyHint };

  const resolver = useMemo<Resolver<CredentialsInput, unknown, CredentialsInput>>(() => {
    const schema = (secretAlreadySaved: boolean) =>
      zodResolver(
        createCredentialsSchema({
          loginUrl: loginOptions,
          secretAlreadySaved,
          messages: text.validation,
        }),
      );
    const keeping = schema(secretSaved);
    const needing = schema(false);
    const existingSecrets = savedSecretKey ? savedSecretKey.split(' ') : [];
    // With `shouldUnregister` a hidden secret box drops its value; an absent secret means "keep".
    return async (values, context, resolverOptions) => {
      const keep = secretSaved && !differsFromSavedApp(values, savedApp.current, loginOptions);
      const base = await (keep ? keeping : needing)(
        { ...values, consumerSecret: values.consumerSecret ?? '' },
        context,
        resolverOptions,
      );
      // The name and the connection fields: core's checks, the ones the backend runs.
      const errors: FieldErrors<CredentialsInput> = { ...base.errors };
      // The client credentials flow needs the org's own domain (core's one rule for it): a
      // usable address, but not for this flow, is refused beside the box, the value kept.
      if (clientCredentials && isGenericLoginHost(values.loginUrl ?? '')) {
        errors.loginUrl = { type: 'generic_login_host', message: text.loginUrlGenericHost };
      }
      const extra: Pick<CredentialsInput, 'name' | 'fields'> = {};
      if (askName) {
        const typed = values.name ?? '';
        if (typed.trim() || nameRequired) {
          try {
            extra.name = parseConnectionName(typed, text.nameValidation);
          } catch (error) {
            errors.name = { type: 'validate', message: (error as Error).message };
          }
        }
      }
      if (hasFields) {
        const result = checkConnectionFields(definitions, values.fields ?? {}, {
          existingSecrets,
          messages: text.fieldValidation,
        });
        if (result.ok) extra.fields = result.values;
        else {
          const fieldErrors: Record<string, FieldError> = {};
          for (const issue of result.issues) {
            fieldErrors[issue.name] = { type: 'validate', message: issue.message };
          }
          errors.fields = fieldErrors as NonNullable<FieldErrors<CredentialsInput>['fields']>;
        }
      }
      if (Object.keys(errors).length > 0) return { values: {}, errors };
      return { values: { ...(base.values as CredentialsInput), ...extra }, errors: {} };
    };
  }, [
    loginOptions,
    secretSaved,
    text.validation,
    text.nameValidation,
    text.fieldValidation,
    savedSecretKey,
    askName,
    nameRequired,
    hasFields,
    definitions,
    clientCredentials,
    text.loginUrlGenericHost,
  ]);

  const form = useForm<CredentialsInput, unknown, CredentialsInput>({
    mode: 'onTouched',
    resolver,
    defaultValues: {
      loginUrl: defaultValues?.loginUrl ?? connection?.loginUrl ?? '',
      consumerKey: defaultValues?.consumerKey ?? '',
      consumerSecret: defaultValues?.consumerSecret ?? '',
      ...(askName ? { name: defaultValues?.name ?? connection?.name ?? '' } : {}),
      ...(hasFields
        ? { fields: fieldFormValues(definitions, defaultValues?.fields ?? connection?.fields) }
        : {}),
    },
  });
  const { errors, touchedFields, isSubmitted } = form.formState;

  // A connection that arrives after the first render fills an untouched, empty Login URL box.
  const connectionLoginUrl = connection?.loginUrl;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when the saved URL changes.
  useEffect(() => {
    if (
      connectionLoginUrl &&
      !form.getValues('loginUrl') &&
      !form.getFieldState('loginUrl').isDirty
    ) {
      form.resetField('loginUrl', { defaultValue: connectionLoginUrl });
    }
  }, [connectionLoginUrl]);

  // The saved name and fields, when they arrive after the first render, fill untouched boxes.
  const connectionName_ = connection?.name;
  const connectionFieldsKey = JSON.stringify(connection?.fields ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when the saved values change.
  useEffect(() => {
    if (askName && connectionName_ && !form.getFieldState('name').isDirty) {
      form.resetField('name', { defaultValue: connectionName_ });
    }
    if (!hasFields || !connection?.fields) return;
    const values = fieldFormValues(definitions, connection.fields);
    for (const [name, value] of Object.entries(values)) {
      const path = `fields.${name}` as Path<CredentialsInput>;
      if (!form.getFieldState(path).isDirty) form.resetField(path, { defaultValue: value });
    }
  }, [connectionName_, connectionFieldsKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `form` is stable.
  useEffect(() => {
    if (focusRequest) form.setFocus(focusRequest.field as Path<CredentialsInput>);
  }, [focusRequest]);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const values = useWatch({ control: form.control }) as Partial<CredentialsInput>;
  const loginUrlValue = values.loginUrl ?? '';
  const loginUrlInfo = useMemo<LoginUrlInfo | undefined>(() => {
    if (!loginUrlValue.trim()) return undefined;
    const result = normalizeLoginUrl(loginUrlValue, loginOptions);
    if (!result.ok) return { ...result, summary: result.message };
    // A rewrite note already says which address is used and why; otherwise name the kind.
    const rewrite = result.notes.find((note) => note.code.startsWith('rewritten_'));
    const summary =
      rewrite?.message ??
      fillMessage(text.loginUrlWillUse, { url: result.url, kind: text.kinds[result.kind] });
    return { ...result, summary };
  }, [loginUrlValue, loginOptions, text]);

  const appChanged = secretSaved && differsFromSavedApp(values, savedApp.current, loginOptions);
  // Open the secret box for the new app and keep it open: what the admin types there is never
  // dropped because the key was edited back.
  if (appChanged && !replacing) setReplacing(true);

  const warnings = useMemo(
    () =>
      inspectCredentials(values, {
        loginUrl: loginOptions,
        messages: text.validation,
        ...(expectSandbox === undefined ? {} : { expectSandbox }),
      }),
    [values, loginOptions, text.validation, expectSandbox],
  );
  const fieldWarnings = (name: CredentialField) =>
    touchedFields[name] || isSubmitted ? warnings.filter((warning) => warning.field === name) : [];

  const errorOf = (name: CredentialsFormField): FieldError | undefined => {
    if (name.startsWith('fields.')) {
      const all = errors.fields as Record<string, FieldError | undefined> | undefined;
      return all?.[name.slice('fields.'.length)];
    }
    return errors[name as CredentialField | 'name'] as FieldError | undefined;
  };

  const fieldError = (name: CredentialsFormField) => {
    const error = errorOf(name);
    if (!error) return undefined;
    const message = error.message || text.fieldInvalid;
    const hint = name === 'loginUrl' ? refusedHostHint(form.getValues('loginUrl')) : undefined;
    return hint ? `${message} ${hint}` : message;
  };

  /**
   * In development, a Login URL refused for its host (an IP address, a host that is not
   * Salesforce's: a local simulator the integrator meant to allow) names the setting to change.
   */
  function refusedHostHint(value: string | undefined): string | undefined {
    if (!value || !isDevelopment()) return undefined;
    const result = normalizeLoginUrl(value, loginOptions);
    if (result.ok || (result.code !== 'ip_address' && result.code !== 'not_salesforce')) {
      return undefined;
    }
    let host: string;
    try {
      host = new URL(
        /^[a-z][a-z\d+.-]*:\/\//i.test(value.trim()) ? value.trim() : `http://${value.trim()}`,
      ).host;
    } catch {
      return undefined;
    }
    return fillMessage(text.loginHostNotAllowedHint, { host });
  }

  const ids = {} as Record<CredentialField, CredentialFieldIds>;
  for (const name of fields) {
    const prefix = `${base}-${name}`;
    ids[name] = {
      input: prefix,
      description: `${prefix}-description`,
      info: `${prefix}-info`,
      error: `${prefix}-error`,
      warning: `${prefix}-warning`,
    };
  }

  const fieldIds = (name: CredentialsFormField): CredentialFieldIds => {
    if (name in ids) return ids[name as CredentialField];
    const prefix = `${base}-${name.replace('.', '-')}`;
    return {
      input: prefix,
      description: `${prefix}-description`,
      info: `${prefix}-info`,
      error: `${prefix}-error`,
      warning: `${prefix}-warning`,
    };
  };

  function getConnectionFieldProps(
    name: ConnectionFormField,
    props: ConnectionFieldPropsInput = {},
  ): ConnectionFieldProps {
    const { ref, onChange, onBlur, 'aria-describedby': describedBy, ...rest } = props;
    const registration = form.register(name as Path<CredentialsInput>);
    const partIds = fieldIds(name);
    const invalid = fieldError(name) !== undefined;
    const definition = name.startsWith('fields.')
      ? definitions[name.slice('fields.'.length)]
      : undefined;
    const required = name === 'name' ? nameRequired : definition?.required === true;
    return {
      ...rest,
      id: partIds.input,
      name,
      ref: (instance: HTMLElement | null) => {
        registration.ref(instance);
        if (typeof ref === 'function') ref(instance);
        else if (ref) ref.current = instance;
      },
      onChange: composeEventHandlers(onChange, (event: ChangeEvent<HTMLElement>) => {
        void registration.onChange(event);
      }),
      onBlur: composeEventHandlers(onBlur, (event: FocusEvent<HTMLElement>) => {
        void registration.onBlur(event);
      }),
      'aria-invalid': invalid || undefined,
      'aria-errormessage': invalid ? partIds.error : undefined,
      'aria-required': required || undefined,
      'aria-describedby': [partIds.description, invalid ? partIds.error : '', describedBy]
        .filter(Boolean)
        .join(' '),
    };
  }

  function getFieldProps(
    name: CredentialField,
    props?: CredentialFieldPropsInput,
  ): CredentialFieldProps;
  function getFieldProps(
    name: ConnectionFormField,
    props?: ConnectionFieldPropsInput,
  ): ConnectionFieldProps;
  function getFieldProps(
    name: CredentialsFormField,
    props: CredentialFieldPropsInput | ConnectionFieldPropsInput = {},
  ): CredentialFieldProps | ConnectionFieldProps {
    if (!(name in ids)) {
      return getConnectionFieldProps(
        name as ConnectionFormField,
        props as ConnectionFieldPropsInput,
      );
    }
    return getCredentialFieldProps(name as CredentialField, props as CredentialFieldPropsInput);
  }

  function getCredentialFieldProps(
    name: CredentialField,
    props: CredentialFieldPropsInput = {},
  ): CredentialFieldProps {
    const { ref, onChange, onBlur, 'aria-describedby': describedBy, ...rest } = props;
    const registration = form.register(name);
    const fieldIds = ids[name];
    const invalid = fieldError(name) !== undefined;
    return {
      ...rest,
      id: fieldIds.input,
      name,
      ref: ref ? mergeRefs(registration.ref, ref) : registration.ref,
      onChange: composeEventHandlers(onChange, registration.onChange),
      onBlur: composeEventHandlers(onBlur, registration.onBlur),
      'aria-invalid': invalid || undefined,
      'aria-describedby': [
        fieldIds.description,
        name === 'loginUrl' && loginUrlInfo?.ok && !invalid ? fieldIds.info : '',
        invalid ? fieldIds.error : '',
        fieldWarnings(name).length > 0 ? fieldIds.warning : '',
        describedBy,
      ]
        .filter(Boolean)
        .join(' '),
      autoComplete: 'off',
      spellCheck: false,
      autoCapitalize: 'off',
      autoCorrect: 'off',
    };
  }

  /** A box the form shows, named by a server's `error.field`; undefined for any other value. */
  function shownField(field: string | undefined): CredentialsFormField | undefined {
    if (field === undefined) return undefined;
    if (field in ids) return field as CredentialField;
    if (field === 'name') return askName ? 'name' : undefined;
    if (field.startsWith('fields.') && Object.hasOwn(definitions, field.slice(7))) {
      return field as ConnectionFormField;
    }
    return undefined;
  }

  function showServerError(error: ConnectError, saved: boolean) {
    const field = shownField(error.field) ?? fieldOfCode[error.code];
    let message = error.message;
    if (error.code === 'invalid_client') message = text.invalidClient;
    else if (error.code === 'invalid_client_id') message = text.invalidClientId;
    else if (error.code === 'redirect_uri_mismatch') message = text.redirectUriMismatch;
    else if (
      field === 'loginUrl' &&
      clientCredentials &&
      isGenericLoginHost(form.getValues('loginUrl'))
    ) {
      message = text.loginUrlGenericHost;
    } else if (error.code === 'invalid_login_url') {
      // The local check says it in the admin's language when it agrees with the server.
      const local = normalizeLoginUrl(form.getValues('loginUrl'), loginOptions);
      if (!local.ok) message = local.message;
    }
    const info: CredentialsServerErrorInfo = {
      saved,
      message,
      ...(field ? { field } : {}),
      ...(error.code === 'redirect_uri_mismatch' ? { guideStepId: 'callback-url' as const } : {}),
    };
    setServerError({ error, info });
    if (field) {
      if (field === 'consumerSecret') setReplacing(true);
      form.setError(field as Path<CredentialsInput>, { type: 'server', message });
      setFocusRequest({ field });
    }
  }

  const submit = form.handleSubmit(
    async (parsed) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setStatus('saving');
      setServerError(undefined);
      try {
        const input = clientCredentials ? { ...parsed, flow } : parsed;
        const saved = await adapter.saveCredentials(input, { signal: controller.signal });
        if (controller.signal.aborted) return;
        // The secret leaves form state (and the defaults RHF keeps) the moment it is stored; so do
        // the secret connection fields.
        form.reset({
          loginUrl: parsed.loginUrl,
          consumerKey: parsed.consumerKey,
          consumerSecret: '',
          ...(askName ? { name: parsed.name ?? form.getValues('name') ?? '' } : {}),
          ...(hasFields ? { fields: fieldFormValues(definitions, parsed.fields) } : {}),
        });
        setSavedConnection(saved);
        setSavedHere(true);
        setReplacing(false);
        setStatus('saved');
        if (saved.error) showServerError(ConnectError.fromJSON(saved.error), true);
        onSavedRef.current?.({ connection: saved });
      } catch (caught) {
        if (controller.signal.aborted || isAbortError(caught)) return;
        setStatus('failed');
        showServerError(toConnectError(caught, 'adapter_error'), false);
      }
    },
    (invalid) => {
      // Focus goes to the first refused box in the form's order, the name and the connection
      // fields included (react-hook-form does not always reach nested boxes on its own).
      const order: CredentialsFormField[] = [
        ...(askName ? (['name'] as const) : []),
        ...fields,
        ...Object.keys(definitions).map((name) => `fields.${name}` as const),
      ];
      const nested = invalid.fields as Record<string, unknown> | undefined;
      const first = order.find((name) =>
        name.startsWith('fields.')
          ? nested?.[name.slice('fields.'.length)] !== undefined
          : invalid[name as CredentialField | 'name'] !== undefined,
      );
      if (first) form.setFocus(first as Path<CredentialsInput>);
    },
  );

  const secret: CredentialsSecretState = {
    saved: secretSaved,
    replacing: secretSaved && replacing,
    replace() {
      setReplacing(true);
      setFocusRequest({ field: 'consumerSecret' });
    },
    keep() {
      if (appChanged) return;
      setReplacing(false);
      form.resetField('consumerSecret', { defaultValue: '' });
    },
    appChanged,
  };

  const hint = current?.consumerKeyHint;
  return {
    ...form,
    getFieldProps,
    ids,
    fieldIds,
    connectionFields: definitions,
    connectionName,
    savedSecretFields,
    loginUrlInfo,
    warnings,
    fieldWarnings,
    fieldError,
    swapKeyAndSecret() {
      const { consumerKey, consumerSecret } = form.getValues();
      const options = { shouldDirty: true, shouldTouch: true, shouldValidate: true };
      form.setValue('consumerKey', consumerSecret, options);
      form.setValue('consumerSecret', consumerKey, options);
    },
    submit: async (event) => {
      // One save at a time: a second Enter or click while validating or saving does nothing.
      if (busy.current) {
        event?.preventDefault?.();
        return;
      }
      busy.current = true;
      try {
        await submit(event);
      } finally {
        busy.current = false;
      }
    },
    status,
    serverError: serverError?.error,
    serverErrorInfo: serverError?.info,
    secret,
    consumerKeyHint: hint ? fillMessage(text.consumerKeyHint, { hint }) : undefined,
    messages: text,
  };
}
