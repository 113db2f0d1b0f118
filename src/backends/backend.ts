import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { ChatCompletionRequest } from '../wire/chat-request-schema.js';
import type { CompletionRequest } from '../wire/completion-request-schema.js';
import type { EmbeddingsRequest } from '../wire/embeddings-request-schema.js';
import { ProxyError } from '../wire/openai-error.js';
import type { ChatCompletionChunk, TextCompletion } from '../wire/chat-completion-types.js';
import type { ResponsesRequest } from '../wire/responses-request-schema.js';
import type { ResponsesEventSink } from '../responses/responses-stream-driver.js';
import type { ResponseObject } from '../wire/responses-types.js';
import type { RescuedCallRecord } from '../responses/rescue-tool-calls-in-stream-parts.js';

/**
 * What the proxy needs from a model server. Each backend owns its translations; the routes only
 * validate, enrich and encode, and never know which backend they talk to. Errors before the answer
 * starts are thrown as ProxyError.
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
  /** Turn tool calls the model wrote as text into real calls (issue 14). Default on; `false` turns it off. */
  toolRescue?: boolean | undefined;
  /** Called once with the final response object (completed, incomplete or failed). */
  onFinish?: ((response: ResponseObject, details: ResponsesFinishDetails) => void) | undefined;
}

export interface ResponsesFinishDetails {
  /** The enriched prompt did not fit the window, so the client's own request was sent. */
  contextDropped: boolean;
  /** Tool calls the model wrote as text and the stream turned into calls (none when relayed unchanged). */
  rescuedCalls?: readonly RescuedCallRecord[] | undefined;
}

/**
 * Where a chat or legacy completion answer goes. The route makes it for the client's socket: an SSE
 * writer when the client streams, a collector that folds the chunks into one object when it does not.
 * Exactly one `end()` or `fail()` closes it.
 */
export interface ChunkSink<Chunk> {
  /** A chunk the backend translated. */
  write(chunk: Chunk): void;
  /**
   * Bytes already on OpenAI's wire (an OpenAI-compatible server's SSE frames, or its whole JSON body
   * when not streaming), passed to the client unchanged: re-encoding them would only cost time.
   */
  writeWire(bytes: Uint8Array): void;
  end(): void;
  /** A failure once the call was accepted: an HTTP error if nothing went out yet, else an error frame. */
  fail(error: ProxyError): void;
}

interface ChunkCallOptions<Chunk> {
  sink: ChunkSink<Chunk>;
  /** Aborted when the client goes away: upstream work stops with it. */
  signal: AbortSignal;
  /** The id every chunk carries (`chatcmpl-…`, `cmpl-…`). */
  completionId: string;
  /** End with a usage chunk (`choices: []`), as OpenAI does for `stream_options.include_usage`. */
  includeUsage: boolean;
}

export interface ChatCompletionCallOptions extends ChunkCallOptions<ChatCompletionChunk> {
  /** The client's request before context was added; used when the enriched one would not fit. */
  unenrichedRequest?: ChatCompletionRequest | undefined;
  /** Turn tool calls the model wrote as text into real calls (issue 14). Default on; `false` turns it off. */
  toolRescue?: boolean | undefined;
  /** Hears each call rescued from text, when it is sent (tool and shape only: never the arguments). */
  onToolCallRescued?: ((call: RescuedCallRecord) => void) | undefined;
}

export type CompletionCallOptions = ChunkCallOptions<TextCompletion>;

/** Resolved once the backend accepted the call; the answer then flows into the sink. */
export interface CallStarted {
  /** The enriched prompt did not fit the window, so the client's own request was sent. */
  contextDropped: boolean;
}

/** Vectors in input order; the route encodes them (float or base64) as the client asked. */
export interface EmbeddingsResult {
  model: string;
  embeddings: number[][];
  promptTokens: number;
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
  /**
   * The methods below are optional by capability: a backend without one makes its route answer 400.
   * Each resolves once the model server accepted the call and throws ProxyError before that (unknown
   * model, prompt over the window, server unreachable), so clients get a real HTTP status.
   */
  createChatCompletion?(request: ChatCompletionRequest, options: ChatCompletionCallOptions): Promise<CallStarted>;
  createCompletion?(request: CompletionRequest, options: CompletionCallOptions): Promise<CallStarted>;
  createEmbeddings?(request: EmbeddingsRequest, options: { signal: AbortSignal }): Promise<EmbeddingsResult>;
}

export type BackendEndpoint = 'chat completions' | 'completions' | 'embeddings';

/** 400, not 404 or 5xx: the route exists, this backend cannot serve it, and retrying will not help. */
export function endpointNotSupported(backend: string, endpoint: BackendEndpoint, model?: string): ProxyError {
  return new ProxyError({
    status: 400,
    code: 'unsupported_endpoint',
    message: `The "${backend}" backend${model ? ` (serving ${model})` : ''} does not support ${endpoint}.`,
  });
}

/**
 * The one message for a prompt over the window, shared by every backend, so a client that cannot
 * see which backend answered still learns what to change.
 */
export function promptTooLong(options: {
  model: string;
  promptTokens: number;
  contextWindow: number;
  param: string;
  howToRaise: string;
  maxContextWindow?: number | undefined;
}): ProxyError {
  const { model, promptTokens, contextWindow } = options;
  const allowed = options.maxContextWindow ? ` (the model allows ${options.maxContextWindow} tokens)` : '';
  return new ProxyError({
    status: 400,
    code: 'context_length_exceeded',
    param: options.param,
    message:
      `The prompt is about ${promptTokens} tokens, more than the ${contextWindow}-token window codex-ctx runs ${model} with. ` +
      `Shorten the conversation, or ${options.howToRaise}${allowed}.`,
  });
}

/**
 * One kind of backend, as the config factory knows it: the schema of its entry under `backends` (with
 * its own `type` literal) and how to build it. A new backend is one file exporting one of these, its
 * entry schema in a module of its own (config loading must not import backend code), and one line each
 * in backend-kinds.ts and backends-config-schema.ts.
 */
export interface BackendKind<Schema extends z.ZodObject = z.ZodObject> {
  type: string;
  configSchema: Schema;
  create(config: z.infer<Schema>, context: BackendFactoryContext): Backend;
}

/** What every backend may take from the CLI besides its own config entry. */
export interface BackendFactoryContext {
  /** The entry's key under `backends`: its name in logs, errors and the model list. */
  name: string;
  logger?: Logger | undefined;
  /** Where `apiKeyEnv` is looked up; `process.env` in the CLI. */
  env: Readonly<Record<string, string | undefined>>;
  /** `--num-ctx`: the window for Ollama models. */
  numCtx?: number | undefined;
  maxNumCtx?: number | undefined;
  keepAlive?: string | number | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** `--backend-timeout`, in ms (see backend-deadline.ts). */
  backendTimeoutMs?: number | undefined;
}

/** Identity, for inference: `config` in `create` gets the schema's type without spelling it out. */
export function defineBackendKind<Schema extends z.ZodObject>(kind: BackendKind<Schema>): BackendKind<Schema> {
  return kind;
}
