// Only types from node:http: this file must load on edge runtimes too (it is re-exported by the
// server entry), so it works on the objects Node hands it and imports nothing at run time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ConnectLogger, safeLogger } from './logger.js';

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * createServer(toNodeListener(handler, { origin: 'https://app.example.com', maxBodyBytes: 65_536 }));
 */
export interface NodeListenerOptions {
  /**
   * The origin requests are assumed to arrive at, e.g. `https://app.example.com`, when the
   * server sits behind a proxy. Default: `http://` plus the request's Host header.
   */
  origin?: string;
  /** Largest request body read from the socket; default 1 MB (the handler applies its own limit). */
  maxBodyBytes?: number;
  /** Where refused requests (bad Host, TRACE) and handler crashes are reported; never a secret. */
  logger?: ConnectLogger;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** Methods the Fetch API refuses to build a Request for: answered 405 here. */
const UNSUPPORTED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
// After refusing a body, read (and drop) at most this much more of it so the client sees the
// answer before the connection closes; a client that keeps sending past it is cut off.
const DRAIN_BYTES = 1024 * 1024;

/** What reading the request did to the connection: whether the body was left unread. */
interface BodyState {
  /** The body went over the limit, or the handler stopped reading it. */
  abandoned: boolean;
  tooLarge: boolean;
}

function toRequest(
  message: IncomingMessage,
  options: NodeListenerOptions,
  signal: AbortSignal,
  state: BodyState,
) {
  const origin =
    options.origin?.replace(/\/+$/, '') ?? `http://${message.headers.host ?? 'localhost'}`;
  const url = new URL(message.url ?? '/', origin);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = message.method ?? 'GET';
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  let body: ReadableStream<Uint8Array> | undefined;
  if (hasBody) {
    let size = 0;
    let drained = 0;
    // Stop delivering, but keep reading into nothing: destroying the request would reset the
    // connection before the client reads the 413.
    const abandon = () => {
      state.abandoned = true;
      message.resume();
    };
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        message.pause();
        message.on('data', (data: Buffer | string) => {
          const chunk =
            typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
          if (state.abandoned) {
            drained += chunk.byteLength;
            if (drained > DRAIN_BYTES) message.destroy();
            return;
          }
          size += chunk.byteLength;
          if (size > limit) {
            state.tooLarge = true;
            controller.error(new RangeError('The request body is too large.'));
            abandon();
            return;
          }
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) message.pause();
        });
        message.on('end', () => {
          if (!state.abandoned) controller.close();
        });
        message.on('error', (error) => {
          if (!state.abandoned) controller.error(error);
        });
      },
      pull() {
        message.resume();
      },
      cancel() {
        abandon();
      },
    });
  }
  return new Request(url, {
    method,
    headers,
    signal,
    ...(body ? { body, duplex: 'half' } : {}),
  } as RequestInit);
}

const jsonError = (status: number, code: string, message: string, headers: HeadersInit = {}) =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

async function writeResponse(response: Response, out: ServerResponse) {
  out.statusCode = response.status;
  if (response.statusText) out.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie?.() ?? [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    out.setHeader(name, value);
  }
  if (cookies.length > 0) out.setHeader('set-cookie', cookies);
  if (!response.body) {
    out.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Respect back-pressure: wait for the socket to drain before reading more.
      if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    out.end();
  } catch (error) {
    out.destroy(error instanceof Error ? error : undefined);
  } finally {
    reader.releaseLock();
  }
}

/**
 * Adapts a Fetch-API handler (such as `createConnectHandler`'s) to Node's `http` module and to
 * Express/Connect: converts the request (body streamed with a size limit, aborted when the client
 * goes away) and writes the response back (status, headers including several `Set-Cookie`,
 * streamed body). Under Express, mount it with `app.use('/api/salesforce', listener)`: the
 * handler accepts paths with or without the mount prefix.
 *
 * @example
 * import { createServer } from 'node:http';
 * const handler = createConnectHandler(options);
 * createServer(toNodeListener(handler)).listen(3000);
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response> | Response,
  options: NodeListenerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const log = safeLogger(options.logger);
  return (message, out) => {
    const controller = new AbortController();
    out.once('close', () => {
      if (!out.writableFinished) controller.abort();
    });
    void (async () => {
      const state: BodyState = { abandoned: false, tooLarge: false };
      const method = (message.method ?? 'GET').toUpperCase();
      let request: Request | undefined;
      let response!: Response;
      if (UNSUPPORTED_METHODS.has(method)) {
        log.warn('refused a request method', { method });
        response = jsonError(405, 'invalid_input', `${method} is not accepted here.`, {
          allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
        });
      } else {
        try {
          request = toRequest(message, options, controller.signal, state);
        } catch (error) {
          // A Host header that makes no URL (`Host: a b`), or a request target Node let through.
          log.warn('refused a request that makes no URL', {
            method,
            error: error instanceof Error ? error.name : typeof error,
          });
          response = jsonError(400, 'invalid_input', 'The request has no valid Host or path.');
        }
      }
      if (request) {
        try {
          response = await handler(request);
        } catch (error) {
          log.error('the handler failed', {
            method,
            error: error instanceof Error ? error.name : typeof error,
          });
          response = jsonError(500, 'adapter_error', 'The server failed.');
        }
        if (state.tooLarge && response.status !== 413) {
          response = jsonError(413, 'invalid_input', 'The request body is too large.');
        }
      }
      // A body left unread: answer, then close the connection instead of reading on.
      if (state.abandoned) out.shouldKeepAlive = false;
      await writeResponse(response, out);
    })();
  };
}
