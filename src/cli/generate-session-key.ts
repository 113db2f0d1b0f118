import { randomBytes } from 'node:crypto';

/** A fresh proxy key: 192 random bits, with a prefix that says whose key it is when it turns up somewhere. */
export function generateSessionKey(): string {
  return `sk-codex-ctx-${randomBytes(24).toString('base64url')}`;
}
