/**
 * A `fetch` that hands each request to a Fetch-API handler in this process, behaving like the
 * platform's fetch where tests depend on it: relative URLs resolve against `origin`, an aborted
 * signal rejects with an `AbortError` before anything is sent, and aborting while the handler
 * works rejects at once (the handler still sees `request.signal` fire).
 */
export function inProcessFetch(
  handle: (request: Request) => Promise<Response>,
  origin = 'https://app.example.com',
) {
  return (input: string, init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? undefined;
    const abortError = () => new DOMException('This operation was aborted', 'AbortError');
    if (signal?.aborted) return Promise.reject(abortError());
    const request = new Request(new URL(input, origin), init);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      handle(request)
        .then(resolve, reject)
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
  };
}
