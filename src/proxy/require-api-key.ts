import { createHash, timingSafeEqual } from 'node:crypto';
import type { H3Event } from 'h3';
import { ProxyError } from '../wire/openai-error.js';

/**
 * `Authorization: Bearer <key>` on every /v1 request (the scheme in any case, as RFC 9110 says). Both
 * sides are hashed first so the comparison takes the same time whatever the length or the first
 * differing byte.
 */
export function requireApiKey(apiKey: string) {
  const expected = digest(apiKey);
  return (event: H3Event): void => {
    const header = event.req.headers.get('authorization') ?? '';
    const match = /^bearer[ \t]+(.+)$/i.exec(header.trim());
    if (match && timingSafeEqual(digest(match[1]!), expected)) return;
    throw new ProxyError({
      status: 401,
      code: 'invalid_api_key',
      message: match
        ? 'Wrong API key for codex-ctx: use the key it printed, or the one set with CODEX_CTX_API_KEY / --api-key.'
        : 'codex-ctx needs an API key: send "Authorization: Bearer <key>" with the key it printed, or the one set with CODEX_CTX_API_KEY / --api-key.',
    });
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
