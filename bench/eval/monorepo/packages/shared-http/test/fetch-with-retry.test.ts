import { describe, expect, it } from 'vitest';
import { backoffMs } from '../src/fetch-with-retry.js';

describe('backoffMs', () => {
  it('doubles the ceiling per attempt and caps it at 5 s', () => {
    expect(backoffMs(0, () => 0.999)).toBe(199);
    expect(backoffMs(3, () => 0.999)).toBe(1598);
    expect(backoffMs(10, () => 0.999)).toBe(4995);
  });
});
