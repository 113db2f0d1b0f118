import { describe, expect, it } from 'vitest';
import { splitAtEveryByte, splitIntoSingleBytes } from '../../../test/support/streams.js';
import { createNdjsonLineSplitter, type OllamaChunkParseResult } from './ndjson-line-splitter.js';

const encoder = new TextEncoder();

/** Feeds the production splitter one network read at a time, then ends it, as the pump does. */
function parse(chunks: Array<Uint8Array | string>): OllamaChunkParseResult[] {
  const results: OllamaChunkParseResult[] = [];
  const splitter = createNdjsonLineSplitter((result) => results.push(result));
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  splitter.end();
  return results;
}

function values(results: OllamaChunkParseResult[]): unknown[] {
  return results.map((result) => (result.success ? result.value : { failed: result.rawValue }));
}

describe('createNdjsonLineSplitter', () => {
  it('parses one value per line, including a last line without a trailing newline', async () => {
    const results = parse(['{"a":1}\n{"b":', '2}\n{"c":3}']);
    expect(values(results)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('skips empty and whitespace-only lines and accepts CRLF', async () => {
    const results = parse(['\n{"a":1}\r\n\r\n   \n{"b":2}\r\n']);
    expect(values(results)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports a malformed line as a failed result and keeps parsing the lines after it', async () => {
    const results = parse(['{"a":1}\nnot json\n{"b":2}\n']);
    expect(results[1]).toMatchObject({ success: false, rawValue: 'not json' });
    expect((results[1] as { error: unknown }).error).toBeInstanceOf(Error);
    expect(values(results)).toEqual([{ a: 1 }, { failed: 'not json' }, { b: 2 }]);
  });

  it('reports a truncated last line (stream cut mid-object) as a failed result', async () => {
    const results = parse(['{"a":1}\n{"message":{"content":"hal']);
    expect(values(results)).toEqual([{ a: 1 }, { failed: '{"message":{"content":"hal' }]);
  });

  describe('multi-byte characters across network chunks', () => {
    const lines = [
      { message: { role: 'assistant', content: 'héllo 👋 世界' }, done: false },
      { message: { role: 'assistant', content: '', thinking: 'ça va? 🤔' }, done: false },
      { done: true, done_reason: 'stop' },
    ];
    const bytes = encoder.encode(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');

    it('decodes identically when split at every byte offset', async () => {
      for (const split of splitAtEveryByte(bytes)) {
        expect(values(parse(split))).toEqual(lines);
      }
    });

    it('decodes identically when every byte is its own chunk', async () => {
      expect(values(parse(splitIntoSingleBytes(bytes)))).toEqual(lines);
    });
  });
});
