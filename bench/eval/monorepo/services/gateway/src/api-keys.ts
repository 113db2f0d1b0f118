import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Partner API keys. We store only the SHA-256 of each key; a presented key is hashed and compared in
 * constant time so response timing cannot reveal how many leading characters matched.
 */
export interface ApiKeyRecord {
  partner: string;
  sha256: Buffer;
  scopes: Array<'orders:read' | 'orders:write' | 'stock:read'>;
  revokedAt?: string;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function findApiKey(presented: string, records: ApiKeyRecord[]): ApiKeyRecord | undefined {
  const digest = hashApiKey(presented);
  return records.find((record) => !record.revokedAt && record.sha256.length === digest.length && timingSafeEqual(record.sha256, digest));
}

/** Keys look like `hk_live_<32 base62 chars>`; anything else is rejected before hashing. */
export function isWellFormedApiKey(key: string): boolean {
  return /^hk_(live|test)_[0-9A-Za-z]{32}$/.test(key);
}
