import type { OllamaChatChunk } from './ollama-api-types.js';

/** Parse failures are values, not exceptions: one bad line must not end the stream. */
export type ParseResult<T> =
  | { success: true; value: T }
  | { success: false; error: Error; rawValue: string };

/**
 * One NDJSON line of `/api/chat`. `value` is whatever JSON.parse returned, unvalidated (no zod on the
 * hot path): consumers read it loosely.
 */
export type OllamaChunkParseResult = ParseResult<OllamaChatChunk>;

/**
 * Bytes → one parse result per non-empty line. One streaming decoder per stream, so a multi-byte
 * character split across network chunks is decoded whole; a last line without `\n` is parsed at the end.
 */
export function ndjsonLineStream(): TransformStream<Uint8Array, OllamaChunkParseResult> {
  const decoder = new TextDecoder();
  let pending = '';

  return new TransformStream<Uint8Array, OllamaChunkParseResult>({
    transform(bytes, controller) {
      const text = pending + decoder.decode(bytes, { stream: true });
      let lineStart = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        enqueueLine(text.slice(lineStart, newline), controller);
        lineStart = newline + 1;
        newline = text.indexOf('\n', lineStart);
      }
      pending = lineStart === 0 ? text : text.slice(lineStart);
    },
    flush(controller) {
      enqueueLine(pending + decoder.decode(), controller);
      pending = '';
    },
  });
}

function enqueueLine(line: string, controller: TransformStreamDefaultController<OllamaChunkParseResult>): void {
  const trimmed = line.trim();
  if (trimmed === '') return;
  let value: OllamaChatChunk;
  try {
    value = JSON.parse(trimmed) as OllamaChatChunk;
  } catch (error) {
    controller.enqueue({
      success: false,
      error: error instanceof Error ? error : new Error(String(error)),
      rawValue: line,
    });
    return;
  }
  controller.enqueue({ success: true, value });
}
