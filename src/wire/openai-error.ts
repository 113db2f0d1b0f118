/**
 * The one error that reaches the HTTP edge. It carries OpenAI's error shape so every client
 * (Codex, the openai SDK) shows its message and classifies it by `code`.
 *
 * Codex's retry behaviour depends on status and code (spec §5): 400/404 with a body are shown at once;
 * 404 needs `code: "model_not_found"` or Codex retries; any 5xx is retried up to 30 times over ~25 s, so
 * conditions that will not heal must never be 5xx.
 */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'not_found_error'
  | 'authentication_error'
  | 'server_error'
  | 'service_unavailable';

export interface OpenAIErrorBody {
  error: {
    message: string;
    type: OpenAIErrorType;
    code: string | null;
    param: string | null;
  };
}

export class ProxyError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    message: string;
    type?: OpenAIErrorType;
    code?: string | null;
    param?: string | null;
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'ProxyError';
    this.status = options.status;
    this.type = options.type ?? defaultTypeForStatus(options.status);
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param } };
  }

  toResponse(): Response {
    return new Response(JSON.stringify(this.toBody()), {
      status: this.status,
      headers: { 'content-type': 'application/json', ...this.headers },
    });
  }

  static isInstance(value: unknown): value is ProxyError {
    return value instanceof ProxyError;
  }
}

function defaultTypeForStatus(status: number): OpenAIErrorType {
  if (status === 401 || status === 403) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** 400 for a request field that failed validation; `param` names the field (`input[3].content`). */
export function invalidRequest(message: string, param: string | null = null): ProxyError {
  return new ProxyError({ status: 400, message, code: 'invalid_request', param });
}
