import type { ChunkFold } from './openai-chunk-sink.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionToolCall, ChatFinishReason } from '../wire/chat-completion-types.js';

/**
 * `chat.completion.chunk`s → the `chat.completion` a non-streaming client gets: text and reasoning
 * concatenated, tool call fragments joined per `index`, the last finish reason, the usage chunk's usage.
 * Any backend that emits chunks gets `stream: false` for free.
 */
export function foldChatCompletionChunks(): ChunkFold<ChatCompletionChunk> & { result(): ChatCompletion } {
  let head: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'> | undefined;
  let content: string | undefined;
  let reasoning: string | undefined;
  let finishReason: ChatFinishReason = 'stop';
  let usage: ChatCompletion['usage'];
  const toolCalls: ChatCompletionToolCall[] = [];

  const result = (): ChatCompletion => {
    const message: ChatCompletion['choices'][number]['message'] = {
      role: 'assistant',
      // OpenAI answers `content: null` when the model only called tools.
      content: content ?? (toolCalls.length > 0 ? null : ''),
      refusal: null,
    };
    if (reasoning !== undefined) message.reasoning_content = reasoning;
    if (toolCalls.length > 0) message.tool_calls = toolCalls.filter(Boolean);
    const completion: ChatCompletion = {
      id: head?.id ?? '',
      object: 'chat.completion',
      created: head?.created ?? 0,
      model: head?.model ?? '',
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    };
    if (usage) completion.usage = usage;
    return completion;
  };

  return {
    add(chunk) {
      head ??= { id: chunk.id, created: chunk.created, model: chunk.model };
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) return;
      const { delta } = choice;
      if (typeof delta.content === 'string') content = (content ?? '') + delta.content;
      if (delta.reasoning_content !== undefined) reasoning = (reasoning ?? '') + delta.reasoning_content;
      for (const fragment of delta.tool_calls ?? []) {
        const call = (toolCalls[fragment.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (fragment.id) call.id = fragment.id;
        if (fragment.function?.name) call.function.name += fragment.function.name;
        if (fragment.function?.arguments) call.function.arguments += fragment.function.arguments;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    },
    result,
    toJson: () => JSON.stringify(result()),
  };
}
