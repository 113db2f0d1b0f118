import type { EmbeddingsResult } from '../../backend.js';
import type { EmbeddingsRequest } from '../../../wire/embeddings-request-schema.js';
import { ProxyError } from '../../../wire/openai-error.js';
import type { OllamaEndpointDependencies } from '../ollama-endpoint-dependencies.js';
import { mapOllamaError } from '../map-ollama-error.js';
import { OllamaError, parseOllamaErrorText } from '../ollama-client.js';
import { openOllamaStream, readIncomingText } from '../open-ollama-stream.js';
import { convertEmbeddingsRequestToOllama } from './convert-embeddings-request-to-ollama.js';

/** Embeddings on Ollama's `/api/embed`, over the same keep-alive node:http agent as chat. */
export async function createOllamaEmbeddings(
  dependencies: Pick<OllamaEndpointDependencies, 'baseUrl' | 'keepAlive' | 'timeoutMs'>,
  request: EmbeddingsRequest,
  options: { signal: AbortSignal },
): Promise<EmbeddingsResult> {
  const body = convertEmbeddingsRequestToOllama(request, { keepAlive: dependencies.keepAlive });
  let text: string;
  let status: number;
  try {
    const response = await openOllamaStream({ baseUrl: dependencies.baseUrl, path: '/api/embed', payload: JSON.stringify(body), signal: options.signal, timeoutMs: dependencies.timeoutMs });
    status = response.statusCode ?? 500;
    text = await readIncomingText(response);
  } catch (error) {
    throw mapOllamaError(error, request.model);
  }
  if (status >= 400) {
    const message = parseOllamaErrorText(text, `HTTP ${status}`);
    throw mapOllamaError(new OllamaError({ kind: 'http', status, baseUrl: dependencies.baseUrl, message }), request.model);
  }
  const parsed = parseEmbedResponse(text);
  if (!parsed) throw new ProxyError({ status: 502, code: 'server_error', message: 'Ollama answered /api/embed with something that is not a list of vectors.' });
  return { model: request.model, embeddings: parsed.embeddings, promptTokens: parsed.promptTokens };
}

function parseEmbedResponse(text: string): { embeddings: number[][]; promptTokens: number } | undefined {
  try {
    const value = JSON.parse(text) as { embeddings?: unknown; prompt_eval_count?: unknown };
    if (!Array.isArray(value.embeddings) || !value.embeddings.every(Array.isArray)) return undefined;
    const count = value.prompt_eval_count;
    return { embeddings: value.embeddings as number[][], promptTokens: typeof count === 'number' && count > 0 ? count : 0 };
  } catch {
    return undefined;
  }
}
