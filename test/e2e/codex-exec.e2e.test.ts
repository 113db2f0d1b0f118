import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textChunks, toolCallChunks, type FakeScript } from '../support/fake-ollama.js';
import { runCodexExec } from '../support/run-codex.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/**
 * The real, pinned Codex CLI (package.json) → our proxy → a fake Ollama, all on loopback. These are the cases the spec
 * lists as silently broken in other proxies (§8).
 */
let running: TestProxy;
let script: FakeScript;

beforeAll(async () => {
  running = await startTestProxy({ fake: { script: (request, index) => script(request, index) } });
});
afterAll(async () => {
  await running?.close();
});
beforeEach(() => {
  running.ollama.reset();
});

const lastMessage = (body: any) => body.messages.at(-1);

// A catalog entry (spec §2) so Codex declares apply_patch as a custom tool and knows the window.
const catalog = JSON.parse(readFileSync(new URL('../fixtures/codex/model-catalog-min.json', import.meta.url), 'utf8'));

describe('codex exec through the proxy', () => {
  it('prints a streamed text answer', async () => {
    script = () => ({ kind: 'chat', chunks: textChunks('Hi from the local model!', { pieces: 5 }) });
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'say hi' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Hi from the local model!');
    const [request] = running.ollama.chatRequests();
    expect(lastMessage(request!.body)).toMatchObject({ role: 'user', content: 'say hi' });
  });

  it('runs an exec_command round trip and answers with the command output', async () => {
    script = (request) => {
      const last = lastMessage(request.body);
      if (last.role === 'tool') {
        const output = /hello-from-tool/.test(last.content) ? 'hello-from-tool' : 'nothing';
        return { kind: 'chat', chunks: textChunks(`The command printed: ${output}`) };
      }
      return { kind: 'chat', chunks: toolCallChunks([{ name: 'exec_command', arguments: { cmd: 'echo hello-from-tool' } }]) };
    };
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'run echo' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('The command printed: hello-from-tool');
    const requests = running.ollama.chatRequests();
    expect(requests).toHaveLength(2);
    const replayed = requests[1]!.body.messages;
    const call = replayed.find((message: any) => message.tool_calls);
    const output = replayed.find((message: any) => message.role === 'tool');
    expect(call.tool_calls[0].function).toMatchObject({ name: 'exec_command', arguments: { cmd: 'echo hello-from-tool' } });
    expect(output.tool_call_id).toBe(call.tool_calls[0].id);
  });

  it('writes a file with apply_patch declared as a custom tool (workspace-write)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'codex-patch-'));
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello from apply_patch\n*** End Patch\n';
    script = (request) => {
      if (lastMessage(request.body).role === 'tool') return { kind: 'chat', chunks: textChunks('Created hello.txt.') };
      return { kind: 'chat', chunks: toolCallChunks([{ name: 'apply_patch', arguments: { input: patch } }]) };
    };
    const run = await runCodexExec({
      baseUrl: running.proxy.baseUrl,
      prompt: 'create hello.txt',
      cwd,
      catalog,
      extraArgs: ['-s', 'workspace-write'],
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'hello.txt'), 'utf8')).toBe('hello from apply_patch\n');
    // Codex declared apply_patch as custom; Ollama saw a function with one string parameter.
    const declared = running.ollama.chatRequests()[0]!.body.tools.find((tool: any) => tool.function.name === 'apply_patch');
    expect(Object.keys(declared.function.parameters.properties)).toEqual(['input']);
    const toolMessage = lastMessage(running.ollama.chatRequests()[1]!.body);
    expect(toolMessage.content).toContain('hello.txt');
  });

  it('round-trips a call to a namespaced tool', async () => {
    script = (request) => {
      if (lastMessage(request.body).role === 'tool') return { kind: 'chat', chunks: textChunks('namespace done') };
      return { kind: 'chat', chunks: toolCallChunks([{ name: 'multi_agent_v1__close_agent', arguments: { target: 'no-such-agent' } }]) };
    };
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'close the agent' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('namespace done');
    const second = running.ollama.chatRequests()[1]!.body.messages;
    const call = second.find((message: any) => message.tool_calls);
    expect(call.tool_calls[0].function.name).toBe('multi_agent_v1__close_agent');
    const output = second.find((message: any) => message.role === 'tool');
    // Codex ran its own close_agent (it knows no such agent), instead of refusing an unknown tool.
    expect(output.content).not.toMatch(/unsupported call/);
  });

  it('ends an unknown model with a clear message and exit 1, well inside the run limit (no retry loop)', async () => {
    script = () => ({ kind: 'chat', chunks: textChunks('unreachable') });
    const run = await runCodexExec({ baseUrl: running.proxy.baseUrl, prompt: 'hi', model: 'not-pulled:1b', timeoutMs: 30_000 });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ollama pull not-pulled:1b');
    expect(running.ollama.chatRequests()).toHaveLength(0);
  });
});

describe('codex exec with heartbeats in the middle of an answer', () => {
  it('takes heartbeats that carry the items so far (for SDK clients) and prints the whole answer', async () => {
    // Pauses between chunks longer than the heartbeat: in_progress events arrive while a reasoning
    // item, then a message, is open.
    const slow = await startTestProxy({
      backend: { heartbeatIntervalMs: 40 },
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('Answer after pauses', { pieces: 3, thinking: 'let me think' }), chunkDelayMs: 200 }) },
    });
    try {
      const run = await runCodexExec({ baseUrl: slow.proxy.baseUrl, prompt: 'take your time' });
      expect(run.exitCode, run.stderr).toBe(0);
      // Printed once: Codex neither re-reads the snapshots as output nor retries the response.
      expect(run.stdout.split('Answer after pauses')).toHaveLength(2);
      expect(run.stderr).not.toMatch(/Reconnecting|ERROR/);
      expect(slow.ollama.chatRequests()).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

it('keeps the fixture catalog valid for these tests', () => {
  expect(existsSync(new URL('../fixtures/codex/model-catalog-min.json', import.meta.url))).toBe(true);
});
