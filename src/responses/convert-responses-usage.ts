import type { StreamUsage } from './responses-stream-part.js';
import type { ResponsesUsage } from '../wire/responses-types.js';

export interface UsageCounts extends StreamUsage {
  /** Our own count of the prompt we sent, when the caller made one. */
  promptTokensEstimate?: number | undefined;
}

/**
 * A server's counts → Responses usage. Ollama's `prompt_eval_count` covers only the tokens Ollama evaluated, not a
 * prefix reused from its KV cache, so on a long conversation it can be tiny. Codex decides when to
 * compact from `input_tokens`, so report the whole prompt (our estimate when larger) and call the
 * difference cached.
 */
export function convertResponsesUsage(counts: UsageCounts): ResponsesUsage {
  const evaluated = countOrZero(counts.inputTokens);
  const inputTokens = Math.max(evaluated, countOrZero(counts.promptTokensEstimate));
  const outputTokens = countOrZero(counts.outputTokens);
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: inputTokens - evaluated },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

/** Counts come from unvalidated JSON: anything but a non-negative finite number counts as 0. */
function countOrZero(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
