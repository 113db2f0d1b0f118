import { convertResponsesUsage } from './convert-responses-usage.js';
import { closeOpenItem, emitTextDelta, emitThinkingDelta } from './emit-text-item-events.js';
import { emitToolCallEvents } from './emit-tool-call-events.js';
import { mapResponsesEnding } from './map-responses-ending.js';
import { snapshotInProgressResponse } from './snapshot-in-progress-response.js';
import type { ResponseObject, ResponsesEvent } from '../wire/responses-types.js';
import type { ResponsesStreamState } from './responses-stream-state.js';
import type { ResponsesStreamErrorPart, ResponsesStreamFinishPart, ResponsesStreamPart } from './responses-stream-part.js';

export {
  createResponsesStreamState,
  type ResponsesStreamOptions,
  type ResponsesStreamState,
  type ResponsesStreamSummary,
} from './responses-stream-state.js';

/** How the upstream stream ended: the model finished, or something failed. */
export type ResponsesStreamEnd = ResponsesStreamFinishPart | ResponsesStreamErrorPart;

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
  return { type: 'response.in_progress', sequence_number: state.sequenceNumber++, response: snapshotInProgressResponse(state) };
}

/**
 * One neutral part → the Responses events it causes, in wire order. Mutates `state`; after the
 * terminal event it returns nothing.
 */
export function responsesEventReducer(state: ResponsesStreamState, part: ResponsesStreamPart): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  if (state.finalResponse) return events;
  switch (part.type) {
    case 'reasoning-delta':
      if (part.text !== '') emitThinkingDelta(state, part.text, events);
      break;
    case 'text-delta':
      if (part.text !== '') emitTextDelta(state, part.text, events);
      break;
    case 'tool-call':
      closeOpenItem(state, events);
      emitToolCallEvents(state, part, events);
      break;
    case 'finish':
    case 'error':
      finishInto(state, part, events);
      break;
    default: {
      const unexpected: never = part;
      throw new Error(`unknown stream part ${JSON.stringify(unexpected)}`);
    }
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
  if (end.type === 'finish') {
    closeOpenItem(state, events);
    const usage = convertResponsesUsage({ ...end.usage, promptTokensEstimate: state.options.promptTokensEstimate });
    const ending = mapResponsesEnding(end.reason);
    response = { id, object: 'response', created_at, status: ending.status, model, output: state.output, usage };
    if (ending.status === 'incomplete') response.incomplete_details = ending.incompleteDetails;
  } else {
    // Codex retries a failed response and keeps every item that got output_item.done. A half-streamed
    // item is abandoned on purpose: closing it would replay a truncated answer beside the retried one.
    state.openItem = undefined;
    state.pendingWhitespace = '';
    const error = { code: end.code ?? 'server_error', message: end.message };
    response = { id, object: 'response', created_at, status: 'failed', model, output: state.output, error };
  }
  state.finalResponse = response;
  events.push({ type: `response.${response.status}`, sequence_number: state.sequenceNumber++, response });
}
