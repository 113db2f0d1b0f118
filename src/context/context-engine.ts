import type { ResponsesRequest } from '../wire/responses-request-schema.js';

/**
 * The seam between the proxy and retrieval. The proxy calls `augmentResponsesRequest` on every
 * `/v1/responses` request and never waits longer than the engine's deadline; the engine never throws
 * (retrieval failures degrade to "no context").
 */
/**
 * Where a snippet came from, shown in the block, the dry-run table, `--json` and the notes: the bridge's
 * three routes, the embedded index (BM25 and symbols), the local grep (ripgrep or the JS scan), or the
 * opt-in embedding source (`embed`: the user's embedding model over the index's chunks).
 */
export type ContextSource = 'bridge:semantic' | 'bridge:grep' | 'bridge:symbols' | 'index' | 'grep' | 'embed';

export interface ContextItem {
  /** Repo-relative, forward slashes. */
  path: string;
  startLine: number;
  endLine: number;
  source: ContextSource;
  /** Fused rank score: higher is better. */
  score: number;
  tokens: number;
  text: string;
}

export interface ContextPack {
  query: string;
  items: ContextItem[];
  tokens: { used: number; budget: number };
  /** The exact text injected (byte-identical for every request of one turn). */
  block: string;
}

export interface RequestMeta {
  /** Incoming request headers (Codex's `x-codex-turn-metadata` says turn id and request kind). */
  headers: Headers;
  /** The model's window as the backend uses it; the default budget is derived from it. */
  contextWindow?: number | undefined;
}

export interface AugmentResult {
  request: ResponsesRequest;
  /** Present when context was injected. */
  context?: ContextPack;
  /** Why nothing was injected: 'title-request', 'compaction-request', 'no-query', 'no-hits', 'disabled', 'error'. */
  skipped?: string;
}

export interface ContextEngine {
  augmentResponsesRequest(request: ResponsesRequest, meta: RequestMeta): Promise<AugmentResult>;
  /**
   * Retrieval for one question (dry-run, chat completions). With `earlierMessages` (the thread's
   * previous user messages, oldest first) a follow-up is read together with what came before.
   */
  retrieve(
    query: string,
    options?: { contextWindow?: number | undefined; signal?: AbortSignal; earlierMessages?: readonly string[] | undefined },
  ): Promise<ContextPack>;
  close(): Promise<void>;
}
