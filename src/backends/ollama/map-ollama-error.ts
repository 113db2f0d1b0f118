import { ProxyError } from '../../wire/openai-error.js';
import { BackendTimeoutError, backendTimeoutError, connectionResetError } from '../backend-deadline.js';
import { OllamaError } from './ollama-client.js';

/**
 * One table from Ollama failures to what clients see. Codex shows 400/404 bodies at once and retries
 * every 5xx for ~25 s (spec §5), so nothing that will not heal by itself becomes a 5xx.
 */
export function mapOllamaError(error: unknown, model: string): ProxyError {
  if (error instanceof ProxyError) return error;
  if (error instanceof BackendTimeoutError) return backendTimeoutError(error);
  if (!(error instanceof OllamaError)) {
    return new ProxyError({ status: 500, code: 'server_error', message: 'Internal error in codex-ctx', cause: error });
  }
  if (error.kind === 'unreachable') return backendUnreachable(error);
  if (error.kind === 'reset') return connectionResetError(error.message, error);
  const status = error.status ?? 500;
  if (status === 404 || /not found/i.test(error.message)) return modelNotFound(model, error.baseUrl);
  if (/context|too long|exceeds/i.test(error.message) && status < 500) {
    return new ProxyError({ status: 400, code: 'context_length_exceeded', message: `Ollama: ${error.message}`, cause: error });
  }
  if (status < 500) {
    return new ProxyError({ status: 400, code: 'invalid_request', message: `Ollama rejected the request: ${error.message}`, cause: error });
  }
  return new ProxyError({ status: 502, code: 'server_error', message: `Ollama failed: ${error.message}`, cause: error });
}

export function modelNotFound(model: string, baseUrl: string): ProxyError {
  return new ProxyError({
    status: 404,
    code: 'model_not_found',
    param: 'model',
    message: `Model "${model}" is not available in Ollama at ${baseUrl}. Pull it with: ollama pull ${model}`,
  });
}

/**
 * 503 with Codex's `server_is_overloaded` code would replace our text with "model at capacity", and a
 * plain 5xx is retried 30 times; a 400 is shown at once with the fix in it.
 */
export function backendUnreachable(error: OllamaError): ProxyError {
  return new ProxyError({
    status: 400,
    type: 'service_unavailable',
    code: 'backend_unreachable',
    message: `${error.message}. Start Ollama with \`ollama serve\` (or open the Ollama app), or point codex-ctx at it with --ollama-url / OLLAMA_HOST.`,
    cause: error,
  });
}
