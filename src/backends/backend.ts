import type { ResponsesRequest } from '../proxy/responses-request-schema.js';
import type { ResponsesEventSink } from './ollama/responses/responses-stream-driver.js';
import type { ResponseObject } from './ollama/responses/responses-types.js';

/**
 * What the proxy needs from a model server. Each backend owns its translations; the routes only
 * validate, enrich and encode. Errors before the stream starts are thrown as ProxyError.
 */
export interface ModelDescription {
  id: string;
  /** The window the backend will really use for this model (what we tell Codex). */
  contextWindow: number | undefined;
  /** The model's own maximum, when the backend reports it. */
  maxContextWindow?: number | undefined;
  capabilities: string[];
}

export interface ModelListing {
  id: string;
  created: number;
  ownedBy: string;
}

export interface ResponsesCallOptions {
  /** Receives the Responses events; the first write means the answer has started. */
  sink: ResponsesEventSink;
  /** Aborted when the client goes away: upstream work stops with it. */
  signal: AbortSignal;
  responseId: string;
  /**
   * The request as the client sent it, before context was added. Used instead when the enriched one
   * would not fit the window: the user's request matters more than our context.
   */
  unenrichedRequest?: ResponsesRequest | undefined;
  /** Called once with the final response object (completed, incomplete or failed). */
  onFinish?: ((response: ResponseObject, details: { contextDropped: boolean }) => void) | undefined;
}

export interface Backend {
  readonly name: string;
  listModels(signal?: AbortSignal): Promise<ModelListing[]>;
  describeModel(model: string, signal?: AbortSignal): Promise<ModelDescription>;
  /**
   * Answers a Responses request into `options.sink`, ending in exactly one of completed, incomplete or
   * failed. Resolves once the answer has started; deterministic failures (unknown model, prompt over
   * the window) are thrown as ProxyError before anything is written.
   */
  createResponse(request: ResponsesRequest, options: ResponsesCallOptions): Promise<void>;
}
