import { SIMULATOR_FAULTS, type SimulatorFault, type SimulatorFaultScope } from './types.js';

/**
 * The moments at which the simulator consults its faults:
 * - `request`: any request, before it is handled (`slow`, `server_error`);
 * - `authorize`: the authorize request, after the app is known (Salesforce's error page);
 * - `approve`: when the user would be sent back to the callback with a code;
 * - `code_grant`, `refresh_grant`, `client_credentials_grant`: the token endpoint's grants;
 * - `api`: a REST API call with a valid token.
 */
export type FaultStage =
  | 'request'
  | 'authorize'
  | 'approve'
  | 'code_grant'
  | 'refresh_grant'
  | 'client_credentials_grant'
  | 'api';

const stagesOf: Record<SimulatorFault, readonly FaultStage[]> = {
  invalid_client_id: ['authorize', 'code_grant', 'refresh_grant', 'client_credentials_grant'],
  redirect_uri_mismatch: ['authorize'],
  access_denied: ['approve'],
  app_not_found: ['approve'],
  app_not_installed: ['approve', 'code_grant', 'refresh_grant'],
  invalid_client: ['code_grant', 'refresh_grant', 'client_credentials_grant'],
  app_not_approved: ['code_grant', 'refresh_grant'],
  pkce_required: ['code_grant'],
  code_expired: ['code_grant'],
  refresh_revoked: ['refresh_grant'],
  ip_restricted: ['code_grant', 'refresh_grant'],
  inactive_user: ['code_grant', 'refresh_grant'],
  inactive_org: ['code_grant', 'refresh_grant', 'client_credentials_grant'],
  unsupported_grant_type: ['code_grant', 'refresh_grant', 'client_credentials_grant'],
  rate_limited: ['code_grant', 'refresh_grant', 'client_credentials_grant'],
  slow: ['request'],
  server_error: ['request'],
  client_credentials_disabled: ['client_credentials_grant'],
  run_as_user_missing: ['client_credentials_grant'],
  generic_login_host: ['client_credentials_grant'],
  run_as_user_inactive: ['client_credentials_grant'],
  run_as_user_no_api: ['api'],
};

interface FaultRule {
  fault: SimulatorFault;
  /** Undefined: until cleared. */
  remaining: number | undefined;
}

const everyApp: unique symbol = Symbol('every app');

/**
 * The faults in force: at most one per scope (every app, or one consumer key). A request checks its
 * app's rule first, then the rule for every app; a rule with a count wears off as it fires.
 */
export class FaultBoard {
  readonly #rules = new Map<string | typeof everyApp, FaultRule>();
  readonly #onFire: (fault: SimulatorFault, stage: FaultStage) => void;

  /** `onFire` hears of every fault that fires (the simulator logs it). */
  constructor(onFire: (fault: SimulatorFault, stage: FaultStage) => void = () => {}) {
    this.#onFire = onFire;
  }

  set(fault: SimulatorFault | null, scope: SimulatorFaultScope = {}): void {
    if (fault !== null && !SIMULATOR_FAULTS.includes(fault)) {
      throw new TypeError(
        `Unknown simulator fault "${String(fault)}"; use one of: ${SIMULATOR_FAULTS.join(', ')}.`,
      );
    }
    const { consumerKey, times } = scope;
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new TypeError(`A fault's "times" must be a whole number of at least 1 (got ${times}).`);
    }
    if (fault === null) {
      if (consumerKey === undefined) this.#rules.clear();
      else this.#rules.delete(consumerKey);
      return;
    }
    this.#rules.set(consumerKey ?? everyApp, { fault, remaining: times });
  }

  /**
   * The fault that fires for this request at this stage, if any; a counted rule is used up by it.
   * `only` narrows the faults that may fire (e.g. `['slow']`).
   */
  take(
    stage: FaultStage,
    consumerKey: string | undefined,
    only?: readonly SimulatorFault[],
  ): SimulatorFault | undefined {
    const keys: Array<string | typeof everyApp> =
      consumerKey === undefined ? [everyApp] : [consumerKey, everyApp];
    for (const key of keys) {
      const rule = this.#rules.get(key);
      if (!rule || !stagesOf[rule.fault].includes(stage)) continue;
      if (only && !only.includes(rule.fault)) continue;
      if (rule.remaining !== undefined) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.#rules.delete(key);
      }
      this.#onFire(rule.fault, stage);
      return rule.fault;
    }
    return undefined;
  }
}
