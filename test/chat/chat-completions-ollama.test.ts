import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { textChunks, toolCallChunks } from '../support/fake-ollama.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';
import { CONTEXT_BLOCK, fakeContextEngine } from './fake-context-engine.js';

/** The official openai SDK → the proxy's /v1/chat/completions → the fake Ollama's native /api/chat. */
let running: TestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Parameters<typeof startTestProxy>[0] = {}) {
  running = await startTestProxy(options);
  // No retries: a 5xx must surface in the test, not be retried by the SDK.
  return new OpenAI({ baseURL: running.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 });
}

const upstream = () => running!.ollama.chatRequests().at(-1)!.body;
const ask = { model: 'qwen3', messages: [{ role: 'user' as const, content: 'say hi' }] };

describe('POST /v1/chat/completions on the Ollama backend', () => {
  it('answers a non-streamed request with one chat.completion, its usage, and num_ctx sent upstream', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('Hello there', { promptEvalCount: 30, evalCount: 2 }) }) } });
    const completion = await client.chat.completions.create(ask);
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'Hello there' });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 2, total_tokens: 32 });
    expect(upstream()).toMatchObject({ model: 'qwen3', stream: true, options: { num_ctx: 32768 }, messages: [{ role: 'user', content: 'say hi' }] });
  });

  it('streams chat.completion.chunks with the role first and, when asked, a final usage chunk with no choices', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('one two three', { pieces: 3 }) }) } });
    const chunks = [];
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } })) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('ends the stream with data: [DONE] and sends no usage chunk unless asked', async () => {
    await start();
    const response = await fetch(`${running!.proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask, stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).not.toContain('"choices":[]');
    expect(text).not.toContain('"usage"');
  });

  it('streams tool calls as a header fragment then argument fragments, with one stable index per call', async () => {
    const client = await start({
      fake: {
        script: () => ({
          kind: 'chat',
          chunks: toolCallChunks(
            [
              { name: 'read_file', arguments: { path: 'a.ts' }, id: 'call_one' },
              { name: 'read_file', arguments: { path: 'b.ts' }, id: 'call_two' },
            ],
            { perCallChunks: true },
          ),
        }),
      },
    });
    const tools = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
    const stream = client.chat.completions.stream({ ...ask, tools });
    const fragments: Array<{ index: number; id?: string | undefined; arguments?: string | undefined }> = [];
    stream.on('chunk', (chunk) => {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) fragments.push({ index: call.index, id: call.id, arguments: call.function?.arguments });
    });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.tool_calls).toEqual([
      { id: 'call_one', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
      { id: 'call_two', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.ts"}' } },
    ]);
    expect(fragments).toEqual([
      { index: 0, id: 'call_one', arguments: '' },
      { index: 0, id: undefined, arguments: '{"path":"a.ts"}' },
      { index: 1, id: 'call_two', arguments: '' },
      { index: 1, id: undefined, arguments: '{"path":"b.ts"}' },
    ]);
    expect(upstream().tools).toEqual([{ type: 'function', function: tools[0]!.function }]);
  });

  it('replays a tool call and its result as Ollama wants them: arguments as an object, the result named', async () => {
    const client = await start();
    await client.chat.completions.create({
      model: 'qwen3',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'read a.ts' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'export {}' },
      ],
    });
    expect(upstream().messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'read a.ts' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', function: { name: 'read_file', arguments: { path: 'a.ts' } } }] },
      { role: 'tool', content: 'export {}', tool_call_id: 'call_1', tool_name: 'read_file' },
    ]);
  });

  it('maps JSON mode to format "json" and a JSON schema to the schema itself', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('{"ok":true}') }) } });
    const json = await client.chat.completions.create({ ...ask, response_format: { type: 'json_object' } });
    expect(JSON.parse(json.choices[0]!.message.content!)).toEqual({ ok: true });
    expect(upstream().format).toBe('json');
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    await client.chat.completions.create({ ...ask, response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } } });
    expect(upstream().format).toEqual(schema);
  });

  it('maps sampling options: max_completion_tokens over max_tokens, stop as a list, seed, temperature, top_p', async () => {
    const client = await start();
    await client.chat.completions.create({ ...ask, max_tokens: 10, max_completion_tokens: 20, stop: 'END', seed: 7, temperature: 0.2, top_p: 0.9 });
    expect(upstream().options).toEqual({ num_ctx: 32768, num_predict: 20, stop: ['END'], seed: 7, temperature: 0.2, top_p: 0.9 });
    await client.chat.completions.create({ ...ask, max_tokens: 10, stop: ['a', 'b'] });
    expect(upstream().options).toMatchObject({ num_predict: 10, stop: ['a', 'b'] });
  });

  it('sends data-URL images as base64 images and never fetches remote ones', async () => {
    const client = await start();
    const png = Buffer.from('fake png bytes').toString('base64');
    await client.chat.completions.create({
      model: 'qwen3',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    expect(upstream().messages).toEqual([{ role: 'user', content: 'what is this?', images: [png] }]);
  });

  it('sends no tools for tool_choice "none", and only the named tool for a named choice', async () => {
    const client = await start();
    const tools = ['a', 'b'].map((name) => ({ type: 'function' as const, function: { name, parameters: { type: 'object' } } }));
    await client.chat.completions.create({ ...ask, tools, tool_choice: 'none' });
    expect(upstream().tools).toBeUndefined();
    await client.chat.completions.create({ ...ask, tools, tool_choice: { type: 'function', function: { name: 'b' } } });
    expect(upstream().tools.map((tool: any) => tool.function.name)).toEqual(['b']);
    await client.chat.completions.create({ ...ask, tools, tool_choice: 'required' });
    expect(upstream().tools.map((tool: any) => tool.function.name)).toEqual(['a', 'b']);
  });

  it('reports a cut answer as finish_reason "length"', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('cut', { doneReason: 'length' }) }) } });
    const completion = await client.chat.completions.create({ ...ask, max_tokens: 1 });
    expect(completion.choices[0]!.finish_reason).toBe('length');
  });

  it('answers an unknown model with 404 model_not_found and the pull command', async () => {
    const client = await start();
    const error = await client.chat.completions.create({ ...ask, model: 'nope:7b' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as Error).message).toContain('ollama pull nope:7b');
  });

  it('answers 400 context_length_exceeded for a prompt over the window, without calling Ollama', async () => {
    const client = await start({ backend: { numCtx: 2048 } });
    const long = 'lorem ipsum dolor sit amet '.repeat(2000);
    const error = await client.chat.completions.create({ ...ask, messages: [{ role: 'user', content: long }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
    expect((error as Error).message).toContain('2048');
    expect(running!.ollama.chatRequests()).toHaveLength(0);
  });

  it('names the offending field of an invalid request', async () => {
    const client = await start();
    const error = await client.chat.completions
      .create({ model: 'qwen3', messages: [{ role: 'user', content: [{ type: 'text', text: 42 as never }] }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages[0].content[0].text');
  });

  it('raises an Ollama error line in the middle of a stream as an API error, after the text so far', async () => {
    const client = await start({
      fake: { script: () => ({ kind: 'chat', chunks: [...textChunks('partial answer', { pieces: 2 }).slice(0, 2), { error: 'model runner has unexpectedly stopped' }] }) },
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((caught: unknown) => caught);
    expect(text).toBe('partial answer');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('model runner has unexpectedly stopped');
  });

  it('answers a non-streamed request whose upstream dropped with a 502, not a half answer', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'drop', afterChunks: textChunks('cut short here', { pieces: 3 }).slice(0, 2) }) } });
    const error = await client.chat.completions.create(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  });

  it('aborts the generation upstream when the client goes away', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('a b c d e f g', { pieces: 7 }), chunkDelayMs: 200 }) } });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break; // the SDK aborts the request on break
    }
    const request = running!.ollama.chatRequests()[0]!;
    await running!.ollama.waitForAbort(request, 3000);
    expect(request.aborted).toBe(true);
  });
});

describe('context enrichment of chat completions', () => {
  it('inserts one user message with the block right after the latest user message, leaving the rest as sent', async () => {
    const context = fakeContextEngine();
    const client = await start({ proxy: { context } });
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'where is app defined?' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'grep', arguments: '{}' } }] },
      { role: 'tool' as const, tool_call_id: 'c1', content: 'src/app.ts' },
    ];
    await client.chat.completions.create({ model: 'qwen3', messages });
    expect(context.queries).toEqual([{ query: 'where is app defined?', contextWindow: 32768 }]);
    expect(upstream().messages.map((message: any) => [message.role, message.content])).toEqual([
      ['system', 'be brief'],
      ['user', 'where is app defined?'],
      ['user', CONTEXT_BLOCK],
      ['assistant', ''],
      ['tool', 'src/app.ts'],
    ]);
  });

  it('leaves the request untouched when retrieval finds nothing', async () => {
    const client = await start({ proxy: { context: fakeContextEngine(null) } });
    await client.chat.completions.create(ask);
    expect(upstream().messages).toEqual([{ role: 'user', content: 'say hi' }]);
  });

  it('sends the client\'s own request when the context is what would overflow the window', async () => {
    const client = await start({ proxy: { context: fakeContextEngine(`<codex-ctx-context>${'ctx '.repeat(9000)}</codex-ctx-context>`) }, backend: { numCtx: 4096 } });
    const completion = await client.chat.completions.create(ask);
    expect(completion.choices[0]!.message.content).toBe('echo: say hi');
    expect(upstream().messages).toEqual([{ role: 'user', content: 'say hi' }]);
  });
});
