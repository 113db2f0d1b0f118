import type { ResponsesStreamPart } from '../../../responses/responses-stream-part.js';
import type { OllamaChatChunk } from '../ollama-api-types.js';

/** The end when Ollama's stream stopped without a `done` line (it died, or the connection dropped). */
export const OLLAMA_STREAM_CLOSED = {
  type: 'error',
  message: 'Ollama: the model server closed the stream before the answer was finished',
} as const satisfies ResponsesStreamPart;

/**
 * One `/api/chat` NDJSON line → neutral stream parts, in the order the Responses items must appear:
 * thinking, then text, then each tool call (Ollama sends calls whole), then the finish. The chunk is
 * unvalidated JSON, so every field is read loosely. Parts go to `emit` (no array per chunk).
 */
export function convertOllamaChunkToStreamParts(chunk: OllamaChatChunk, emit: (part: ResponsesStreamPart) => void): void {
  if (chunk.error !== undefined && chunk.error !== null) {
    emit({ type: 'error', message: `Ollama: ${describeError(chunk.error)}` });
    return;
  }
  const message = chunk.message;
  if (message) {
    if (typeof message.thinking === 'string' && message.thinking !== '') emit({ type: 'reasoning-delta', text: message.thinking });
    if (typeof message.content === 'string' && message.content !== '') emit({ type: 'text-delta', text: message.content });
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        const name = call?.function?.name;
        if (typeof name !== 'string' || name === '') continue;
        emit({ type: 'tool-call', id: call.id, name, arguments: call.function.arguments });
      }
    }
  }
  if (chunk.done === true) {
    emit({ type: 'finish', reason: chunk.done_reason, usage: { inputTokens: chunk.prompt_eval_count, outputTokens: chunk.eval_count } });
  }
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}
