import { ConnectError, type ConnectErrorCode } from '../core/errors.js';
import { utf8 } from './encoding.js';

/** HTTP status for each error code the REST contract answers with. */
const STATUS_BY_CODE: Partial<Record<ConnectErrorCode, number>> = {
  invalid_input: 400,
  invalid_login_url: 400,
  state_mismatch: 400,
  unauthorized: 403,
  not_configured: 409,
  connection_limit: 409,
  duplicate_org: 409,
  rate_limited: 429,
  aborted: 499,
  salesforce_unavailable: 502,
  timeout: 504,
  adapter_error: 500,
};

/**
 * The HTTP status for an error: the table above; Salesforce's refusals of the admin's app or
 * sign-in (invalid_client, invalid_grant, access_denied…) are 400s — the fix is on their side,
 * not the server's; anything unrecognised is a 502 (Salesforce said something unexpected).
 */
export function statusForError(error: ConnectError): number {
  return STATUS_BY_CODE[error.code] ?? (error.code === 'unknown' ? 502 : 400);
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON answer; never cached (it describes one tenant's connection). */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(JSON_HEADERS);
  for (const [name, value] of new Headers(headers)) all.set(name, value);
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** The contract's error body: `{ error: { code, message, salesforceError? } }`. */
export function errorResponse(
  error: ConnectError,
  status = statusForError(error),
  headers: HeadersInit = {},
) {
  return jsonResponse({ error: error.toJSON() }, status, headers);
}

/** A refusal of the request itself (bad route, body, header): status and plain words. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ConnectErrorCode,
    message: string,
    readonly headers: HeadersInit = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    return errorResponse(new ConnectError(this.code, this.message), this.status, this.headers);
  }
}

/**
 * Reads a JSON object body of at most `limit` bytes. The size is enforced while streaming, so a
 * body that lies about (or omits) its Content-Length cannot exhaust memory.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpError(
      415,
      'invalid_input',
      'Send the request body as JSON, with the header Content-Type: application/json.',
    );
  }
  const tooLarge = () =>
    new HttpError(
      413,
      'invalid_input',
      `The request body is larger than ${Math.round(limit / 1024)} KB.`,
    );
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The transport refused to deliver more (the Node adapter's own size limit), or the
        // client went away.
        if (error instanceof RangeError) throw tooLarge();
        throw new HttpError(400, 'invalid_input', 'The request body could not be read.');
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new HttpError(400, 'invalid_input', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'invalid_input', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
