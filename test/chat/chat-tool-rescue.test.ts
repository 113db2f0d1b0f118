import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import type { SessionRecorder, TurnRecord } from '../../src/notes/session-recorder.js';
import type { ProxyOptions } from '../../src/proxy/proxy-options.js';
import type { DeclaredTool } from '../../src/responses/tool-rescue/tool-rescue-types.js';
import { loadToolRescueFixtures, type ToolRescueFixture } from '../fixtures/tool-rescue/load-tool-rescue-fixtures.js';
import { textChunks, toolCallChunks } from '../support/fake-ollama.js';
import { startTestProxy } from '../support/start-test-proxy.js';
import { startOpenAITestProxy } from './start-openai-test-proxy.js';

/**
 * Issue 14 on /v1/chat/completions: the model writes its tool call as text, and an OpenAI SDK client
 * (an agent framework, an editor) must still get `tool_calls` and `finish_reason: "tool_calls"`,
 * streamed and not, through the Ollama backend and through an OpenAI-compatible server.
 */
type Expected = Exclude<ToolRescueFixture['expected'], 'unchanged'>;
const byName = (group: 'failures' | 'look-alikes', name: string) =>
  loadToolRescueFixtures(group).find((fixture) => fixture.file.endsWith(`/${name}.json`))!;
// Chat tools are functions: the fixtures whose tools are all functions apply unchanged.
const functionsOnly = (fixture: ToolRescueFixture) => fixture.tools.every((tool) => tool.kind === 'function');
const failures = loadToolRescueFixtures('failures').filter(functionsOnly);
const lookAlikes = loadToolRescueFixtures('look-alikes').filter(functionsOnly);

const WEATHER_TOOL = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const TAGGED = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const BARE = '{"name": "get_weather", "arguments": {"city": "Paris"}}';
const PREAMBLE = 'Let me check the weather for you.\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const UNDECLARED = '{"name": "get_time", "arguments": {"city": "Paris"}}';

function chatTools(tools: readonly DeclaredTool[]) {
  return tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, parameters: tool.parameters ?? { type: 'object', properties: {} } } }));
}

interface Running {
  client: OpenAI;
  baseUrl: string;
  /** The bytes the OpenAI-compatible server sent for its last chat completion (openai backend only). */
  serverBytes?: () => string | undefined;
  close(): Promise<void>;
}

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Each backend, with the model's answer given as text. */
const backends = {
  async ollama(text: string, proxy: Partial<ProxyOptions> = {}): Promise<Running> {
    const started = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(text, { pieces: 7 }) }) }, proxy });
    return {
      client: new OpenAI({ baseURL: started.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 }),
      baseUrl: started.proxy.baseUrl,
      close: started.close,
    };
  },
  async openai(text: string, proxy: Partial<ProxyOptions> = {}): Promise<Running> {
    const started = await startOpenAITestProxy({ proxy, fake: { script: () => ({ kind: 'answer', text, pieces: 7 }) } });
    return {
      client: started.client,
      baseUrl: started.proxy.baseUrl,
      serverBytes: () => started.server.requestsTo('/chat/completions').at(-1)?.responseText,
      close: started.close,
    };
  },
};

async function start(backend: keyof typeof backends, text: string, proxy?: Partial<ProxyOptions>): Promise<Running> {
  running = await backends[backend](text, proxy);
  return running;
}

const ask = (tools: unknown[] | undefined, extra: Record<string, unknown> = {}) =>
  ({ model: 'qwen3', messages: [{ role: 'user' as const, content: 'weather in Paris?' }], ...(tools ? { tools } : {}), ...extra }) as never;

/** The SDK's own accumulation of a stream (`stream: true`), as agent frameworks use it. */
async function streamed(client: OpenAI, request: object) {
  const stream = client.chat.completions.stream(request as never);
  const final = await stream.finalChatCompletion();
  return final.choices[0]!;
}

async function created(client: OpenAI, request: object) {
  const completion = await client.chat.completions.create(request as never);
  return (completion as OpenAI.ChatCompletion).choices[0]!;
}

const modes = { streaming: streamed, 'not streaming': created };

describe.each(['ollama', 'openai'] as const)('/v1/chat/completions, %s backend', (backend) => {
  describe.each(Object.keys(modes) as Array<keyof typeof modes>)('%s', (mode) => {
    const answer = modes[mode];

    it.each([
      ['tagged JSON', TAGGED, null],
      ['bare JSON', BARE, null],
      ['a preamble, then an untagged call', PREAMBLE, 'Let me check the weather for you.\n'],
    ])('turns %s into tool_calls', async (_label, text, content) => {
      const { client } = await start(backend, text);
      const choice = await answer(client, ask([WEATHER_TOOL]));
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content || null).toBe(content);
      expect(choice.message.tool_calls).toHaveLength(1);
      const call = choice.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
      expect(call.id).toMatch(/^call_/);
      expect(call.type).toBe('function');
      expect(call.function.name).toBe('get_weather');
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    });

    it('leaves JSON that names no declared tool as text', async () => {
      const { client } = await start(backend, UNDECLARED);
      const choice = await answer(client, ask([WEATHER_TOOL]));
      expect(choice.message.content).toBe(UNDECLARED);
      expect(choice.message.tool_calls ?? []).toEqual([]);
      expect(choice.finish_reason).toBe('stop');
    });

    it('leaves the text alone with the rescue off, or with tool_choice "none"', async () => {
      const { client } = await start(backend, TAGGED, { toolRescue: false });
      const off = await answer(client, ask([WEATHER_TOOL]));
      expect(off.message.content).toBe(TAGGED);
      expect(off.message.tool_calls ?? []).toEqual([]);
      expect(off.finish_reason).toBe('stop');
      await running!.close();
      const { client: second } = await start(backend, TAGGED);
      const none = await answer(second, ask([WEATHER_TOOL], { tool_choice: 'none' }));
      expect(none.message.content).toBe(TAGGED);
      expect(none.finish_reason).toBe('stop');
    });
  });

  it.each(failures)('streams $file as the calls it spells', async (fixture) => {
    const { client } = await start(backend, fixture.text);
    const choice = await streamed(client, ask(chatTools(fixture.tools)));
    const expected = fixture.expected as Expected;
    expect(choice.message.content ?? '').toBe(expected.text);
    expect(
      choice.message.tool_calls!.map((call) => {
        const { name, arguments: args } = (call as OpenAI.ChatCompletionMessageFunctionToolCall).function;
        return { name, arguments: JSON.parse(args) };
      }),
    ).toEqual(expected.calls.map(({ name, arguments: args }) => ({ name, arguments: args })));
    expect(choice.finish_reason).toBe('tool_calls');
  });

  it.each(lookAlikes)('streams $file unchanged', async (fixture) => {
    const { client } = await start(backend, fixture.text);
    const choice = await streamed(client, ask(chatTools(fixture.tools)));
    expect(choice.message.content).toBe(fixture.text);
    expect(choice.message.tool_calls ?? []).toEqual([]);
    expect(choice.finish_reason).toBe('stop');
  });

  it('logs each rescue with tool and shape but not the arguments, and counts it in the turn note', async () => {
    const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const logger: Logger = {
      debug: (message, fields) => lines.push({ message, fields }),
      info() {},
      warn() {},
      error() {},
      flush: async () => {},
    };
    const turns: TurnRecord[] = [];
    const recorder: SessionRecorder = { recordTurn: (turn) => turns.push(turn), flush: async () => {}, close: async () => {} };
    const { client } = await start(backend, TAGGED, { logger, recorder });
    await streamed(client, ask([WEATHER_TOOL]));
    await expect.poll(() => turns.length).toBe(1);
    expect(turns[0]!.rescuedCalls).toEqual([{ tool: 'get_weather', shape: 'tagged-json' }]);
    expect(turns[0]!.toolCalls.map((call) => call.name)).toEqual(['get_weather']);
    const rescued = lines.filter((line) => line.message === 'tool call rescued from text');
    expect(rescued.map((line) => ({ tool: line.fields?.['tool'], shape: line.fields?.['shape'] }))).toEqual([{ tool: 'get_weather', shape: 'tagged-json' }]);
    expect(JSON.stringify(rescued)).not.toContain('Paris');
  });
});

describe('/v1/chat/completions, structured calls beside rescued ones', () => {
  it('Ollama: prose then a structured call arrive as sent; a call written as text first takes index 0', async () => {
    const replies = [
      toolCallChunks([{ name: 'get_weather', arguments: { city: 'Rome' } }], { textBefore: 'Checking.' }),
      toolCallChunks([{ name: 'get_weather', arguments: { city: 'Rome' } }], { textBefore: BARE }),
    ];
    const started = await startTestProxy({ fake: { script: (_request, index) => ({ kind: 'chat', chunks: replies[index]! }) } });
    running = { client: new OpenAI({ baseURL: started.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 }), baseUrl: started.proxy.baseUrl, close: started.close };
    const arguments_ = (choice: Awaited<ReturnType<typeof streamed>>) =>
      choice.message.tool_calls!.map((call) => JSON.parse((call as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments));
    const prose = await streamed(running.client, ask([WEATHER_TOOL]));
    expect(prose.message.content).toBe('Checking.');
    expect(arguments_(prose)).toEqual([{ city: 'Rome' }]);
    expect(prose.finish_reason).toBe('tool_calls');
    const both = await streamed(running.client, ask([WEATHER_TOOL]));
    expect(both.message.content || null).toBeNull();
    expect(arguments_(both)).toEqual([{ city: 'Paris' }, { city: 'Rome' }]);
    expect(both.finish_reason).toBe('tool_calls');
  });

  it('openai: a call written as text before a structured call comes first, and the structured one moves to index 1', async () => {
    const started = await startOpenAITestProxy({
      fake: { script: () => ({ kind: 'answer', text: BARE, toolCalls: [{ name: 'get_weather', arguments: '{"city":"Rome"}' }] }) },
    });
    running = { client: started.client, baseUrl: started.proxy.baseUrl, close: started.close };
    for (const answer of [streamed, created]) {
      const choice = await answer(started.client, ask([WEATHER_TOOL]));
      expect(choice.message.content || null).toBeNull();
      expect(choice.message.tool_calls!.map((call) => JSON.parse((call as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments))).toEqual([
        { city: 'Paris' },
        { city: 'Rome' },
      ]);
      expect(choice.finish_reason).toBe('tool_calls');
    }
  });
});

describe('/v1/chat/completions, openai backend without tools', () => {
  it('relays the server\'s bytes unchanged, streamed and not, even when the text spells a call', async () => {
    const started = await start('openai', TAGGED);
    for (const stream of [true, false]) {
      const response = await fetch(`${started.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(ask(undefined) as object), stream }),
      });
      expect(await response.text()).toBe(started.serverBytes!());
    }
  });

  it('relays a non-streamed body unchanged when tools are declared but nothing is rescued', async () => {
    const started = await start('openai', 'It is sunny in Paris.');
    const response = await fetch(`${started.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask([WEATHER_TOOL])),
    });
    expect(await response.text()).toBe(started.serverBytes!());
  });
});
