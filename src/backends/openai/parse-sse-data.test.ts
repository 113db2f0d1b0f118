import { describe, expect, it } from 'vitest';
import { createSseDataParser } from './parse-sse-data.js';

function split(parts: Uint8Array[]): string[] {
  const data: string[] = [];
  const parser = createSseDataParser((value) => data.push(value));
  for (const part of parts) parser.push(part);
  parser.end();
  return data;
}

describe('createSseDataParser', () => {
  const stream = 'data: {"delta":"héllo 👋"}\n\nevent: ping\n: comment\n\ndata: line one\r\ndata: line two\r\n\r\ndata:[DONE]';

  it('yields the data of each event, joining multi-line data and skipping event, comment and empty events', () => {
    expect(split([Buffer.from(stream)])).toEqual(['{"delta":"héllo 👋"}', 'line one\nline two', '[DONE]']);
  });

  it('yields the same events however the bytes are split, even inside a multi-byte character', () => {
    const bytes = Buffer.from(stream);
    const whole = split([bytes]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(split([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole);
    }
    expect(split([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(whole);
  });
});
