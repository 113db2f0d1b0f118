import type { ClientRequest, IncomingMessage } from 'node:http';
import { ProxyError } from '../wire/openai-error.js';

/**
 * The deadline on every model-server call: `--backend-timeout` seconds (default 300, long enough for a
 * large model to load) to the first byte of the answer, and again for each silence between chunks.
 * Without it a server that accepts and never answers held the client forever, our heartbeats keeping
 * Codex's own idle timer from firing.
 */
export const DEFAULT_BACKEND_TIMEOUT_SECONDS = 300;

/** `/api/show`, `/api/tags`, `/models`: metadata a healthy server answers at once. */
export const METADATA_TIMEOUT_MS = 10_000;

const HOW_TO_RAISE = 'raise the limit with --backend-timeout <seconds> (or CODEX_CTX_BACKEND_TIMEOUT, or "backendTimeout" in the config)';

export class BackendTimeoutError extends Error {
  readonly phase: 'first byte' | 'silence';
  constructor(options: {
    backend: string;
    phase: 'first byte' | 'silence';
    timeoutMs: number;
    /** The call, when it is not the answer itself (`/api/show`). */
    call?: string | undefined;
  }) {
    const seconds = Math.round(options.timeoutMs / 100) / 10;
    const what =
      options.phase === 'silence'
        ? `${options.backend} went silent for ${seconds} s while answering`
        : `${options.backend} did not start answering${options.call ? ` ${options.call}` : ''} within ${seconds} s`;
    // Metadata calls have a fixed short limit: a server that cannot answer them is not healthy.
    super(`${what}; ${options.call ? 'check that it is running and not stuck' : HOW_TO_RAISE}`);
    this.name = 'BackendTimeoutError';
    this.phase = options.phase;
  }
}

const timeouts = new WeakMap<IncomingMessage, BackendTimeoutError>();

/**
 * Arms the deadline on one outgoing request: Node's socket inactivity timer counts from the request
 * going out, restarts on every byte received, and is dropped when the socket returns to the keep-alive
 * pool. On expiry the response (if any) is destroyed with the error first, so a reader already
 * streaming it can tell a deadline from a crash (`backendTimeoutOf`).
 */
export function armBackendDeadline(
  request: ClientRequest,
  options: { backend: string; timeoutMs: number | undefined; call?: string | undefined },
): void {
  const timeoutMs = options.timeoutMs;
  if (!timeoutMs || timeoutMs <= 0) return;
  let response: IncomingMessage | undefined;
  request.once('response', (incoming: IncomingMessage) => (response = incoming));
  request.setTimeout(timeoutMs, () => {
    if (response?.complete) return;
    const error = new BackendTimeoutError({ backend: options.backend, phase: response ? 'silence' : 'first byte', timeoutMs, call: options.call });
    if (response) {
      timeouts.set(response, error);
      response.destroy(error);
    }
    request.destroy(error);
  });
}

/** The deadline that ended this response early, if that is what ended it. */
export function backendTimeoutOf(response: IncomingMessage): BackendTimeoutError | undefined {
  return timeouts.get(response);
}

/**
 * 504 before anything went out. As a stream's terminal event the code is one Codex does not retry:
 * the wait already was the whole limit, and the message says how to raise it.
 */
export function backendTimeoutError(error: BackendTimeoutError): ProxyError {
  return new ProxyError({ status: 504, type: 'server_error', code: 'backend_timeout', message: error.message, cause: error });
}

/**
 * The terminal part for a deadline once `response.created` is out. `invalid_prompt` is the code Codex
 * shows at once instead of retrying (spec §5): a retry would wait the whole limit again.
 */
export function backendTimeoutStreamEnd(error: { message: string }): { type: 'error'; code: string; message: string } {
  return { type: 'error', code: 'invalid_prompt', message: error.message };
}

/** A folded `response.failed` (`stream: false`) that was a deadline: answered 504 like the other routes. */
export function isBackendTimeoutFailure(error: { code: string; message: string }): boolean {
  return error.code === 'invalid_prompt' && error.message.endsWith(HOW_TO_RAISE);
}

/** Node's words for "the server closed a connection it had accepted" (vs. refused or not found). */
export function isConnectionReset(code: string): boolean {
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'socket hang up';
}

/** 502 `server_error`: the one status class Codex retries, for a drop a restart may heal. */
export function connectionResetError(message: string, cause: unknown): ProxyError {
  return new ProxyError({ status: 502, code: 'backend_connection_reset', message: `${message}; it may have crashed or restarted, so the request can be retried`, cause });
}
