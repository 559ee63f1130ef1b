import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
