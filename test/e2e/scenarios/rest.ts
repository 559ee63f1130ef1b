// The reference server's REST API called straight from the page (same origin, the kit's CSRF
// header), as a script or a hand-made client would: what the form never sends still meets the
// server's own checks.
import type { Page } from 'playwright-core';
import { CSRF_HEADER } from '../../../src/core/csrf.js';

/** What the server answered: the HTTP status and the JSON body. */
export interface RestAnswer {
  status: number;
  body: { error?: { code?: string; field?: string; message?: string } } & Record<string, unknown>;
}

/**
 * Sends `PUT /api/salesforce/connection/credentials` (or another path under the API) with this
 * JSON body from the page.
 *
 * @example
 * const answer = await callApi(page, 'PUT', '/connection/credentials', { fields: { nope: 1 } });
 */
export function callApi(
  page: Page,
  method: string,
  path: string,
  body: unknown,
): Promise<RestAnswer> {
  return page.evaluate(
    async ({ method, path, body, header }) => {
      const response = await fetch(`/api/salesforce${path}`, {
        method,
        headers: { 'content-type': 'application/json', [header.name]: header.value },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body, header: CSRF_HEADER },
  );
}
