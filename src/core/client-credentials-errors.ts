import { ConnectError, type ConnectErrorCode } from './errors.js';
import {
  decisiveDescriptions,
  type FromSalesforceErrorOptions,
  fromSalesforceError,
  normalize,
  type SalesforceApiError,
  type SalesforceErrorBody,
} from './salesforce-errors.js';
import type { ConnectionFlow } from './types.js';

// In the client credentials flow, codes about "the user" are about the app's Run As user, and a
// flow Salesforce will not serve is that app's "Enable Client Credentials Flow" switched off.
const runAsCodes = new Map<ConnectErrorCode, ConnectErrorCode>([
  ['inactive_user', 'run_as_user_inactive'],
  ['flow_not_enabled', 'client_credentials_disabled'],
]);

/** The code of a refusal in the client credentials flow, from the code any flow would give. */
function runAsCode(code: ConnectErrorCode, error: string, description: string): ConnectErrorCode {
  if (decisiveDescriptions.has(code)) return code;
  // No documented answer exists for an inactive Run As user in this flow: Salesforce's usual
  // ones are `inactive_user` and invalid_grant "inactive user" (restforce/restforce#303). A Run As
  // user without "API Enabled" gets its token, and the REST API then answers 403
  // API_DISABLED_FOR_ORG (docs.sequin.io, "Enable Salesforce API Access").
  if (code === 'invalid_grant' && /\binactive\s+user\b/.test(description)) {
    return 'run_as_user_inactive';
  }
  // Like any unfamiliar code, it yields to a description that names a known cause.
  if (error === 'api_disabled_for_org' && code === 'unknown') return 'run_as_user_no_api';
  return runAsCodes.get(code) ?? code;
}

/**
 * `fromSalesforceError` for a request of a given flow. With `client-credentials` the answers
 * about "the user" are about the app's Run As user (`inactive_user` becomes
 * `run_as_user_inactive`, the REST API's `API_DISABLED_FOR_ORG` becomes `run_as_user_no_api`) and
 * a flow Salesforce will not serve means the app's "Enable Client Credentials Flow" is off. Kept
 * apart from `fromSalesforceError` so the browser's bundle, which never runs that flow, does not
 * carry it.
 *
 * @example
 * const error = fromSalesforceErrorInFlow({ error: 'inactive_user' }, { flow: 'client-credentials' });
 * error.code; // 'run_as_user_inactive'
 */
export function fromSalesforceErrorInFlow(
  body: SalesforceErrorBody | SalesforceApiError | readonly SalesforceApiError[] | null | undefined,
  options: FromSalesforceErrorOptions & { flow?: ConnectionFlow | undefined } = {},
): ConnectError {
  const { flow, ...rest } = options;
  const any = fromSalesforceError(body, rest);
  if (flow !== 'client-credentials') return any;
  const code = runAsCode(
    any.code,
    normalize(any.salesforceError),
    normalize(any.salesforceDescription),
  );
  if (code === any.code) return any;
  return new ConnectError(code, any.message, {
    ...(any.salesforceError === undefined ? {} : { salesforceError: any.salesforceError }),
    ...(any.salesforceDescription === undefined
      ? {}
      : { salesforceDescription: any.salesforceDescription }),
    ...(any.status === undefined ? {} : { status: any.status }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}
