import type { H3 } from 'h3';
import { endpointNotSupported } from '../../backends/backend.js';
import { completionRequestSchema } from '../../wire/completion-request-schema.js';
import type { ProxyContext } from '../proxy-context.js';
import { foldTextCompletionChunks } from '../fold-text-completion-chunks.js';
import { formatValidationError } from '../../wire/format-validation-error.js';
import { clientGoneSignal, nodeRuntime, responseFinished } from '../node-runtime.js';
import { createCollectingChunkSink, createSseChunkSink, writeJsonResponse } from '../openai-chunk-sink.js';
import { readJsonBody } from '../read-json-body.js';

/**
 * POST /v1/completions (legacy; code completion and FIM clients). No context enrichment: the prompt
 * is raw text the client laid out itself, often a file prefix, and anything we added would be
 * completed as if it were code. Not recorded either: editors send one per keystroke pause.
 */
export function registerCompletionsRoute(app: H3, context: ProxyContext): void {
  app.post('/v1/completions', async (event) => {
    const { req, res } = nodeRuntime(event);
    const parsed = completionRequestSchema.safeParse(await readJsonBody(req, context.bodyLimitBytes));
    if (!parsed.success) throw formatValidationError(parsed.error);
    const request = parsed.data;
    const { backend } = context;
    if (!backend.createCompletion) throw endpointNotSupported(backend.name, 'completions', request.model);

    const streaming = request.stream === true;
    const collector = streaming ? undefined : createCollectingChunkSink(foldTextCompletionChunks());
    await backend.createCompletion(request, {
      sink: collector ?? createSseChunkSink(res),
      signal: clientGoneSignal(res, context.shutdownSignal),
      completionId: context.generateId('cmpl'),
      includeUsage: !streaming || request.stream_options?.include_usage === true,
    });
    if (!collector) return responseFinished(res);

    const answer = await collector.result;
    if ('error' in answer) throw answer.error;
    writeJsonResponse(res, 200, answer.body);
    return responseFinished(res);
  });
}
