/**
 * Ollama NDJSON captures (test/fixtures/ollama) → the production NDJSON call and chunk translation →
 * chat.completion.chunk objects, one JSON line each, compared with a reviewed file per capture.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createChatChunkStreamState, ollamaChunkToChatChunks } from '../../src/backends/ollama/chat/ollama-chunk-to-chat-chunks.js';
import { startOllamaNdjsonStream } from '../../src/backends/ollama/start-ollama-ndjson-stream.js';
import { captures } from './stream-fixtures.js';

async function translate(bytes: Buffer): Promise<string> {
  let next = 0;
  const state = createChatChunkStreamState({
    completionId: 'chatcmpl-fixture',
    model: 'qwen3',
    created: 1790000000,
    includeUsage: true,
    generateId: (prefix) => `${prefix}_${++next}`,
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const upstream = Object.assign(Readable.from([bytes]), { statusCode: 200 }) as unknown as IncomingMessage;
    startOllamaNdjsonStream({
      upstream: Promise.resolve(upstream),
      baseUrl: 'http://127.0.0.1:1',
      model: 'qwen3',
      signal: new AbortController().signal,
      onLine(result) {
        if (!result.success || state.end) return;
        for (const chunk of ollamaChunkToChatChunks(state, result.value)) lines.push(JSON.stringify(chunk));
      },
      onClose: () => resolve(),
    }).catch(reject);
  });
  lines.push(JSON.stringify({ end: state.end ?? null }));
  return `${lines.join('\n')}\n`;
}

describe.each(captures('ollama', '.ndjson'))('Ollama %s.ndjson → chat chunks', (name, bytes) => {
  it('matches the reviewed chunks', async () => {
    const chunks = await translate(bytes);
    for (const line of chunks.trimEnd().split('\n').slice(0, -1)) {
      const chunk = JSON.parse(line) as { id: string; object: string };
      expect(chunk).toMatchObject({ id: 'chatcmpl-fixture', object: 'chat.completion.chunk' });
    }
    await expect(chunks).toMatchFileSnapshot(`__snapshots__/ollama-to-chat/${name}.jsonl`);
  });
});
