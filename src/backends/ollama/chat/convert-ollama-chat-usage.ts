import type { ChatCompletionUsage } from '../../../wire/chat-completion-types.js';
import { convertResponsesUsage, type UsageCounts } from '../../../responses/convert-responses-usage.js';

/**
 * Ollama's counts → chat usage, with the same rule as for Responses: `prompt_eval_count` leaves out a
 * prefix Ollama reused from its KV cache, so the whole prompt (our estimate when larger) is reported
 * and the difference is called cached.
 */
export function convertOllamaChatUsage(counts: UsageCounts): ChatCompletionUsage {
  const usage = convertResponsesUsage(counts);
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens,
    prompt_tokens_details: { cached_tokens: usage.input_tokens_details.cached_tokens },
  };
}
