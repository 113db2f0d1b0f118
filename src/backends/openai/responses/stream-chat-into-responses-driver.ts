import type { Logger } from '../../../log/logger.js';
import type { ResponsesStreamDriver } from '../../../responses/responses-stream-driver.js';
import { backendTimeoutOf, backendTimeoutStreamEnd } from '../../backend-deadline.js';
import { mapOpenAIServerError } from '../map-openai-server-error.js';
import { openOpenAIRequest, readErrorResponse, type OpenAIServer } from '../open-openai-request.js';
import { createSseDataParser } from '../parse-sse-data.js';
import { convertChatChunksToStreamParts } from './convert-chat-chunks-to-stream-parts.js';

/**
 * Pumps a streamed chat completion into a Responses driver that is already answering Codex. As for
 * Ollama: once `response.created` is out, a failure before the chat stream began becomes a terminal
 * event whose code says whether Codex should retry, and a stream cut short becomes `response.failed`.
 */
export async function streamChatIntoResponsesDriver(options: {
  server: OpenAIServer;
  payload: string;
  model: string;
  signal: AbortSignal;
  driver: ResponsesStreamDriver;
  logger: Logger;
}): Promise<void> {
  const { driver, signal, server } = options;
  const failBeforeStream = (error: unknown) => {
    if (signal.aborted) return driver.cancel();
    const proxyError = mapOpenAIServerError(error, options.model);
    options.logger.warn('upstream failed before streaming', { backend: server.name, status: proxyError.status, message: proxyError.message });
    if (proxyError.code === 'backend_timeout') driver.finish(backendTimeoutStreamEnd(proxyError));
    else driver.fail(proxyError);
  };

  let response;
  try {
    response = await openOpenAIRequest(server, {
      method: 'POST',
      path: '/chat/completions',
      payload: options.payload,
      signal,
      accept: 'text/event-stream',
    });
  } catch (error) {
    return failBeforeStream(error);
  }
  if ((response.statusCode ?? 500) >= 400) return failBeforeStream(await readErrorResponse(server, response));

  const adapter = convertChatChunksToStreamParts(driver.push, { serverName: server.name });
  const parser = createSseDataParser((data) => {
    if (data === '[DONE]') return adapter.end();
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      // Counted and skipped by the driver, like a bad NDJSON line from Ollama.
      return driver.skipMalformed();
    }
    adapter.push(chunk);
  });
  const closedEarly = () => {
    const timeout = backendTimeoutOf(response);
    driver.finish(
      timeout
        ? backendTimeoutStreamEnd(timeout)
        : { type: 'error', code: 'server_error', message: `The server "${server.name}" closed the stream before the answer was finished.` },
    );
  };

  let completed = false;
  response.on('data', (bytes: Buffer) => parser.push(bytes));
  response.on('error', () => {}); // reported through 'close'
  await new Promise<void>((resolve) => {
    response.once('end', () => {
      completed = true;
      parser.end();
      if (!adapter.isEnded()) {
        if (adapter.isFinished()) adapter.end();
        else closedEarly();
      }
      resolve();
    });
    response.once('close', () => {
      if (!completed) {
        if (signal.aborted) driver.cancel();
        else closedEarly();
      }
      resolve();
    });
  });
}
