import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { textChunks } from '../support/fake-ollama.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/** The official openai SDK → /v1/completions, /v1/embeddings, /v1/models → the fake Ollama. */
let running: TestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const MODELS = [{ name: 'qwen3' }, { name: 'coder', capabilities: ['completion', 'insert'] }, { name: 'embedder', embeddingLength: 16 }];

async function start(options: Parameters<typeof startTestProxy>[0] = {}) {
  running = await startTestProxy({ ...options, fake: { models: MODELS, ...options.fake } });
  return new OpenAI({ baseURL: running.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 });
}

const lastRequest = (path: string) => running!.ollama.requests.filter((request) => request.path === path).at(-1)!;

describe('POST /v1/completions on the Ollama backend', () => {
  it('continues a prompt verbatim with /api/generate in raw mode and returns a text_completion', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(' return 42', { promptEvalCount: 6, evalCount: 3 }) }) } });
    const completion = await client.completions.create({ model: 'qwen3', prompt: 'def answer():\n', max_tokens: 16, temperature: 0, stop: '\n\n' });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]).toMatchObject({ text: ' return 42', index: 0, finish_reason: 'stop' });
    expect(completion.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 });
    expect(lastRequest('/api/generate').body).toEqual({
      model: 'qwen3',
      prompt: 'def answer():\n',
      raw: true,
      options: { num_ctx: 32768, num_predict: 16, temperature: 0, stop: ['\n\n'] },
      stream: true,
    });
  });

  it('fills in the middle with the model\'s template when a suffix is given', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('a + b') }) } });
    const completion = await client.completions.create({ model: 'coder', prompt: ['def add(a, b):\n    return '], suffix: '\n\nprint(add(1, 2))' });
    expect(completion.choices[0]!.text).toBe('a + b');
    const body = lastRequest('/api/generate').body;
    expect(body).toMatchObject({ prompt: 'def add(a, b):\n    return ', suffix: '\n\nprint(add(1, 2))' });
    expect(body.raw).toBeUndefined();
  });

  it('streams text_completion chunks, a finish chunk, and the usage chunk when asked', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('x = 1; y = 2', { pieces: 3, doneReason: 'length' }) }) } });
    const chunks = [];
    for await (const chunk of await client.completions.create({ model: 'qwen3', prompt: 'x', stream: true, stream_options: { include_usage: true }, max_tokens: 3 })) {
      chunks.push(chunk);
    }
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe('x = 1; y = 2');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('length');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
  });

  it('echoes the prompt before the completion when echo is set', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(' world') }) } });
    const completion = await client.completions.create({ model: 'qwen3', prompt: 'hello', echo: true });
    expect(completion.choices[0]!.text).toBe('hello world');
  });

  it('answers token-id prompts and several prompts with a 400 that says what to send instead', async () => {
    const client = await start();
    const tokens = await client.completions.create({ model: 'qwen3', prompt: [1, 2, 3] }).catch((caught: unknown) => caught);
    expect(tokens).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tokens as Error).message).toMatch(/token-id prompts are not supported.*as text/i);
    expect((tokens as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('prompt');
    const several = await client.completions.create({ model: 'qwen3', prompt: ['a', 'b'] }).catch((caught: unknown) => caught);
    expect(several).toBeInstanceOf(OpenAI.BadRequestError);
    expect((several as Error).message).toMatch(/one prompt per request/);
    expect(running!.ollama.requests.filter((request) => request.path === '/api/generate')).toHaveLength(0);
  });

  it('passes on Ollama\'s refusal of a suffix for a model without fill-in-the-middle as a 400', async () => {
    const client = await start();
    const error = await client.completions.create({ model: 'qwen3', prompt: 'a', suffix: 'b' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('does not support insert');
  });
});

describe('POST /v1/embeddings on the Ollama backend', () => {
  it('returns float vectors in input order with usage, from /api/embed', async () => {
    const client = await start();
    const result = await client.embeddings.create({ model: 'embedder', input: ['alpha beta', 'gamma'], encoding_format: 'float' });
    expect(result.object).toBe('list');
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    expect(result.data[0]!.embedding).toHaveLength(16);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(lastRequest('/api/embed').body).toEqual({ model: 'embedder', input: ['alpha beta', 'gamma'] });
    const again = await client.embeddings.create({ model: 'embedder', input: 'gamma', encoding_format: 'float' });
    expect(again.data[0]!.embedding).toEqual(result.data[1]!.embedding);
  });

  it('answers base64 (the SDK\'s default) as little-endian float32 the SDK decodes to the same vectors', async () => {
    const client = await start();
    const floats = await client.embeddings.create({ model: 'embedder', input: ['alpha beta', 'gamma'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: 'embedder', input: ['alpha beta', 'gamma'] });
    expect(lastRequest('/api/embed').body.encoding_format).toBeUndefined();
    decoded.data.forEach((item, index) => {
      expect(item.embedding).toHaveLength(16);
      expect(item.embedding).toEqual(floats.data[index]!.embedding.map((value) => Math.fround(value)));
    });
  });

  it('rejects token-id and empty inputs with a 400 that says so', async () => {
    const client = await start();
    const tokens = await client.embeddings.create({ model: 'embedder', input: [[1, 2], [3]] }).catch((caught: unknown) => caught);
    expect(tokens).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tokens as Error).message).toMatch(/token-id inputs are not supported/i);
    const empty = await client.embeddings.create({ model: 'embedder', input: [] }).catch((caught: unknown) => caught);
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect(running!.ollama.requests.filter((request) => request.path === '/api/embed')).toHaveLength(0);
  });

  it('answers an unknown embedding model with 404 model_not_found', async () => {
    const client = await start();
    const error = await client.embeddings.create({ model: 'absent', input: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});

describe('GET /v1/models through the SDK', () => {
  it('lists the installed models', async () => {
    const client = await start();
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['qwen3:latest', 'coder:latest', 'embedder:latest']);
  });
});
