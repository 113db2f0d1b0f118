import type { H3 } from 'h3';
import type { ResponseObject } from '../../wire/responses-types.js';
import type { AugmentResult } from '../../context/context-engine.js';
import { readCodexRequestMetadata, isTitleRequest, type CodexRequestMetadata } from '../codex-request-metadata.js';
import type { ProxyContext } from '../proxy-context.js';
import type { RescuedCallRecord } from '../../responses/rescue-tool-calls-in-stream-parts.js';
import { formatValidationError } from '../../wire/format-validation-error.js';
import { ProxyError } from '../../wire/openai-error.js';
import { checkResponsesRequestShape } from '../../wire/check-responses-request-shape.js';
import { readJsonBody } from '../read-json-body.js';
import { responsesRequestSchema, type ResponsesRequest } from '../../wire/responses-request-schema.js';
import { clientGoneSignal, nodeRuntime, responseFinished } from '../node-runtime.js';
import { createCollectingSink, createSseResponseSink } from '../sse-response-sink.js';
import { summarizeResponseOutput } from '../summarize-response-output.js';
import { trackPartialResponse } from '../track-partial-response.js';
import { findLatestUserMessage } from '../../context/query/find-user-messages.js';
import { isBackendTimeoutFailure } from '../../backends/backend-deadline.js';

/**
 * POST /v1/responses: validate → enrich with context → backend → Responses SSE when `stream: true`
 * (Codex always asks), else one JSON Response object, as OpenAI answers by default.
 * Everything that can fail deterministically (bad body, unknown model, prompt over the window) fails
 * here with a status Codex shows at once; after the headers, failures travel as `response.failed`.
 */
export function registerResponsesRoute(app: H3, context: ProxyContext): void {
  app.post('/v1/responses', async (event) => {
    const startedAt = context.now();
    const { req, res } = nodeRuntime(event);
    const body = await readJsonBody(req, context.bodyLimitBytes);
    const request = checkResponsesRequestShape(body) ?? validateWithSchema(body);
    const metadata = readCodexRequestMetadata(event.req.headers);

    const description = await context.backend.describeModel(request.model);
    const augmentation: AugmentResult | undefined = context.options.context
      ? await context.options.context.augmentResponsesRequest(request, {
          headers: event.req.headers,
          contextWindow: description.contextWindow,
        })
      : undefined;

    const responseId = context.generateId('resp');
    const collector = request.stream === true ? undefined : createCollectingSink();
    const tracker = trackPartialResponse(collector ?? createSseResponseSink(res));
    let recorded = false;
    await context.backend.createResponse(augmentation?.request ?? request, {
      sink: tracker.sink,
      signal: clientGoneSignal(res, context.shutdownSignal),
      responseId,
      unenrichedRequest: augmentation?.context ? request : undefined,
      toolRescue: context.options.toolRescue !== false,
      onFinish: (response, details) => {
        recorded = true;
        const rescuedCalls = details.rescuedCalls ?? [];
        // Shape and tool only: the arguments may hold secrets.
        for (const call of rescuedCalls) context.logger.debug('tool call rescued from text', { responseId, tool: call.tool, shape: call.shape });
        const recordedAugmentation = details.contextDropped ? undefined : augmentation;
        recordTurn(context, { request, metadata, response, startedAt, augmentation: recordedAugmentation, rescuedCalls });
      },
    });

    if (collector) return respondWithJson(await collector.result);
    const handled = await responseFinished(res);
    // The client left (Esc, Ctrl+C) before the answer ended: the note keeps what it had seen.
    const partial = recorded ? undefined : tracker.partial();
    if (partial) recordTurn(context, { request, metadata, response: partial, startedAt, augmentation, rescuedCalls: [], interrupted: true });
    return handled;
  });
}

/** Off the hot path: zod words the 400 for a body the structural check turned down. */
function validateWithSchema(body: unknown): ResponsesRequest {
  const parsed = responsesRequestSchema.safeParse(body);
  if (!parsed.success) throw formatValidationError(parsed.error);
  return parsed.data;
}

/** Not streaming: the same events, folded into the final response object. */
function respondWithJson(final: ResponseObject | undefined): Response {
  if (!final) throw new ProxyError({ status: 502, code: 'server_error', message: 'The backend ended without a response.' });
  if (final.status === 'failed') {
    const error = final.error ?? { code: 'server_error', message: 'The backend failed.' };
    const status = isBackendTimeoutFailure(error) ? 504 : error.code === 'server_error' ? 502 : 400;
    throw new ProxyError({ status, code: status === 504 ? 'backend_timeout' : error.code, message: error.message });
  }
  return Response.json(final);
}

function recordTurn(
  context: ProxyContext,
  turn: {
    request: ResponsesRequest;
    metadata: CodexRequestMetadata;
    response: ResponseObject;
    startedAt: number;
    augmentation: AugmentResult | undefined;
    rescuedCalls: readonly RescuedCallRecord[];
    /** The client went away mid-answer; `response` holds what it had received. */
    interrupted?: boolean;
  },
): void {
  const recorder = context.options.recorder;
  if (!recorder || isTitleRequest(turn.metadata)) return;
  const summary = summarizeResponseOutput(turn.response);
  recorder.recordTurn({
    requestId: turn.response.id,
    turnId: turn.metadata.turnId,
    threadId: turn.metadata.threadId ?? turn.request.prompt_cache_key ?? undefined,
    endpoint: 'responses',
    startedAt: new Date(turn.startedAt),
    durationMs: context.now() - turn.startedAt,
    model: turn.request.model,
    backend: context.backend.name,
    question: findLatestUserMessage(turn.request.input)?.text ?? '',
    context: turn.augmentation?.context,
    answer: summary.answer,
    reasoning: summary.reasoning,
    toolCalls: summary.toolCalls,
    rescuedCalls: turn.rescuedCalls.length > 0 ? turn.rescuedCalls : undefined,
    usage: turn.response.usage
      ? { inputTokens: turn.response.usage.input_tokens, outputTokens: turn.response.usage.output_tokens }
      : undefined,
    status: turn.interrupted ? 'interrupted' : turn.response.status === 'in_progress' ? 'failed' : turn.response.status,
    error: turn.response.error?.message,
  });
}
