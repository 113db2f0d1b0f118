import { describe, expect, it } from 'vitest';
import { mapOllamaDoneReason } from './map-ollama-done-reason.js';

describe('mapOllamaDoneReason', () => {
  it('reports a length stop as incomplete with max_output_tokens', () => {
    expect(mapOllamaDoneReason('length')).toEqual({ status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } });
  });

  it.each([['stop'], ['load'], ['unload'], [undefined], ['something-new']])('completes for %s', (doneReason) => {
    expect(mapOllamaDoneReason(doneReason)).toEqual({ status: 'completed' });
  });
});
