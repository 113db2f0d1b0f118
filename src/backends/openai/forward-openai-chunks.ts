import type { ChunkSink } from '../backend.js';
import { ProxyError } from '../../wire/openai-error.js';
import { backendTimeoutError, backendTimeoutOf } from '../backend-deadline.js';
import { mapOpenAIServerError } from './map-openai-server-error.js';
import { openOpenAIRequest, readErrorResponse, type OpenAIServer } from './open-openai-request.js';

/**
 * A chat or legacy completion sent to a server that already speaks OpenAI's wire: the request goes as
 * the client wrote it (plus our context), and the answer's bytes go back untouched, SSE frames and
 * `[DONE]` included, or the whole JSON body for `stream: false`. Resolves once the server accepted the
 * call; an error status before that is thrown, mapped, so the client gets a real HTTP error.
 */
export async function forwardOpenAIChunks(
  server: OpenAIServer,
  options: { path: string; body: unknown; model: string; streaming: boolean; signal: AbortSignal; sink: ChunkSink<unknown> },
): Promise<void> {
  const { sink, signal } = options;
  let response;
  try {
    response = await openOpenAIRequest(server, {
      method: 'POST',
      path: options.path,
      payload: JSON.stringify(options.body),
      signal,
      accept: options.streaming ? 'text/event-stream' : 'application/json',
    });
  } catch (error) {
    throw mapOpenAIServerError(error, options.model);
  }
  if ((response.statusCode ?? 500) >= 400) throw mapOpenAIServerError(await readErrorResponse(server, response), options.model);

  let completed = false;
  response.on('data', (bytes: Buffer) => sink.writeWire(bytes));
  response.on('error', () => {}); // reported through 'close'
  response.once('end', () => {
    completed = true;
    sink.end();
  });
  response.once('close', () => {
    if (completed || signal.aborted) return;
    const timeout = backendTimeoutOf(response);
    if (timeout) return sink.fail(backendTimeoutError(timeout));
    sink.fail(
      new ProxyError({
        status: 502,
        code: 'server_error',
        message: `The server "${server.name}" closed the stream before the answer was finished.`,
      }),
    );
  });
}
