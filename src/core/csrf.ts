/**
 * The header the REST contract requires on every mutating request (a CSRF guard): a page on
 * another site cannot add it without a CORS preflight, which the server does not allow. One
 * definition for both sides: the fetch adapter sends it, the reference server checks it.
 *
 * @example
 * if (request.method !== 'GET' && request.headers.get(CSRF_HEADER.name) !== CSRF_HEADER.value) {
 *   return forbidden();
 * }
 */
export const CSRF_HEADER = { name: 'X-Requested-With', value: 'salesforce-connect' } as const;
