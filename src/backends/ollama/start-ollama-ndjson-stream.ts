import type { IncomingMessage } from 'node:http';
import { backendTimeoutOf, type BackendTimeoutError } from '../backend-deadline.js';
import { mapOllamaError } from './map-ollama-error.js';
import { createNdjsonLineSplitter, type OllamaChunkParseResult } from './ndjson-line-splitter.js';
import { openOllamaStream, readOllamaHttpError } from './open-ollama-stream.js';

/** What to read: a call to make now, or one already dispatched (see createResponse for why). */
type OllamaCall = { path: string; payload: string; timeoutMs: number | undefined } | { upstream: Promise<IncomingMessage> };

/**
 * Opens a streaming Ollama call (`/api/chat`, `/api/generate`) and resolves once Ollama accepted it,
 * i.e. when the first line is on its way: Ollama sends its headers with the first token, after the
 * model loaded. Anything that fails before then (unreachable, unknown model, bad request) is thrown as
 * the ProxyError clients should see, so chat clients get a real HTTP status rather than an error frame.
 * Lines then reach `onLine` by callback, on node:http (no Web Streams on the hot path).
 */
export async function startOllamaNdjsonStream(
  options: OllamaCall & {
    baseUrl: string;
    model: string;
    signal: AbortSignal;
    onLine: (result: OllamaChunkParseResult) => void;
    /**
     * `completed`: the body ended normally; otherwise the connection closed first (crash, abort, or
     * `timeout`, the backend deadline, when that is what cut it).
     */
    onClose: (completed: boolean, timeout?: BackendTimeoutError) => void;
  },
): Promise<void> {
  let response;
  try {
    response = await ('upstream' in options ? options.upstream : openOllamaStream(options));
  } catch (error) {
    throw mapOllamaError(error, options.model);
  }
  if ((response.statusCode ?? 500) >= 400) throw mapOllamaError(await readOllamaHttpError(response, options.baseUrl), options.model);
  const splitter = createNdjsonLineSplitter(options.onLine);
  let completed = false;
  response.on('data', (bytes: Buffer) => splitter.push(bytes));
  response.on('error', () => {}); // reported through 'close'
  response.once('end', () => {
    completed = true;
    splitter.end();
    options.onClose(true);
  });
  response.once('close', () => {
    if (!completed) options.onClose(false, backendTimeoutOf(response));
  });
}
