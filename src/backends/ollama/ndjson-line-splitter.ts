import { StringDecoder } from 'node:string_decoder';
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

export interface NdjsonLineSplitter {
  push(bytes: Uint8Array): void;
  /** Parses a last line that had no trailing newline. */
  end(): void;
}

/**
 * Bytes → one parse result per non-empty line, by callback (no stream machinery on the hot path). One
 * streaming decoder per stream, so a multi-byte character split across network chunks is decoded whole.
 */
export function createNdjsonLineSplitter(onLine: (result: OllamaChunkParseResult) => void): NdjsonLineSplitter {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    push(bytes) {
      const text = pending + decoder.write(bytes as Buffer);
      let lineStart = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        parseLine(text.slice(lineStart, newline), onLine);
        lineStart = newline + 1;
        newline = text.indexOf('\n', lineStart);
      }
      pending = lineStart === 0 ? text : text.slice(lineStart);
    },
    end() {
      parseLine(pending + decoder.end(), onLine);
      pending = '';
    },
  };
}

function parseLine(line: string, onLine: (result: OllamaChunkParseResult) => void): void {
  const trimmed = line.trim();
  if (trimmed === '') return;
  let value: OllamaChatChunk;
  try {
    value = JSON.parse(trimmed) as OllamaChatChunk;
  } catch (error) {
    onLine({ success: false, error: error instanceof Error ? error : new Error(String(error)), rawValue: line });
    return;
  }
  onLine({ success: true, value });
}
