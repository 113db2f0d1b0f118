import { describe, expect, it } from 'vitest';
import { redeliveryDelayMs } from '../src/queue-consumer.js';

describe('redeliveryDelayMs', () => {
  it('backs off from seconds to half an hour', () => {
    expect([1, 2, 3, 4, 5, 9].map(redeliveryDelayMs)).toEqual([5_000, 30_000, 120_000, 600_000, 1_800_000, 1_800_000]);
  });
});
