import type { Logger } from '../../log/logger.js';
import { mapOllamaError } from './map-ollama-error.js';
import type { OllamaChunkParseResult } from './ndjson-line-stream.js';

/**
 * Feeds the upstream NDJSON stream into an already-answering translator. Once our SSE headers are out
 * an HTTP error status is no longer possible, so failures before Ollama's stream began are written as
 * an error chunk whose code tells Codex whether retrying can help.
 */
export async function pipeUpstreamIntoTranslator(options: {
  start: () => Promise<ReadableStream<OllamaChunkParseResult>>;
  translator: { writable: WritableStream<OllamaChunkParseResult> };
  model: string;
  signal: AbortSignal;
  logger: Logger;
}): Promise<void> {
  const { translator, signal, logger } = options;
  let source: ReadableStream<OllamaChunkParseResult>;
  try {
    source = await options.start();
  } catch (error) {
    if (signal.aborted) {
      await translator.writable.abort(signal.reason).catch(() => {});
      return;
    }
    const proxyError = mapOllamaError(error, options.model);
    logger.warn('upstream failed before streaming', { status: proxyError.status, message: proxyError.message });
    const code = proxyError.status >= 500 ? 'server_error' : proxyError.code === 'context_length_exceeded' ? proxyError.code : 'invalid_prompt';
    const writer = translator.writable.getWriter();
    await writer.write({ success: true, value: { error: proxyError.message, error_code: code } }).catch(() => {});
    await writer.close().catch(() => {});
    return;
  }
  // Client gone (Codex pressed Esc, or retried): the pipe cancels the upstream body, and undici closes
  // the connection, which makes Ollama stop generating.
  await source.pipeTo(translator.writable, { signal }).catch((error: unknown) => {
    if (!signal.aborted) logger.debug('upstream stream ended abnormally', { error: String(error) });
  });
}
