import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeOpenAIBaseUrl } from '../../src/backends/openai/create-openai-backend.js';
import { CONTEXT_BLOCK, fakeContextEngine } from './fake-context-engine.js';
import { startOpenAITestProxy, type OpenAITestProxy } from './start-openai-test-proxy.js';

/** The official openai SDK → the proxy → the `openai` backend → a fake OpenAI-compatible server. */
let running: OpenAITestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Parameters<typeof startOpenAITestProxy>[0] = {}) {
  running = await startOpenAITestProxy(options);
  return running;
}

const ask = { model: 'qwen3', messages: [{ role: 'user' as const, content: 'say hi' }] };
const postRaw = (path: string, body: unknown) =>
  fetch(`${running!.proxy.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('chat completions through the openai backend', () => {
  it('passes the server\'s SSE bytes through unchanged', async () => {
    await start();
    const response = await postRaw('/chat/completions', { ...ask, stream: true, stream_options: { include_usage: true } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).toBe(running!.server.requestsTo('/chat/completions')[0]!.responseText);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('serves the SDK\'s streaming tool-call accumulation and a non-streamed answer', async () => {
    const { client, server } = await start();
    server.setScript(() => ({ kind: 'answer', text: 'Let me look.', toolCalls: [{ name: 'read_file', arguments: '{"path":"a.ts"}' }] }));
    const final = await client.chat.completions.stream({ ...ask, tools: [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object' } } }] }).finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe('Let me look.');
    expect(final.choices[0]!.message.tool_calls![0]!).toMatchObject({ type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } });
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');

    server.setScript(() => ({ kind: 'answer', text: 'plain' }));
    const response = await postRaw('/chat/completions', ask);
    const body = await response.text();
    expect(body).toBe(server.requestsTo('/chat/completions').at(-1)!.responseText);
    expect(JSON.parse(body).choices[0].message.content).toBe('plain');
  });

  it('forwards the request as the client wrote it, fields we do not know included', async () => {
    const { client, server } = await start();
    await client.chat.completions.create({ ...ask, temperature: 0.3, top_k: 20, min_p: 0.05 } as never);
    expect(server.requestsTo('/chat/completions')[0]!.body).toEqual({ ...ask, temperature: 0.3, top_k: 20, min_p: 0.05 });
  });

  it('adds retrieved context as one user message after the latest user message, in what the server receives', async () => {
    const context = fakeContextEngine();
    const { client, server } = await start({ proxy: { context }, backend: { contextWindow: 16384 } });
    await client.chat.completions.create({
      model: 'qwen3',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: 'where is app defined?' },
      ],
    });
    // The earlier user message goes along, so a follow-up is read with the thread.
    expect(context.queries).toEqual([{ query: 'where is app defined?', contextWindow: 16384, earlierMessages: ['first question'] }]);
    expect(server.requestsTo('/chat/completions')[0]!.body.messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'where is app defined?' },
      { role: 'user', content: CONTEXT_BLOCK },
    ]);
  });

  it('checks the prompt against a configured window before calling the server', async () => {
    const { client, server } = await start({ backend: { contextWindow: 1000 } });
    const error = await client.chat.completions.create({ ...ask, messages: [{ role: 'user', content: 'word '.repeat(5000) }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
    expect((error as Error).message).toContain('backends.lmstudio.contextWindow');
    expect(server.requestsTo('/chat/completions')).toHaveLength(0);
  });

  it('raises the server\'s mid-stream error frame in the SDK', async () => {
    const { client, server } = await start();
    server.setScript(() => ({ kind: 'stream-error', text: 'partial', message: 'out of memory' }));
    const error = await (async () => {
      for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) void chunk;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('out of memory');
  });
});

describe('errors from the openai backend', () => {
  it('answers an unknown model with 404 model_not_found naming the backend', async () => {
    const { client } = await start();
    const error = await client.chat.completions.create({ ...ask, model: 'absent' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as Error).message).toContain('"lmstudio"');
  });

  it('sends the configured API key, and says which setting to fix when the server rejects it', async () => {
    const { client } = await start({ fake: { apiKey: 'sk-server' }, backend: { apiKey: 'sk-server' } });
    expect((await client.chat.completions.create(ask)).choices[0]!.message.content).toBe('echo: say hi');
    await running!.close();
    const wrong = await start({ fake: { apiKey: 'sk-server' }, backend: { apiKey: 'sk-wrong' } });
    const error = await wrong.client.chat.completions.create(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).toContain('backends.lmstudio');
  });

  it('turns a server failure into 502 and an unreachable server into a 400 that says where it looked', async () => {
    const { client, server } = await start();
    server.setScript(() => ({ kind: 'error', status: 500, message: 'CUDA error' }));
    const failed = await client.chat.completions.create(ask).catch((caught: unknown) => caught);
    expect((failed as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((failed as Error).message).toContain('CUDA error');

    const url = server.baseUrl;
    await server.close();
    const unreachable = await client.chat.completions.create(ask).catch((caught: unknown) => caught);
    expect(unreachable).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unreachable as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('backend_unreachable');
    expect((unreachable as Error).message).toContain(url);
  });

  it('raises a stream the server cut off as an API error in the SDK', async () => {
    const { client, server } = await start();
    server.setScript(() => ({ kind: 'drop', text: 'a b c d', afterFrames: 2 }));
    const error = await client.chat.completions.create({ ...ask, stream: true }).then(async (stream) => {
      for await (const chunk of stream) void chunk;
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('closed the stream');
  });
});

describe('completions, embeddings and models through the openai backend', () => {
  it('forwards legacy completions, streamed and not', async () => {
    const { client, server } = await start();
    const completion = await client.completions.create({ model: 'qwen3', prompt: 'def f(', suffix: '):' });
    expect(completion.choices[0]!.text).toBe('echo: def f(');
    expect(server.requestsTo('/completions')[0]!.body).toEqual({ model: 'qwen3', prompt: 'def f(', suffix: '):' });
    let text = '';
    for await (const chunk of await client.completions.create({ model: 'qwen3', prompt: 'x', stream: true })) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('echo: x');
  });

  it('asks the server for floats and encodes base64 itself, so the SDK decodes the server\'s exact vectors', async () => {
    const { client, server } = await start();
    const floats = await client.embeddings.create({ model: 'qwen3', input: ['a', 'b'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: 'qwen3', input: ['a', 'b'] });
    expect(server.requestsTo('/embeddings').map((request) => request.body.encoding_format)).toEqual(['float', 'float']);
    expect(decoded.data.map((item) => item.embedding)).toEqual(floats.data.map((item) => item.embedding));
    expect(floats.data[0]!.embedding).toEqual(JSON.parse(server.requestsTo('/embeddings')[0]!.responseText!).data[0].embedding);
    expect(decoded.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('lists the server\'s models from its /v1/models', async () => {
    const { client } = await start({ fake: { models: ['qwen3', 'llama-3.2-3b'] } });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['qwen3', 'llama-3.2-3b']);
  });
});

describe('normalizeOpenAIBaseUrl', () => {
  it('keeps an API prefix and adds /v1 to a bare origin', () => {
    expect(normalizeOpenAIBaseUrl('http://127.0.0.1:1234/v1/')).toBe('http://127.0.0.1:1234/v1');
    expect(normalizeOpenAIBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/v1');
    expect(normalizeOpenAIBaseUrl('https://host/openai/v1')).toBe('https://host/openai/v1');
  });
});
