import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the shop front-end: only configured origins get `Access-Control-Allow-Origin`, with
 * credentials; preflight answers are cached by browsers for ten minutes.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (origin && allowedOrigins.includes(origin)) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-allow-credentials', 'true');
    response.setHeader('vary', 'origin');
  }
  if (request.method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', 'GET,POST,DELETE');
    response.setHeader('access-control-allow-headers', 'content-type,idempotency-key,authorization');
    response.setHeader('access-control-max-age', '600');
    response.writeHead(204).end();
    return true;
  }
  return false;
}
