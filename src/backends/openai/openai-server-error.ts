/** A failure talking to an OpenAI-compatible server, typed at the client and mapped in one place. */
export class OpenAIServerError extends Error {
  /** `reset`: connected, then dropped before the answer's headers (a crash or restart: retryable). */
  readonly kind: 'unreachable' | 'reset' | 'http';
  readonly status: number | undefined;
  /** The server's own error code, when it sent one (`model_not_found`, `context_length_exceeded`, …). */
  readonly code: string | undefined;
  readonly backend: string;
  readonly baseUrl: string;

  constructor(options: {
    kind: 'unreachable' | 'reset' | 'http';
    message: string;
    backend: string;
    baseUrl: string;
    status?: number | undefined;
    code?: string | undefined;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'OpenAIServerError';
    this.kind = options.kind;
    this.status = options.status;
    this.code = options.code;
    this.backend = options.backend;
    this.baseUrl = options.baseUrl;
  }
}

/**
 * Error bodies differ between servers: OpenAI and LM Studio `{"error": {"message", "code"}}`,
 * llama.cpp `{"error": {"code": 400, "message"}}`, vLLM `{"object": "error", "message", "code": 400}`,
 * FastAPI-style `{"detail": "…"}`. Read loosely: the error schema must be the loosest in the system.
 */
export function parseOpenAIErrorBody(text: string, fallback: string): { message: string; code: string | undefined } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const error = body.error;
    const source = (error && typeof error === 'object' ? error : body) as Record<string, unknown>;
    const message = typeof error === 'string' ? error : firstString(source.message, source.detail, body.detail, body.message);
    const code = typeof source.code === 'string' ? source.code : typeof source.type === 'string' ? source.type : undefined;
    if (message) return { message, code };
  } catch {
    // not JSON: the raw text, trimmed, is the best we have
  }
  return { message: text.trim().slice(0, 500) || fallback, code: undefined };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}
