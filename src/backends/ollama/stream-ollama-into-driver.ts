import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../log/logger.js';
import type { ResponsesStreamDriver } from '../../responses/responses-stream-driver.js';
import type { ProxyError } from '../../wire/openai-error.js';
import { convertOllamaChunkToStreamParts, OLLAMA_STREAM_CLOSED } from './responses/convert-ollama-chunk-to-stream-parts.js';
import { startOllamaNdjsonStream } from './start-ollama-ndjson-stream.js';
import { backendTimeoutStreamEnd } from '../backend-deadline.js';

/**
 * Pumps Ollama's NDJSON answer into a driver that is already answering the client. Once our SSE
 * headers are out an HTTP error status is no longer possible, so a failure before Ollama's stream
 * began becomes a terminal error event whose code tells Codex whether retrying can help, and a stream
 * cut short becomes `response.failed` (Codex retries it) rather than a torn connection. Resolves when
 * the answer has ended.
 */
export function streamOllamaIntoDriver(options: {
  /** The request, already dispatched (see createResponse for why it leaves before our first event). */
  upstream: Promise<IncomingMessage>;
  baseUrl: string;
  model: string;
  signal: AbortSignal;
  driver: ResponsesStreamDriver;
  logger: Logger;
}): Promise<void> {
  const { driver, signal } = options;
  const emit = driver.push;
  return new Promise<void>((resolve) => {
    startOllamaNdjsonStream({
      upstream: options.upstream,
      baseUrl: options.baseUrl,
      model: options.model,
      signal,
      onLine(result) {
        const chunk = result.success ? result.value : undefined;
        if (typeof chunk === 'object' && chunk !== null) convertOllamaChunkToStreamParts(chunk, emit);
        else driver.skipMalformed();
      },
      onClose(completed, timeout) {
        // Without a `done` line Ollama died mid-answer (or the client left, and nobody is reading).
        if (!completed && signal.aborted) driver.cancel();
        else driver.finish(timeout ? backendTimeoutStreamEnd(timeout) : OLLAMA_STREAM_CLOSED);
        resolve();
      },
    }).catch((error: ProxyError) => {
      if (signal.aborted) driver.cancel();
      else {
        options.logger.warn('upstream failed before streaming', { status: error.status, message: error.message });
        if (error.code === 'backend_timeout') driver.finish(backendTimeoutStreamEnd(error));
        else driver.fail(error);
      }
      resolve();
    });
  });
}
