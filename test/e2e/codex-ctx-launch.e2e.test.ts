import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_INSTRUCTIONS } from '../../src/cli/base-instructions.js';
import { CODEX_BUILT_IN_PROMPT, CODEX_TOOL_SCHEMA_TOKENS, CODEX_TURN_SETUP_TOKENS } from '../../src/cli/codex-prompt-floor.js';
import { countTokens, loadTokenizer } from '../../src/tokens/tokenizer.js';
import { createCodexCtxWorld } from '../support/codex-ctx-world.js';
import { startFakeOllama, type FakeOllama, type FakeScript } from '../support/fake-ollama.js';

/**
 * `codex-ctx` as a user runs it: its own process, the real pinned Codex, the real proxy and retrieval,
 * a fake Ollama (see createCodexCtxWorld).
 */
const fakes: FakeOllama[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function world(script?: FakeScript) {
  const ollama = await startFakeOllama({ models: [{ name: 'qwen3:latest', contextLength: 40960 }], ...(script ? { script } : {}) });
  fakes.push(ollama);
  const { base, repo, run } = await createCodexCtxWorld(ollama.url);
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(
    join(repo, 'src', 'auth.ts'),
    'export function verifyToken(token: string): boolean {\n  return token.startsWith("tok_");\n}\n',
  );
  return { ollama, repo, base, run };
}

function systemText(body: any): string {
  return body.messages.filter((message: any) => message.role === 'system').map((message: any) => message.content).join('\n');
}

describe('codex-ctx with the real Codex', () => {
  it('answers through the proxy with our prompt, the real window, apply_patch, repo context and a session note', async () => {
    const { ollama, repo, run } = await world();
    const result = await run(['-m', 'qwen3', 'exec', 'where is verifyToken defined?']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('echo: ');

    const chat = ollama.chatRequests().find((request) => JSON.stringify(request.body).includes('verifyToken defined'));
    expect(chat).toBeDefined();
    const body = chat!.body;
    expect(systemText(body).startsWith(BASE_INSTRUCTIONS.slice(0, 60))).toBe(true);
    expect(body.options.num_ctx).toBe(32768);
    expect(body.tools.map((tool: any) => tool.function.name)).toContain('apply_patch');
    expect(JSON.stringify(body.messages)).toContain('src/auth.ts');
    expect(readdirSync(join(repo, 'docs', 'codex-ctx'), { recursive: true }).some((file) => String(file).endsWith('.md'))).toBe(true);
  });

  it('--codex-prompt keeps Codex’s own system prompt', async () => {
    const { ollama, run } = await world();
    const result = await run(['-m', 'qwen3', '--codex-prompt', '--no-log', '--no-context', 'exec', 'say hi']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(systemText(ollama.chatRequests()[0]!.body)).toMatch(/^You are a coding agent running in the Codex CLI/);
  });

  it('stops before Codex with the pull command when the model is missing', async () => {
    const { ollama, run } = await world();
    const result = await run(['-m', 'nope:7b', 'exec', 'hi']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(`codex-ctx: model nope:7b is not in Ollama at ${ollama.url} (installed: qwen3:latest); run: ollama pull nope:7b`);
    expect(ollama.chatRequests()).toHaveLength(0);
  });

  it('says how to resume through codex-ctx, and `exec resume --last` brings the earlier turn to our proxy', async () => {
    const { ollama, run } = await world();
    const first = await run(['-m', 'qwen3', '--no-log', '--no-context', 'exec', 'remember the word pelican']);
    expect(first.exitCode, first.stderr).toBe(0);
    const sessionId = /session id: ([0-9a-f-]{36})/.exec(first.stderr)?.[1];
    expect(sessionId, first.stderr).toBeDefined();
    // The last line, after Codex let go of the terminal.
    expect(first.stderr.trim().split('\n').at(-1)).toBe(
      `codex-ctx: continue this session on the local model with: codex-ctx exec resume ${sessionId} "<next prompt>"`,
    );

    ollama.reset();
    const second = await run(['-m', 'qwen3', '--no-log', '--no-context', 'exec', 'resume', '--last', 'which word did I ask you to remember?']);
    expect(second.exitCode, second.stderr).toBe(0);
    const messages = ollama.chatRequests()[0]!.body.messages as Array<{ role: string; content: string }>;
    const conversation = messages.filter((message) => message.role !== 'system').map((message) => `${message.role}: ${message.content}`);
    expect(conversation.some((line) => line === 'user: remember the word pelican')).toBe(true);
    expect(conversation.some((line) => line === 'assistant: echo: remember the word pelican')).toBe(true);
    expect(conversation.at(-1)).toBe('user: which word did I ask you to remember?');
    expect(second.stderr).toContain(`codex-ctx exec resume ${sessionId} `);
  });

  it('needs no more window than Codex really sends: the measured floor matches the pinned Codex', async () => {
    const { ollama, run } = await world();
    const result = await run(['-m', 'qwen3', '--no-log', '--no-context', 'exec', 'hi']);
    expect(result.exitCode, result.stderr).toBe(0);
    await loadTokenizer();
    const body = ollama.chatRequests()[0]!.body;
    const tools = countTokens(JSON.stringify(body.tools));
    const setup =
      countTokens(systemText(body)) -
      countTokens(BASE_INSTRUCTIONS) +
      body.messages.filter((message: any) => message.role === 'user' && message.content !== 'hi').reduce((sum: number, message: any) => sum + countTokens(message.content), 0);
    // Never more than Codex sends (a false refusal), and not far below it (a stale number after an upgrade).
    expect(CODEX_TOOL_SCHEMA_TOKENS).toBeLessThanOrEqual(tools);
    expect(CODEX_TOOL_SCHEMA_TOKENS).toBeGreaterThan(tools * 0.8);
    expect(CODEX_TURN_SETUP_TOKENS).toBeLessThanOrEqual(setup);
    expect(CODEX_TURN_SETUP_TOKENS).toBeGreaterThan(setup * 0.8);

    // --codex-prompt: Codex's built-in prompt replaces ours in the same system message.
    ollama.reset();
    const own = await run(['-m', 'qwen3', '--no-log', '--no-context', '--codex-prompt', 'exec', 'hi']);
    expect(own.exitCode, own.stderr).toBe(0);
    const ownBody = ollama.chatRequests()[0]!.body;
    const builtIn = countTokens(systemText(ownBody)) - (countTokens(systemText(body)) - countTokens(BASE_INSTRUCTIONS));
    expect(CODEX_BUILT_IN_PROMPT.tokens).toBeLessThanOrEqual(builtIn);
    expect(CODEX_BUILT_IN_PROMPT.tokens).toBeGreaterThan(builtIn * 0.8);
    expect(CODEX_TOOL_SCHEMA_TOKENS).toBeLessThanOrEqual(countTokens(JSON.stringify(ownBody.tools)));
  });

  it('SIGTERM to codex-ctx reaches Codex, the model call is cancelled, and codex-ctx exits 143', async () => {
    const { ollama, run } = await world(() => ({ kind: 'hang' }));
    const child = run(['-m', 'qwen3', '--no-log', '--no-context', 'exec', 'take your time']);
    const request = await ollama.waitForRequest((recorded) => recorded.path === '/api/chat', 30_000);
    child.kill('SIGTERM');
    const result = await child;
    // Codex going away closes its request, which the proxy passes on to Ollama.
    await ollama.waitForAbort(request, 5_000);
    // Codex died of the forwarded signal; codex-ctx reports it the shell's way.
    expect(result.exitCode).toBe(143);
  });
});
