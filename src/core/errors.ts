/**
 * Every error the kit reports has one of these stable codes. Codes never change meaning; new ones
 * may be added. The plain-language explanation of each lives in the error catalogue
 * (`explainError`).
 */
export const CONNECT_ERROR_CODES = [
  // Raised in the browser or by an adapter.
  'popup_blocked',
  'popup_closed',
  'timeout',
  'aborted',
  'state_mismatch',
  'network',
  'adapter_error',
  'invalid_login_url',
  'invalid_input',
  'not_configured',
  'unauthorized',
  // Reported by the backend after a reconnect: the sign-in landed in another org than the saved
  // connection's; the person connecting chooses (`Connection.orgChange`).
  'org_changed',
  // Reported by the backend for a tenant with several connections: adding one more than the
  // integrator allows, and connecting an org another of the tenant's connections already uses.
  'connection_limit',
  'duplicate_org',
  // Reported by Salesforce (mapped by `fromSalesforceError`).
  'access_denied',
  'invalid_client_id',
  'redirect_uri_mismatch',
  'invalid_client',
  'invalid_grant',
  'app_not_approved',
  'app_not_found',
  'app_not_installed',
  'pkce_required',
  'flow_not_enabled',
  'scope_not_allowed',
  // The client credentials flow (a connection without a popup): the app's flow switch, its Run As
  // user, the login host it was sent to (also raised by the kit's own check before any request).
  'client_credentials_disabled',
  'run_as_user_missing',
  'run_as_user_inactive',
  'run_as_user_no_api',
  'generic_login_host',
  'inactive_user',
  'inactive_org',
  'rate_limited',
  'ip_restricted',
  'salesforce_unavailable',
  'unknown',
] as const;

/** A stable error code; see {@link CONNECT_ERROR_CODES}. */
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number];

const codeSet: ReadonlySet<string> = new Set(CONNECT_ERROR_CODES);

/**
 * Whether a value is one of the kit's error codes.
 *
 * @example
 * isConnectErrorCode('invalid_client_id') // true
 * isConnectErrorCode('teapot') // false
 */
export function isConnectErrorCode(value: unknown): value is ConnectErrorCode {
  return typeof value === 'string' && codeSet.has(value);
}

/** Extra facts an error may carry; none of them is ever secret. */
export interface ConnectErrorOptions {
  /** The underlying error, kept for debugging. */
  cause?: unknown;
  /** Salesforce's own `error` value, when Salesforce reported it (e.g. `invalid_client_id`). */
  salesforceError?: string;
  /** Salesforce's `error_description`, when it gave one. */
  salesforceDescription?: string;
  /** HTTP status of the response that carried the error, when there was one. */
  status?: number;
  /**
   * The input the error is about, so a form can show it beside that field: `loginUrl`,
   * `consumerKey`, `consumerSecret`, `name`, or `fields.<name>` for an integrator's field.
   */
  field?: string;
  /**
   * Another connection of the tenant the error is about: for `duplicate_org`, the one that
   * already has the org (so the page can name it in the admin's language).
   */
  connectionId?: string;
}

/** The JSON shape of an error on the wire (REST contract, `Connection.error`). */
export interface ConnectErrorJSON {
  code: ConnectErrorCode;
  message: string;
  salesforceError?: string;
  /** See {@link ConnectErrorOptions.field}. */
  field?: string;
  /** See {@link ConnectErrorOptions.connectionId}. */
  connectionId?: string;
}

/**
 * The one error class of the kit. Adapters throw it, hooks surface it, components explain it.
 * Check it with `ConnectError.is(e)`, which also works across realms (iframes, duplicated bundles).
 *
 * @example
 * try {
 *   await adapter.saveCredentials(values, { signal });
 * } catch (error) {
 *   if (ConnectError.is(error) && error.code === 'invalid_client_id') showKeyHelp();
 * }
 */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly code: ConnectErrorCode;
  readonly salesforceError: string | undefined;
  readonly salesforceDescription: string | undefined;
  readonly status: number | undefined;
  readonly field: string | undefined;
  readonly connectionId: string | undefined;

  constructor(code: ConnectErrorCode, message: string, options: ConnectErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.salesforceError = options.salesforceError;
    this.salesforceDescription = options.salesforceDescription;
    this.status = options.status;
    this.field = options.field;
    this.connectionId = options.connectionId;
  }

  /** True for any `ConnectError`, including one from another copy of the kit. */
  static is(value: unknown): value is ConnectError {
    return (
      value instanceof ConnectError ||
      (typeof value === 'object' &&
        value !== null &&
        (value as { name?: unknown }).name === 'ConnectError' &&
        isConnectErrorCode((value as { code?: unknown }).code))
    );
  }

  /** Rebuilds an error from its wire form; unknown codes become `unknown`. */
  static fromJSON(json: {
    code?: unknown;
    message?: unknown;
    salesforceError?: unknown;
    field?: unknown;
    connectionId?: unknown;
  }) {
    const code = isConnectErrorCode(json.code) ? json.code : 'unknown';
    const message = typeof json.message === 'string' ? json.message : code;
    return new ConnectError(code, message, {
      ...(typeof json.salesforceError === 'string'
        ? { salesforceError: json.salesforceError }
        : {}),
      ...(typeof json.field === 'string' ? { field: json.field } : {}),
      ...(typeof json.connectionId === 'string' ? { connectionId: json.connectionId } : {}),
    });
  }

  toJSON(): ConnectErrorJSON {
    return {
      code: this.code,
      message: this.message,
      ...(this.salesforceError === undefined ? {} : { salesforceError: this.salesforceError }),
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.connectionId === undefined ? {} : { connectionId: this.connectionId }),
    };
  }
}

/**
 * Turns anything caught into a `ConnectError`: kit errors pass through, an `AbortError` becomes
 * `aborted`, anything else becomes `fallback` (default `unknown`) with the original as `cause`.
 *
 * @example
 * catch (error) { setError(toConnectError(error, 'adapter_error')); }
 */
export function toConnectError(
  error: unknown,
  fallback: ConnectErrorCode = 'unknown',
): ConnectError {
  if (ConnectError.is(error)) return error;
  if (isAbortError(error)) return abortedError(error);
  const message = error instanceof Error && error.message ? error.message : 'Something went wrong.';
  return new ConnectError(fallback, message, { cause: error });
}

/** True for the error `fetch` and friends throw when their AbortSignal fires. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' ||
      (ConnectError.is(error) && error.code === 'aborted'))
  );
}

/**
 * Throws `aborted` when the signal has fired: call it after every await in a cancellable task.
 *
 * @example
 * const info = await adapter.getSetupInfo({ signal });
 * throwIfAborted(signal);
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}

/**
 * The kit's one `aborted` error; `cause` is what cancelled it (the signal's reason, or the
 * `AbortError` caught). Internal: callers outside core use `throwIfAborted` or `toConnectError`.
 */
export function abortedError(cause?: unknown): ConnectError {
  return new ConnectError('aborted', 'The operation was cancelled.', { cause });
}
