import type { Backend } from '../backends/backend.js';
import { TextEmbedderError, type TextEmbedder } from '../context/embed/text-embedder.js';
import { ProxyError } from '../wire/openai-error.js';

// Errors that asking again will not fix: the model is not there, cannot embed, or the backend has no embeddings.
const PERMANENT_CODES = new Set(['model_not_found', 'unsupported_endpoint', 'invalid_request']);

/**
 * The context engine's TextEmbedder over the session's backend (`/api/embed` on Ollama, `/v1/embeddings`
 * on an OpenAI-compatible server, chosen by the model's route), so src/context never imports a backend.
 * Backend errors are classified here, where their codes are known: permanent (turn the source off) or
 * transient (the job backs off and tries again).
 */
export function createBackendTextEmbedder(backend: Backend, model: string): TextEmbedder {
  return {
    model,
    async embed(texts, signal) {
      if (!backend.createEmbeddings) throw new TextEmbedderError(`The "${backend.name}" backend does not support embeddings.`, { permanent: true });
      let result;
      try {
        result = await backend.createEmbeddings({ model, input: [...texts] }, { signal });
      } catch (error) {
        const code = error instanceof ProxyError && error.type !== 'service_unavailable' ? String(error.code) : '';
        throw new TextEmbedderError(error instanceof Error ? error.message : String(error), {
          permanent: PERMANENT_CODES.has(code),
          rejectedInput: code === 'context_length_exceeded',
          cause: error,
        });
      }
      if (result.embeddings.length !== texts.length) {
        throw new TextEmbedderError(`${model} answered ${result.embeddings.length} vectors for ${texts.length} texts.`, { permanent: false });
      }
      return result.embeddings;
    },
  };
}
