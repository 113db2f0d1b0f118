import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.js';
import { createBackendTextEmbedder } from '../../src/cli/create-backend-text-embedder.js';
import { TextEmbedderError } from '../../src/context/embed/text-embedder.js';
import { ProxyError } from '../../src/wire/openai-error.js';

/** A backend whose embeddings endpoint fails with `error` (the rest is never called). */
function failingBackend(error: unknown): Backend {
  return { name: 'test', createEmbeddings: async () => Promise.reject(error) } as unknown as Backend;
}

const classify = async (backend: Backend) => {
  const failure = await createBackendTextEmbedder(backend, 'nomic-embed-text')
    .embed(['src/a.ts\nline\nline\nline'], new AbortController().signal)
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(TextEmbedderError);
  const { permanent, rejectedInput } = failure as TextEmbedderError;
  return { permanent, rejectedInput };
};

describe('the backend embedder sorts backend errors for the background job', () => {
  it.each([
    ['a model that is not pulled', new ProxyError({ status: 404, code: 'model_not_found', message: 'Model "x" is not available' }), { permanent: true, rejectedInput: false }],
    ['a model that cannot embed', new ProxyError({ status: 400, code: 'invalid_request', message: 'Ollama rejected the request: does not support embeddings' }), { permanent: true, rejectedInput: false }],
    ['a rejected API key', new ProxyError({ status: 401, code: 'invalid_api_key', message: 'rejected the API key' }), { permanent: true, rejectedInput: false }],
    ['texts too long for the model', new ProxyError({ status: 400, code: 'context_length_exceeded', message: 'too long' }), { permanent: false, rejectedInput: true }],
    ['a server that is down', new ProxyError({ status: 400, type: 'service_unavailable', code: 'backend_unreachable', message: 'connection refused' }), { permanent: false, rejectedInput: false }],
    ['a rate limit', new ProxyError({ status: 429, code: 'rate_limit_exceeded', message: 'slow down' }), { permanent: false, rejectedInput: false }],
    ['a crash', new ProxyError({ status: 502, code: 'server_error', message: 'Ollama failed' }), { permanent: false, rejectedInput: false }],
  ])('%s', async (_name, error, expected) => {
    expect(await classify(failingBackend(error))).toEqual(expected);
  });

  it('a backend without embeddings is permanent; a wrong number of vectors is transient', async () => {
    expect(await classify({ name: 'plain' } as unknown as Backend)).toEqual({ permanent: true, rejectedInput: false });
    const short = { name: 'short', createEmbeddings: async () => ({ model: 'm', embeddings: [], promptTokens: 0 }) } as unknown as Backend;
    expect(await classify(short)).toEqual({ permanent: false, rejectedInput: false });
  });
});
