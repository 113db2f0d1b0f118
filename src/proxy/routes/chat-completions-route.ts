import type { H3 } from 'h3';
import { endpointNotSupported } from '../../backends/backend.js';
import { chatCompletionRequestSchema } from '../../wire/chat-request-schema.js';
import type { ProxyContext } from '../proxy-context.js';
import { enrichChatRequest, type ChatEnrichment } from '../enrich-chat-request.js';
import { foldChatCompletionChunks } from '../fold-chat-completion-chunks.js';
import { formatValidationError } from '../../wire/format-validation-error.js';
import { clientGoneSignal, nodeRuntime, responseFinished } from '../node-runtime.js';
import { createCollectingChunkSink, createSseChunkSink, writeJsonResponse } from '../openai-chunk-sink.js';
import { readJsonBody } from '../read-json-body.js';
import { recordChatTurn } from '../record-chat-turn.js';
import type { RescuedCallRecord } from '../../responses/rescue-tool-calls-in-stream-parts.js';

/**
 * POST /v1/chat/completions: validate → enrich with context → backend → chunks as SSE, or one
 * `chat.completion` object. Failures before the first chunk are real HTTP errors in OpenAI's shape;
 * after it, an error frame.
 */
export function registerChatCompletionsRoute(app: H3, context: ProxyContext): void {
  app.post('/v1/chat/completions', async (event) => {
    const startedAt = context.now();
    const { req, res } = nodeRuntime(event);
    const parsed = chatCompletionRequestSchema.safeParse(await readJsonBody(req, context.bodyLimitBytes));
    if (!parsed.success) throw formatValidationError(parsed.error);
    const request = parsed.data;
    const { backend } = context;
    if (!backend.createChatCompletion) throw endpointNotSupported(backend.name, 'chat completions', request.model);
    const signal = clientGoneSignal(res, context.shutdownSignal);

    const engine = context.options.context;
    let enrichment: ChatEnrichment = { request, question: undefined };
    if (engine) {
      // The retrieval budget follows the window the backend really uses.
      const { contextWindow } = await backend.describeModel(request.model, signal);
      enrichment = await enrichChatRequest(request, engine, { contextWindow, signal });
    }

    const completionId = context.generateId('chatcmpl');
    const rescuedCalls: RescuedCallRecord[] = [];
    const streaming = request.stream === true;
    const collector = streaming ? undefined : createCollectingChunkSink(foldChatCompletionChunks());
    const recorder = context.options.recorder;
    const sink = collector ?? createSseChunkSink(res);
    const recording = recorder ? recordChatTurn(sink, { context, request, enrichment, startedAt, streaming, rescuedCalls }) : undefined;
    const started = await backend.createChatCompletion(enrichment.request, {
      sink: recording ?? sink,
      signal,
      completionId,
      // A non-streaming answer is folded from the chunks and must carry usage.
      includeUsage: !streaming || request.stream_options?.include_usage === true,
      unenrichedRequest: enrichment.context ? request : undefined,
      toolRescue: context.options.toolRescue !== false,
      onToolCallRescued: (call) => {
        rescuedCalls.push(call);
        // Shape and tool only: the arguments may hold secrets.
        context.logger.debug('tool call rescued from text', { completionId, tool: call.tool, shape: call.shape });
      },
    });
    // Read by the recorder when the answer ends, which is always after this continuation.
    if (started.contextDropped) enrichment.context = undefined;
    if (!collector) {
      const handled = await responseFinished(res);
      recording?.recordIfInterrupted();
      return handled;
    }

    const answer = await collector.result;
    if ('error' in answer) throw answer.error;
    writeJsonResponse(res, 200, answer.body);
    return responseFinished(res);
  });
}
