import type { Logger } from '../../log/logger.js';
import type { ModelDescription } from '../backend.js';
import type { ThinkingSupport } from './resolve-context-window.js';

export interface OllamaModelDescription extends ModelDescription {
  contextWindow: number;
  thinking: ThinkingSupport;
}

/** What the chat, completions and embeddings modules take from the backend that owns them. */
export interface OllamaEndpointDependencies {
  baseUrl: string;
  /** One description (and num_ctx) per model for the session. */
  describeModel(model: string): Promise<OllamaModelDescription>;
  logger: Logger;
  now: () => number;
  generateId: (prefix: string) => string;
  keepAlive?: string | number | undefined;
  /** The backend deadline (backend-deadline.ts), in ms. */
  timeoutMs: number;
}
