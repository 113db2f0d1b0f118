import { describe, expect, it } from 'vitest';
import { createChatChunkStreamState, ollamaChunkToChatChunks } from './ollama-chunk-to-chat-chunks.js';

const state = (includeUsage = false) =>
  createChatChunkStreamState({ completionId: 'chatcmpl_1', model: 'qwen3', created: 1, includeUsage, generateId: (prefix) => `${prefix}_generated` });
const deltas = (chunks: ReturnType<typeof ollamaChunkToChatChunks>) => chunks.map((chunk) => chunk.choices[0]?.delta);

describe('ollamaChunkToChatChunks', () => {
  it('puts the assistant role on the first delta only', () => {
    const stream = state();
    expect(deltas(ollamaChunkToChatChunks(stream, { message: { content: 'a' } }))).toEqual([{ role: 'assistant', content: 'a' }]);
    expect(deltas(ollamaChunkToChatChunks(stream, { message: { content: 'b' } }))).toEqual([{ content: 'b' }]);
  });

  it('sends thinking as reasoning_content, in the same delta as content of the same line', () => {
    expect(deltas(ollamaChunkToChatChunks(state(), { message: { thinking: 'hmm', content: 'ok' } }))).toEqual([
      { role: 'assistant', reasoning_content: 'hmm', content: 'ok' },
    ]);
  });

  it('gives a call without an id a generated one, and keeps arguments Ollama sent as text', () => {
    const chunks = ollamaChunkToChatChunks(state(), { message: { tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' as never } }] } });
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', tool_calls: [{ index: 0, id: 'call_generated', type: 'function', function: { name: 'f', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] },
    ]);
  });

  it('ends an empty answer with a role delta, the finish reason and nothing after', () => {
    const stream = state();
    const chunks = ollamaChunkToChatChunks(stream, { done: true, done_reason: 'stop' });
    expect(chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason])).toEqual([[{ role: 'assistant', content: '' }, 'stop']]);
    expect(stream.end).toEqual({ kind: 'done' });
    expect(ollamaChunkToChatChunks(stream, { message: { content: 'late' } })).toEqual([]);
  });

  it('reports an error line as the end of the stream, with its message', () => {
    const stream = state();
    expect(ollamaChunkToChatChunks(stream, { error: 'out of memory' })).toEqual([]);
    expect(stream.end).toEqual({ kind: 'error', message: 'out of memory' });
  });

  it('adds usage: null to every chunk and a last usage chunk with no choices when usage is asked for', () => {
    const chunks = ollamaChunkToChatChunks(state(true), { message: { content: 'x' }, done: true, prompt_eval_count: 10, eval_count: 1 });
    expect(chunks.map((chunk) => chunk.usage)).toEqual([null, null, { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, prompt_tokens_details: { cached_tokens: 0 } }]);
    expect(chunks.at(-1)!.choices).toEqual([]);
  });
});
