import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRecorder, TurnRecord } from '../../src/notes/session-recorder.js';
import { toolCallChunks } from '../support/fake-ollama.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';
import { fakeContextEngine } from './fake-context-engine.js';
import { startOpenAITestProxy, type OpenAITestProxy } from './start-openai-test-proxy.js';

function memoryRecorder(): SessionRecorder & { turns: TurnRecord[]; recorded: Promise<TurnRecord> } {
  const turns: TurnRecord[] = [];
  let first: (turn: TurnRecord) => void = () => {};
  const recorded = new Promise<TurnRecord>((resolve) => (first = resolve));
  return {
    turns,
    recorded,
    recordTurn(turn) {
      turns.push(turn);
      first(turn);
    },
    flush: async () => {},
    close: async () => {},
  };
}

let ollamaProxy: TestProxy | undefined;
let openaiProxy: OpenAITestProxy | undefined;
afterEach(async () => {
  await ollamaProxy?.close();
  await openaiProxy?.close();
  ollamaProxy = openaiProxy = undefined;
});

describe('chat turns in the session log', () => {
  it('records question, context, tool calls and usage of a translated chat completion', async () => {
    const recorder = memoryRecorder();
    ollamaProxy = await startTestProxy({
      proxy: { recorder, context: fakeContextEngine() },
      fake: { script: () => ({ kind: 'chat', chunks: toolCallChunks([{ name: 'grep', arguments: { pattern: 'app' } }]) }) },
    });
    const client = new OpenAI({ baseURL: ollamaProxy.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 });
    await client.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'where is app?' }] });
    const turn = await recorder.recorded;
    expect(turn).toMatchObject({
      endpoint: 'chat.completions',
      model: 'qwen3',
      backend: 'ollama',
      question: 'where is app?',
      toolCalls: [{ name: 'grep', input: '{"pattern":"app"}' }],
      status: 'completed',
    });
    expect(turn.context?.items).toHaveLength(1);
    expect(turn.usage!.outputTokens).toBeGreaterThan(0);
  });

  it('records a streamed answer passed through from an OpenAI-compatible server', async () => {
    const recorder = memoryRecorder();
    openaiProxy = await startOpenAITestProxy({ proxy: { recorder } });
    let streamed = '';
    for await (const chunk of await openaiProxy.client.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'hello' }], stream: true })) {
      streamed += chunk.choices[0]?.delta.content ?? '';
    }
    const turn = await recorder.recorded;
    expect(turn).toMatchObject({ endpoint: 'chat.completions', backend: 'lmstudio', question: 'hello', answer: streamed, status: 'completed' });
    expect(streamed).toBe('echo: hello');
  });
});
