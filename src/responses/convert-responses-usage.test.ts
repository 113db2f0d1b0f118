import { describe, expect, it } from 'vitest';
import { convertResponsesUsage } from './convert-responses-usage.js';

describe('convertResponsesUsage', () => {
  it('maps prompt_eval_count and eval_count to input, output and total tokens', () => {
    expect(convertResponsesUsage({ inputTokens: 42, outputTokens: 7 })).toEqual({
      input_tokens: 42,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 49,
    });
  });

  it('reports our prompt estimate when Ollama evaluated less (reused KV cache) and counts the rest as cached', () => {
    const usage = convertResponsesUsage({ inputTokens: 30, outputTokens: 5, promptTokensEstimate: 9000 });
    expect(usage).toMatchObject({ input_tokens: 9000, input_tokens_details: { cached_tokens: 8970 }, total_tokens: 9005 });
  });

  it('keeps Ollama’s count when it is larger than the estimate', () => {
    expect(convertResponsesUsage({ inputTokens: 500, outputTokens: 1, promptTokensEstimate: 450 })).toMatchObject({
      input_tokens: 500,
      input_tokens_details: { cached_tokens: 0 },
    });
  });

  it('treats a prompt_eval_count Ollama omitted (all cached) as 0 evaluated', () => {
    expect(convertResponsesUsage({ outputTokens: 4, promptTokensEstimate: 1200 })).toMatchObject({
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 1200 },
      total_tokens: 1204,
    });
  });

  it('reports zeros rather than NaN when counts are missing or not numbers', () => {
    expect(convertResponsesUsage({ inputTokens: undefined, outputTokens: Number.NaN })).toMatchObject({
      input_tokens: 0,
      output_tokens: 0,
      total_tokens: 0,
    });
  });
});
