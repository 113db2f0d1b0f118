import type { EmbeddingsRequest } from '../../../wire/embeddings-request-schema.js';
import { invalidRequest } from '../../../wire/openai-error.js';

/** Ollama's `/api/embed` body. */
export interface OllamaEmbedRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  keep_alive?: string | number;
}

/**
 * `/v1/embeddings` → `/api/embed`. Ollama embeds text only, and answers an empty input with no vector
 * at all, which a client would read as a bug in its own indexing; both become a 400 that says so.
 */
export function convertEmbeddingsRequestToOllama(
  request: EmbeddingsRequest,
  settings: { keepAlive?: string | number | undefined } = {},
): OllamaEmbedRequest {
  const { input } = request;
  const isText = typeof input === 'string' || input.every((item) => typeof item === 'string');
  if (!isText) throw invalidRequest('Token-id inputs are not supported by the Ollama backend; send the input as text.', 'input');
  const texts = typeof input === 'string' ? [input] : (input as string[]);
  if (texts.length === 0 || texts.some((text) => text === '')) throw invalidRequest('The input must not be empty (nor contain empty strings).', 'input');
  const body: OllamaEmbedRequest = { model: request.model, input };
  if (request.dimensions != null) body.dimensions = request.dimensions;
  if (settings.keepAlive !== undefined) body.keep_alive = settings.keepAlive;
  return body;
}
