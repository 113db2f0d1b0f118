import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import OpenAI from 'openai';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
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
  ollama = await startFakeOllama({ models: [{ name: 'qwen3:latest', contextLength: 40960 }] });
});
afterAll(async () => {
  await ollama.close();
});

// Only node's own directory: the fake Codex needs `node`, and no real `codex` or `rg` may leak in.
const NODE_ONLY_PATH = dirname(process.execPath);

describe('codex-ctx doctor', () => {
  it('prints one ✓ line per prerequisite and exits 0 when nothing blocks', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, PATH: NODE_ONLY_PATH, SMARTGPT_BRIDGE_URL: 'http://127.0.0.1:9' });
    const exitCode = await main(['doctor', '-m', 'qwen3'], world.runtime());
    const lines = world.stdout().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^✓ Codex: codex-cli 0\.169\.0 at .*fake-codex\.mjs$/),
      `✓ Ollama: ${ollama.url} (1 model)`,
      '✓ Model: qwen3 (from --model)',
      '✓ Context window: 32768 tokens (model maximum 40960)',
      expect.stringMatching(/^✗ SmartGPT Bridge: http:\/\/127\.0\.0\.1:9 not reachable \(.+\) — start the bridge or fix --bridge-url$/),
      '– Bridge dialect: bridge not reachable',
      '– Bridge token: bridge not reachable',
      expect.stringMatching(/^[✓✗] ripgrep: /),
    ]);
    // The bridge and ripgrep only weaken retrieval.
    expect(exitCode).toBe(0);
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

describe('codex-ctx serve', () => {
  it('prints the base URL as its only stdout line, serves, and closes cleanly on SIGTERM', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    const running = main(['serve', '--no-log', '--no-context'], world.runtime());
    for (let waited = 0; !world.stdout().includes('\n') && waited < 10_000; waited += 20) await sleep(20);
    const baseUrl = world.stdout().trim();
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await fetch(`${baseUrl}/models`);
    expect(models.status).toBe(200);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(`${baseUrl}/models`)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(0);
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
      for (let waited = 0; !world.stdout().includes('\n') && waited < 10_000; waited += 20) await sleep(20);
      const client = new OpenAI({ baseURL: world.stdout().trim(), apiKey: 'unused' });
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
});
