import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/rate-limiter.js';

describe('TokenBucket', () => {
  it('asks to wait once the minute budget is spent', () => {
    let now = 0;
    const bucket = new TokenBucket(2, () => now);
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(30_000);
    now = 30_000;
    expect(bucket.take()).toBe(0);
  });
});
