import type { H3 } from 'h3';
import { endpointNotSupported } from '../../backends/backend.js';
import type { ProxyContext } from '../proxy-context.js';
import { embeddingsRequestSchema } from '../../wire/embeddings-request-schema.js';
import { encodeFloat32Base64 } from '../encode-float32-base64.js';
import { formatValidationError } from '../../wire/format-validation-error.js';
import { clientGoneSignal, nodeRuntime, responseFinished } from '../node-runtime.js';
import { writeJsonResponse } from '../openai-chunk-sink.js';
import type { CreateEmbeddingResponse } from '../../wire/chat-completion-types.js';
import { readJsonBody } from '../read-json-body.js';

/**
 * POST /v1/embeddings. Backends return plain vectors and the encoding happens here, once for all of
 * them: an upstream that ignores `encoding_format` would otherwise hand the SDK (which asks for base64
 * by default) a float array to base64-decode.
 */
export function registerEmbeddingsRoute(app: H3, context: ProxyContext): void {
  app.post('/v1/embeddings', async (event) => {
    const { req, res } = nodeRuntime(event);
    const parsed = embeddingsRequestSchema.safeParse(await readJsonBody(req, context.bodyLimitBytes));
    if (!parsed.success) throw formatValidationError(parsed.error);
    const request = parsed.data;
    const { backend } = context;
    if (!backend.createEmbeddings) throw endpointNotSupported(backend.name, 'embeddings', request.model);

    const result = await backend.createEmbeddings(request, { signal: clientGoneSignal(res, context.shutdownSignal) });
    const base64 = request.encoding_format === 'base64';
    const body: CreateEmbeddingResponse = {
      object: 'list',
      data: result.embeddings.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? encodeFloat32Base64(vector) : vector,
      })),
      model: result.model,
      usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens },
    };
    writeJsonResponse(res, 200, JSON.stringify(body));
    return responseFinished(res);
  });
}
