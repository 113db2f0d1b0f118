import { describe, expect, it } from 'vitest';
import { findApiKey, hashApiKey, isWellFormedApiKey } from '../src/api-keys.js';

const key = 'hk_live_' + 'a'.repeat(32);

describe('api keys', () => {
  it('finds a key by its hash and ignores revoked ones', () => {
    const records = [{ partner: 'p', sha256: hashApiKey(key), scopes: ['orders:read' as const] }];
    expect(findApiKey(key, records)?.partner).toBe('p');
    expect(findApiKey(key, [{ ...records[0]!, revokedAt: '2026-01-01' }])).toBeUndefined();
  });
  it('rejects malformed keys', () => {
    expect(isWellFormedApiKey('hk_live_short')).toBe(false);
    expect(isWellFormedApiKey(key)).toBe(true);
  });
});
