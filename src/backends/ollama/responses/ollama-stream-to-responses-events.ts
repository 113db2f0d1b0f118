import type { OllamaChunkParseResult } from '../ndjson-line-stream.js';
import {
  finishResponsesStream,
  heartbeatResponsesEvent,
  responsesEventReducer,
  startResponsesStream,
} from './responses-event-reducer.js';
import type { ResponsesEvent } from './responses-types.js';
import { createResponsesStreamState, type ResponsesStreamOptions } from './responses-stream-state.js';

export type { ResponsesStreamOptions, ResponsesStreamSummary } from './responses-stream-state.js';

const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;

type Controller = TransformStreamDefaultController<ResponsesEvent>;

/**
 * Ollama's parsed NDJSON chunks → Responses events. Always ends with exactly one terminal event
 * (completed, incomplete or failed) and never errors the readable side: after SSE headers are out,
 * every failure must be a `response.failed` Codex can read and retry.
 */
export function ollamaStreamToResponsesEvents(
  options: ResponsesStreamOptions,
): TransformStream<OllamaChunkParseResult, ResponsesEvent> {
  const state = createResponsesStreamState(options);
  const intervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const stopHeartbeat = (): void => {
    if (heartbeat === undefined) return;
    clearInterval(heartbeat);
    heartbeat = undefined;
  };

  const enqueueAll = (controller: Controller, events: ResponsesEvent[]): void => {
    for (const event of events) controller.enqueue(event);
    if (state.finalResponse) {
      stopHeartbeat();
      reportFinish();
    } else if (events.length > 0) {
      // Restart the silence countdown only when something went out: the refresh is O(1) and allocates nothing.
      heartbeat?.refresh();
    }
  };

  let reported = false;
  const reportFinish = (): void => {
    if (reported || !state.finalResponse) return;
    reported = true;
    try {
      options.onFinish?.(state.finalResponse, { malformedLineCount: state.malformedLineCount });
    } catch {
      // Note-taking must never break the answer Codex is reading.
    }
  };

  // `cancel` (client disconnected, or upstream aborted) runs on Node ≥ 20 but is missing from the DOM
  // and @types/node Transformer types; without it the heartbeat would outlive the stream.
  const transformer: Transformer<OllamaChunkParseResult, ResponsesEvent> & { cancel: (reason: unknown) => void } = {
    start(controller) {
      enqueueAll(controller, startResponsesStream(state));
      if (intervalMs <= 0) return;
      // Model loading and prompt evaluation can take minutes before the first token.
      heartbeat = setInterval(() => {
        if (state.finalResponse) return stopHeartbeat();
        try {
          controller.enqueue(heartbeatResponsesEvent(state));
        } catch {
          stopHeartbeat(); // The readable side is gone.
        }
      }, intervalMs);
      // Never keep the process alive for a stream nobody finishes.
      heartbeat.unref?.();
    },
    transform(result, controller) {
      if (state.finalResponse) return;
      const chunk = result.success ? result.value : undefined;
      if (typeof chunk !== 'object' || chunk === null) {
        // A bad line is counted and skipped; Ollama's next line is independent of it.
        state.malformedLineCount += 1;
        return;
      }
      enqueueAll(controller, responsesEventReducer(state, chunk));
    },
    flush(controller) {
      stopHeartbeat();
      // No `done` line: Ollama died or the connection dropped. Codex retries a failed response.
      if (!state.finalResponse) enqueueAll(controller, finishResponsesStream(state, { kind: 'upstream-closed' }));
    },
    cancel() {
      stopHeartbeat();
    },
  };
  return new TransformStream(transformer);
}
