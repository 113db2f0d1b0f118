import type { OutputItem, ResponseObject, ResponsesEvent } from '../wire/responses-types.js';
import type { LoweredToolDeclaration, RescuedCallRecord } from './rescue-tool-calls-in-stream-parts.js';
import type { ToolNameMap } from './tool-name-map.js';

export interface ResponsesStreamOptions {
  responseId: string;
  model: string;
  toolNameMap: ToolNameMap;
  /** Unix seconds. */
  createdAt: number;
  /** `'msg'` → `'msg_…'`; also called with `'rs'`, `'fc'`, `'ctc'` and `'call'`. */
  generateId: (prefix: string) => string;
  /** Silence after which a `response.in_progress` heartbeat is sent. Default 1000; 0 disables. */
  heartbeatIntervalMs?: number | undefined;
  /** Our count of the prompt sent; reported when larger than what Ollama says it evaluated. */
  promptTokensEstimate?: number | undefined;
  /** Called once with the final response object (completed, incomplete or failed). */
  onFinish?: ((response: ResponseObject, summary: ResponsesStreamSummary) => void) | undefined;
  /**
   * The tools the model was offered, as the backend declared them: tool calls the model writes as text
   * are rescued into real calls to these (issue 14). Absent or empty: text passes untouched.
   */
  rescueTools?: readonly LoweredToolDeclaration[] | undefined;
  /** `rescueTools`' JSON, when the backend has it: the rescue reuses its tool catalog while it is unchanged. */
  rescueToolsJson?: string | undefined;
}

export interface ResponsesStreamSummary {
  /** Upstream lines or SSE frames that were not JSON objects and were skipped. */
  malformedLineCount: number;
  /** Tool calls the model wrote as text and the stream turned into calls, in order. */
  rescuedCalls: RescuedCallRecord[];
}

/** The item receiving deltas. Tool calls arrive whole, so only text and reasoning are ever open. */
export interface OpenItem {
  kind: 'message' | 'reasoning';
  id: string;
  outputIndex: number;
  text: string;
}

export interface ResponsesStreamState {
  readonly options: ResponsesStreamOptions;
  /** The next event's `sequence_number`. */
  sequenceNumber: number;
  nextOutputIndex: number;
  openItem: OpenItem | undefined;
  /** Whitespace received before a message's first visible character. */
  pendingWhitespace: string;
  /** Finished items in output order; the terminal response's `output` (built once, never copied). */
  readonly output: OutputItem[];
  /** Set together with the terminal event; nothing follows it. */
  finalResponse: ResponseObject | undefined;
  malformedLineCount: number;
  /** Shared by created, in_progress and heartbeats; never mutated. */
  readonly inProgressResponse: ResponseObject;
}

export function createResponsesStreamState(options: ResponsesStreamOptions): ResponsesStreamState {
  return {
    options,
    sequenceNumber: 0,
    nextOutputIndex: 0,
    openItem: undefined,
    pendingWhitespace: '',
    output: [],
    finalResponse: undefined,
    malformedLineCount: 0,
    inProgressResponse: {
      id: options.responseId,
      object: 'response',
      created_at: options.createdAt,
      status: 'in_progress',
      model: options.model,
      output: [],
    },
  };
}

/** Codex records, runs and replays an item only from its `output_item.done`; every finished item gets one. */
export function emitOutputItemDone(
  state: ResponsesStreamState,
  outputIndex: number,
  item: OutputItem,
  events: ResponsesEvent[],
): void {
  state.output.push(item);
  const sequence_number = state.sequenceNumber++;
  events.push({ type: 'response.output_item.done', sequence_number, output_index: outputIndex, item });
}
