import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { textChunks, toolCallChunks } from '../support/fake-ollama.js';
import { useOpenAISdkProxy } from '../support/use-openai-sdk-proxy.js';
import { startOpenAITestProxy, type OpenAITestProxy } from '../chat/start-openai-test-proxy.js';

/**
 * The official `openai` SDK's Responses calls against the proxy and a fake Ollama: what a script
 * written for OpenAI's API gets back when pointed at codex-ctx serve.
 */
const proxy = useOpenAISdkProxy();
const start = proxy.start;

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
};

describe('openai SDK → POST /v1/responses', () => {
  it('answers responses.create without `stream` with one Response object: text, usage, status', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('Hello from qwen', { promptEvalCount: 12, evalCount: 4 }) }) } });
    const response = await client.responses.create({ model: 'qwen3', input: 'say hello' });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Hello from qwen');
    expect(response.output).toHaveLength(1);
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 4, total_tokens: 16 });
    expect(proxy.ollama.chatRequests()[0]!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'say hello' });
  });

  it('sends instructions as the system message and reads input given as a list of messages', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('ok') }) } });
    await client.responses.create({
      model: 'qwen3',
      instructions: 'Answer in one word.',
      input: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: [{ type: 'input_text', text: 'second question' }] },
      ],
      max_output_tokens: 32,
      temperature: 0.2,
      store: false,
    });
    const body = proxy.ollama.chatRequests()[0]!.body;
    expect(body.messages.map((message: { role: string; content: string }) => [message.role, message.content])).toEqual([
      ['system', 'Answer in one word.'],
      ['user', 'first question'],
      ['assistant', 'first answer'],
      ['user', 'second question'],
    ]);
    expect(body.options).toMatchObject({ num_predict: 32, temperature: 0.2 });
  });

  it('returns a function call the caller can run, with arguments as a JSON string', async () => {
    const client = await start({
      fake: { script: () => ({ kind: 'chat', chunks: toolCallChunks([{ name: 'get_weather', arguments: { city: 'Oslo' } }]) }) },
    });
    const response = await client.responses.create({ model: 'qwen3', input: 'weather in Oslo?', tools: [weatherTool] });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(JSON.parse((call as { arguments: string }).arguments)).toEqual({ city: 'Oslo' });
    expect((call as { call_id: string }).call_id).toMatch(/^call_/);
    expect(response.output_text).toBe('');
  });

  it('sends no tools for tool_choice "none" and only the named one for a named choice', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('fine') }) } });
    const otherTool = { ...weatherTool, name: 'get_time', description: 'Time in a city' };
    await client.responses.create({ model: 'qwen3', input: 'hi', tools: [weatherTool, otherTool], tool_choice: 'none' });
    await client.responses.create({ model: 'qwen3', input: 'hi', tools: [weatherTool, otherTool], tool_choice: { type: 'function', name: 'get_time' } });
    const [none, named] = proxy.ollama.chatRequests();
    expect(none!.body.tools ?? []).toEqual([]);
    expect(named!.body.tools.map((tool: { function: { name: string } }) => tool.function.name)).toEqual(['get_time']);
  });

  it('streams events with `stream: true` whose deltas add up to the answer, ending in response.completed', async () => {
    const client = await start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('one two three', { pieces: 3 }) }) } });
    const stream = await client.responses.create({ model: 'qwen3', input: 'count', stream: true });
    let text = '';
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('one two three');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('gives responses.stream (the helper) live text and a final response with text and usage', async () => {
    const client = await start({
      // Silences longer than the heartbeat between chunks, as a slow model produces.
      backend: { heartbeatIntervalMs: 20 },
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('slow but steady', { pieces: 3, thinking: 'think first' }), chunkDelayMs: 70 }) },
    });
    const stream = client.responses.stream({ model: 'qwen3', input: 'go' });
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => snapshots.push(event.snapshot));
    const final = await stream.finalResponse();
    expect(snapshots.at(-1)).toBe('slow but steady');
    expect(final.output_text).toBe('slow but steady');
    expect(final.status).toBe('completed');
    expect(final.usage!.output_tokens).toBeGreaterThan(0);
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  });

  it('streams a tool call through responses.stream with its arguments', async () => {
    const client = await start({
      backend: { heartbeatIntervalMs: 20 },
      fake: {
        script: () => ({
          kind: 'chat',
          chunks: toolCallChunks([{ name: 'get_weather', arguments: { city: 'Bergen' } }], { textBefore: 'Checking.' }),
          chunkDelayMs: 70,
        }),
      },
    });
    const final = await client.responses.stream({ model: 'qwen3', input: 'weather?', tools: [weatherTool] }).finalResponse();
    expect(final.output_text).toBe('Checking.');
    const call = final.output.find((item) => item.type === 'function_call') as { name: string; arguments: string } | undefined;
    expect(call?.name).toBe('get_weather');
    expect(JSON.parse(call!.arguments)).toEqual({ city: 'Bergen' });
  });

  it('answers an unknown model and a bad request with errors the SDK raises as APIError', async () => {
    const client = await start();
    const missing = await client.responses.create({ model: 'absent:1b', input: 'x' }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const bad = await client.responses.create({ model: 'qwen3', input: 42 as unknown as string }).catch((caught: unknown) => caught);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input');
  });

  it('refuses previous_response_id and background with a 400 naming the parameter, instead of ignoring them', async () => {
    const client = await start();
    const chained = await client.responses.create({ model: 'qwen3', input: 'and then?', previous_response_id: 'resp_123' }).catch((caught: unknown) => caught);
    expect(chained).toBeInstanceOf(OpenAI.BadRequestError);
    expect((chained as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('previous_response_id');
    expect((chained as Error).message).toMatch(/send the earlier turns in `input`/);
    const background = await client.responses.create({ model: 'qwen3', input: 'x', background: true }).catch((caught: unknown) => caught);
    expect(background).toBeInstanceOf(OpenAI.BadRequestError);
    expect((background as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('background');
    expect(proxy.ollama.chatRequests()).toHaveLength(0);
  });
});

describe('openai SDK → POST /v1/responses on an OpenAI-compatible backend', () => {
  let running: OpenAITestProxy | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers JSON without `stream` whether translated to chat or forwarded; only the translation refuses previous_response_id', async () => {
    running = await startOpenAITestProxy();
    running.server.setScript(() => ({ kind: 'answer', text: 'via chat', promptTokens: 20, completionTokens: 3 }));
    const translated = await running.client.responses.create({ model: 'qwen3', input: 'hi' });
    expect(translated.output_text).toBe('via chat');
    expect(translated.usage).toMatchObject({ input_tokens: 20, output_tokens: 3 });

    const chained = await running.client.responses.create({ model: 'qwen3', input: 'hi', previous_response_id: 'resp_1' }).catch((caught: unknown) => caught);
    expect((chained as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('previous_response_id');
    await running.close();

    // A server with its own Responses API may keep state: the parameter goes on to it.
    running = await startOpenAITestProxy({ fake: { responses: { text: 'via responses' } }, backend: { responses: true, contextWindow: 32_768 } });
    const forwarded = await running.client.responses.create({ model: 'qwen3', input: 'hi', previous_response_id: 'resp_1' });
    expect(forwarded.output_text).toBe('via responses');
    expect(forwarded.status).toBe('completed');
    expect(running.server.requestsTo('/responses')[0]!.body.previous_response_id).toBe('resp_1');
  });

  it('streams through responses.stream on the translated path', async () => {
    running = await startOpenAITestProxy();
    running.server.setScript(() => ({ kind: 'answer', text: 'streamed via chat', reasoning: 'hmm' }));
    const final = await running.client.responses.stream({ model: 'qwen3', input: 'hi' }).finalResponse();
    expect(final.output_text).toBe('streamed via chat');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  });
});
