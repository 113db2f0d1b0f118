import { BackendTimeoutError, METADATA_TIMEOUT_MS } from '../backend-deadline.js';
import type { OllamaShowResponse, OllamaTagsResponse } from './ollama-api-types.js';

/**
 * Thin fetch client for Ollama's metadata calls (`/api/show`, `/api/tags`), which run once per model or
 * per listing. The calls on every request (`/api/chat`, `/api/generate`, `/api/embed`) go through
 * open-ollama-stream.ts on node:http instead (see docs/architecture/decisions.md).
 */
export class OllamaError extends Error {
  readonly status: number | undefined;
  /** `reset`: connected, then dropped before the answer's headers (a crash or restart: retryable). */
  readonly kind: 'unreachable' | 'reset' | 'http';
  readonly baseUrl: string;

  constructor(options: { message: string; kind: 'unreachable' | 'reset' | 'http'; status?: number; baseUrl: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'OllamaError';
    this.kind = options.kind;
    this.status = options.status;
    this.baseUrl = options.baseUrl;
  }
}

export interface OllamaClient {
  readonly baseUrl: string;
  show(model: string, signal?: AbortSignal): Promise<OllamaShowResponse>;
  tags(signal?: AbortSignal): Promise<OllamaTagsResponse>;
}

export function createOllamaClient(options: { baseUrl: string; fetch?: typeof fetch; metadataTimeoutMs?: number | undefined }): OllamaClient {
  const metadataTimeoutMs = options.metadataTimeoutMs ?? METADATA_TIMEOUT_MS;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  const send = async (path: string, init: RequestInit): Promise<Response> => {
    // Metadata comes before our response headers: a stuck Ollama must not leave the client without any.
    const deadline = AbortSignal.timeout(metadataTimeoutMs);
    try {
      return await doFetch(`${baseUrl}${path}`, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      if (deadline.aborted) {
        throw new BackendTimeoutError({ backend: `Ollama at ${baseUrl}`, phase: 'first byte', timeoutMs: metadataTimeoutMs, call: path });
      }
      throw new OllamaError({
        kind: 'unreachable',
        baseUrl,
        message: `cannot reach Ollama at ${baseUrl} (${describeNetworkError(error)})`,
        cause: error,
      });
    }
  };

  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: signal ?? null,
    });

  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok) throw await toOllamaHttpError(response, baseUrl);
    return (await response.json()) as T;
  };

  return {
    baseUrl,
    show: async (model, signal) => json<OllamaShowResponse>(await post('/api/show', { model }, signal)),
    tags: async (signal) => json<OllamaTagsResponse>(await send('/api/tags', { method: 'GET', signal: signal ?? null })),
  };
}

/** Ollama answers errors as `{"error": "text"}`; anything else is kept as plain text. */
export async function readOllamaErrorMessage(response: Response): Promise<string> {
  return parseOllamaErrorText(await response.text().catch(() => ''), `${response.status} ${response.statusText}`);
}

export function parseOllamaErrorText(text: string, fallback: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 500) || fallback;
}

export async function toOllamaHttpError(response: Response, baseUrl: string): Promise<OllamaError> {
  return new OllamaError({
    kind: 'http',
    status: response.status,
    baseUrl,
    message: await readOllamaErrorMessage(response),
  });
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
