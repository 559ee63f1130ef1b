import type { IncomingMessage } from 'node:http';

/** A response as the route handlers build it; the server writes it (and records its status). */
export interface SimResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

// The pages may load nothing but their inline styles, and may not be framed (clickjacking on the
// consent page). No form-action limit: Chromium applies it to the redirect to the callback.
const pageSecurity = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...noStore, ...headers },
    body: JSON.stringify(body),
  };
}

export function htmlResponse(
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/html;charset=UTF-8', ...noStore, ...pageSecurity, ...headers },
    body,
  };
}

/** A URL-encoded body, spaces as `%20` (see {@link salesforceQuery}). */
export function urlEncodedResponse(
  status: number,
  params: ReadonlyArray<readonly [string, string | undefined]>,
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', ...noStore },
    body: salesforceQuery(params),
  };
}

/**
 * The format a client asked for with `format=` (query or form) or, failing that, the first
 * known type of its `Accept` header: `json` (the default), `urlencoded` or `xml`.
 */
export function requestedFormat(request: {
  query: URLSearchParams;
  form: URLSearchParams;
  raw: IncomingMessage;
}): 'json' | 'urlencoded' | 'xml' {
  const named = (request.query.get('format') ?? request.form.get('format') ?? '').toLowerCase();
  if (named === 'json' || named === 'urlencoded' || named === 'xml') return named;
  const types: Record<string, 'json' | 'urlencoded' | 'xml'> = {
    'application/json': 'json',
    'application/x-www-form-urlencoded': 'urlencoded',
    'application/xml': 'xml',
  };
  for (const part of (request.raw.headers.accept ?? '').split(',')) {
    const type = types[part.split(';')[0]?.trim().toLowerCase() ?? ''];
    if (type) return type;
  }
  return 'json';
}

export function textResponse(status: number, body: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain;charset=UTF-8', ...noStore }, body };
}

export function redirectResponse(
  location: string,
  headers: Record<string, string | string[]> = {},
): SimResponse {
  return { status: 302, headers: { location, ...noStore, ...headers }, body: '' };
}

/**
 * A query string encoded the way Salesforce writes its redirects: spaces as `%20` (never `+`), so
 * `error_description=end-user%20denied%20authorization`.
 */
export function salesforceQuery(
  params: ReadonlyArray<readonly [string, string | undefined]>,
): string {
  return params
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

/** Appends a query to a URL that may already have one. */
export function withQuery(url: string, query: string): string {
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

const MAX_BODY_BYTES = 64 * 1024;

/** The request body as text; larger bodies than any OAuth form are refused. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The form fields of a POST, when it is URL-encoded (Salesforce accepts no other body here). */
export function formFields(request: IncomingMessage, body: string): URLSearchParams {
  const type = request.headers['content-type'] ?? '';
  if (body && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body);
  }
  return new URLSearchParams();
}

export function readCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

/** Client credentials from `Authorization: Basic` (each half form-encoded, RFC 6749 §2.3.1). */
export function basicCredentials(
  request: IncomingMessage,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return {
    clientId: decode(decoded.slice(0, colon)),
    clientSecret: decode(decoded.slice(colon + 1)),
  };
}

/** The token of `Authorization: Bearer <token>` (Salesforce also accepts `OAuth <token>`). */
export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}
