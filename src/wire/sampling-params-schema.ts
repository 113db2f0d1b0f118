import { z } from 'zod';

/**
 * The sampling and streaming fields chat completions and legacy completions share, with the same
 * meaning in both (OpenAI's API reference): one definition, spread into each request schema.
 */
export const sharedSamplingFields = {
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  presence_penalty: z.number().nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  n: z.number().int().positive().nullish(),
};
