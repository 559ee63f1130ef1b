import { ConnectError } from './errors.js';
import { DEFAULT_CONNECTION_ID } from './types.js';

/**
 * How many Salesforce connections a tenant may have, set by the integrator (the reference
 * server's `createConnectHandler({ connections })`, the memory adapter's `connections`).
 *
 * @example
 * const policy: ConnectionPolicy = { max: 3 }; // up to three orgs, each connected once
 */
export interface ConnectionPolicy {
  /**
   * The most connections a tenant may have, the default one included; default 1, which is the
   * single connection of every backend before several connections existed. Saving credentials
   * under a new id when the tenant already has this many fails with `connection_limit`.
   */
  max?: number;
  /**
   * Refuse a sign-in that lands in an org another connection of the same tenant already uses
   * (`duplicate_org`); default true when `max` is above 1.
   */
  onePerOrg?: boolean;
}

/**
 * A {@link ConnectionPolicy} with its defaults filled in.
 *
 * @example
 * const { max, onePerOrg } = resolveConnectionPolicy({ max: 3 }); // 3, true
 */
export interface ResolvedConnectionPolicy {
  max: number;
  onePerOrg: boolean;
}

/**
 * Fills in a policy's defaults and checks it: `max` must be a whole number of at least 1.
 *
 * @example
 * resolveConnectionPolicy(); // { max: 1, onePerOrg: false }
 * resolveConnectionPolicy({ max: 5, onePerOrg: false }); // { max: 5, onePerOrg: false }
 */
export function resolveConnectionPolicy(policy: ConnectionPolicy = {}): ResolvedConnectionPolicy {
  const max = policy.max ?? 1;
  if (!Number.isInteger(max) || max < 1) {
    throw new TypeError(`connections.max must be a whole number of at least 1 (got ${max}).`);
  }
  return { max, onePerOrg: policy.onePerOrg ?? max > 1 };
}

/**
 * The `connection_limit` refusal, naming the limit.
 *
 * @example
 * throw connectionLimitError(3); // "You can connect at most 3 Salesforce orgs; remove one first."
 */
export function connectionLimitError(max: number): ConnectError {
  return new ConnectError(
    'connection_limit',
    max === 1
      ? 'You can connect only one Salesforce org; change or remove the existing connection instead.'
      : `You can connect at most ${max} Salesforce orgs; remove one first.`,
  );
}

/**
 * Throws `connection_limit` when saving under `connectionId` would add a connection beyond
 * `max`. `existingIds` are the ids of the connections the tenant has now; saving under one of
 * them changes it and is never refused.
 *
 * @example
 * assertConnectionAllowed(['default', 'sandbox'], 'uat', 3); // fine: a third connection
 * assertConnectionAllowed(['default'], 'uat', 1); // throws connection_limit
 */
export function assertConnectionAllowed(
  existingIds: Iterable<string>,
  connectionId: string,
  max: number,
): void {
  let count = 0;
  for (const id of existingIds) {
    if (id === connectionId) return;
    count++;
  }
  if (count >= max) throw connectionLimitError(max);
}

/**
 * The `duplicate_org` refusal, naming the connection that already uses the org (by its name, or
 * its id when it has none).
 *
 * @example
 * duplicateOrgError({ id: 'prod', name: 'Production' }).message;
 * // 'This Salesforce org is already connected as “Production”. Sign in to another org, or use that connection.'
 */
export function duplicateOrgError(other: { id: string; name?: string | undefined }): ConnectError {
  const label =
    other.name ?? (other.id === DEFAULT_CONNECTION_ID ? 'your first connection' : other.id);
  const named = other.name !== undefined || other.id !== DEFAULT_CONNECTION_ID;
  return new ConnectError(
    'duplicate_org',
    `This Salesforce org is already connected as ${named ? `“${label}”` : label}. Sign in to another org, or use that connection.`,
    { connectionId: other.id },
  );
}
