import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeOpenAIScript } from '../support/fake-openai-server.js';
import { runCodexExec } from '../support/run-codex.js';
import { startOpenAITestProxy, type OpenAITestProxy } from '../chat/start-openai-test-proxy.js';

/**
 * The real Codex CLI → our proxy's /v1/responses → the `openai` backend → a fake OpenAI-compatible
 * server that has only chat completions (like llama.cpp's server or LM Studio): every Codex request is
 * translated to a streamed chat completion and back.
 */
let running: OpenAITestProxy;
let script: FakeOpenAIScript;

beforeAll(async () => {
  running = await startOpenAITestProxy({ fake: { script: (request, index) => script(request, index) } });
});
afterAll(async () => {
  await running?.close();
});
beforeEach(() => {
  running.server.reset();
});

const chatRequests = () => running.server.requestsTo('/chat/completions');
const lastMessage = (body: any) => body.messages.at(-1);

describe('codex exec through the openai backend', () => {
  it('prints a streamed text answer', async () => {
    script = () => ({ kind: 'answer', text: 'Hi from an OpenAI-compatible server!', pieces: 5 });
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'say hi' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Hi from an OpenAI-compatible server!');
    expect(running.server.requestsTo('/responses')).toHaveLength(0);
    const [request] = chatRequests();
    expect(request!.body).toMatchObject({ model: 'qwen3', stream: true });
    expect(lastMessage(request!.body)).toMatchObject({ role: 'user', content: 'say hi' });
  });

  it('runs an exec_command round trip and answers with the command output', async () => {
    script = (request) => {
      const last = lastMessage(request.body);
      if (last.role === 'tool') {
        const output = /hello-from-tool/.test(last.content) ? 'hello-from-tool' : 'nothing';
        return { kind: 'answer', text: `The command printed: ${output}` };
      }
      return { kind: 'answer', toolCalls: [{ name: 'exec_command', arguments: '{"cmd":"echo hello-from-tool"}' }], pieces: 4 };
    };
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'run echo' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('The command printed: hello-from-tool');
    const requests = chatRequests();
    expect(requests).toHaveLength(2);
    const replayed = requests[1]!.body.messages;
    const call = replayed.find((message: any) => message.tool_calls);
    const output = replayed.find((message: any) => message.role === 'tool');
    expect(call.tool_calls[0].function).toEqual({ name: 'exec_command', arguments: '{"cmd":"echo hello-from-tool"}' });
    expect(output.tool_call_id).toBe(call.tool_calls[0].id);
  });
});
