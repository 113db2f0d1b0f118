
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
  context?: RecordedContext | undefined;
  /** Text the model answered in this request. */
  answer: string;
  reasoning?: string | undefined;
  toolCalls: Array<{ name: string; input: string }>;
  /**
   * Which of those calls the model wrote as text and the proxy rescued (tool as the model named it, and
   * how it was written, e.g. `bare-json`, `patch-envelope`); never their arguments.
   */
  rescuedCalls?: ReadonlyArray<{ tool: string; shape: string }> | undefined;
  usage?: { inputTokens: number; outputTokens: number } | undefined;
  /** `interrupted`: the client went away before the answer ended; `answer` is what it had received. */
  status: 'completed' | 'incomplete' | 'failed' | 'interrupted';
  error?: string | undefined;
}

/**
 * The retrieved context as a note shows it. Declared here rather than imported so notes depend only on
 * wire, tokens and log; the context engine's ContextPack has this shape.
 */
export interface RecordedContext {
  query: string;
  items: RecordedContextItem[];
  tokens: { used: number; budget: number };
  /** The exact text injected; equal blocks are shown once per turn. */
  block: string;
}

export interface RecordedContextItem {
  /** Repo-relative, forward slashes. */
  path: string;
  startLine: number;
  endLine: number;
  /** Where the hit came from: bridge:semantic, bridge:grep, bridge:symbols, index, grep or embed. */
  source: string;
  score: number;
  tokens: number;
  text: string;
}

export interface SessionRecorder {
  recordTurn(record: TurnRecord): void;
  /** Resolves when every note recorded so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
