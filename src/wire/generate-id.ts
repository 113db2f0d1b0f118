import { randomUUID } from 'node:crypto';

/**
 * A fresh id with OpenAI's prefix (`resp`, `msg`, `fc`, `call`, `chatcmpl`, …): `msg_<32 hex>`. The one
 * default for the proxy and every backend; tests inject their own to get deterministic streams.
 */
export function generateId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
