import type { ChunkFold } from './openai-chunk-sink.js';
import type { TextCompletion } from '../wire/chat-completion-types.js';

/** Streamed `text_completion` chunks → the one object a non-streaming client gets. */
export function foldTextCompletionChunks(): ChunkFold<TextCompletion> & { result(): TextCompletion } {
  let head: Pick<TextCompletion, 'id' | 'created' | 'model'> | undefined;
  let text = '';
  let finishReason: TextCompletion['choices'][number]['finish_reason'] = 'stop';
  let usage: TextCompletion['usage'];

  const result = (): TextCompletion => {
    const completion: TextCompletion = {
      id: head?.id ?? '',
      object: 'text_completion',
      created: head?.created ?? 0,
      model: head?.model ?? '',
      choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
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
      text += choice.text;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    },
    result,
    toJson: () => JSON.stringify(result()),
  };
}
