import { describe, expect, it } from 'vitest';
import { StockCache } from '../src/stock-cache.js';

describe('StockCache', () => {
  it('forgets a level after the TTL', () => {
    let now = 0;
    const cache = new StockCache(1_000, () => now);
    cache.set('MUG-01', 4);
    now = 999;
    expect(cache.get('MUG-01')).toBe(4);
    now = 1_000;
    expect(cache.get('MUG-01')).toBeUndefined();
  });
  it('drops one SKU or everything', () => {
    const cache = new StockCache(60_000);
    cache.set('A', 1);
    cache.set('B', 2);
    cache.invalidate('A');
    expect(cache.get('A')).toBeUndefined();
    cache.invalidate();
    expect(cache.size).toBe(0);
  });
});
