import { z } from 'zod';
import { sharedSamplingFields } from './sampling-params-schema.js';

/**
 * Legacy `POST /v1/completions` (code completion plugins, FIM, scripts). Loose: unknown fields are kept
 * for OpenAI-compatible backends. Token-id prompts pass validation here because some backends accept
 * them; a backend that cannot answers with a 400 that says so.
 */
const tokenIds = z.array(z.number().int());

export const completionPromptSchema = z.union([z.string(), z.array(z.string()), tokenIds, z.array(tokenIds)]);

export const completionRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: completionPromptSchema,
  suffix: z.string().nullish(),
  ...sharedSamplingFields,
  max_tokens: z.number().int().nonnegative().nullish(),
  echo: z.boolean().nullish(),
  best_of: z.number().int().positive().nullish(),
  logprobs: z.number().int().nullish(),
});
export type CompletionRequest = z.infer<typeof completionRequestSchema>;
