import type { Backend } from '../backends/backend.js';
import { TextEmbedderError, type TextEmbedder } from '../context/embed/text-embedder.js';
import { ProxyError } from '../wire/openai-error.js';

/**
 * A client error that asking again will not fix: the model is not there or cannot embed, the backend
 * has no embeddings, the key is wrong. Not: an unreachable server (a 400 typed service_unavailable, so
 * Codex shows it at once), a rate limit, or texts too long for the model (those are skipped instead).
 */
function isPermanent(error: ProxyError): boolean {
  if (error.status < 400 || error.status >= 500 || error.status === 429) return false;
  return error.type !== 'service_unavailable' && error.code !== 'context_length_exceeded';
}

/**
 * The context engine's TextEmbedder over the session's backend (`/api/embed` on Ollama, `/v1/embeddings`
 * on an OpenAI-compatible server, chosen by the model's route), so src/context never imports a backend.
 * Backend errors are classified here, where their codes are known: permanent (turn the source off),
 * rejected input (skip these texts) or transient (the job backs off and tries again).
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
        throw new TextEmbedderError(error instanceof Error ? error.message : String(error), {
          permanent: error instanceof ProxyError && isPermanent(error),
          rejectedInput: error instanceof ProxyError && error.code === 'context_length_exceeded',
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
