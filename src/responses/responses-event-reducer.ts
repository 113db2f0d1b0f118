import type { OllamaChatChunk } from '../backends/ollama/ollama-api-types.js';
import { convertResponsesUsage } from './convert-responses-usage.js';
import { closeOpenItem, emitTextDelta, emitThinkingDelta } from './emit-text-item-events.js';
import { emitToolCallEvents } from './emit-tool-call-events.js';
import { mapResponsesEnding } from './map-responses-ending.js';
import type { ResponseObject, ResponsesEvent } from '../wire/responses-types.js';
import type { ResponsesStreamState } from './responses-stream-state.js';

export {
  createResponsesStreamState,
  type ResponsesStreamOptions,
  type ResponsesStreamState,
  type ResponsesStreamSummary,
} from './responses-stream-state.js';

/** How the upstream stream ended. */
export type ResponsesStreamEnd =
  | {
      kind: 'done';
      doneReason?: string | undefined;
      promptEvalCount?: number | undefined;
      evalCount?: number | undefined;
    }
  /** `code` defaults to `server_error`, which Codex retries. */
  | { kind: 'error'; message: string; code?: string | undefined }
  | { kind: 'upstream-closed' };

const UPSTREAM_CLOSED_MESSAGE = 'Ollama: the model server closed the stream before the answer was finished';

/** `response.created` + `response.in_progress`, sent before the model has produced anything. */
export function startResponsesStream(state: ResponsesStreamState): ResponsesEvent[] {
  const response = state.inProgressResponse;
  return [
    { type: 'response.created', sequence_number: state.sequenceNumber++, response },
    { type: 'response.in_progress', sequence_number: state.sequenceNumber++, response },
  ];
}

/** A real event, because Codex's idle timer is not reset by SSE comments. */
export function heartbeatResponsesEvent(state: ResponsesStreamState): ResponsesEvent {
  return { type: 'response.in_progress', sequence_number: state.sequenceNumber++, response: state.inProgressResponse };
}

/**
 * One Ollama chunk → the Responses events it causes, in wire order. Mutates `state`; after the
 * terminal event it returns nothing. The chunk is unvalidated JSON, so every field is read loosely.
 */
export function responsesEventReducer(state: ResponsesStreamState, chunk: OllamaChatChunk): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  if (state.finalResponse) return events;
  if (chunk.error !== undefined && chunk.error !== null) {
    finishInto(state, chunkErrorEnd(chunk), events);
    return events;
  }
  const message = chunk.message;
  if (message) {
    if (typeof message.thinking === 'string' && message.thinking !== '') {
      emitThinkingDelta(state, message.thinking, events);
    }
    if (typeof message.content === 'string' && message.content !== '') emitTextDelta(state, message.content, events);
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        closeOpenItem(state, events);
        emitToolCallEvents(state, call, events);
      }
    }
  }
  if (chunk.done === true) {
    const end: ResponsesStreamEnd = {
      kind: 'done',
      doneReason: chunk.done_reason,
      promptEvalCount: chunk.prompt_eval_count,
      evalCount: chunk.eval_count,
    };
    finishInto(state, end, events);
  }
  return events;
}

/** Closes what may be closed and returns the single terminal event (nothing if already finished). */
export function finishResponsesStream(state: ResponsesStreamState, end: ResponsesStreamEnd): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  finishInto(state, end, events);
  return events;
}

function finishInto(state: ResponsesStreamState, end: ResponsesStreamEnd, events: ResponsesEvent[]): void {
  if (state.finalResponse) return;
  const { responseId: id, createdAt: created_at, model } = state.options;
  let response: ResponseObject;
  if (end.kind === 'done') {
    closeOpenItem(state, events);
    const usage = convertResponsesUsage({
      promptEvalCount: end.promptEvalCount,
      evalCount: end.evalCount,
      promptTokensEstimate: state.options.promptTokensEstimate,
    });
    const ending = mapResponsesEnding(end.doneReason);
    response = { id, object: 'response', created_at, status: ending.status, model, output: state.output, usage };
    if (ending.status === 'incomplete') response.incomplete_details = ending.incompleteDetails;
  } else {
    // Codex retries a failed response and keeps every item that got output_item.done. A half-streamed
    // item is abandoned on purpose: closing it would replay a truncated answer beside the retried one.
    state.openItem = undefined;
    state.pendingWhitespace = '';
    const error =
      end.kind === 'error'
        ? { code: end.code ?? 'server_error', message: end.message }
        : { code: 'server_error', message: UPSTREAM_CLOSED_MESSAGE };
    response = { id, object: 'response', created_at, status: 'failed', model, output: state.output, error };
  }
  state.finalResponse = response;
  events.push({ type: `response.${response.status}`, sequence_number: state.sequenceNumber++, response });
}

/**
 * Ollama's `{"error": "…"}` line, or one codex-ctx wrote itself with an `error_code` when the upstream
 * call failed before streaming (its message is already worded for the user).
 */
function chunkErrorEnd(chunk: OllamaChatChunk): ResponsesStreamEnd {
  const text = describeError(chunk.error);
  if (typeof chunk.error_code === 'string' && chunk.error_code !== '') {
    return { kind: 'error', code: chunk.error_code, message: text };
  }
  return { kind: 'error', message: `Ollama: ${text}` };
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}
