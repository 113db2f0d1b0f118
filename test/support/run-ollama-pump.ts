import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { silentLogger } from '../../src/log/logger.js';
import { streamOllamaIntoDriver } from '../../src/backends/ollama/stream-ollama-into-driver.js';
import { createResponsesStreamDriver } from '../../src/responses/responses-stream-driver.js';
import type { ResponsesStreamOptions } from '../../src/responses/responses-stream-state.js';
import { createSseResponseSink } from '../../src/proxy/sse-response-sink.js';

/**
 * The production path for one streamed Responses answer, minus the sockets: Ollama's NDJSON bytes (one
 * `data` event per array entry, so split points are exact) → streamOllamaIntoDriver → the driver →
 * the SSE sink and socket writer. Returns the bytes the client would have read.
 */
export async function runOllamaPump(networkChunks: Uint8Array[], options: ResponsesStreamOptions): Promise<string> {
  const upstream = Object.assign(Readable.from(networkChunks.map((chunk) => Buffer.from(chunk)), { objectMode: false }), {
    statusCode: 200,
  }) as unknown as IncomingMessage;
  const res = createRecordingResponse();
  const driver = createResponsesStreamDriver(options, createSseResponseSink(res));
  await streamOllamaIntoDriver({
    upstream: Promise.resolve(upstream),
    baseUrl: 'http://127.0.0.1:1',
    model: options.model,
    signal: new AbortController().signal,
    driver,
    logger: silentLogger,
  });
  await res.ended;
  return res.body();
}

/** Just enough of a ServerResponse for the SSE socket writer: records what was written. */
function createRecordingResponse(): ServerResponse & { ended: Promise<void>; body(): string } {
  const parts: string[] = [];
  let finish: () => void = () => {};
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const res = {
    destroyed: false,
    writableEnded: false,
    headersSent: false,
    socket: null,
    ended,
    body: () => parts.join(''),
    writeHead() {
      res.headersSent = true;
      return res;
    },
    write(chunk: string | Uint8Array) {
      parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    end(chunk?: string) {
      if (chunk) parts.push(chunk);
      res.writableEnded = true;
      finish();
      return res;
    },
  };
  return res as unknown as ServerResponse & { ended: Promise<void>; body(): string };
}
