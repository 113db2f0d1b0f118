import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCodexCtxWorld } from '../support/codex-ctx-world.js';
import { startFakeOllama, textChunks, type FakeOllama, type FakeScript } from '../support/fake-ollama.js';

/**
 * Issue 14 as a user meets it: `codex-ctx` with the real pinned Codex, and a fake Ollama whose model
 * writes its tool call as text content (no structured tool_calls). Codex must really run the command
 * or apply the patch, and see the result in its next request; `--no-tool-rescue` must leave the text
 * alone.
 */
const fakes: FakeOllama[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

/** First request: the model's text; once Codex sends a tool result back: a closing answer. */
function writesAsText(text: string): FakeScript {
  return (request) => {
    const last = request.body.messages.at(-1);
    if (last?.role === 'tool') return { kind: 'chat', chunks: textChunks('Done.') };
    return { kind: 'chat', chunks: textChunks(text, { pieces: 9 }) };
  };
}

async function world(script: FakeScript) {
  const ollama = await startFakeOllama({ models: [{ name: 'qwen3:latest', contextLength: 40960 }], script });
  fakes.push(ollama);
  const { repo, env, run } = await createCodexCtxWorld(ollama.url, { prefix: 'codex-ctx-rescue-e2e-' });
  const proxyLog = () => {
    const file = join(env.XDG_STATE_HOME, 'codex-ctx', 'codex-ctx.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return { ollama, repo, run: (args: string[]) => run(['-m', 'qwen3', '--no-context', ...args]), runOwnCommand: run, proxyLog };
}

/** The tool result Codex sent back in its second request, or undefined when it ran nothing. */
function toolResult(ollama: FakeOllama): string | undefined {
  const second = ollama.chatRequests()[1]?.body;
  return second?.messages.find((message: any) => message.role === 'tool')?.content;
}

describe('codex-ctx rescues tool calls the model wrote as text (real Codex)', () => {
  it('runs an exec_command written in <tool_call> tags after a preamble, and notes and logs the rescue', async () => {
    const text =
      'I will print the marker.\n<tool_call>\n{"name": "exec_command", "arguments": {"cmd": "echo rescued-$((40+2))"}}\n</tool_call>';
    const { ollama, repo, run, runOwnCommand, proxyLog } = await world(writesAsText(text));
    const result = await run(['--verbose', 'exec', 'print the marker']);
    expect(result.exitCode, result.stderr).toBe(0);
    // The shell expanded it, so Codex really ran the command.
    expect(toolResult(ollama)).toContain('rescued-42');
    expect(result.stdout).toContain('Done.');

    const notes = readdirSync(join(repo, 'docs', 'codex-ctx'), { recursive: true }).map(String).filter((file) => file.endsWith('.md'));
    const texts = notes.map((file) => readFileSync(join(repo, 'docs', 'codex-ctx', file), 'utf8'));
    expect(texts.some((note) => note.includes('\nrescued_calls: 1\n') && note.includes('codex-ctx/session'))).toBe(true);
    expect(texts.some((note) => note.includes('exec_command (tagged-json)'))).toBe(true);
    const validate = await runOwnCommand(['log', 'validate']);
    expect(validate.exitCode, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout.trim()).toBe('No problems found.');

    const log = proxyLog();
    expect(log).toContain('tool call rescued from text');
    expect(log).toContain('tagged-json');
    // The arguments never reach the log: they may hold secrets.
    expect(log).not.toContain('echo rescued');
  });

  it('runs a shell call written as a bare JSON object', async () => {
    const text = '{"name": "exec_command", "arguments": "{\\"cmd\\": \\"echo bare-$((6*7))\\"}"}';
    const { ollama, run } = await world(writesAsText(text));
    const result = await run(['--no-log', 'exec', 'print it']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(toolResult(ollama)).toContain('bare-42');
  });

  it('applies a *** Begin Patch envelope written as the answer (workspace-write)', async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello from a rescued patch\n*** End Patch';
    const { ollama, repo, run } = await world(writesAsText(`I'll create the file.\n\n${patch}\n`));
    const result = await run(['--no-log', 'exec', '-s', 'workspace-write', 'create hello.txt']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(repo, 'hello.txt'), 'utf8')).toBe('hello from a rescued patch\n');
    expect(toolResult(ollama)).toContain('hello.txt');
  });

  it('with --no-tool-rescue, Codex gets the text unchanged and runs nothing', async () => {
    const text = '{"name": "exec_command", "arguments": {"cmd": "echo should-not-run"}}';
    const { ollama, run } = await world(writesAsText(text));
    const result = await run(['--no-log', '--no-tool-rescue', 'exec', 'print it']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(text);
    expect(ollama.chatRequests()).toHaveLength(1);
    expect(toolResult(ollama)).toBeUndefined();
  });
});
