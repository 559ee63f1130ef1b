import { identityUrl, type SimRequest, type SimulatorContext } from './context.js';
import { jsonResponse, type SimResponse } from './http-exchange.js';
import { authenticate } from './identity-endpoints.js';
import { type OrgObject, type OrgRecord, orgObjects } from './org-data.js';
import { compareForOrder, matches, parseSoql, SoqlSyntaxError } from './soql.js';

export const DATA_PATH_PATTERN = /^\/services\/data(?:\/v(\d+\.\d)(\/.*)?)?\/?$/;

const OLDEST_VERSION = 31;
const NEWEST_VERSION = 66;

/**
 * Every API version from 31.0 (Summer '14) to 66.0 (Spring '26), oldest first, as
 * `GET /services/data/` lists them: Salesforce keeps serving old versions (API End-of-Life Policy:
 * versions 31.0 and later stay supported), and clients pin one (jsforce 3 defaults to 50.0).
 * Three releases a year — Spring, Summer, Winter — each one version up.
 */
export const API_VERSIONS: ReadonlyArray<readonly [version: string, label: string]> = Array.from(
  { length: NEWEST_VERSION - OLDEST_VERSION + 1 },
  (_, index) => {
    // 31.0 is Summer '14; the cycle then runs Winter (next year's), Spring, Summer.
    const season = (['Summer', 'Winter', 'Spring'] as const)[index % 3];
    const year = 14 + Math.floor((index + 2) / 3);
    return [`${OLDEST_VERSION + index}.0`, `${season} '${String(year).padStart(2, '0')}`] as const;
  },
);

export const LATEST_API_VERSION = `${NEWEST_VERSION}.0`;

/** REST errors are a JSON array of `{ message, errorCode }`. */
function restError(status: number, errorCode: string, message: string): SimResponse {
  return jsonResponse(status, [{ message, errorCode }]);
}

const sessionInvalid = () => restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

const notFound = () => restError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** The answer to an API call on the login host when the org has its own instance. */
export const loginHostApiRefusal = sessionInvalid;

const DAILY_API_REQUESTS = 15_000;

function withAttributes(object: OrgObject, version: string, record: OrgRecord) {
  return {
    attributes: {
      type: object.name,
      url: `/services/data/v${version}/sobjects/${object.name}/${record.Id}`,
    },
    ...record,
  };
}

const invalidType = (name: string) =>
  restError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

const invalidField = (field: string, object: string) =>
  restError(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

/**
 * `query?q=`: the SOQL subset of `soql.ts` over the org's data. Salesforce's error codes for the
 * rest: `MALFORMED_QUERY` (syntax, including what the simulator does not parse), `INVALID_TYPE`
 * (unknown object), `INVALID_FIELD` (unknown field), each as `[{ message, errorCode }]` with 400.
 */
function runQuery(objects: OrgObject[], version: string, soql: string): SimResponse {
  let query: ReturnType<typeof parseSoql>;
  try {
    query = parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlSyntaxError) return restError(400, 'MALFORMED_QUERY', error.message);
    throw error;
  }
  const object = objects.find((each) => each.name.toLowerCase() === query.object.toLowerCase());
  if (!object) return invalidType(query.object);
  const canonical = (name: string) =>
    object.fields.find((field) => field.toLowerCase() === name.toLowerCase());
  const named = [
    ...query.fields,
    ...query.where.map((c) => c.field),
    ...query.orderBy.map((o) => o.field),
  ];
  const unknown = named.find((name) => !canonical(name));
  if (unknown) return invalidField(unknown, object.name);

  let rows = object
    .records()
    .filter((record) =>
      query.where.every((condition) =>
        matches(record, { ...condition, field: canonical(condition.field) as string }),
      ),
    );
  if (query.orderBy.length > 0) {
    rows = rows.sort((left, right) => {
      for (const { field, descending } of query.orderBy) {
        const name = canonical(field) as string;
        const order = compareForOrder(left[name], right[name]);
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  const records = rows.map((record) => {
    const selected: OrgRecord = {};
    for (const field of query.fields) {
      const name = canonical(field) as string;
      selected[name] = record[name] ?? null;
    }
    return { attributes: withAttributes(object, version, record).attributes, ...selected };
  });
  return jsonResponse(200, { totalSize: records.length, done: true, records });
}

/** `sobjects`: the describe-global list, with the fields clients read. */
function describeGlobal(objects: OrgObject[], version: string): SimResponse {
  return jsonResponse(200, {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: objects.map((object) => ({
      name: object.name,
      label: object.label,
      labelPlural: object.labelPlural,
      keyPrefix: object.keyPrefix,
      custom: false,
      queryable: true,
      retrieveable: true,
      urls: {
        sobject: `/services/data/v${version}/sobjects/${object.name}`,
        rowTemplate: `/services/data/v${version}/sobjects/${object.name}/{ID}`,
      },
    })),
  });
}

/**
 * The REST API on the org's instance: `GET /services/data/` lists versions (no token needed, as at
 * Salesforce); under `/services/data/vNN.N/` — with a live access token that has the `api` (or
 * `full`) scope, else 401 `INVALID_SESSION_ID` — the version root lists the resources served here
 * (and only those): `limits`, `query` (see {@link runQuery}), `sobjects` (the list, and one
 * record by id) and `identity` (the caller's identity URL). Anything else is 404 `NOT_FOUND`.
 */
export function handleData(
  context: SimulatorContext,
  request: SimRequest,
  version: string | undefined,
  rest: string | undefined,
  apiCalls: { count: number },
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
  // A user without "API Enabled" (or a fault standing for one) is refused with Salesforce's
  // answer for that (docs/sources.md, API_DISABLED_FOR_ORG).
  if (
    !auth.user.apiEnabled ||
    context.faults.take('api', auth.grant.consumerKey, ['run_as_user_no_api'])
  ) {
    return restError(
      403,
      'API_DISABLED_FOR_ORG',
      'The REST API is not enabled for this Organization.',
    );
  }
  if (!API_VERSIONS.some(([number]) => number === version)) return notFound();
  apiCalls.count += 1;
  const resource = (rest ?? '/').replace(/\/+$/, '');
  const prefix = `/services/data/v${version}`;
  const objects = orgObjects(context.directory);
  if (resource === '') {
    return jsonResponse(200, {
      limits: `${prefix}/limits`,
      query: `${prefix}/query`,
      sobjects: `${prefix}/sobjects`,
      // The caller's identity URL, on the login host: jsforce's `identity()` reads it from here
      // when it holds no identity URL of its own.
      identity: identityUrl(context, auth.user.id),
    });
  }
  if (resource === '/limits') {
    return jsonResponse(200, {
      DailyApiRequests: {
        Max: DAILY_API_REQUESTS,
        Remaining: Math.max(0, DAILY_API_REQUESTS - apiCalls.count),
      },
      DataStorageMB: { Max: 5, Remaining: 5 },
      FileStorageMB: { Max: 20, Remaining: 20 },
    });
  }
  if (resource === '/query') {
    const soql = request.query.get('q');
    if (!soql) return restError(400, 'MALFORMED_QUERY', 'A query needs the q parameter');
    return runQuery(objects, version, soql);
  }
  if (resource === '/sobjects') return describeGlobal(objects, version);
  const record = /^\/sobjects\/(\w+)\/(\w{15,18})$/.exec(resource);
  if (record?.[1] && record[2]) {
    const object = objects.find((each) => each.name.toLowerCase() === record[1]?.toLowerCase());
    if (!object) return notFound();
    const found = object.records().find((each) => each.Id === record[2]);
    return found ? jsonResponse(200, withAttributes(object, version, found)) : notFound();
  }
  return notFound();
}
