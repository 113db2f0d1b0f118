import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendTextEmbedder } from '../../src/cli/create-backend-text-embedder.js';
import { createSessionBackend } from '../../src/cli/create-session-backend.js';
import { loadConfig } from '../../src/cli/load-config.js';
import { main } from '../../src/cli/main.js';
import { createContextEngine } from '../../src/context/create-context-engine.js';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { createCliWorld } from './cli-test-harness.js';

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({
    models: [
      { name: 'qwen3:latest', contextLength: 40960 },
      { name: 'nomic-embed-text:latest', family: 'nomic-bert', contextLength: 2048, capabilities: ['embedding'], embeddingLength: 64 },
    ],
  });
});
afterAll(async () => {
  await ollama.close();
});

const QUESTION = 'how are invoices charged twice prevented?';

/** A repository whose cache lands inside it (node_modules/.cache), with two small source files. */
function embedWorld(env: Record<string, string> = {}) {
  const world = createCliWorld({ OLLAMA_HOST: ollama.url, ...env });
  mkdirSync(join(world.repo, 'node_modules'));
  mkdirSync(join(world.repo, 'src'));
  writeFileSync(join(world.repo, 'src', 'billing.ts'), 'export function chargeInvoice(invoice: { id: string }) {\n  // charged once: the id is the idempotency key\n  return invoice.id;\n}\n');
  writeFileSync(join(world.repo, 'src', 'greeting.ts'), 'export function greet(name: string) {\n  const text = `hello ${name}`;\n  return text;\n}\n');
  return world;
}

const embedRequests = () => ollama.requests.filter((request) => request.path === '/api/embed');

describe('--embed-model / CODEX_CTX_EMBED_MODEL (real wiring: config → backend /api/embed → engine)', () => {
  it('serve embeds the chunks through the configured backend and saves them; a dry run then embeds only the question', async () => {
    const world = embedWorld({ CODEX_CTX_EMBED_MODEL: 'nomic-embed-text' });
    ollama.reset();
    const running = main(['serve', '--no-log', '--no-auth'], world.runtime());
    // The background job: one batch with both files' chunks, each text led by its path.
    const batch = await ollama.waitForRequest((request) => request.path === '/api/embed', 10_000);
    expect(batch.body.model).toBe('nomic-embed-text');
    expect(batch.body.input.map((text: string) => text.split('\n')[0])).toEqual(['src/billing.ts', 'src/greeting.ts']);
    await expect.poll(() => batch.status, { timeout: 5_000, interval: 20 }).toBe(200);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(readdirSync(join(world.repo, 'node_modules', '.cache', 'codex-ctx')).some((name) => /^embeddings-nomic-embed-text-[0-9a-f]{8}\.bin$/.test(name))).toBe(true);

    ollama.reset();
    expect(await main(['--dry-run', '--json', QUESTION], world.runtime())).toBe(0);
    expect(embedRequests().map((request) => request.body)).toEqual([{ model: 'nomic-embed-text', input: [QUESTION] }]);
    const items = (JSON.parse(world.stdout().slice(world.stdout().indexOf('{'))) as { items: Array<{ path: string; source: string }> }).items;
    expect(items.map((item) => item.path)).toContain('src/billing.ts');
  });

  it('a model the backend does not have: one request, one warning in the log, the source off, the index still answers', async () => {
    const world = embedWorld();
    const config = await loadConfig({ flags: { embedModel: 'not-pulled' }, env: world.env, cwd: world.repo, repoRoot: world.repo });
    const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const logger = { debug() {}, info() {}, error() {}, flush: async () => {}, warn: (message: string, fields?: Record<string, unknown>) => void warnings.push({ message, fields }) };
    ollama.reset();
    const session = createContextEngine({ repoRoot: world.repo, logger, embedder: createBackendTextEmbedder(createSessionBackend(config), config.embedModel!), embedJob: { pauseMs: 0 } });
    try {
      await session.whenIndexed();
      await expect.poll(() => session.status().embeddings?.state, { timeout: 10_000, interval: 20 }).toBe('off');
      const pack = await session.retrieve('where is chargeInvoice?');
      expect(pack.items[0]?.path).toBe('src/billing.ts');
    } finally {
      await session.close();
    }
    expect(embedRequests()).toHaveLength(1);
    expect(warnings).toEqual([
      {
        message: 'embedding model unavailable; semantic retrieval off for this session',
        fields: { model: 'not-pulled', error: `Model "not-pulled" is not available in Ollama at ${ollama.url}. Pull it with: ollama pull not-pulled` },
      },
    ]);
  });

  it('a dry run with an embedding model but no saved vectors says how they get there', async () => {
    const world = embedWorld();
    ollama.reset();
    expect(await main(['--dry-run', '--json', '--embed-model', 'nomic-embed-text', QUESTION], world.runtime())).toBe(0);
    expect(embedRequests()).toEqual([]);
    expect(world.stderr()).toContain('no vectors saved for nomic-embed-text yet: a session or codex-ctx serve embeds the repository in the background');
  });

  it('without an embedding model nothing is embedded', async () => {
    const world = embedWorld();
    ollama.reset();
    expect(await main(['--dry-run', '--json', QUESTION], world.runtime())).toBe(0);
    expect(embedRequests()).toEqual([]);
    expect(world.stderr()).toBe('');
    expect(readdirSync(join(world.repo, 'node_modules', '.cache', 'codex-ctx')).filter((name) => name.startsWith('embeddings-'))).toEqual([]);
  });
});
