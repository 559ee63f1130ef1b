import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../../src/server/node.js';
import { createHarness } from './handler-harness.js';

let server: Server | undefined;

async function serve(handler: (request: Request) => Promise<Response>, origin?: string) {
  server = createServer(toNodeListener(handler, origin ? { origin } : {}));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  if (!server) return;
  const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
  server.closeAllConnections();
  await closing;
  server = undefined;
});

/** A raw node:http request, to see headers exactly as they come off the wire. */
function rawGet(
  url: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('toNodeListener', () => {
  it('hands the handler the method, full URL, headers and body', async () => {
    const base = await serve(async (request) =>
      Response.json({
        method: request.method,
        url: request.url,
        header: request.headers.get('x-custom'),
        body: await request.text(),
      }),
    );
    const response = await fetch(`${base}/api/x?y=1`, {
      method: 'PUT',
      headers: { 'x-custom': 'yes', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({
      method: 'PUT',
      url: `${base}/api/x?y=1`,
      header: 'yes',
      body: '{"a":1}',
    });
  });

  it('uses the configured public origin behind a proxy', async () => {
    const base = await serve(
      async (request) => new Response(request.url),
      'https://app.example.com',
    );
    expect(await (await fetch(`${base}/api/x`)).text()).toBe('https://app.example.com/api/x');
  });

  it('writes status, every Set-Cookie header and a streamed body', async () => {
    const base = await serve(async () => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/; HttpOnly');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of ['one ', 'two ', 'three'])
            controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
      return new Response(body, { status: 202, headers });
    });
    const raw = await rawGet(`${base}/`);
    expect(raw.status).toBe(202);
    expect(raw.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    expect(await (await fetch(`${base}/`)).text()).toBe('one two three');
  });

  it('answers 500 JSON when the handler throws', async () => {
    const base = await serve(async () => {
      throw new Error('boom');
    });
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'adapter_error', message: 'The server failed.' },
    });
  });

  it('aborts the request signal when the client goes away', async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const aborted = new Promise<boolean>((resolve) => {
      void serve(async (request) => {
        request.signal.addEventListener('abort', () => resolve(true), { once: true });
        started();
        await new Promise(() => {});
        return new Response('never');
      }).then((base) => {
        const controller = new AbortController();
        fetch(`${base}/`, { signal: controller.signal }).catch(() => {});
        void handlerStarted.then(() => controller.abort());
      });
    });
    expect(await aborted).toBe(true);
  });

  it('stops a body larger than the reference handler accepts with 413', async () => {
    const h = createHarness();
    const base = await serve((request) => {
      const url = new URL(request.url);
      return h.handler(
        new Request(`https://app.example.com/api/salesforce${url.pathname}`, request),
      );
    });
    const response = await fetch(`${base}/connection/credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'salesforce-connect' },
      body: JSON.stringify({ padding: 'x'.repeat(64 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a body over its own limit even when the handler reads everything', async () => {
    server = createServer(
      toNodeListener(
        async (request) => {
          try {
            return new Response(String((await request.arrayBuffer()).byteLength));
          } catch {
            return new Response('too large', { status: 413 });
          }
        },
        { maxBodyBytes: 1024 },
      ),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const small = await fetch(base, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await small.text()).toBe('1000');
    const big = await fetch(base, { method: 'POST', body: 'x'.repeat(5000) }).catch(
      () => undefined,
    );
    // Either the handler's 413 arrives, or the socket is cut while uploading; never a 200.
    expect(big === undefined || big.status === 413).toBe(true);
  });
});

/** A raw request over a socket: what the wire says, and whether the server reset it. */
function rawExchange(base: string, text: string, after?: (socket: Socket) => void) {
  const { port } = new URL(base);
  return new Promise<{ response: string; reset: boolean }>((resolve) => {
    let response = '';
    let reset = false;
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(text);
      after?.(socket);
    });
    socket.on('data', (data) => {
      response += data.toString('latin1');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
    });
    socket.on('close', () => resolve({ response, reset }));
  });
}

describe('toNodeListener edges (issue 14, item 7)', () => {
  const logged: { level: string; message: string }[] = [];
  const logger = {
    info: (message: string) => logged.push({ level: 'info', message }),
    warn: (message: string) => logged.push({ level: 'warn', message }),
    error: (message: string) => logged.push({ level: 'error', message }),
  };

  async function serveHarness() {
    const h = createHarness();
    server = createServer(
      toNodeListener(
        (request) => {
          const url = new URL(request.url);
          return h.handler(
            new Request(`https://app.example.com/api/salesforce${url.pathname}`, request),
          );
        },
        { logger },
      ),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('answers a chunked body over the 16 KB limit with 413, then closes (no reset)', async () => {
    const base = await serveHarness();
    const chunk = `{"padding":"${'x'.repeat(40 * 1024)}"}`;
    const head = [
      'PUT /connection/credentials HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'X-Requested-With: salesforce-connect',
      'Transfer-Encoding: chunked',
      '',
      '',
    ].join('\r\n');
    const body = `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const { response, reset } = await rawExchange(base, head + body);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(response).toContain('larger than 16 KB');
    expect(reset).toBe(false);
  });

  it('answers TRACE with 405 and a bad Host header with 400, both logged, never a 500', async () => {
    const base = await serveHarness();
    const trace = await rawExchange(
      base,
      'TRACE /connection HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(trace.response).toMatch(/^HTTP\/1\.1 405 /);
    const badHost = await rawExchange(
      base,
      'GET /connection HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n',
    );
    expect(badHost.response).toMatch(/^HTTP\/1\.1 400 /);
    expect(logged.filter((l) => l.level === 'warn')).toHaveLength(2);
  });
});
