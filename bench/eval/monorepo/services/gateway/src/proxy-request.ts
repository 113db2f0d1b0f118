import type { IncomingMessage, ServerResponse } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'te', 'trailer']);

/** Forwards a request to an internal service, dropping hop-by-hop headers and adding the customer id. */
export async function proxyRequest(request: IncomingMessage, response: ServerResponse, target: string, customerId: string | undefined): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (HOP_BY_HOP.has(name) || name === 'cookie' || typeof value !== 'string') continue;
    headers.set(name, value);
  }
  if (customerId) headers.set('x-harbor-customer', customerId);
  const upstream = await fetch(target + (request.url ?? '/'), {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : (request as unknown as BodyInit),
    duplex: 'half',
    signal: AbortSignal.timeout(10_000),
  } as RequestInit);
  response.writeHead(upstream.status, Object.fromEntries(upstream.headers));
  response.end(Buffer.from(await upstream.arrayBuffer()));
}
