import type { ProxyError } from '../wire/openai-error.js';
import {
  finishResponsesStream,
  heartbeatResponsesEvent,
  responsesEventReducer,
  startResponsesStream,
  type ResponsesStreamEnd,
} from './responses-event-reducer.js';
import type { ResponsesEvent } from '../wire/responses-types.js';
import type { ResponsesStreamPart } from './responses-stream-part.js';
import { createResponsesStreamState, type ResponsesStreamOptions } from './responses-stream-state.js';
import {
  createToolCallRescueFilter,
  declaredToolCatalogFor,
  type RescuedCallRecord,
  type StreamPartFilter,
} from './rescue-tool-calls-in-stream-parts.js';

/** Where events go: the SSE socket writer, or a collector for `stream:false`. */
export interface ResponsesEventSink {
  write(event: ResponsesEvent): void;
  /** Called once, right after the terminal event. */
  end(): void;
}

export interface ResponsesStreamDriver {
  /** One neutral part from the backend (see responses-stream-part.ts). */
  push(part: ResponsesStreamPart): void;
  /** A line or frame that was not a JSON object: counted for the session note, then skipped. */
  skipMalformed(): void;
  /** The upstream stream ended (or failed); emits the terminal event if none was sent. */
  finish(end: ResponsesStreamEnd): void;
  /**
   * The upstream call failed before its stream began. Our headers are already out, so the failure
   * becomes the terminal event, with a code that tells Codex whether retrying can help.
   */
  fail(error: ProxyError): void;
  /** The client went away: stop the heartbeat, write nothing more. */
  cancel(): void;
}

const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;

/**
 * Drives the pure reducer by callbacks: `response.created` goes out at once, heartbeats fill silences
 * (model loading, long prompt evaluation), and exactly one terminal event ends the stream. Push-based
 * rather than Web Streams because this runs per chunk on the hot path, where stream plumbing cost
 * ~20 µs a chunk.
 */
export function createResponsesStreamDriver(options: ResponsesStreamOptions, sink: ResponsesEventSink): ResponsesStreamDriver {
  const state = createResponsesStreamState(options);
  const intervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const rescuedCalls: RescuedCallRecord[] = [];
  const rescue = createRescueFilter(options, rescuedCalls);

  const stop = (): void => {
    closed = true;
    if (heartbeat !== undefined) clearInterval(heartbeat);
    heartbeat = undefined;
  };

  const send = (events: ResponsesEvent[]): void => {
    if (closed) return;
    for (const event of events) sink.write(event);
    if (state.finalResponse) {
      stop();
      sink.end();
      try {
        options.onFinish?.(state.finalResponse, { malformedLineCount: state.malformedLineCount, rescuedCalls });
      } catch {
        // Note-taking must never break the answer Codex is reading.
      }
    } else if (events.length > 0) {
      // Restart the silence countdown only when something went out (O(1), allocates nothing).
      heartbeat?.refresh();
    }
  };

  send(startResponsesStream(state));
  if (intervalMs > 0) {
    // Codex's idle timer is reset by real events, not by SSE comments.
    heartbeat = setInterval(() => send([heartbeatResponsesEvent(state)]), intervalMs);
    heartbeat.unref?.();
  }

  const reduce = (part: ResponsesStreamPart): void => {
    if (!closed) send(responsesEventReducer(state, part));
  };

  const driver: ResponsesStreamDriver = {
    push(part) {
      if (closed) return;
      if (rescue) rescue(part, reduce);
      else send(responsesEventReducer(state, part));
    },
    skipMalformed() {
      // The next line is independent of a bad one, so the answer goes on.
      if (!closed) state.malformedLineCount += 1;
    },
    finish(end) {
      if (closed || state.finalResponse) return;
      // Through the rescuer, so text it still holds (or a call) goes out before the end.
      if (rescue) rescue(end, reduce);
      else send(finishResponsesStream(state, end));
    },
    fail(error) {
      const code = error.status >= 500 ? 'server_error' : error.code === 'context_length_exceeded' ? error.code : 'invalid_prompt';
      driver.finish({ type: 'error', message: error.message, code });
    },
    cancel: stop,
  };
  return driver;
}

/** Only when tools are declared: with none, no text can be a call. */
function createRescueFilter(options: ResponsesStreamOptions, rescuedCalls: RescuedCallRecord[]): StreamPartFilter | undefined {
  const tools = options.rescueTools;
  if (!tools || tools.length === 0) return undefined;
  return createToolCallRescueFilter(declaredToolCatalogFor(tools, options.toolNameMap, options.rescueToolsJson), (call) =>
    rescuedCalls.push({ tool: call.name, shape: call.shape }),
  );
}
