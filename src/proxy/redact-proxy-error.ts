import { redactSecrets } from '../log/redact-secrets.js';
import { ProxyError } from '../wire/openai-error.js';

/**
 * Every error message leaving the proxy passes the same redactor as notes and logs: a backend's error
 * text may quote the prompt it refused, and the prompt may hold a key.
 */
export function redactProxyError(error: ProxyError, knownSecrets: Iterable<string> = []): ProxyError {
  const message = redactSecrets(error.message, knownSecrets);
  if (message === error.message) return error;
  return new ProxyError({ status: error.status, type: error.type, code: error.code, param: error.param, headers: error.headers, message, cause: error });
}
