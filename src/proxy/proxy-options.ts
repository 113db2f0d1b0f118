import type { Backend } from '../backends/backend.js';
import type { ContextEngine } from '../context/context-engine.js';
import type { Logger } from '../log/logger.js';
import type { SessionRecorder } from '../notes/session-recorder.js';

export interface ProxyOptions {
  /** Where requests go. (Model-name routing across several backends plugs in here.) */
  backend: Backend;
  /** When set, every request must carry `Authorization: Bearer <apiKey>` (the per-session key). */
  apiKey?: string | undefined;
  /** Browser origins allowed to call the proxy (user config `allowedOrigins`); none by default. */
  allowedOrigins?: readonly string[] | undefined;
  /** Retrieval; absent means no enrichment. */
  context?: ContextEngine | undefined;
  /** Obsidian session log; absent means none. */
  recorder?: SessionRecorder | undefined;
  logger?: Logger | undefined;
  /** Largest accepted request body; Codex requests with images reach several MB. Default 64 MiB. */
  bodyLimitBytes?: number | undefined;
  /**
   * Turn tool calls the model wrote as text into real calls on /v1/responses and /v1/chat/completions
   * (issue 14). Default on; `false` (`--no-tool-rescue`) passes the text to the client unchanged.
   */
  toolRescue?: boolean | undefined;
  /** How long the stream may stay silent before a `response.in_progress` heartbeat. Default 1000 ms. */
  heartbeatIntervalMs?: number | undefined;
  /** Injected for deterministic tests. */
  generateId?: ((prefix: string) => string) | undefined;
  now?: (() => number) | undefined;
}

export interface RunningProxy {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT/v1`: what Codex and OpenAI SDKs take as base URL. */
  baseUrl: string;
  port: number;
  /** Stops accepting, aborts in-flight upstream calls, flushes the recorder. */
  close(): Promise<void>;
}
