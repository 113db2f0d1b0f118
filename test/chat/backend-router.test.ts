import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, ModelListing } from '../../src/backends/backend.js';
import { createBackendRouter } from '../../src/backends/backend-router.js';
import { backendsConfigSchema } from '../../src/backends/backends-config-schema.js';
import { createBackendsFromConfig } from '../../src/backends/create-backends-from-config.js';
import { startProxyServer } from '../../src/proxy/start-proxy-server.js';
import type { RunningProxy } from '../../src/proxy/proxy-options.js';
import { startFakeOllama, textChunks, type FakeOllama } from '../support/fake-ollama.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';

/** A stub backend that only says who it is; enough to see where the router sends a model. */
function stubBackend(name: string, models: string[] = [], extra: Partial<Backend> = {}): Backend {
  return {
    name,
    listModels: async () => models.map((id): ModelListing => ({ id, created: 0, ownedBy: name })),
    describeModel: async (model) => ({ id: model, contextWindow: undefined, capabilities: [name] }),
    createResponse: async () => {},
    ...extra,
  };
}

const servedBy = async (router: Backend, model: string) => (await router.describeModel(model)).capabilities[0];

describe('createBackendRouter', () => {
  const backends = { ollama: stubBackend('ollama'), lmstudio: stubBackend('lmstudio'), vllm: stubBackend('vllm') };

  it('routes exact names before globs, globs in the order given, and the rest to the default', async () => {
    const router = createBackendRouter({
      backends,
      routes: [
        { pattern: 'qwen3-*', backend: 'vllm' },
        { pattern: 'qwen3-coder', backend: 'ollama' },
        { pattern: 'qwen*', backend: 'lmstudio' },
      ],
      default: 'lmstudio',
    });
    expect(await servedBy(router, 'qwen3-coder')).toBe('ollama');
    expect(await servedBy(router, 'QWEN3-Coder')).toBe('ollama');
    expect(await servedBy(router, 'qwen3-8b')).toBe('vllm');
    expect(await servedBy(router, 'qwen2.5')).toBe('lmstudio');
    expect(await servedBy(router, 'llama3')).toBe('lmstudio');
    expect(await servedBy(router, 'qwen3.')).toBe('lmstudio'); // `.` in a pattern is literal, `*` is the only wildcard
  });

  it('lists every backend\'s models once, from the backend a model is routed to, skipping one that is down', async () => {
    const router = createBackendRouter({
      backends: {
        ollama: stubBackend('ollama', ['qwen3', 'shared']),
        lmstudio: stubBackend('lmstudio', ['shared', 'gemma']),
        down: stubBackend('down', [], { listModels: async () => Promise.reject(new Error('ECONNREFUSED')) }),
      },
      routes: [{ pattern: 'shared', backend: 'lmstudio' }],
      default: 'ollama',
    });
    const models = await router.listModels();
    expect(models.map((model) => `${model.id}@${model.ownedBy}`)).toEqual(['qwen3@ollama', 'shared@lmstudio', 'gemma@lmstudio']);
  });

  it('answers 400 for an endpoint the routed backend lacks, naming backend and model', async () => {
    const router = createBackendRouter({ backends, routes: [], default: 'vllm' });
    const error = await router.createEmbeddings({ model: 'nomic', input: 'x' }, { signal: new AbortController().signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'unsupported_endpoint' });
    expect((error as Error).message).toBe('The "vllm" backend (serving nomic) does not support embeddings.');
  });

  it('refuses a route to a backend it was not given', () => {
    expect(() => createBackendRouter({ backends, routes: [{ pattern: 'x', backend: 'nope' }], default: 'ollama' })).toThrow(/no backend named "nope"/);
  });
});

describe('backends config', () => {
  it('validates each entry by its type and checks that routes name known backends', () => {
    const ok = backendsConfigSchema.safeParse({
      backends: { lmstudio: { type: 'openai', url: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMSTUDIO_KEY', contextWindow: 32768 } },
      routes: { 'qwen3-coder': 'ollama', '*': 'lmstudio' },
    });
    expect(ok.success).toBe(true);
    const bad = backendsConfigSchema.safeParse({
      backends: { lmstudio: { type: 'openai', url: 'http://127.0.0.1:1234/v1', contextWindw: 1 }, old: { type: 'anthropic', url: 'x' } },
    });
    expect(bad.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['backends.lmstudio', 'backends.old.type']);
    const badRoute = backendsConfigSchema.safeParse({ backends: { lmstudio: { type: 'openai', url: 'http://127.0.0.1:1234/v1' } }, routes: { '*': 'lm-studio' } });
    expect(badRoute.error!.issues).toEqual([expect.objectContaining({ path: ['routes', '*'], message: expect.stringContaining('no backend named "lm-studio"') })]);
  });

  it('gives the plain Ollama backend when nothing is configured', () => {
    const backend = createBackendsFromConfig({}, { ollamaUrl: 'http://127.0.0.1:11434' });
    expect(backend.name).toBe('ollama');
  });

  it('reads the API key from the named environment variable, and says when it is missing', () => {
    const config = { backends: { lmstudio: { type: 'openai' as const, url: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMSTUDIO_KEY' } }, routes: { '*': 'lmstudio' } };
    expect(createBackendsFromConfig(config, { ollamaUrl: 'http://127.0.0.1:11434', env: { LMSTUDIO_KEY: 'sk-1' } }).name).toBe('lmstudio');
    expect(() => createBackendsFromConfig(config, { ollamaUrl: 'http://127.0.0.1:11434', env: {} })).toThrow(/LMSTUDIO_KEY.*not set/);
  });
});

describe('a proxy serving Ollama and an OpenAI-compatible server side by side', () => {
  let ollama: FakeOllama | undefined;
  let server: FakeOpenAIServer | undefined;
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await ollama?.close();
    await server?.close();
  });

  it('sends each model to its backend and lists both backends\' models', async () => {
    ollama = await startFakeOllama({ models: [{ name: 'qwen3-coder' }], script: () => ({ kind: 'chat', chunks: textChunks('from ollama') }) });
    server = await startFakeOpenAIServer({ models: ['gemma-3', 'phi-4'], script: () => ({ kind: 'answer', text: 'from lmstudio' }) });
    const config = backendsConfigSchema.parse({
      backends: { lmstudio: { type: 'openai', url: server.baseUrl } },
      routes: { 'qwen3-coder': 'ollama', '*': 'lmstudio' },
    });
    proxy = await startProxyServer({ backend: createBackendsFromConfig(config, { ollamaUrl: ollama.url }) });
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: 'unused', maxRetries: 0 });

    const viaOllama = await client.chat.completions.create({ model: 'qwen3-coder', messages: [{ role: 'user', content: 'hi' }] });
    const viaServer = await client.chat.completions.create({ model: 'gemma-3', messages: [{ role: 'user', content: 'hi' }] });
    expect(viaOllama.choices[0]!.message.content).toBe('from ollama');
    expect(viaServer.choices[0]!.message.content).toBe('from lmstudio');
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(['gemma-3', 'phi-4', 'qwen3-coder:latest']);
  });
});
