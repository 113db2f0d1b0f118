import { defineBackendKind, type Backend, type ModelDescription, type ModelListing, type ResponsesCallOptions } from '../backend.js';
import type { Logger } from '../../log/logger.js';
import { silentLogger } from '../../log/logger.js';
import { ProxyError } from '../../wire/openai-error.js';
import type { ResponsesRequest } from '../../wire/responses-request-schema.js';
import type { OllamaEndpointDependencies, OllamaModelDescription } from './ollama-endpoint-dependencies.js';
import { createOllamaChatCompletion } from './chat/create-ollama-chat-completion.js';
import { createOllamaCompletion } from './completions/create-ollama-completion.js';
import { createOllamaEmbeddings } from './embeddings/create-ollama-embeddings.js';
export type { OllamaEndpointDependencies, OllamaModelDescription } from './ollama-endpoint-dependencies.js';
import { fitPromptToWindow } from '../fit-prompt-to-window.js';
import { serializeAndEstimatePrompt } from './estimate-prompt-tokens.js';
import { mapOllamaError, modelNotFound } from './map-ollama-error.js';
import { normalizeOllamaUrl } from './normalize-ollama-url.js';
import { ollamaBackendConfigSchema } from './ollama-backend-config-schema.js';
import { createOllamaClient, OllamaError, type OllamaClient } from './ollama-client.js';
import {
  chooseNumCtx,
  readModelContextLength,
  readModelfileNumCtx,
  readThinkingSupport,
} from './resolve-context-window.js';
import { convertResponsesRequestToOllama } from './responses/convert-responses-request-to-ollama.js';
import { createResponsesStreamDriver } from '../../responses/responses-stream-driver.js';
import { openOllamaStream } from './open-ollama-stream.js';
import { DEFAULT_BACKEND_TIMEOUT_SECONDS } from '../backend-deadline.js';
import { streamOllamaIntoDriver } from './stream-ollama-into-driver.js';
import { generateId as generateWireId } from '../../wire/generate-id.js';

export interface OllamaBackendOptions {
  baseUrl: string;
  /** How logs, errors and the model list name this backend; default `ollama`. */
  name?: string | undefined;
  /** The window to run every model with (`--num-ctx`); default: the model's own, capped. */
  numCtx?: number | undefined;
  /** Cap for the default window (KV-cache memory grows with it). */
  maxNumCtx?: number | undefined;
  keepAlive?: string | number | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** `--backend-timeout`, in ms: to the first byte and between chunks. Default 300 s. */
  backendTimeoutMs?: number | undefined;
  /** `/api/show` and `/api/tags`: a short limit of their own. Default 10 s. */
  metadataTimeoutMs?: number | undefined;
  logger?: Logger | undefined;
  fetch?: typeof fetch | undefined;
  generateId?: ((prefix: string) => string) | undefined;
  now?: (() => number) | undefined;
}

/** What the backend shares with its endpoint implementations (chat/, completions/, embeddings/). */
export interface OllamaBackend extends Required<Backend> {
  readonly client: OllamaClient;
  describeModel(model: string, signal?: AbortSignal): Promise<OllamaModelDescription>;
}

export function createOllamaBackend(options: OllamaBackendOptions): OllamaBackend {
  const client = createOllamaClient({ baseUrl: options.baseUrl, fetch: options.fetch, metadataTimeoutMs: options.metadataTimeoutMs });
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const timeoutMs = options.backendTimeoutMs ?? DEFAULT_BACKEND_TIMEOUT_SECONDS * 1000;
  const generateId = options.generateId ?? generateWireId;
  // One description per model for the session: the same num_ctx on every request keeps Ollama from
  // reloading the model, and keeps what we told Codex true.
  const descriptions = new Map<string, Promise<OllamaModelDescription>>();

  const describeModel = (model: string): Promise<OllamaModelDescription> => {
    let pending = descriptions.get(model);
    if (!pending) {
      pending = loadDescription(model);
      descriptions.set(model, pending);
      // Failures are not cached: the user may start Ollama or pull the model and retry.
      pending.catch(() => descriptions.delete(model));
    }
    return pending;
  };

  const loadDescription = async (model: string): Promise<OllamaModelDescription> => {
    try {
      const show = await client.show(model);
      const maxContextWindow = readModelContextLength(show);
      const contextWindow = chooseNumCtx({
        configured: options.numCtx,
        modelfile: readModelfileNumCtx(show),
        modelMax: maxContextWindow,
        cap: options.maxNumCtx,
      });
      if (!maxContextWindow) logger.warn('model does not report its window; using a default', { model, contextWindow });
      return {
        id: model,
        contextWindow,
        maxContextWindow,
        capabilities: show.capabilities ?? [],
        thinking: readThinkingSupport(model, show),
      };
    } catch (error) {
      if (error instanceof OllamaError && error.status === 404) throw modelNotFound(model, client.baseUrl);
      throw mapOllamaError(error, model);
    }
  };

  const prepare = (request: ResponsesRequest, description: OllamaModelDescription) => {
    const translated = convertResponsesRequestToOllama(request, {
      numCtx: description.contextWindow,
      thinking: description.thinking,
      ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
    });
    return { ...translated, ...serializeAndEstimatePrompt(translated.body, description.contextWindow) };
  };

  const endpoints: OllamaEndpointDependencies = {
    baseUrl: client.baseUrl,
    describeModel,
    logger,
    now,
    generateId,
    keepAlive: options.keepAlive,
    timeoutMs,
  };

  return {
    name: options.name ?? 'ollama',
    client,
    describeModel,
    createChatCompletion: (request, call) => createOllamaChatCompletion(endpoints, request, call),
    createCompletion: (request, call) => createOllamaCompletion(endpoints, request, call),
    createEmbeddings: (request, call) => createOllamaEmbeddings(endpoints, request, call),

    async listModels(signal) {
      try {
        const tags = await client.tags(signal);
        return tags.models.map(
          (model): ModelListing => ({
            id: model.name,
            created: model.modified_at ? Math.floor(Date.parse(model.modified_at) / 1000) || 0 : 0,
            ownedBy: 'ollama',
          }),
        );
      } catch (error) {
        throw mapOllamaError(error, '');
      }
    },

    async createResponse(request: ResponsesRequest, call: ResponsesCallOptions): Promise<void> {
      const description = await describeModel(request.model);
      const unenriched = call.unenrichedRequest;
      const { prepared, contextDropped } = fitPromptToWindow({
        prepare: () => prepare(request, description),
        prepareUnenriched: unenriched && (() => prepare(unenriched, description)),
        countTokens: (candidate) => candidate.promptTokens,
        contextWindow: description.contextWindow,
        logger,
        logFields: { model: request.model },
        tooLong: (promptTokens) =>
          new ProxyError({
            status: 400,
            code: 'context_length_exceeded',
            param: 'input',
            message:
              `The prompt is about ${promptTokens} tokens, more than the ${description.contextWindow}-token window ` +
              `codex-ctx runs ${request.model} with. Start a new thread or compact it, or raise the window with --num-ctx ` +
              `(the model allows ${description.maxContextWindow ?? 'an unknown number of'} tokens).`,
          }),
      });
      for (const warning of prepared.warnings) logger.debug('translation', { warning });

      // Dispatched before our first SSE event is written, so the upstream write is not queued behind it.
      const upstream = openOllamaStream({
        baseUrl: client.baseUrl,
        path: '/api/chat',
        payload: prepared.payload,
        signal: call.signal,
        timeoutMs,
      });
      upstream.catch(() => {}); // settled by the pump below; never an unhandled rejection meanwhile
      const driver = createResponsesStreamDriver(
        {
          responseId: call.responseId,
          model: request.model,
          toolNameMap: prepared.toolNameMap,
          createdAt: Math.floor(now() / 1000),
          generateId,
          heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
          promptTokensEstimate: prepared.promptTokens,
          onFinish: (response, { rescuedCalls }) => call.onFinish?.(response, { contextDropped, rescuedCalls }),
          rescueTools: call.toolRescue === false ? undefined : prepared.body.tools,
          rescueToolsJson: prepared.toolsText,
        },
        call.sink,
      );
      // `response.created` is out now; Ollama's answer (which waits for the model to load) feeds the
      // driver in the background.
      void streamOllamaIntoDriver({ upstream, baseUrl: client.baseUrl, model: request.model, signal: call.signal, driver, logger });
    },
  };
}

/** `{"type": "ollama", "url": "http://gpu-box:11434"}` under `backends`: Ollama's native API. */
export const ollamaBackendKind = defineBackendKind({
  type: 'ollama',
  configSchema: ollamaBackendConfigSchema,
  create: (config, context) =>
    createOllamaBackend({
      baseUrl: normalizeOllamaUrl(config.url),
      name: context.name,
      numCtx: context.numCtx,
      maxNumCtx: context.maxNumCtx,
      keepAlive: context.keepAlive,
      heartbeatIntervalMs: context.heartbeatIntervalMs,
      backendTimeoutMs: context.backendTimeoutMs,
      logger: context.logger,
    }),
});
