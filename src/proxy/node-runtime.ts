import type { IncomingMessage, ServerResponse } from 'node:http';
import type { H3Event } from 'h3';

/** h3 treats a handler that returns this as "the response was written directly". */
export const RESPONSE_HANDLED: unique symbol = Symbol.for('h3.handled') as never;

/**
 * The model routes read and write Node's own request and response: the hot path skips the Web
 * Streams wrappers, which cost more than our whole translation. The proxy always runs on Node.
 */
export function nodeRuntime(event: H3Event): { req: IncomingMessage; res: ServerResponse } {
  const node = (event.runtime as { node?: { req?: IncomingMessage; res?: ServerResponse } } | undefined)?.node;
  if (!node?.req || !node.res) throw new Error('codex-ctx serves model routes on a Node.js server only');
  return { req: node.req, res: node.res };
}

/**
 * Resolves when the response we wrote ourselves is finished or the connection closed. The handler
 * must not return before that: srvx ends the response as soon as the handler's promise settles.
 */
export function responseFinished(res: ServerResponse): Promise<typeof RESPONSE_HANDLED> {
  if (res.writableFinished || res.destroyed) return Promise.resolve(RESPONSE_HANDLED);
  return new Promise((resolve) => {
    const done = () => resolve(RESPONSE_HANDLED);
    res.once('finish', done);
    res.once('close', done);
  });
}

/**
 * Aborts when the client goes away before the response is complete (Codex's Esc, or a retry), or when
 * the proxy shuts down. One controller and two listeners: `AbortSignal.any` cost ~50 µs a request.
 */
export function clientGoneSignal(res: ServerResponse, shutdownSignal?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (shutdownSignal?.aborted) controller.abort(shutdownSignal.reason);
  const onShutdown = () => controller.abort(shutdownSignal!.reason);
  shutdownSignal?.addEventListener('abort', onShutdown, { once: true });
  res.once('close', () => {
    shutdownSignal?.removeEventListener('abort', onShutdown);
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}
