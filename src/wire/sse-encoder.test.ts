import { describe, expect, it } from 'vitest';
import type { ResponseObject, ResponsesEvent } from './responses-types.js';
import { arrayToStream, parseSseFrames, splitAtEveryByte, streamToArray } from '../../test/support/streams.js';
import { encodeSseEvent } from './sse-encoder.js';

const response: ResponseObject = { id: 'resp_1', object: 'response', created_at: 1790000000, status: 'in_progress', model: 'qwen3', output: [] };

const events: ResponsesEvent[] = [
  { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } },
  {
    type: 'response.output_text.delta',
    sequence_number: 1,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'héllo 👋 世界\nline two\n\n',
    logprobs: [],
  },
  { type: 'response.completed', sequence_number: 2, response: { ...response, status: 'completed' } },
];

function encode(input: ResponsesEvent[]): Uint8Array {
  return new TextEncoder().encode(input.map(encodeSseEvent).join(''));
}

describe('encodeSseEvent', () => {
  it('frames each event as an event line and one data line, separated by a blank line', async () => {
    const text = new TextDecoder().decode(encode([events[0]!]));
    expect(text).toBe(`event: response.created\ndata: ${JSON.stringify(events[0])}\n\n`);
  });

  it('keeps text with newlines on a single data line, so a blank line inside content cannot end the frame', async () => {
    const text = new TextDecoder().decode(encode(events));
    expect(text.split('\n\n')).toHaveLength(events.length + 1);
    expect(parseSseFrames(text)).toEqual(events.map((event) => ({ event: event.type, data: event })));
  });

  it('decodes identically when its output is split at every byte (multi-byte characters included)', async () => {
    const bytes = encode(events);
    for (const split of splitAtEveryByte(bytes)) {
      const decoded = await streamToArray(arrayToStream(split).pipeThrough(new TextDecoderStream()));
      expect(parseSseFrames(decoded.join('')).map((frame) => frame.data)).toEqual(events);
    }
  });

  it('frames a delta passed through from a server exactly as it came (other fields, other order)', () => {
    const forwarded = [
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'hi', sequence_number: 4, logprobs: [] },
      { type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'hi', logprobs: [], obfuscation: 'x' },
      { type: 'response.output_text.delta', sequence_number: '4', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'hi', logprobs: [] },
      { type: 'response.reasoning_summary_text.delta', sequence_number: 4, item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'hm', obfuscation: 'x' },
    ] as unknown as ResponsesEvent[];
    for (const event of forwarded) expect(encodeSseEvent(event)).toBe(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
});
