import type { SimRequest, SimulatorContext } from './context.js';
import { jsonResponse, type SimResponse } from './http-exchange.js';
import { authenticate } from './identity-endpoints.js';

export const DATA_PATH_PATTERN = /^\/services\/data(?:\/v(\d+\.\d)(\/.*)?)?\/?$/;

/** API versions the simulated org offers, oldest first (as `GET /services/data/` lists them). */
const API_VERSIONS = [
  ['60.0', "Spring '24"],
  ['61.0', "Summer '24"],
  ['62.0', "Winter '25"],
  ['63.0', "Spring '25"],
  ['64.0', "Summer '25"],
  ['65.0', "Winter '26"],
  ['66.0', "Spring '26"],
] as const;

/** REST errors are a JSON array of `{ message, errorCode }`. */
function restError(status: number, errorCode: string, message: string): SimResponse {
  return jsonResponse(status, [{ message, errorCode }]);
}

const sessionInvalid = () => restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

const notFound = () => restError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** The `Organization` record, with the fields the simulator knows. */
function organizationRecord(context: SimulatorContext, version: string): Record<string, unknown> {
  const { org } = context.directory;
  return {
    Id: org.id,
    Name: org.name,
    IsSandbox: org.isSandbox,
    InstanceName: 'SIM1',
    OrganizationType: org.isSandbox ? 'Enterprise Edition' : 'Developer Edition',
    LanguageLocaleKey: 'en_US',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles',
    NamespacePrefix: null,
    TrialExpirationDate: null,
    attributes: {
      type: 'Organization',
      url: `/services/data/v${version}/sobjects/Organization/${org.id}`,
    },
  };
}

const soqlPattern = /^\s*select\s+(.+?)\s+from\s+(\w+)\s*(?:limit\s+(\d+)\s*)?$/i;

/**
 * A very small SOQL: `SELECT <fields> FROM Organization [LIMIT n]`, enough for a backend to read
 * the org's name and whether it is a sandbox after connecting.
 */
function runQuery(context: SimulatorContext, version: string, soql: string): SimResponse {
  const match = soqlPattern.exec(soql);
  if (!match?.[1] || !match[2]) {
    return restError(
      400,
      'MALFORMED_QUERY',
      'The simulator understands only SELECT … FROM Organization',
    );
  }
  if (match[2].toLowerCase() !== 'organization') {
    return restError(
      400,
      'INVALID_TYPE',
      `sObject type '${match[2]}' is not supported by the simulator`,
    );
  }
  const record = organizationRecord(context, version);
  const fieldNames = Object.keys(record).filter((name) => name !== 'attributes');
  const selected: Record<string, unknown> = { attributes: record.attributes };
  for (const requested of match[1].split(',').map((field) => field.trim())) {
    const name = fieldNames.find((field) => field.toLowerCase() === requested.toLowerCase());
    if (!name) {
      return restError(
        400,
        'INVALID_FIELD',
        `No such column '${requested}' on entity 'Organization'.`,
      );
    }
    selected[name] = record[name];
  }
  const records = match[3] === '0' ? [] : [selected];
  return jsonResponse(200, { totalSize: records.length, done: true, records });
}

/**
 * The REST API, just enough to exercise "refresh on use": `GET /services/data/` lists versions
 * (no token needed, as at Salesforce); `GET /services/data/vNN.N/` lists resources and
 * `GET /services/data/vNN.N/query?q=SELECT … FROM Organization` reads the org — both need a live
 * access token with the `api` (or `full`) scope, else 401 `INVALID_SESSION_ID`.
 */
export function handleData(
  context: SimulatorContext,
  request: SimRequest,
  version: string | undefined,
  rest: string | undefined,
): SimResponse {
  if (version === undefined) {
    return jsonResponse(
      200,
      API_VERSIONS.map(([number, label]) => ({
        label,
        url: `/services/data/v${number}`,
        version: number,
      })),
    );
  }
  const auth = authenticate(context, request);
  if (!auth.ok) return sessionInvalid();
  if (!auth.grant.scopes.some((scope) => scope === 'api' || scope === 'full')) {
    return restError(
      401,
      'INVALID_SESSION_ID',
      'This session is not valid for use with the REST API',
    );
  }
  if (!API_VERSIONS.some(([number]) => number === version)) return notFound();
  const resource = (rest ?? '/').replace(/\/+$/, '');
  const prefix = `/services/data/v${version}`;
  if (resource === '') {
    return jsonResponse(200, {
      limits: `${prefix}/limits`,
      query: `${prefix}/query`,
      sobjects: `${prefix}/sobjects`,
      search: `${prefix}/search`,
      tooling: `${prefix}/tooling`,
      recent: `${prefix}/recent`,
    });
  }
  if (resource === '/query') {
    const soql = request.query.get('q');
    if (!soql) return restError(400, 'MALFORMED_QUERY', 'A query needs the q parameter');
    return runQuery(context, version, soql);
  }
  return notFound();
}
