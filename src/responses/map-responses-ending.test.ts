import { describe, expect, it } from 'vitest';
import { mapResponsesEnding } from './map-responses-ending.js';

describe('mapResponsesEnding', () => {
  it('reports a length stop as incomplete with max_output_tokens', () => {
    expect(mapResponsesEnding('length')).toEqual({ status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } });
  });

  it.each([['stop'], ['load'], ['unload'], [undefined], ['something-new']])('completes for %s', (doneReason) => {
    expect(mapResponsesEnding(doneReason)).toEqual({ status: 'completed' });
  });
});
