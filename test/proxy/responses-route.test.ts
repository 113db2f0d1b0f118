import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { textChunks, toolCallChunks } from '../support/fake-ollama.js';
import { readSse } from '../support/sse.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/codex/requests/${name}.json`, import.meta.url), 'utf8')) as {
    headers: Record<string, string>;
    body: Record<string, any>;
  };

let running: TestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const post = (path: string, body: unknown, init: RequestInit = {}) =>
  fetch(`${running!.proxy.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });

const simpleRequest = { model: 'qwen3', input: 'say hi', stream: true };

describe('POST /v1/responses', () => {
  it('streams a real Codex request through Ollama native /api/chat with num_ctx set', async () => {
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('Hello there', { pieces: 3 }) }) } });
    const { body } = fixture('exec-text-turn1');
    const response = await post('/v1/responses', body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = await readSse(response);
    expect(events[0]!.type).toBe('response.created');
    const done = events.filter((event) => event.type === 'response.output_item.done');
    expect(done).toHaveLength(1);
    expect(done[0]!.item.content[0].text).toBe('Hello there');
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage.output_tokens).toBeGreaterThan(0);

    const [upstream] = running.ollama.chatRequests();
    expect(upstream!.path).toBe('/api/chat');
    // The fake model reports 40960; the default cap keeps the KV cache at 32k.
    expect(upstream!.body.options.num_ctx).toBe(32768);
    expect(upstream!.body.messages[0].role).toBe('system');
  });

  it('forwards each upstream chunk as it arrives instead of buffering the answer', async () => {
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('one two three', { pieces: 3 }), chunkDelayMs: 1_000 }) },
    });
    const response = await post('/v1/responses', simpleRequest);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('response.output_text.delta')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('response.output_text.delta');
    // The first delta reached us while Ollama was still writing: leaving now cancels its request.
    await reader.cancel();
    await running.ollama.waitForAbort(running.ollama.chatRequests()[0]!);
  });

  it('answers an unknown model with 404 model_not_found naming the model and the pull command', async () => {
    running = await startTestProxy();
    const response = await post('/v1/responses', { ...simpleRequest, model: 'nope:7b' });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.code).toBe('model_not_found');
    expect(body.error.message).toContain('nope:7b');
    expect(body.error.message).toContain('ollama pull nope:7b');
  });

  it('answers 400 context_length_exceeded instead of letting Ollama truncate the prompt', async () => {
    running = await startTestProxy({ backend: { numCtx: 2048 } });
    const long = 'lorem ipsum dolor sit amet '.repeat(2000);
    const response = await post('/v1/responses', { ...simpleRequest, input: long });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('context_length_exceeded');
    expect(body.error.message).toContain('2048');
    expect(running.ollama.chatRequests()).toHaveLength(0);
  });

  it('rejects malformed JSON and wrong field types with 400 naming the field, and keeps serving', async () => {
    running = await startTestProxy();
    const malformed = await post('/v1/responses', '{"model": "qwen3", "input": [');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);

    const wrongType = await post('/v1/responses', {
      model: 'qwen3',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 42 }] }],
    });
    expect(wrongType.status).toBe(400);
    const error = (await wrongType.json()).error;
    expect(error.param).toBe('input[0].content[0].text');
    expect(error.message).toContain('input[0].content[0].text');

    const missingModel = await post('/v1/responses', { input: 'hi' });
    expect((await missingModel.json()).error.param).toBe('model');

    const ok = await post('/v1/responses', simpleRequest);
    expect(ok.status).toBe(200);
    await ok.text();
  });

  it('tolerates unknown fields and unknown item and tool types', async () => {
    running = await startTestProxy();
    const response = await post('/v1/responses', {
      ...simpleRequest,
      brand_new_field: { x: 1 },
      input: [{ type: 'web_search_call', id: 'ws_1', status: 'completed' }, { role: 'user', content: 'hello' }],
      tools: [{ type: 'web_search', external_web_access: false }, { type: 'future_tool' }],
    });
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events.at(-1)!.type).toBe('response.completed');
    expect(running.ollama.chatRequests()[0]!.body.tools).toBeUndefined();
  });

  it('answers 413 for a body over the limit while still admitting large image-laden requests', async () => {
    running = await startTestProxy({ proxy: { bodyLimitBytes: 2 * 1024 * 1024 } });
    const image = `data:image/png;base64,${Buffer.alloc(1024 * 1024, 7).toString('base64')}`;
    const withImage = await post('/v1/responses', {
      ...simpleRequest,
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'what is this?' }, { type: 'input_image', image_url: image }] }],
    });
    expect(withImage.status).toBe(200);
    await withImage.text();
    expect(running.ollama.chatRequests()[0]!.body.messages.at(-1).images).toHaveLength(1);

    const tooBig = await post('/v1/responses', { ...simpleRequest, input: 'x'.repeat(3 * 1024 * 1024) });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.message).toContain('2 MiB');
  });

  it('turns an error line from Ollama mid-stream into response.failed after the partial text', async () => {
    running = await startTestProxy({
      fake: {
        script: () => ({
          kind: 'chat',
          chunks: [...textChunks('partial answer', { pieces: 2 }).slice(0, 2), { error: 'model runner has unexpectedly stopped' }],
        }),
      },
    });
    const events = await readSse(await post('/v1/responses', simpleRequest));
    const failed = events.at(-1)!;
    expect(failed.type).toBe('response.failed');
    expect(failed.response.error.message).toContain('model runner has unexpectedly stopped');
    expect(events.filter((event) => event.type === 'response.completed')).toHaveLength(0);
  });

  it('ends with response.failed (which Codex retries) when Ollama drops the connection mid-stream', async () => {
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'drop', afterChunks: textChunks('cut short here', { pieces: 3 }).slice(0, 2) }) },
    });
    const events = await readSse(await post('/v1/responses', simpleRequest));
    const failed = events.at(-1)!;
    expect(failed.type).toBe('response.failed');
    expect(failed.response.error.code).toBe('server_error');
    expect(events.filter((event) => event.type === 'response.output_text.delta').length).toBeGreaterThan(0);
  });

  it('reports where it looked and how to start Ollama when the backend is unreachable, without a 5xx', async () => {
    running = await startTestProxy();
    const port = running.ollama.port;
    await running.ollama.close();
    const response = await post('/v1/responses', simpleRequest);
    expect(response.status).toBeLessThan(500);
    const body = await response.json();
    expect(body.error.message).toContain(`127.0.0.1:${port}`);
    expect(body.error.message).toContain('ollama serve');
  });

  it('sends response.in_progress heartbeats while the model is loading', async () => {
    running = await startTestProxy({
      backend: { heartbeatIntervalMs: 100 },
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('late'), firstChunkDelayMs: 650 }) },
    });
    const events = await readSse(await post('/v1/responses', simpleRequest));
    const beforeFirstItem = events.slice(0, events.findIndex((event) => event.type === 'response.output_item.added'));
    expect(beforeFirstItem.filter((event) => event.type === 'response.in_progress').length).toBeGreaterThanOrEqual(4);
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it('aborts the upstream generation when the client closes the connection', async () => {
    running = await startTestProxy({ fake: { script: () => ({ kind: 'hang' }) } });
    const controller = new AbortController();
    const response = await post('/v1/responses', simpleRequest, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // response.created arrived
    const upstream = await running.ollama.waitForRequest((request) => request.path === '/api/chat');
    controller.abort();
    await running.ollama.waitForAbort(upstream, 3000);
    expect(upstream.aborted).toBe(true);
  });

  it('serves several streams at once (Codex sends its title request concurrently with the turn)', async () => {
    running = await startTestProxy({
      fake: {
        script: (request) => ({
          kind: 'chat',
          chunks: textChunks(`answer for ${request.body.messages.at(-1).content}`, { pieces: 4 }),
          chunkDelayMs: 200,
        }),
      },
    });
    const streams = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (letter) => {
        const events = await readSse(await post('/v1/responses', { ...simpleRequest, input: letter }));
        return { text: events.find((event) => event.type === 'response.output_item.done')!.item.content[0].text, finishedAt: Date.now() };
      }),
    );
    expect(streams.map((stream) => stream.text)).toEqual(['answer for a', 'answer for b', 'answer for c', 'answer for d']);
    // Interleaved, not serialised: every stream's request reached Ollama before any stream had finished.
    const received = running.ollama.chatRequests().map((request) => request.receivedAt);
    expect(received).toHaveLength(4);
    expect(Math.max(...received)).toBeLessThan(Math.min(...streams.map((stream) => stream.finishedAt)));
  });

  it('round-trips a namespaced tool call and re-emits apply_patch as a custom tool call', async () => {
    running = await startTestProxy({
      fake: {
        script: () => ({
          kind: 'chat',
          chunks: toolCallChunks([
            { name: 'multi_agent_v1__close_agent', arguments: { target: 'agent-1' } },
            { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n' } },
          ]),
        }),
      },
    });
    const { body } = fixture('exec-apply-patch-custom-turn2');
    const tools = [...body.tools, { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object' } }] }];
    const events = await readSse(await post('/v1/responses', { ...body, tools }));
    const items = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
    expect(items[0]).toMatchObject({ type: 'function_call', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"target":"agent-1"}' });
    expect(items[0].call_id).toMatch(/^call_/);
    expect(items[1]).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n' });
  });

  it('returns one JSON response object for stream:false', async () => {
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('plain json') }) } });
    const response = await post('/v1/responses', { ...simpleRequest, stream: false });
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(body.status).toBe('completed');
    expect(body.output[0].content[0].text).toBe('plain json');
  });

  it('requires the session API key when one is configured', async () => {
    running = await startTestProxy({ proxy: { apiKey: 'session-key-123456' } });
    const denied = await post('/v1/responses', simpleRequest);
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe('invalid_api_key');
    const allowed = await post('/v1/responses', simpleRequest, { headers: { authorization: 'Bearer session-key-123456' } });
    expect(allowed.status).toBe(200);
    await allowed.text();
  });
});

describe('models and health', () => {
  it('lists Ollama models in OpenAI shape and describes one with its real window', async () => {
    running = await startTestProxy({ fake: { models: [{ name: 'qwen3:8b', contextLength: 16384 }, { name: 'llama3.1:8b' }] } });
    const list = await (await fetch(`${running.proxy.baseUrl}/models`)).json();
    expect(list.object).toBe('list');
    expect(list.data.map((model: { id: string }) => model.id)).toEqual(['qwen3:8b', 'llama3.1:8b']);
    const one = await (await fetch(`${running.proxy.baseUrl}/models/qwen3:8b`)).json();
    expect(one).toMatchObject({ id: 'qwen3:8b', object: 'model', context_window: 16384 });
    const missing = await fetch(`${running.proxy.baseUrl}/models/absent`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('model_not_found');
    const health = await (await fetch(`${running.proxy.origin}/health`)).json();
    expect(health.status).toBe('ok');
  });

  it('binds to 127.0.0.1 only', async () => {
    running = await startTestProxy();
    expect(running.proxy.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
