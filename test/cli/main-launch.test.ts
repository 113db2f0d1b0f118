import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { createCliWorld } from './cli-test-harness.js';

// Retrieval has its own tests; here it only has to exist.
vi.mock('../../src/context/create-context-engine.js', () => ({
  createContextEngine: () => ({
    augmentResponsesRequest: async (request: unknown) => ({ request, skipped: 'disabled' }),
    retrieve: async (query: string) => ({ query, items: [], tokens: { used: 0, budget: 0 }, block: '' }),
    close: async () => {},
  }),
}));
vi.mock('../../src/context/preview-context.js', () => ({
  previewContext: async (question: string) => ({ query: question, items: [], tokens: { used: 0, budget: 100 }, block: '' }),
  formatContextPreview: (pack: { query: string }, options: { json: boolean }) =>
    options.json ? JSON.stringify({ preview: pack.query }) : `PREVIEW for ${pack.query}`,
}));

const { main } = await import('../../src/cli/main.js');

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({
    models: [
      { name: 'qwen3:latest', contextLength: 40960 },
      { name: 'qwen3:8b', contextLength: 8192, capabilities: ['completion', 'tools', 'thinking'] },
      { name: 'coder:7b', contextLength: 32768 },
      { name: 'gemma:2b', contextLength: 8192 },
      { name: 'gemma:7b', contextLength: 8192 },
      { name: 'tiny:1b', contextLength: 4096 },
      { name: 'nomic-embed-text:latest', family: 'nomic-bert', contextLength: 2048, capabilities: ['embedding'] },
    ],
  });
});
afterAll(async () => {
  await ollama.close();
});

describe('codex-ctx launches Codex through the proxy', () => {
  it('passes the Codex arguments through after the -c overrides, with the session key in the environment', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, FAKE_CODEX_REQUEST: '1' });
    const exitCode = await main(['-m', 'qwen3', '--no-log', 'exec', 'fix "the" test', '--', '-x'], world.runtime());
    expect(world.stderr()).toBe('');
    expect(exitCode).toBe(0);

    const codex = world.codex();
    const baseUrl = codex.env.OPENAI_BASE_URL as string;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(codex.argv).toEqual([
      '-c',
      `model_providers.codex-ctx={name="codex-ctx",base_url="${baseUrl}",env_key="CODEX_CTX_API_KEY",wire_api="responses",request_max_retries=1,stream_max_retries=1,stream_idle_timeout_ms=330000}`,
      '-c',
      'model_provider="codex-ctx"',
      '-m',
      'qwen3',
      '-c',
      'model_context_window=32768',
      '-c',
      expect.stringMatching(/^model_catalog_json=".*model-catalog\.json"$/),
      'exec',
      'fix "the" test',
      '--',
      '-x',
    ]);
    expect(codex.env.CODEX_CTX_API_KEY).toMatch(/^sk-codex-ctx-[\w-]{32}$/);
    expect(codex.env.OPENAI_API_KEY).toBe(codex.env.CODEX_CTX_API_KEY);
    // The window: the model's 40960 capped at 32768, the same number in the catalog.
    expect(codex.catalog?.models[0]).toMatchObject({ slug: 'qwen3', context_window: 32768, apply_patch_tool_type: 'freeform' });
    // The proxy answered Codex with its key and refused a wrong one.
    expect(codex.request?.status, codex.request?.body).toBe(200);
    expect(codex.request?.body).toContain('response.completed');
    expect(codex.wrongKeyStatus).toBe(401);
  });

  it('closes the proxy and removes the catalog once Codex exits', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--no-log', 'exec', 'hi'], world.runtime());
    const codex = world.codex();
    const catalogPath = JSON.parse(codex.argv.find((arg) => arg.startsWith('model_catalog_json='))!.slice('model_catalog_json='.length)) as string;
    expect(existsSync(catalogPath)).toBe(false);
    await expect(fetch(`${codex.env.OPENAI_BASE_URL}/models`)).rejects.toThrow();
  });

  it('mirrors Codex’s exit code', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, FAKE_CODEX_EXIT: '3' });
    expect(await main(['-m', 'qwen3', '--no-log', 'exec', 'hi'], world.runtime())).toBe(3);
  });

  it('returns 128 + signal when Codex is killed', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, FAKE_CODEX_SIGNAL: 'SIGTERM' });
    expect(await main(['-m', 'qwen3', '--no-log', 'exec', 'hi'], world.runtime())).toBe(143);
  });

  it('takes the first model Ollama lists when none is configured, and says so', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['--no-log', 'hi'], world.runtime())).toBe(0);
    expect(world.codex().argv).toContain('qwen3:latest');
    expect(world.stderr()).toContain('using qwen3:latest, the first model Ollama lists (pass -m to choose)');
  });

  it('uses a model chosen in Codex’s own arguments, and drops a competing provider with a warning', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    const exitCode = await main(['--no-log', '-c', 'model_provider=openai', 'exec', '-m', 'qwen3:8b', 'hi'], world.runtime());
    expect(exitCode).toBe(0);
    const codex = world.codex();
    expect(codex.argv).not.toContain('model_provider=openai');
    expect(codex.argv.slice(-4)).toEqual(['exec', '-m', 'qwen3:8b', 'hi']);
    expect(codex.catalog?.models[0]).toMatchObject({ slug: 'qwen3:8b', context_window: 8192 });
    expect(codex.catalog?.models[0]?.supported_reasoning_levels).toHaveLength(3);
    expect(world.stderr()).toContain('ignoring "-c model_provider=openai"');
  });

  it('asks the TUI for its embedded app server (no shared-server warning), but not exec or a --remote one', async () => {
    const tui = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--no-log', 'resume', '--last'], tui.runtime());
    expect(tui.codex().argv.slice(-3)).toEqual(['--no-daemon', 'resume', '--last']);
    const exec = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--no-log', 'exec', 'hi'], exec.runtime());
    expect(exec.codex().argv).not.toContain('--no-daemon');
    const remote = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--no-log', '--remote', 'ws://127.0.0.1:9'], remote.runtime());
    expect(remote.codex().argv).not.toContain('--no-daemon');
  });

  it('a bare name resolves to its one installed tag, said once before Codex starts', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'coder', '--no-log', 'exec', 'hi'], world.runtime())).toBe(0);
    expect(world.codex().argv.slice(4, 6)).toEqual(['-m', 'coder:7b']);
    expect(world.codex().catalog?.models[0]).toMatchObject({ slug: 'coder:7b' });
    expect(world.stderr()).toBe('codex-ctx: using coder:7b, the one installed tag of coder\n');
  });

  it('--num-ctx sets the window Codex is told about', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--num-ctx', '16384', '--no-log', 'hi'], world.runtime());
    expect(world.codex().argv).toContain('model_context_window=16384');
  });

  it('--codex-prompt leaves out the catalog and says what that costs', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--codex-prompt', '--no-log', 'hi'], world.runtime());
    expect(world.codex().argv.some((arg) => arg.startsWith('model_catalog_json'))).toBe(false);
    expect(world.stderr()).toContain('no apply_patch tool');
  });

  it('runs Codex directly for subcommands that need no model: no proxy, no key, no Ollama call', async () => {
    const world = createCliWorld({ OLLAMA_HOST: 'http://127.0.0.1:9' });
    expect(await main(['login', 'status'], world.runtime())).toBe(0);
    expect(world.codex().argv).toEqual(['login', 'status']);
    expect(world.codex().env.CODEX_CTX_API_KEY).toBeUndefined();
  });

  it('writes its log outside the repository and nothing to the terminal while Codex runs', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    await main(['-m', 'qwen3', '--no-log', 'hi'], world.runtime());
    expect(existsSync(join(world.base, 'state', 'codex-ctx', 'codex-ctx.log'))).toBe(true);
    expect(existsSync(join(world.repo, 'docs'))).toBe(false);
    expect(world.stdout()).toBe('');
  });
});

describe('preflight failures stop before Codex with one line and the fix', () => {
  it('a missing model offers the exact pull command', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'llama9:70b', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe(
      `codex-ctx: model llama9:70b is not in Ollama at ${ollama.url} (installed: qwen3:latest, qwen3:8b, coder:7b, gemma:2b, gemma:7b, tiny:1b, nomic-embed-text:latest); run: ollama pull llama9:70b\n`,
    );
    expect(world.codexRan()).toBe(false);
  });

  it('a window too small for what Codex sends before the first word names both numbers and the --num-ctx to pass', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'qwen3', '--num-ctx', '4096', 'hi'], world.runtime())).toBe(1);
    const lines = world.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^codex-ctx: qwen3 runs with a 4,096-token window, but Codex needs (\d{1,2},\d{3}) before the first word \(.*repository context 1,024\); pass --num-ctx 16384 /);
    const needed = Number(/needs ([\d,]+)/.exec(lines[0]!)![1]!.replaceAll(',', ''));
    expect(needed).toBeGreaterThan(4096);
    expect(world.codexRan()).toBe(false);
  });

  it('the same window without repository context fits, and Codex starts', async () => {
    const noContext = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'qwen3', '--num-ctx', '8192', '--no-context', '--no-log', 'hi'], noContext.runtime())).toBe(0);
    expect(noContext.codexRan()).toBe(true);
  });

  it('with --codex-prompt the check counts Codex\'s longer built-in prompt, not ours', async () => {
    const ours = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'qwen3', '--num-ctx', '6144', '--no-context', '--no-log', 'hi'], ours.runtime())).toBe(0);
    expect(ours.codexRan()).toBe(true);
    const codexOwn = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'qwen3', '--num-ctx', '6144', '--no-context', '--no-log', '--codex-prompt', 'hi'], codexOwn.runtime())).toBe(1);
    expect(codexOwn.stderr()).toMatch(/^codex-ctx: qwen3 runs with a 6,144-token window, but Codex needs 7,850 before the first word \(instructions 3,500, /);
    expect(codexOwn.codexRan()).toBe(false);
  });

  it('a model whose own maximum is too small is told to be replaced, not stretched', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'tiny:1b', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toMatch(/^codex-ctx: tiny:1b runs with a 4,096-token window, .*; its maximum is 4,096: use a model with a bigger window\n$/);
    expect(world.codexRan()).toBe(false);
  });

  it('an embedding-only model is refused before Codex starts', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'nomic-embed-text', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe(
      'codex-ctx: nomic-embed-text cannot chat (it can: embedding); Codex needs a chat model with tool calls, for example: ollama pull qwen3:8b\n',
    );
    expect(world.codexRan()).toBe(false);
  });

  it('a bare name in Codex’s own arguments is not rewritten behind Codex’s back: the fix is named', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['--no-log', 'exec', '-m', 'coder', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe('codex-ctx: Ollama has coder:7b, not coder; pass -m coder:7b\n');
    expect(world.codexRan()).toBe(false);
  });

  it('a bare name with several installed tags lists them', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    expect(await main(['-m', 'gemma', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe('codex-ctx: model gemma has several tags in Ollama (gemma:2b, gemma:7b); pass one, for example -m gemma:2b\n');
    expect(world.codexRan()).toBe(false);
  });

  it('an unreachable Ollama says where we looked and how to start it', async () => {
    const world = createCliWorld({ OLLAMA_HOST: '127.0.0.1:9' });
    expect(await main(['-m', 'qwen3', 'hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toMatch(/^codex-ctx: cannot reach Ollama at http:\/\/127\.0\.0\.1:9 .*ollama serve.*\n$/);
    expect(world.stderr().trim().split('\n')).toHaveLength(1);
    expect(world.codexRan()).toBe(false);
  });

  it('an invalid setting names its source', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, CODEX_CTX_NUM_CTX: 'big' });
    expect(await main(['hi'], world.runtime())).toBe(1);
    expect(world.stderr()).toBe('codex-ctx: CODEX_CTX_NUM_CTX: expected a positive integer (tokens) (got "big")\n');
  });

  it('a busy --port says so instead of crashing', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const world = createCliWorld({ OLLAMA_HOST: ollama.url });
      expect(await main(['-m', 'qwen3', '--no-log', '--port', String(port), 'hi'], world.runtime())).toBe(1);
      expect(world.stderr()).toBe(`codex-ctx: cannot listen on 127.0.0.1:${port} (port in use); pass another --port, or none to pick a free one\n`);
      expect(world.codexRan()).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('a missing Codex binary says how to install it', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, CODEX_BIN: '/nonexistent/codex' });
    expect(await main(['-m', 'qwen3', '--no-log', 'hi'], world.runtime())).toBe(127);
    expect(world.stderr()).toContain('npm install -g @openai/codex');
  });
});

describe('--dry-run', () => {
  it('prints the context preview and exits 0 without Codex, Ollama or files', async () => {
    const world = createCliWorld({ OLLAMA_HOST: '127.0.0.1:9' });
    expect(await main(['--dry-run', 'how does auth work?'], world.runtime())).toBe(0);
    expect(world.stdout()).toBe('PREVIEW for how does auth work?\n');
    expect(world.codexRan()).toBe(false);
    expect(existsSync(join(world.base, 'state'))).toBe(false);
    expect(existsSync(join(world.repo, 'docs'))).toBe(false);
  });

  it('asks for a question when there is none', async () => {
    const world = createCliWorld();
    expect(await main(['--dry-run'], world.runtime())).toBe(1);
    expect(world.stderr()).toContain('--dry-run needs a question');
  });
});
