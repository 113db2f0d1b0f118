/**
 * Ollama NDJSON captures (test/fixtures/ollama) → the production pump → Responses SSE, compared with a
 * reviewed file per capture, and split at every byte to prove the result does not depend on where the
 * network cuts the stream.
 */
import { describe, expect, it } from 'vitest';
import { splitAtEveryByte } from '../support/streams.js';
import { runOllamaPump } from '../support/run-ollama-pump.js';
import { captures, expectResponsesStreamInvariants, responsesStreamOptions } from './stream-fixtures.js';

describe.each(captures('ollama', '.ndjson'))('Ollama %s.ndjson → Responses SSE', (name, bytes) => {
  it('matches the reviewed stream and keeps the invariants Codex relies on', async () => {
    const sse = await runOllamaPump([bytes], responsesStreamOptions());
    expectResponsesStreamInvariants(sse);
    await expect(sse).toMatchFileSnapshot(`__snapshots__/ollama-to-responses/${name}.sse`);
  });

  it('gives the same stream however the bytes are split', async () => {
    const whole = await runOllamaPump([bytes], responsesStreamOptions());
    const firstMultiByte = bytes.findIndex((byte) => byte >= 0x80);
    const sample = firstMultiByte === -1 ? bytes.subarray(0, 64) : bytes.subarray(0, firstMultiByte + 4);
    for (const split of splitAtEveryByte(sample)) {
      const parts = [...split, bytes.subarray(sample.length)];
      expect(await runOllamaPump(parts, responsesStreamOptions())).toBe(whole);
    }
  });
});
