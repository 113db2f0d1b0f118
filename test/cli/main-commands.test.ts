import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import OpenAI from 'openai';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { startFakeBridge } from '../support/fake-bridge.js';
import { startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { createCliWorld } from './cli-test-harness.js';

vi.mock('../../src/context/create-context-engine.js', () => ({
  createContextEngine: () => ({
    augmentResponsesRequest: async (request: unknown) => ({ request, skipped: 'disabled' }),
    retrieve: async (query: string) => ({ query, items: [], tokens: { used: 0, budget: 0 }, block: '' }),
    close: async () => {},
  }),
}));
vi.mock('../../src/context/preview-context.js', () => ({
  previewContext: async () => ({ query: '', items: [], tokens: { used: 0, budget: 0 }, block: '' }),
  formatContextPreview: () => '',
}));

const { main } = await import('../../src/cli/main.js');

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({
    models: [
      { name: 'qwen3:latest', contextLength: 40960 },
      { name: 'coder:7b', contextLength: 32768 },
      { name: 'nomic-embed-text:latest', family: 'nomic-bert', contextLength: 2048, capabilities: ['embedding'] },
    ],
  });
});
afterAll(async () => {
  await ollama.close();
});

// Only node's own directory: the fake Codex needs `node`, and no real `codex` or `rg` may leak in.
const NODE_ONLY_PATH = dirname(process.execPath);

/** A directory with a stand-in `rg`, so doctor's ripgrep check passes without the real one. */
function pathWithRipgrep(base: string): string {
  const bin = join(base, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'rg'), '#!/bin/sh\necho "ripgrep 14.1.1"\n', { mode: 0o755 });
  return `${bin}${delimiter}${NODE_ONLY_PATH}`;
}

describe('codex-ctx doctor', () => {
  it('prints one ✓ line per prerequisite, with the window against what Codex needs, and exits 0', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    world.env.PATH = pathWithRipgrep(world.base);
    const exitCode = await main(['doctor', '-m', 'qwen3'], world.runtime());
    const lines = world.stdout().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^✓ Codex: codex-cli 0\.171\.0 at .*fake-codex\.mjs$/),
      `✓ Ollama: ${ollama.url} (3 models)`,
      '✓ Model: qwen3 (from --model)',
      expect.stringMatching(/^✓ Context window: 32,768 tokens, model maximum 40,960; Codex needs \d,\d{3} before the first word$/),
      '– Embedding model: not set (semantic retrieval off) — ollama pull nomic-embed-text, then set --embed-model or CODEX_CTX_EMBED_MODEL to use it',
      '– SmartGPT Bridge: not configured (local retrieval only) — set --bridge-url or SMARTGPT_BRIDGE_URL to use it',
      '✓ ripgrep: ripgrep 14.1.1',
    ]);
    expect(exitCode).toBe(0);
  });

  it('exits 1 when any check fails, even one that only weakens retrieval', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH, SMARTGPT_BRIDGE_URL: 'http://127.0.0.1:9' });
    expect(await main(['doctor', '-m', 'qwen3'], world.runtime())).toBe(1);
    expect(world.stdout()).toMatch(/^✗ SmartGPT Bridge: http:\/\/127\.0\.0\.1:9 not reachable \(.+\) — start the bridge or fix --bridge-url$/m);
    expect(world.stdout()).toContain('✓ Context window: ');
  });

  it('fails the window check with the numbers and the --num-ctx that fits', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    expect(await main(['doctor', '-m', 'qwen3', '--num-ctx', '4096'], world.runtime())).toBe(1);
    expect(world.stdout()).toMatch(
      /^✗ Context window: qwen3 runs with a 4,096-token window, but Codex needs \d,\d{3} before the first word \(.*\) — pass --num-ctx 16384 \(or use a model with a bigger window\)$/m,
    );
  });

  it('fails an embedding-only model and completes a bare name to its one tag', async () => {
    const embedding = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    expect(await main(['doctor', '-m', 'nomic-embed-text'], embedding.runtime())).toBe(1);
    expect(embedding.stdout()).toContain(
      '✗ Model: nomic-embed-text cannot chat (it can: embedding) — Codex needs a chat model with tool calls, for example: ollama pull qwen3:8b',
    );
    const bare = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    await main(['doctor', '-m', 'coder'], bare.runtime());
    expect(bare.stdout()).toContain('✓ Model: coder:7b (from --model: the one installed tag of coder)');
  });

  it('reports the embedding model: present, not pulled, or not one that embeds', async () => {
    const present = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH, CODEX_CTX_EMBED_MODEL: 'nomic-embed-text' });
    await main(['doctor', '-m', 'qwen3'], present.runtime());
    expect(present.stdout()).toMatch(/^✓ Embedding model: nomic-embed-text$/m);
    const missing = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    expect(await main(['doctor', '-m', 'qwen3', '--embed-model', 'mxbai-embed-large'], missing.runtime())).toBe(1);
    expect(missing.stdout()).toContain('✗ Embedding model: mxbai-embed-large is not pulled — run: ollama pull mxbai-embed-large (semantic retrieval is off until then)');
    const chat = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    await main(['doctor', '-m', 'qwen3', '--embed-model', 'qwen3'], chat.runtime());
    expect(chat.stdout()).toMatch(/^✗ Embedding model: qwen3 is not an embedding model \(it can: completion, tools\) — choose one such as nomic-embed-text$/m);
  });

  it('tells a rejected token from a missing one', async () => {
    const bridge = await startFakeBridge({ token: 'right-token' });
    try {
      const world = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH, SMARTGPT_BRIDGE_URL: bridge.url, SMARTGPT_BRIDGE_TOKEN: 'wrong-token' });
      await main(['doctor', '-m', 'qwen3'], world.runtime());
      expect(world.stdout()).toMatch(/^✗ Bridge token: rejected — the token codex-ctx sends is not the one the bridge expects/m);
      expect(world.stdout()).not.toContain('wrong-token');
    } finally {
      await bridge.close();
    }
  });

  it('exits 1 with the fix when the model is missing', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH });
    expect(await main(['doctor', '-m', 'nope:1b'], world.runtime())).toBe(1);
    expect(world.stdout()).toContain('✗ Model: nope:1b is not pulled — run: ollama pull nope:1b');
  });

  it('exits 1 when Ollama is down, and --json gives the same checks as data', async () => {
    const world = createCliWorld({ OLLAMA_HOST: '127.0.0.1:9', PATH: NODE_ONLY_PATH });
    expect(await main(['doctor', '--json'], world.runtime())).toBe(1);
    const checks = JSON.parse(world.stdout()) as Array<{ name: string; status: string; blocking: boolean }>;
    expect(checks.find((check) => check.name === 'Ollama')).toMatchObject({ status: 'fail', blocking: true });
  });
});

describe('codex-ctx --version', () => {
  it('prints codex-ctx’s version and the Codex it would run, with where it comes from', async () => {
    const world = createCliWorld({ PATH: NODE_ONLY_PATH });
    expect(await main(['--version'], world.runtime())).toBe(0);
    const pinned = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };
    expect(world.stdout().trim().split('\n')).toEqual([
      `codex-ctx ${pinned.version}`,
      expect.stringMatching(new RegExp(`^codex-cli 0\\.171\\.0 \\(.*fake-codex\\.mjs, from configured; the tested release\\)$`)),
    ]);
    expect(pinned.dependencies['@openai/codex']).toBe('0.171.0');
    // Codex was asked for its version, nothing else: no proxy, no Ollama.
    expect(world.codex().argv).toEqual(['--version']);
  });
});

/** Waits for serve's stdout lines (`NAME=value`) and returns them by name. */
async function printedLines(world: ReturnType<typeof createCliWorld>, count: number): Promise<Record<string, string>> {
  const lines = () => world.stdout().split('\n').filter((line) => line !== '');
  for (let waited = 0; lines().length < count && waited < 10_000; waited += 20) await sleep(20);
  await sleep(50); // nothing more comes
  return Object.fromEntries(lines().map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('codex-ctx serve', () => {
  it('makes up a key, prints the two lines an SDK needs once, and the openai SDK works with exactly them', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    const running = main(['serve', '--no-log', '--no-context'], world.runtime());
    const printed = await printedLines(world, 2);
    expect(Object.keys(printed)).toEqual(['OPENAI_BASE_URL', 'OPENAI_API_KEY']);
    expect(printed.OPENAI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(printed.OPENAI_API_KEY).toMatch(/^sk-codex-ctx-[\w-]{32}$/);
    const client = new OpenAI({ baseURL: printed.OPENAI_BASE_URL, apiKey: printed.OPENAI_API_KEY, maxRetries: 0 });
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
    const anonymous = await fetch(`${printed.OPENAI_BASE_URL}/models`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toContain('CODEX_CTX_API_KEY / --api-key');
    expect((await fetch(printed.OPENAI_BASE_URL!.replace(/\/v1$/, '/health'))).status).toBe(200);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(`${printed.OPENAI_BASE_URL}/models`)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it.each([
    ['--api-key', ['--api-key', 'sk-mine-123'], {}],
    ['CODEX_CTX_API_KEY', [], { CODEX_CTX_API_KEY: 'sk-mine-123' }],
  ])('takes the key from %s and does not print it', async (_label, args, env) => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, ...env });
    const running = main(['serve', '--no-log', '--no-context', ...args], world.runtime());
    const printed = await printedLines(world, 1);
    expect(Object.keys(printed)).toEqual(['OPENAI_BASE_URL']);
    expect(world.stdout()).not.toContain('sk-mine-123');
    expect((await fetch(`${printed.OPENAI_BASE_URL}/models`, { headers: { authorization: 'bearer sk-mine-123' } })).status).toBe(200);
    expect((await fetch(`${printed.OPENAI_BASE_URL}/models`, { headers: { authorization: 'Bearer sk-other' } })).status).toBe(401);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
  });

  it('--no-auth is the explicit opt-out', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, CODEX_CTX_API_KEY: 'sk-ignored' });
    const running = main(['serve', '--no-log', '--no-context', '--no-auth'], world.runtime());
    const printed = await printedLines(world, 1);
    expect(Object.keys(printed)).toEqual(['OPENAI_BASE_URL']);
    expect((await fetch(`${printed.OPENAI_BASE_URL}/models`)).status).toBe(200);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
  });
});

describe('codex-ctx serve with an OpenAI-compatible backend', () => {
  it('routes a model to the backend named in .codex-ctx.json, for an unmodified openai SDK client', async () => {
    const upstream = await startFakeOpenAIServer({ models: ['local-coder'], script: () => ({ kind: 'answer', text: 'from the openai backend' }) });
    try {
      const world = createCliWorld({ OLLAMA_HOST: ollama.url });
      writeFileSync(
        join(world.repo, '.codex-ctx.json'),
        JSON.stringify({ backends: { lmstudio: { type: 'openai', url: upstream.baseUrl, contextWindow: 8192 } }, routes: { 'local-*': 'lmstudio' } }),
      );
      expect(await main(['trust'], world.runtime())).toBe(0); // a repo's backends need the user's trust
      const ollamaCallsBefore = ollama.chatRequests().length;
      const running = main(['serve', '--no-log', '--no-context'], world.runtime());
      const printed = await printedLines(world, 2);
      const client = new OpenAI({ baseURL: printed.OPENAI_BASE_URL, apiKey: printed.OPENAI_API_KEY });
      const answer = await client.chat.completions.create({ model: 'local-coder', messages: [{ role: 'user', content: 'ping' }] });
      expect(answer.choices[0]!.message.content).toBe('from the openai backend');
      expect(upstream.requestsTo('/chat/completions')).toHaveLength(1);
      expect(ollama.chatRequests()).toHaveLength(ollamaCallsBefore);
      process.emit('SIGTERM');
      expect(await running).toBe(0);
    } finally {
      await upstream.close();
    }
  });
});

describe('codex-ctx log', () => {
  it('lists and validates the notes folder from the configured log dir', async () => {
    const world = createCliWorld();
    const notes = join(world.repo, 'docs', 'codex-ctx');
    mkdirSync(notes, { recursive: true });
    expect(await main(['log', 'list'], world.runtime())).toBe(0);
    expect(world.stdout()).toBe('No sessions found.\n');
    expect(await main(['log', 'validate'], world.runtime())).toBe(0);
    expect(world.stdout()).toBe('No sessions found.\nNo problems found.\n');
  });

  it('says there are no notes yet, and exits 0, in a repository where no session ran', async () => {
    const world = createCliWorld();
    expect(await main(['log', 'validate'], world.runtime())).toBe(0);
    expect(world.stdout()).toBe('No notes yet in docs/codex-ctx (codex-ctx writes them there during a session).\n');
    expect(world.stderr()).toBe('');
    expect(await main(['log', 'validate', 'no-such-dir'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe('codex-ctx: no-such-dir is not a folder\n');
  });
});
