// Only types from node:http: this file must load on edge runtimes too (it is re-exported by the
// server entry), so it works on the objects Node hands it and imports nothing at run time.
import type { IncomingMessage, ServerResponse } from 'node:http';

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
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

function toRequest(message: IncomingMessage, options: NodeListenerOptions, signal: AbortSignal) {
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
    const iterator = message[Symbol.asyncIterator]();
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) {
            controller.close();
            return;
          }
          const chunk =
            typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value);
          size += chunk.byteLength;
          if (size > limit) {
            controller.error(new RangeError('The request body is too large.'));
            message.destroy();
            return;
          }
          controller.enqueue(chunk);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        message.destroy();
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
  return (message, out) => {
    const controller = new AbortController();
    out.once('close', () => {
      if (!out.writableFinished) controller.abort();
    });
    void (async () => {
      let response: Response;
      try {
        response = await handler(toRequest(message, options, controller.signal));
      } catch {
        response = new Response(
          JSON.stringify({ error: { code: 'adapter_error', message: 'The server failed.' } }),
          { status: 500, headers: { 'content-type': 'application/json; charset=utf-8' } },
        );
      }
      await writeResponse(response, out);
    })();
  };
}
