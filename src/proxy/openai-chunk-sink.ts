import type { ServerResponse } from 'node:http';
import type { ChunkSink } from '../backends/backend.js';
import type { ProxyError } from '../wire/openai-error.js';
import { createSseSocketWriter } from './sse-socket-writer.js';
import { redactProxyError } from './redact-proxy-error.js';

const DONE_FRAME = 'data: [DONE]\n\n';

/**
 * Streams chat or completion chunks as OpenAI frames them: `data: <json>` per chunk, `data: [DONE]`
 * last. Headers go out with the first chunk, so a failure before it is still a real HTTP error the SDK
 * raises as such.
 */
export function createSseChunkSink<Chunk>(res: ServerResponse): ChunkSink<Chunk> {
  const socket = createSseSocketWriter(res);
  let translated = false;
  let passedThrough = false;
  let closed = false;
  return {
    write(chunk) {
      if (closed) return;
      translated = true;
      socket.frame(`data: ${JSON.stringify(chunk)}\n\n`);
    },
    writeWire(bytes) {
      if (closed) return;
      passedThrough = true;
      socket.raw(bytes);
    },
    end() {
      if (closed) return;
      closed = true;
      // An upstream that speaks OpenAI's wire sent its own [DONE]; translated streams need ours.
      socket.end(translated || !passedThrough ? DONE_FRAME : '');
    },
    fail(error) {
      if (closed || !socket.isOpen()) return;
      closed = true;
      error = redactProxyError(error);
      if (!res.headersSent) return writeJsonResponse(res, error.status, JSON.stringify(error.toBody()), error.headers);
      // The SDK raises an APIError for a `data:` frame carrying `error`; [DONE] ends simpler parsers.
      socket.end(`data: ${JSON.stringify(error.toBody())}\n\n${DONE_FRAME}`);
    },
  };
}

/** Folds streamed chunks into the one object a non-streaming client expects. */
export interface ChunkFold<Chunk> {
  add(chunk: Chunk): void;
  /** The finished object as JSON text. */
  toJson(): string;
}

export type CollectedAnswer = { body: string } | { error: ProxyError };

/**
 * For `stream: false`: translated chunks are folded into one object; wire bytes (an OpenAI-compatible
 * server's JSON body) are kept as they are.
 */
export function createCollectingChunkSink<Chunk>(fold: ChunkFold<Chunk>): ChunkSink<Chunk> & { result: Promise<CollectedAnswer> } {
  let settle: (answer: CollectedAnswer) => void = () => {};
  const result = new Promise<CollectedAnswer>((resolve) => (settle = resolve));
  const wire: Uint8Array[] = [];
  let closed = false;
  return {
    result,
    write(chunk) {
      if (!closed) fold.add(chunk);
    },
    writeWire(bytes) {
      if (!closed) wire.push(bytes);
    },
    end() {
      if (closed) return;
      closed = true;
      settle({ body: wire.length > 0 ? Buffer.concat(wire).toString('utf8') : fold.toJson() });
    },
    fail(error) {
      if (closed) return;
      closed = true;
      settle({ error });
    },
  };
}

/** A whole JSON answer written straight to Node's response (the Web Response path costs more). */
export function writeJsonResponse(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
