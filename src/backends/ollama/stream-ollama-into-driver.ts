import type { Logger } from '../../log/logger.js';
import { mapOllamaError } from './map-ollama-error.js';
import { createNdjsonLineSplitter } from './ndjson-line-splitter.js';
import { OllamaError, parseOllamaErrorText } from './ollama-client.js';
import type { IncomingMessage } from 'node:http';
import { readIncomingText } from './open-ollama-stream.js';
import type { ResponsesStreamDriver } from '../../responses/responses-stream-driver.js';
import { convertOllamaChunkToStreamParts, OLLAMA_STREAM_CLOSED } from './responses/convert-ollama-chunk-to-stream-parts.js';

/**
 * Pumps Ollama's NDJSON answer into a driver that is already answering the client. Once our SSE
 * headers are out an HTTP error status is no longer possible, so a failure before Ollama's stream
 * began becomes a terminal error event whose code tells Codex whether retrying can help, and a stream
 * cut short becomes `response.failed` (Codex retries it) rather than a torn connection.
 */
export async function streamOllamaIntoDriver(options: {
  /** The request, already dispatched (see createResponse for why it leaves before our first event). */
  upstream: Promise<IncomingMessage>;
  baseUrl: string;
  model: string;
  signal: AbortSignal;
  driver: ResponsesStreamDriver;
  logger: Logger;
}): Promise<void> {
  const { driver, signal, logger } = options;
  const failBeforeStream = (error: unknown) => {
    if (signal.aborted) return driver.cancel();
    const proxyError = mapOllamaError(error, options.model);
    logger.warn('upstream failed before streaming', { status: proxyError.status, message: proxyError.message });
    driver.fail(proxyError);
  };

  let response;
  try {
    response = await options.upstream;
  } catch (error) {
    return failBeforeStream(error);
  }
  const status = response.statusCode ?? 500;
  if (status >= 400) {
    const text = await readIncomingText(response).catch(() => '');
    return failBeforeStream(
      new OllamaError({ kind: 'http', status, baseUrl: options.baseUrl, message: parseOllamaErrorText(text, `HTTP ${status}`) }),
    );
  }

  const emit = driver.push;
  const splitter = createNdjsonLineSplitter((result) => {
    const chunk = result.success ? result.value : undefined;
    if (typeof chunk === 'object' && chunk !== null) convertOllamaChunkToStreamParts(chunk, emit);
    else driver.skipMalformed();
  });
  let ended = false;
  response.on('data', (bytes: Buffer) => splitter.push(bytes));
  response.on('error', () => {}); // reported through 'close' below
  await new Promise<void>((resolve) => {
    response.once('end', () => {
      ended = true;
      splitter.end();
      // No `done` line: Ollama died mid-answer. Codex retries a failed response.
      driver.finish(OLLAMA_STREAM_CLOSED);
      resolve();
    });
    response.once('close', () => {
      if (!ended) {
        if (signal.aborted) driver.cancel();
        else driver.finish(OLLAMA_STREAM_CLOSED);
      }
      resolve();
    });
  });
}
