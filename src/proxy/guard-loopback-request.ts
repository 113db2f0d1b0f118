import type { H3Event } from 'h3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProxyError } from '../wire/openai-error.js';

/**
 * Only our own clients reach the proxy, which holds repository code and writes notes. Checked before
 * any work, on every path:
 * - `Host` must name our loopback address and port. A page on a DNS-rebinding name (evil.example
 *   resolving to 127.0.0.1) sends its own name here, so it cannot read our answers.
 * - A browser always sends `Origin` on a cross-site POST, even a `text/plain` one that needs no CORS
 *   preflight; no CLI or SDK does. Refused unless the user listed that origin (`allowedOrigins`).
 * Ollama itself refuses both; we must be at least as strict.
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function createLoopbackGuard(options: { allowedOrigins?: readonly string[] | undefined }) {
  const allowed = new Set((options.allowedOrigins ?? []).map(normalizeOrigin));
  return (event: H3Event): Response | undefined => {
    const node = (event.runtime as { node?: { req?: IncomingMessage; res?: ServerResponse } } | undefined)?.node;
    const port = node?.req?.socket.localPort;
    const host = (event.req.headers.get('host') ?? '').toLowerCase();
    // Clients leave out the default port 80 (only with --port 80).
    if (port === undefined || !LOOPBACK_NAMES.some((name) => host === `${name}:${port}` || (port === 80 && host === name))) {
      throw new ProxyError({
        status: 421,
        code: 'misdirected_request',
        message: `codex-ctx answers only requests addressed to 127.0.0.1:${port ?? 'its port'} (or localhost, [::1]); this one named another host.`,
      });
    }
    const origin = event.req.headers.get('origin');
    if (origin === null) return undefined;
    if (!allowed.has(normalizeOrigin(origin))) {
      throw new ProxyError({
        status: 403,
        code: 'origin_not_allowed',
        message: 'codex-ctx refuses requests from web pages. To allow one, add its origin to "allowedOrigins" in your codex-ctx config.',
      });
    }
    // An origin the user allowed may read our answers, and ask first (CORS preflight).
    node?.res?.setHeader('access-control-allow-origin', origin);
    node?.res?.setHeader('vary', 'Origin');
    if (event.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
          vary: 'Origin',
        },
      });
    }
    return undefined;
  };
}

function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}
