import { describe, expect, it } from 'vitest';
import type { ResponsesEvent } from './responses-types.js';
import {
  arrayToStream,
  concatBytes,
  parseSseFrames,
  splitAtEveryByte,
  streamToArray,
} from '../../test/support/streams.js';
import { sseEncoder } from './sse-encoder.js';

const events: ResponsesEvent[] = [
  { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', status: 'in_progress', output: [] } },
  {
    type: 'response.output_text.delta',
    sequence_number: 1,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'héllo 👋 世界\nline two\n\n',
    logprobs: [],
  },
  { type: 'response.completed', sequence_number: 2, response: { id: 'resp_1', status: 'completed' } },
];

async function encode(input: ResponsesEvent[]): Promise<Uint8Array> {
  return concatBytes(await streamToArray(arrayToStream(input).pipeThrough(sseEncoder())));
}

describe('sseEncoder', () => {
  it('frames each event as an event line and one data line, separated by a blank line', async () => {
    const text = new TextDecoder().decode(await encode([events[0]!]));
    expect(text).toBe(`event: response.created\ndata: ${JSON.stringify(events[0])}\n\n`);
  });

  it('keeps text with newlines on a single data line, so a blank line inside content cannot end the frame', async () => {
    const text = new TextDecoder().decode(await encode(events));
    expect(text.split('\n\n')).toHaveLength(events.length + 1);
    expect(parseSseFrames(text)).toEqual(events.map((event) => ({ event: event.type, data: event })));
  });

  it('decodes identically when its output is split at every byte (multi-byte characters included)', async () => {
    const bytes = await encode(events);
    for (const split of splitAtEveryByte(bytes)) {
      const decoded = await streamToArray(arrayToStream(split).pipeThrough(new TextDecoderStream()));
      expect(parseSseFrames(decoded.join('')).map((frame) => frame.data)).toEqual(events);
    }
  });
});
