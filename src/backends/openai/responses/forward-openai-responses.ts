import type { ResponsesCallOptions } from '../../backend.js';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import type { ResponseObject, ResponsesEvent } from '../../../wire/responses-types.js';
import { backendTimeoutOf, backendTimeoutStreamEnd } from '../../backend-deadline.js';
import { mapOpenAIServerError } from '../map-openai-server-error.js';
import { openOpenAIRequest, readErrorResponse, type OpenAIServer } from '../open-openai-request.js';
import { createSseDataParser } from '../parse-sse-data.js';

const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * `responses: true`: the server has its own /v1/responses (vLLM, recent LM Studio), so the request goes
 * as Codex wrote it (plus our context) and its events come back unchanged. Always streamed upstream;
 * the route folds the events for `stream: false`. A stream that ends without a terminal event gets a
 * `response.failed`, which Codex retries, instead of a silent hang.
 */
export async function forwardOpenAIResponses(
  server: OpenAIServer,
  request: ResponsesRequest,
  call: ResponsesCallOptions,
  details: { contextDropped: boolean },
): Promise<void> {
  const { sink, signal } = call;
  let response;
  try {
    response = await openOpenAIRequest(server, {
      method: 'POST',
      path: '/responses',
      payload: JSON.stringify({ ...request, stream: true }),
      signal,
      accept: 'text/event-stream',
    });
  } catch (error) {
    throw mapOpenAIServerError(error, request.model);
  }
  if ((response.statusCode ?? 500) >= 400) throw mapOpenAIServerError(await readErrorResponse(server, response), request.model);

  let finished = false;
  let lastSequence = -1;
  let lastResponse: Partial<ResponseObject> | undefined;
  const finish = (final: ResponseObject) => {
    finished = true;
    sink.end();
    try {
      call.onFinish?.(final, details);
    } catch {
      // Note-taking must never break the answer Codex is reading.
    }
  };
  const parser = createSseDataParser((data) => {
    if (finished || data === '[DONE]') return;
    let event: UpstreamEvent;
    try {
      event = JSON.parse(data) as UpstreamEvent;
    } catch {
      return;
    }
    if (typeof event?.type !== 'string') return;
    if (typeof event.sequence_number === 'number') lastSequence = event.sequence_number;
    if (event.response && typeof event.response === 'object') lastResponse = event.response as Partial<ResponseObject>;
    // Relayed as the server wrote it: a Responses server speaks the wire we speak.
    sink.write(event as unknown as ResponsesEvent);
    if (TERMINAL_EVENTS.has(event.type)) finish(event.response as ResponseObject);
  });
  const failUnfinished = () => {
    if (finished || signal.aborted) return;
    const timeout = backendTimeoutOf(response);
    const error = timeout
      ? backendTimeoutStreamEnd(timeout)
      : { code: 'server_error', message: `The server "${server.name}" closed the stream before the response was finished.` };
    const failed: ResponseObject = {
      id: lastResponse?.id ?? call.responseId,
      object: 'response',
      created_at: lastResponse?.created_at ?? 0,
      status: 'failed',
      model: request.model,
      output: [],
      error: { code: error.code, message: error.message },
    };
    sink.write({ type: 'response.failed', sequence_number: lastSequence + 1, response: failed });
    finish(failed);
  };
  response.on('data', (bytes: Buffer) => parser.push(bytes));
  response.on('error', () => {}); // reported through 'close'
  response.once('end', () => {
    parser.end();
    failUnfinished();
  });
  response.once('close', failUnfinished);
}

/** An event from an OpenAI-compatible Responses server: unvalidated JSON, read loosely. */
interface UpstreamEvent {
  type: string;
  sequence_number?: unknown;
  response?: unknown;
}
