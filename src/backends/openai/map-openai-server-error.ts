import { ProxyError } from '../../wire/openai-error.js';
import { BackendTimeoutError, backendTimeoutError, connectionResetError } from '../backend-deadline.js';
import { OpenAIServerError } from './openai-server-error.js';

/**
 * One table from an OpenAI-compatible server's failures to what our clients see. Same rules as for
 * Ollama: nothing that will not heal by itself becomes a 5xx (Codex retries those for ~25 s), and the
 * message says which backend answered, since the client only sees codex-ctx.
 */
export function mapOpenAIServerError(error: unknown, model: string): ProxyError {
  if (error instanceof ProxyError) return error;
  if (error instanceof BackendTimeoutError) return backendTimeoutError(error);
  if (!(error instanceof OpenAIServerError)) {
    return new ProxyError({ status: 500, code: 'server_error', message: 'Internal error in codex-ctx', cause: error });
  }
  const where = `"${error.backend}" (${error.baseUrl})`;
  if (error.kind === 'unreachable') {
    return new ProxyError({
      status: 400,
      type: 'service_unavailable',
      code: 'backend_unreachable',
      message: `${error.message}. Start that server, or fix backends.${error.backend}.url in the codex-ctx config.`,
      cause: error,
    });
  }
  if (error.kind === 'reset') return connectionResetError(error.message, error);
  const status = error.status ?? 500;
  const upstream = `${where}: ${error.message}`;
  if (status === 401 || status === 403) {
    return new ProxyError({
      status: 401,
      code: 'invalid_api_key',
      message: `The server ${where} rejected the API key (set apiKey or apiKeyEnv for backends.${error.backend}): ${error.message}`,
      cause: error,
    });
  }
  if (status === 404 || error.code === 'model_not_found') {
    return new ProxyError({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      message: `Model "${model}" is not available from ${upstream}`,
      cause: error,
    });
  }
  if (error.code === 'context_length_exceeded' || (/context|too long|maximum.*tokens|exceeds/i.test(error.message) && status < 500)) {
    return new ProxyError({ status: 400, code: 'context_length_exceeded', message: upstream, cause: error });
  }
  if (status === 429) return new ProxyError({ status: 429, code: error.code ?? 'rate_limit_exceeded', message: upstream, cause: error });
  if (status < 500) return new ProxyError({ status: 400, code: error.code ?? 'invalid_request', message: upstream, cause: error });
  return new ProxyError({ status: 502, code: 'server_error', message: `The server ${upstream}`, cause: error });
}
