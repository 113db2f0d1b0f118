import { promptTooLong, type CallStarted, type CompletionCallOptions } from '../../backend.js';
import type { CompletionRequest } from '../../../wire/completion-request-schema.js';
import { ProxyError } from '../../../wire/openai-error.js';
import type { OllamaEndpointDependencies } from '../ollama-endpoint-dependencies.js';
import { startOllamaNdjsonStream } from '../start-ollama-ndjson-stream.js';
import { estimateTokens } from '../../../tokens/estimate-tokens.js';
import { backendTimeoutError } from '../../backend-deadline.js';
import { mapOllamaError } from '../map-ollama-error.js';
import { OllamaError } from '../ollama-client.js';
import { convertCompletionRequestToOllama } from './convert-completion-request-to-ollama.js';
import {
  createCompletionChunkStreamState,
  ollamaGenerateChunkToCompletionChunks,
} from './ollama-generate-chunk-to-completion-chunks.js';
import type { OllamaGenerateChunk } from './ollama-generate-types.js';

/** A legacy completion on `/api/generate`, with the window rules of every other Ollama call. */
export async function createOllamaCompletion(
  dependencies: OllamaEndpointDependencies,
  request: CompletionRequest,
  call: CompletionCallOptions,
): Promise<CallStarted> {
  const description = await dependencies.describeModel(request.model);
  const window = description.contextWindow;
  const body = convertCompletionRequestToOllama(request, { numCtx: window, keepAlive: dependencies.keepAlive });
  const promptText = body.suffix ? `${body.prompt}${body.suffix}` : body.prompt;
  // A raw prompt has no message framing to count.
  const promptTokens = estimateTokens({ texts: [promptText], messages: 0, images: 0 }, window);
  if (promptTokens > window) {
    throw promptTooLong({
      model: request.model,
      promptTokens,
      contextWindow: window,
      maxContextWindow: description.maxContextWindow,
      param: 'prompt',
      howToRaise: 'raise the window with --num-ctx',
    });
  }

  const { sink } = call;
  const state = createCompletionChunkStreamState({
    completionId: call.completionId,
    model: request.model,
    created: Math.floor(dependencies.now() / 1000),
    includeUsage: call.includeUsage,
    echoPrompt: request.echo ? body.prompt : undefined,
    promptTokensEstimate: promptTokens,
  });
  let closed = false;
  await startOllamaNdjsonStream({
    baseUrl: dependencies.baseUrl,
    path: '/api/generate',
    payload: JSON.stringify(body),
    timeoutMs: dependencies.timeoutMs,
    model: request.model,
    signal: call.signal,
    onLine(result) {
      if (closed || !result.success || typeof result.value !== 'object' || result.value === null) return;
      for (const chunk of ollamaGenerateChunkToCompletionChunks(state, result.value as OllamaGenerateChunk)) sink.write(chunk);
      const end = state.end;
      if (!end) return;
      closed = true;
      if (end.kind === 'done') return sink.end();
      sink.fail(mapOllamaError(new OllamaError({ kind: 'http', status: 500, baseUrl: dependencies.baseUrl, message: end.message }), request.model));
    },
    onClose(_completed, timeout) {
      if (closed || call.signal.aborted) return;
      closed = true;
      if (timeout) return sink.fail(backendTimeoutError(timeout));
      sink.fail(new ProxyError({ status: 502, code: 'server_error', message: 'Ollama closed the stream before the answer was finished.' }));
    },
  });
  return { contextDropped: false };
}
