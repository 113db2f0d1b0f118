import type { ChatFinishReason } from '../../../wire/chat-completion-types.js';

/**
 * Ollama's `done_reason` (+ whether the answer called tools) → OpenAI's `finish_reason`. Tool calls
 * win, as in Ollama's own OpenAI layer: clients run the calls when they see `tool_calls`. `length`
 * means num_predict or the window ran out; everything else (`stop`, `load`, absent) is a normal end.
 */
export function mapOllamaFinishReason(options: { doneReason: string | undefined; hasToolCalls: boolean }): ChatFinishReason {
  if (options.hasToolCalls) return 'tool_calls';
  if (options.doneReason === 'length') return 'length';
  return 'stop';
}
