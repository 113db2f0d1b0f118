import { describe, expect, it } from 'vitest';
import { foldChatCompletionChunks } from './fold-chat-completion-chunks.js';
import type { ChatCompletionChunk, ChatCompletionDelta } from '../wire/chat-completion-types.js';

const chunk = (delta: ChatCompletionDelta, finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'chatcmpl_1',
  object: 'chat.completion.chunk',
  created: 5,
  model: 'qwen3',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

describe('foldChatCompletionChunks', () => {
  it('joins argument fragments per call index and answers content null for a tools-only reply', () => {
    const fold = foldChatCompletionChunks();
    fold.add(chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'c0', type: 'function', function: { name: 'a', arguments: '' } }] }));
    fold.add(chunk({ tool_calls: [{ index: 1, id: 'c1', type: 'function', function: { name: 'b', arguments: '{"x"' } }] }));
    fold.add(chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }));
    fold.add(chunk({ tool_calls: [{ index: 1, function: { arguments: ':1}' } }] }));
    fold.add(chunk({}, 'tool_calls'));
    fold.add({ ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
    expect(fold.result()).toEqual({
      id: 'chatcmpl_1',
      object: 'chat.completion',
      created: 5,
      model: 'qwen3',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              { id: 'c0', type: 'function', function: { name: 'a', arguments: '{}' } },
              { id: 'c1', type: 'function', function: { name: 'b', arguments: '{"x":1}' } },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it('keeps reasoning apart from the content', () => {
    const fold = foldChatCompletionChunks();
    fold.add(chunk({ role: 'assistant', reasoning_content: 'let me think' }));
    fold.add(chunk({ content: 'answer' }, 'stop'));
    expect(fold.result().choices[0]!.message).toEqual({ role: 'assistant', content: 'answer', refusal: null, reasoning_content: 'let me think' });
  });
});
