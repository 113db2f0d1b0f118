import { promptTooLong, type CallStarted, type ChatCompletionCallOptions } from '../../backend.js';
import type { ChatCompletionRequest } from '../../../wire/chat-request-schema.js';
import { ProxyError } from '../../../wire/openai-error.js';
import type { OllamaEndpointDependencies } from '../ollama-endpoint-dependencies.js';
import { fitPromptToWindow } from '../../fit-prompt-to-window.js';
import { serializeAndEstimatePrompt } from '../estimate-prompt-tokens.js';
import { backendTimeoutError } from '../../backend-deadline.js';
import { mapOllamaError } from '../map-ollama-error.js';
import { OllamaError } from '../ollama-client.js';
import { convertChatRequestToOllama } from './convert-chat-request-to-ollama.js';
import { createChatChunkStreamState, ollamaChunkToChatChunks } from './ollama-chunk-to-chat-chunks.js';
import { startOllamaNdjsonStream } from '../start-ollama-ndjson-stream.js';
import { describeChatToolsForRescue } from '../../../responses/describe-chat-tools-for-rescue.js';
import { createChatContentRescue } from '../../../responses/rescue-tool-calls-in-chat-content.js';

/**
 * A chat completion on Ollama's native `/api/chat`: the same window as /v1/responses (one num_ctx per
 * model, an estimate of the prompt, 400 context_length_exceeded rather than Ollama's silent
 * truncation, and the client's own request when our context is what makes it too long).
 */
export async function createOllamaChatCompletion(
  dependencies: OllamaEndpointDependencies,
  request: ChatCompletionRequest,
  call: ChatCompletionCallOptions,
): Promise<CallStarted> {
  const { logger } = dependencies;
  const description = await dependencies.describeModel(request.model);
  const window = description.contextWindow;
  const prepare = (chatRequest: ChatCompletionRequest) => {
    const converted = convertChatRequestToOllama(chatRequest, {
      numCtx: window,
      thinking: description.thinking,
      keepAlive: dependencies.keepAlive,
    });
    return { ...converted, ...serializeAndEstimatePrompt(converted.body, window) };
  };

  const unenriched = call.unenrichedRequest;
  const { prepared, contextDropped } = fitPromptToWindow({
    prepare: () => prepare(request),
    prepareUnenriched: unenriched && (() => prepare(unenriched)),
    countTokens: (candidate) => candidate.promptTokens,
    contextWindow: window,
    logger,
    logFields: { model: request.model },
    tooLong: (promptTokens) =>
      promptTooLong({
        model: request.model,
        promptTokens,
        contextWindow: window,
        maxContextWindow: description.maxContextWindow,
        param: 'messages',
        howToRaise: 'raise the window with --num-ctx',
      }),
  });
  for (const warning of prepared.warnings) logger.debug('translation', { warning });

  const { sink } = call;
  const rescueTools = call.toolRescue === false ? [] : describeChatToolsForRescue(request);
  const state = createChatChunkStreamState({
    completionId: call.completionId,
    model: request.model,
    created: Math.floor(dependencies.now() / 1000),
    includeUsage: call.includeUsage,
    promptTokensEstimate: prepared.promptTokens,
    generateId: dependencies.generateId,
    rescue:
      rescueTools.length > 0
        ? createChatContentRescue({ tools: rescueTools, generateId: dependencies.generateId, onRescue: call.onToolCallRescued })
        : undefined,
  });
  let closed = false;
  await startOllamaNdjsonStream({
    baseUrl: dependencies.baseUrl,
    path: '/api/chat',
    payload: prepared.payload,
    timeoutMs: dependencies.timeoutMs,
    model: request.model,
    signal: call.signal,
    onLine(result) {
      // A line that is not JSON is skipped: the next one is independent of it.
      if (closed || !result.success || typeof result.value !== 'object' || result.value === null) return;
      for (const chunk of ollamaChunkToChatChunks(state, result.value)) sink.write(chunk);
      const end = state.end;
      if (!end) return;
      closed = true;
      if (end.kind === 'done') return sink.end();
      logger.warn('Ollama failed mid-stream', { model: request.model, message: end.message });
      sink.fail(mapOllamaError(new OllamaError({ kind: 'http', status: 500, baseUrl: dependencies.baseUrl, message: end.message }), request.model));
    },
    onClose(_completed, timeout) {
      if (closed || call.signal.aborted) return;
      closed = true;
      if (timeout) return sink.fail(backendTimeoutError(timeout));
      sink.fail(new ProxyError({ status: 502, code: 'server_error', message: 'Ollama closed the stream before the answer was finished.' }));
    },
  });
  return { contextDropped };
}
