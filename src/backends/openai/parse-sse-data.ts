import { createParser } from 'eventsource-parser';
import { StringDecoder } from 'node:string_decoder';

export interface SseDataParser {
  push(bytes: Uint8Array): void;
  /** Delivers an event the stream ended in without its blank line. */
  end(): void;
}

/**
 * Bytes → the `data` of each server-sent event, by callback (no stream machinery on the hot path).
 * The SSE rules (multi-line data, comments, `\r\n`) are eventsource-parser's; we add one streaming
 * decoder per stream, so a character split across network chunks is decoded whole, and deliver a
 * last event that lacks its blank line (some servers end the body right after `data: [DONE]`).
 */
export function createSseDataParser(onData: (data: string) => void): SseDataParser {
  const decoder = new StringDecoder('utf8');
  const parser = createParser({ onEvent: (event) => onData(event.data) });
  return {
    push(bytes) {
      parser.feed(decoder.write(bytes as Buffer));
    },
    end() {
      // Two newlines end any half-written line and then the event itself.
      parser.feed(`${decoder.end()}\n\n`);
    },
  };
}
