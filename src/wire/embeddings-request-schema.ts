import { z } from 'zod';

/**
 * `POST /v1/embeddings`. The official SDK asks for `base64` unless told otherwise, so both encodings
 * are first-class. Token-id inputs pass validation; a backend that cannot embed them answers 400.
 */
const tokenIds = z.array(z.number().int());

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()), tokenIds, z.array(tokenIds)]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().nullish(),
  user: z.string().nullish(),
});
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;
