import type { TextCompletion } from '../../../wire/chat-completion-types.js';
import { convertOllamaChatUsage } from '../chat/convert-ollama-chat-usage.js';
import type { OllamaGenerateChunk } from './ollama-generate-types.js';

export interface CompletionChunkStreamOptions {
  completionId: string;
  model: string;
  /** Unix seconds. */
  created: number;
  includeUsage: boolean;
  /** `echo: true`: the prompt goes out first, as part of the text. */
  echoPrompt?: string | undefined;
  promptTokensEstimate?: number | undefined;
}

export interface CompletionChunkStreamState {
  readonly options: CompletionChunkStreamOptions;
  echoed: boolean;
  end: { kind: 'done' } | { kind: 'error'; message: string } | undefined;
}

export function createCompletionChunkStreamState(options: CompletionChunkStreamOptions): CompletionChunkStreamState {
  return { options, echoed: options.echoPrompt === undefined, end: undefined };
}

/**
 * One `/api/generate` line → the `text_completion` chunks it causes. `thinking` is not part of a
 * completion's text and is left out. Mutates `state`; nothing follows the last chunk.
 */
export function ollamaGenerateChunkToCompletionChunks(state: CompletionChunkStreamState, line: OllamaGenerateChunk): TextCompletion[] {
  const chunks: TextCompletion[] = [];
  if (state.end) return chunks;
  if (line.error !== undefined && line.error !== null) {
    state.end = { kind: 'error', message: typeof line.error === 'string' ? line.error : JSON.stringify(line.error) };
    return chunks;
  }
  let text = typeof line.response === 'string' ? line.response : '';
  if (!state.echoed) {
    state.echoed = true;
    text = state.options.echoPrompt + text;
  }
  if (text !== '') chunks.push(makeChunk(state, text, null));
  if (line.done === true) {
    chunks.push(makeChunk(state, '', line.done_reason === 'length' ? 'length' : 'stop'));
    if (state.options.includeUsage) {
      const usage = convertOllamaChatUsage({
        inputTokens: line.prompt_eval_count,
        outputTokens: line.eval_count,
        promptTokensEstimate: state.options.promptTokensEstimate,
      });
      const { completionId: id, created, model } = state.options;
      chunks.push({ id, object: 'text_completion', created, model, choices: [], usage });
    }
    state.end = { kind: 'done' };
  }
  return chunks;
}

function makeChunk(state: CompletionChunkStreamState, text: string, finishReason: 'stop' | 'length' | null): TextCompletion {
  const { completionId: id, created, model, includeUsage } = state.options;
  const chunk: TextCompletion = { id, object: 'text_completion', created, model, choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] };
  if (includeUsage) chunk.usage = null;
  return chunk;
}
