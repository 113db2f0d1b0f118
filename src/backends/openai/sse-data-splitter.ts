import { StringDecoder } from 'node:string_decoder';

export interface SseDataSplitter {
  push(bytes: Uint8Array): void;
  /** Delivers an event the stream ended in without its blank line. */
  end(): void;
}

/**
 * Bytes → the `data` of each server-sent event, by callback (no stream machinery on the hot path).
 * Multi-line data is joined with `\n` as the SSE spec says; `event:`, `id:` and comment lines are not
 * needed (OpenAI's payloads carry their own `type`) and are skipped. One streaming decoder per stream,
 * so a character split across network chunks is decoded whole.
 */
export function createSseDataSplitter(onData: (data: string) => void): SseDataSplitter {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let data: string | undefined;
  const dispatch = () => {
    if (data !== undefined) onData(data);
    data = undefined;
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (!text.startsWith('data:')) return;
    const value = text.charCodeAt(5) === 32 ? text.slice(6) : text.slice(5);
    data = data === undefined ? value : `${data}\n${value}`;
  };
  return {
    push(bytes) {
      const text = pending + decoder.write(bytes as Buffer);
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        line(text.charCodeAt(newline - 1) === 13 && newline > start ? text.slice(start, newline - 1) : text.slice(start, newline));
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      pending = start === 0 ? text : text.slice(start);
    },
    end() {
      const rest = pending + decoder.end();
      pending = '';
      if (rest !== '') line(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
      dispatch();
    },
  };
}
