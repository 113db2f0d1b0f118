import type { ContextPack } from '../context/context-engine.js';

/**
 * The seam between the proxy and the Obsidian session log. `recordTurn` is called after a response has
 * been streamed to the client and must return at once: writing happens in the background.
 */
export interface TurnRecord {
  /** Our response id (`resp_…`); unique per request. */
  requestId: string;
  /** Codex's turn id when it sends one; requests of one turn share a note. */
  turnId?: string | undefined;
  threadId?: string | undefined;
  endpoint: 'responses' | 'chat.completions' | 'completions';
  startedAt: Date;
  durationMs: number;
  model: string;
  backend: string;
  /** The latest real user message of the turn. */
  question: string;
  context?: ContextPack | undefined;
  /** Text the model answered in this request. */
  answer: string;
  reasoning?: string | undefined;
  toolCalls: Array<{ name: string; input: string }>;
  usage?: { inputTokens: number; outputTokens: number } | undefined;
  status: 'completed' | 'incomplete' | 'failed';
  error?: string | undefined;
}

export interface SessionRecorder {
  recordTurn(record: TurnRecord): void;
  /** Resolves when every note recorded so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
