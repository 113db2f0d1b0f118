/**
 * What a backend hands the Responses stream: one neutral part per thing the model did, whatever the
 * model server's own chunk shape. Each backend maps ITS chunks to these parts (Ollama NDJSON, chat SSE),
 * and the reducer turns parts into Responses events. Because only parts cross this line, a text-level
 * filter (for example one that rescues tool calls a model wrote as text) can sit between a backend and
 * the emitter without knowing either side.
 */
export type ResponsesStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** A whole call, never a fragment; `arguments` is a JSON object or JSON text, as the server sent it. */
  | { type: 'tool-call'; id?: string | undefined; name: string; arguments: unknown }
  /** The model finished; `reason` is the server's word for why (`length` means the answer was cut). */
  | { type: 'finish'; reason?: string | undefined; usage: StreamUsage }
  /** A failure the server reported or we detected; `code` defaults to `server_error`, which Codex retries. */
  | { type: 'error'; message: string; code?: string | undefined };

/** Token counts as the server reported them (unvalidated, may be missing). */
export interface StreamUsage {
  /** Prompt tokens the server evaluated (Ollama leaves out a prefix reused from its cache). */
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}

export type ResponsesStreamFinishPart = Extract<ResponsesStreamPart, { type: 'finish' }>;
export type ResponsesStreamErrorPart = Extract<ResponsesStreamPart, { type: 'error' }>;
