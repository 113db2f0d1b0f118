import {
  defineBackendKind,
  promptTooLong,
  type Backend,
  type ChatCompletionCallOptions,
  type ChunkSink,
  type EmbeddingsResult,
  type ModelListing,
} from '../backend.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import type { ChatCompletionRequest } from '../../wire/chat-request-schema.js';
import { ProxyError } from '../../wire/openai-error.js';
import type { ResponsesRequest } from '../../wire/responses-request-schema.js';
import { estimateChatRequestTokens } from './estimate-chat-request-tokens.js';
import { forwardOpenAIChunks } from './forward-openai-chunks.js';
import { mapOpenAIServerError } from './map-openai-server-error.js';
import { openOpenAIRequest, readErrorResponse, readResponseText, type OpenAIServer } from './open-openai-request.js';
import { convertResponsesRequestToChat } from './responses/convert-responses-request-to-chat.js';
import { createOpenAIResponse } from './responses/create-openai-response.js';
import { forwardOpenAIResponses } from './responses/forward-openai-responses.js';
import { rejectStatefulResponsesParams } from '../../responses/reject-stateful-responses-params.js';
import { generateId as generateWireId } from '../../wire/generate-id.js';
import { fitPromptToWindow } from '../fit-prompt-to-window.js';
import { DEFAULT_BACKEND_TIMEOUT_SECONDS } from '../backend-deadline.js';
import { openaiBackendConfigSchema } from './openai-backend-config-schema.js';
import { describeChatToolsForRescue } from '../../responses/describe-chat-tools-for-rescue.js';
import { createChatContentRescue } from '../../responses/rescue-tool-calls-in-chat-content.js';
import { rescueToolCallsInChatFrames } from './rescue-tool-calls-in-chat-frames.js';
import { rescueToolCallsInChatCompletionBody } from './rescue-tool-calls-in-chat-completion-body.js';

export interface OpenAIBackendOptions {
  /** The server's OpenAI base URL (`http://127.0.0.1:1234/v1`); a bare origin gets `/v1`. */
  baseUrl: string;
  /** How logs, errors and the model list name this backend; default `openai`. */
  name?: string | undefined;
  apiKey?: string | undefined;
  /**
   * The window the server runs models with. OpenAI-compatible servers do not report it, so without
   * it prompts are not checked here and Codex is not told a window.
   */
  contextWindow?: number | undefined;
  /** The server has its own /v1/responses: forward Codex's requests instead of translating them. */
  responses?: boolean | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** `--backend-timeout`, in ms: to the first byte and between chunks. Default 300 s. */
  backendTimeoutMs?: number | undefined;
  logger?: Logger | undefined;
  generateId?: ((prefix: string) => string) | undefined;
  now?: (() => number) | undefined;
}

/**
 * Any OpenAI-compatible server (llama.cpp's server, vLLM, LM Studio, …). Chat, completions and
 * embeddings are forwarded (answers passed through byte for byte); /v1/responses is translated to
 * chat completions unless the server has it (`responses: true`).
 */
export function createOpenAIBackend(options: OpenAIBackendOptions): Required<Backend> {
  const name = options.name ?? 'openai';
  const server: OpenAIServer = {
    name,
    baseUrl: normalizeOpenAIBaseUrl(options.baseUrl),
    apiKey: options.apiKey,
    timeoutMs: options.backendTimeoutMs ?? DEFAULT_BACKEND_TIMEOUT_SECONDS * 1000,
  };
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const generateId = options.generateId ?? generateWireId;
  const window = options.contextWindow;

  /**
   * The enriched request if it fits the configured window, else the client's own; a 400 when even
   * that does not fit. Without a configured window the server is the judge.
   */
  const fit = <Request>(
    request: Request,
    /** Built only when needed: for Responses it is a whole second translation. */
    unenriched: (() => Request) | undefined,
    estimate: (candidate: Request) => number,
    param: string,
    model: string,
  ): { request: Request; promptTokens: number | undefined; contextDropped: boolean } => {
    if (window === undefined) return { request, promptTokens: undefined, contextDropped: false };
    const fitted = fitPromptToWindow({
      prepare: () => request,
      prepareUnenriched: unenriched,
      countTokens: estimate,
      contextWindow: window,
      logger,
      logFields: { backend: name, model },
      tooLong: (promptTokens) =>
        promptTooLong({ model, promptTokens, contextWindow: window, param, howToRaise: `raise backends.${name}.contextWindow if the server allows more` }),
    });
    return { request: fitted.prepared, promptTokens: fitted.promptTokens, contextDropped: fitted.contextDropped };
  };

  /**
   * The client's sink, or one that rescues tool calls the model wrote as text (issue 14) when the
   * request declares tools: that path parses every frame; without tools the bytes pass untouched.
   */
  const withToolRescue = (request: ChatCompletionRequest, call: ChatCompletionCallOptions, streaming: boolean): ChunkSink<unknown> => {
    const tools = call.toolRescue === false ? [] : describeChatToolsForRescue(request);
    if (tools.length === 0) return call.sink;
    const rescue = createChatContentRescue({ tools, generateId, onRescue: call.onToolCallRescued });
    return streaming ? rescueToolCallsInChatFrames(call.sink, rescue) : rescueToolCallsInChatCompletionBody(call.sink, rescue);
  };

  const getJson = async (path: string, signal: AbortSignal | undefined, model: string): Promise<unknown> => {
    try {
      const response = await openOpenAIRequest(server, { method: 'GET', path, signal, metadataCall: true });
      if ((response.statusCode ?? 500) >= 400) throw await readErrorResponse(server, response);
      return JSON.parse(await readResponseText(response)) as unknown;
    } catch (error) {
      throw mapOpenAIServerError(error, model);
    }
  };

  return {
    name,

    async listModels(signal) {
      const body = (await getJson('/models', signal, '')) as { data?: Array<{ id?: unknown; created?: unknown; owned_by?: unknown }> };
      return (body.data ?? [])
        .filter((model) => typeof model.id === 'string')
        .map(
          (model): ModelListing => ({
            id: model.id as string,
            created: typeof model.created === 'number' ? model.created : 0,
            ownedBy: typeof model.owned_by === 'string' ? model.owned_by : name,
          }),
        );
    },

    // Offline on purpose: servers differ in what they list (llama.cpp serves one model under any
    // name), so the server itself decides whether a model exists when the request arrives.
    describeModel: async (model) => ({ id: model, contextWindow: window, capabilities: [] }),

    async createResponse(request, call) {
      const translate = (candidate: ResponsesRequest) => convertResponsesRequestToChat(candidate);
      const unenriched = call.unenrichedRequest;
      if (options.responses) {
        const fitted = fit(request, unenriched && (() => unenriched), (candidate) => estimateChatRequestTokens(translate(candidate).body, window!), 'input', request.model);
        return forwardOpenAIResponses(server, fitted.request, call, { contextDropped: fitted.contextDropped });
      }
      // A server with its own /v1/responses (above) may keep state; translated to chat, nothing does.
      rejectStatefulResponsesParams(request);
      let prepared = translate(request);
      let contextDropped = false;
      let promptTokens: number | undefined;
      if (window !== undefined) {
        const fitted = fit(prepared, unenriched && (() => translate(unenriched)), (candidate) => estimateChatRequestTokens(candidate.body, window), 'input', request.model);
        ({ request: prepared, promptTokens, contextDropped } = fitted);
      }
      createOpenAIResponse(server, request, { ...prepared, promptTokens }, call, {
        contextDropped,
        logger,
        now,
        generateId,
        heartbeatIntervalMs: options.heartbeatIntervalMs,
      });
    },

    async createChatCompletion(request, call) {
      const unenriched = call.unenrichedRequest;
      const fitted = fit<ChatCompletionRequest>(request, unenriched && (() => unenriched), (candidate) => estimateChatRequestTokens(candidate, window!), 'messages', request.model);
      const streaming = request.stream === true;
      await forwardOpenAIChunks(server, {
        path: '/chat/completions',
        body: fitted.request,
        model: request.model,
        streaming,
        signal: call.signal,
        sink: withToolRescue(request, call, streaming),
      });
      return { contextDropped: fitted.contextDropped };
    },

    async createCompletion(request, call) {
      await forwardOpenAIChunks(server, {
        path: '/completions',
        body: request,
        model: request.model,
        streaming: request.stream === true,
        signal: call.signal,
        sink: call.sink,
      });
      return { contextDropped: false };
    },

    async createEmbeddings(request, call): Promise<EmbeddingsResult> {
      let text: string;
      try {
        // Floats from the server whatever the client asked: not every server implements base64, and
        // the route encodes for the client.
        const payload = JSON.stringify({ ...request, encoding_format: 'float' });
        const response = await openOpenAIRequest(server, { method: 'POST', path: '/embeddings', payload, signal: call.signal });
        if ((response.statusCode ?? 500) >= 400) throw await readErrorResponse(server, response);
        text = await readResponseText(response);
      } catch (error) {
        throw mapOpenAIServerError(error, request.model);
      }
      return parseEmbeddingsBody(text, request.model, name);
    },
  };
}

/** Servers are configured by the URL their docs give: with `/v1` (LM Studio, vLLM) or bare (llama.cpp). */
export function normalizeOpenAIBaseUrl(value: string): string {
  const url = new URL(value.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/v1' : path}`;
}

function parseEmbeddingsBody(text: string, model: string, serverName: string): EmbeddingsResult {
  try {
    const body = JSON.parse(text) as { data?: Array<{ index?: unknown; embedding?: unknown }>; model?: unknown; usage?: { prompt_tokens?: unknown } };
    const items = [...(body.data ?? [])].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    const embeddings = items.map((item) => toVector(item.embedding));
    if (embeddings.every((vector): vector is number[] => vector !== undefined)) {
      const promptTokens = typeof body.usage?.prompt_tokens === 'number' ? body.usage.prompt_tokens : 0;
      return { model: typeof body.model === 'string' ? body.model : model, embeddings, promptTokens };
    }
  } catch {
    // fall through to the error below
  }
  throw new ProxyError({ status: 502, code: 'server_error', message: `The server "${serverName}" answered /embeddings with something that is not a list of vectors.` });
}

/** A float array, or base64 float32 from a server that ignored `encoding_format: "float"`. */
function toVector(embedding: unknown): number[] | undefined {
  if (Array.isArray(embedding)) return embedding as number[];
  if (typeof embedding !== 'string') return undefined;
  const bytes = Buffer.from(embedding, 'base64');
  const vector: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) vector.push(bytes.readFloatLE(offset));
  return vector;
}

/** An `openai` entry under `backends` (see openai-backend-config-schema.ts). */
export const openaiBackendKind = defineBackendKind({
  type: 'openai',
  configSchema: openaiBackendConfigSchema,
  create(config, context) {
    let apiKey = config.apiKey;
    if (config.apiKeyEnv !== undefined) {
      apiKey = context.env[config.apiKeyEnv];
      if (!apiKey) throw new Error(`backends.${context.name}.apiKeyEnv names ${config.apiKeyEnv}, which is not set in the environment`);
    }
    return createOpenAIBackend({
      baseUrl: config.url,
      name: context.name,
      apiKey,
      contextWindow: config.contextWindow,
      responses: config.responses,
      heartbeatIntervalMs: context.heartbeatIntervalMs,
      backendTimeoutMs: context.backendTimeoutMs,
      logger: context.logger,
    });
  },
});
