import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContextEngine, type CodexCtxContextEngine, type ContextEngineConfig } from '../../../src/context/create-context-engine.js';
import { loadVectorStore } from '../../../src/context/embed/vector-store-file.js';
import { hashContent } from '../../../src/context/index/analyze-file.js';
import { previewContext } from '../../../src/context/preview-context.js';
import type { Logger } from '../../../src/log/logger.js';
import type { ResponsesRequest } from '../../../src/wire/responses-request-schema.js';
import { createTempRepo, type TempRepo } from '../temp-repo.js';
import { conceptEmbedder, missingModelEmbedder } from './concept-embedder.js';

// The answer to a paraphrase that shares no word with it: "together with the one before it" is `pairwise`.
const PARAPHRASE = 'how can I get every element together with the one before it?';
const FILES: Record<string, string> = {
  'src/operators/pairwise.ts': [
    '/** Yields [last, current] tuples from the second item on. */',
    'export function* pairwise<T>(source: Iterable<T>): Generator<[T, T]> {',
    '  let hasLast = false;',
    '  let last: T | undefined;',
    '  for (const current of source) {',
    '    if (hasLast) yield [last as T, current];',
    '    last = current;',
    '    hasLast = true;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/net/retry.ts': [
    'export async function withRetry<T>(call: () => Promise<T>, attempts = 3): Promise<T> {',
    '  let delay = 100;',
    '  for (let attempt = 1; ; attempt++) {',
    '    try {',
    '      return await call();',
    '    } catch (error) {',
    '      if (attempt >= attempts) throw error;',
    '      await new Promise((resolve) => setTimeout(resolve, (delay *= 2)));',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/cache/lru.ts': [
    'export class LruCache<V> {',
    '  private readonly entries = new Map<string, V>();',
    '  constructor(private readonly limit: number) {}',
    '  get(key: string): V | undefined {',
    '    const hit = this.entries.get(key);',
    '    if (hit !== undefined) this.entries.delete(key), this.entries.set(key, hit);',
    '    return hit;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/text/parse-config.ts': [
    'export function parseConfig(text: string): Record<string, unknown> {',
    '  const value = JSON.parse(text) as unknown;',
    "  if (typeof value !== 'object' || value === null) throw new Error('config must be an object');",
    '  return value as Record<string, unknown>;',
    '}',
    '',
  ].join('\n'),
  'src/ui/debounce.ts': [
    'export function debounce(run: () => void, quietMs: number): () => void {',
    '  let timer: NodeJS.Timeout | undefined;',
    '  return () => {',
    '    clearTimeout(timer);',
    '    timer = setTimeout(run, quietMs);',
    '  };',
    '}',
    '',
  ].join('\n'),
  'data/prices.json': '[\n  {"pair": "previous"},\n  {"pair": "last"},\n  {"pair": "before"}\n]\n',
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setupRepo(): { repo: TempRepo; cacheDir: string } {
  const repo = createTempRepo(FILES);
  const cacheDir = mkdtempSync(join(tmpdir(), 'codex-ctx-embed-cache-'));
  cleanups.push(() => repo.remove(), () => rmSync(cacheDir, { recursive: true, force: true }));
  return { repo, cacheDir };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {}, flush: async () => {} };
}

function startEngine(config: ContextEngineConfig): CodexCtxContextEngine {
  const engine = createContextEngine({ useRipgrep: false, embedJob: { pauseMs: 0, batchSize: 4, quietMs: 0 }, ...config });
  cleanups.push(() => engine.close());
  return engine;
}

/** Waits for the background job to embed every chunk it can. */
async function embedded(engine: CodexCtxContextEngine): Promise<number> {
  await engine.whenIndexed();
  await vi.waitFor(() => expect(engine.status().embeddings?.state).toBe('ready'), { timeout: 10_000, interval: 20 });
  return engine.status().embeddings?.vectors ?? 0;
}

/** A Responses request with one user message, as Codex sends a turn's first request. */
const userRequest = (text: string) =>
  ({ model: 'qwen3', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }] }) as unknown as ResponsesRequest;

const embeddedPaths = (calls: string[][]) => [...new Set(calls.flat().map((text) => text.split('\n')[0]))].sort();

describe('the embedding source (a controlled embedding model)', () => {
  it('retrieves the answer to a paraphrase that shares no word with it, labelled embed', async () => {
    const { repo, cacheDir } = setupRepo();
    const lexical = startEngine({ repoRoot: repo.root, cacheDir: false });
    await lexical.whenIndexed();
    const without = await lexical.retrieve(PARAPHRASE);
    expect(without.items.map((item) => item.path)).not.toContain('src/operators/pairwise.ts');

    const embedder = conceptEmbedder();
    const engine = startEngine({ repoRoot: repo.root, cacheDir, embedder });
    expect(await embedded(engine)).toBeGreaterThan(0);
    const pack = await engine.retrieve(PARAPHRASE);
    const pairwise = pack.items.find((item) => item.path === 'src/operators/pairwise.ts');
    expect(pairwise).toMatchObject({ source: 'embed', startLine: 1, endLine: 10 });
    expect(pack.block).toContain('src/operators/pairwise.ts:1-10 (embed, ');
    // Data files get no vectors; every embedded text starts with its path.
    expect(embeddedPaths(embedder.calls.slice(0, -1))).toEqual(['src/cache/lru.ts', 'src/net/retry.ts', 'src/operators/pairwise.ts', 'src/text/parse-config.ts', 'src/ui/debounce.ts']);
  });

  it('saves the vectors beside the index (no text) and a second engine reuses them: only the question is embedded', async () => {
    const { repo, cacheDir } = setupRepo();
    const first = startEngine({ repoRoot: repo.root, cacheDir, embedder: conceptEmbedder() });
    await embedded(first);
    await first.close();
    const stores = readdirSync(cacheDir).filter((name) => name.startsWith('embeddings-'));
    expect(stores).toEqual([expect.stringMatching(/^embeddings-concept-embed-[0-9a-f]{8}\.bin$/)]);
    const bytes = readFileSync(join(cacheDir, stores[0] ?? '')).toString('latin1');
    expect(bytes).not.toContain('pairwise');
    expect(bytes).not.toContain('hasLast');

    const embedder = conceptEmbedder();
    const second = startEngine({ repoRoot: repo.root, cacheDir, embedder });
    await embedded(second);
    const pack = await second.retrieve(PARAPHRASE);
    expect(pack.items.find((item) => item.path === 'src/operators/pairwise.ts')?.source).toBe('embed');
    expect(embedder.calls).toEqual([[PARAPHRASE]]);
  });

  it('re-embeds an edited file and no other', async () => {
    const { repo, cacheDir } = setupRepo();
    const first = startEngine({ repoRoot: repo.root, cacheDir, embedder: conceptEmbedder() });
    await embedded(first);
    await first.close();

    repo.write('src/net/retry.ts', `${FILES['src/net/retry.ts']}\nexport const MAX_RETRIES = 5;\nexport const RETRY_DELAY_MS = 100;\nexport const RETRY_FACTOR = 2;\n`);
    const embedder = conceptEmbedder();
    const second = startEngine({ repoRoot: repo.root, cacheDir, embedder });
    await embedded(second);
    expect(embeddedPaths(embedder.calls)).toEqual(['src/net/retry.ts']);
    // The old content's vectors are gone from the saved store; everything else is still there.
    await second.close();
    const keys = [...(await loadVectorStore(cacheDir, 'concept-embed')).entries()].map(([key]) => key);
    expect(keys.some((key) => key.startsWith(`${hashContent(FILES['src/net/retry.ts']!)}:`))).toBe(false);
    expect(keys.some((key) => key.startsWith(`${hashContent(FILES['src/operators/pairwise.ts']!)}:`))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${hashContent(readFileSync(join(repo.root, 'src/net/retry.ts'), 'utf8'))}:`))).toBe(true);
  });

  it('in a session, a file the agent edits is embedded again after the next turn refreshes the index', async () => {
    const { repo, cacheDir } = setupRepo();
    const embedder = conceptEmbedder();
    const engine = startEngine({ repoRoot: repo.root, cacheDir, embedder });
    await embedded(engine);
    const before = embedder.calls.length;
    repo.write('src/ui/debounce.ts', `${FILES['src/ui/debounce.ts']}\nexport const QUIET_MS = 250;\nexport const IDLE_MS = 1000;\nexport const SETTLE_MS = 50;\n`);
    let turn = 0;
    // The index refreshes at most every 2 s: keep taking turns until the edit has been embedded.
    await vi.waitFor(
      async () => {
        await engine.augmentResponsesRequest(userRequest(`turn ${++turn}: where is debounce?`), { headers: new Headers() });
        expect(embeddedPaths(embedder.calls.slice(before).filter((texts) => texts.some((text) => text.startsWith('src/'))))).toEqual(['src/ui/debounce.ts']);
      },
      { timeout: 15_000, interval: 300 },
    );
  });

  it('holds the background job while model requests keep coming, and goes on once they stop', async () => {
    const { repo, cacheDir } = setupRepo();
    const embedder = conceptEmbedder();
    const busy = startEngine({ repoRoot: repo.root, cacheDir, embedder, embedJob: { pauseMs: 0, quietMs: 60_000 } });
    await busy.augmentResponsesRequest(userRequest('where is withRetry?'), { headers: new Headers() });
    await busy.whenIndexed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(embedder.calls).toEqual([]);
    expect(busy.status().embeddings).toMatchObject({ state: 'embedding', vectors: 0 });
    await busy.close(); // the wait ends with the session

    const resuming = startEngine({ repoRoot: repo.root, cacheDir, embedder, embedJob: { pauseMs: 0, quietMs: 200 } });
    await resuming.augmentResponsesRequest(userRequest('where is withRetry?'), { headers: new Headers() });
    expect(await embedded(resuming)).toBeGreaterThan(0);
  });

  it('a missing model turns the source off with one log line; retrieval still answers from the index', async () => {
    const { repo, cacheDir } = setupRepo();
    // Vectors saved earlier with the same model name, so the question would be embedded too.
    const seeded = startEngine({ repoRoot: repo.root, cacheDir, embedder: conceptEmbedder('not-pulled') });
    await embedded(seeded);
    await seeded.close();
    repo.write('src/new-file.ts', 'export function brandNewHelper() {\n  return 1;\n}\n// three lines at least\n');

    const logger = recordingLogger();
    const embedder = missingModelEmbedder('not-pulled');
    const engine = startEngine({ repoRoot: repo.root, cacheDir, embedder, logger });
    await engine.whenIndexed();
    await vi.waitFor(() => expect(engine.status().embeddings?.state).toBe('off'), { timeout: 10_000, interval: 20 });
    const pack = await engine.retrieve('where is withRetry defined?');
    expect(pack.items[0]?.path).toBe('src/net/retry.ts');
    expect(pack.items.every((item) => item.source !== 'embed')).toBe(true);
    await engine.retrieve(PARAPHRASE);
    expect(logger.warnings).toEqual(['embedding model unavailable; semantic retrieval off for this session']);
    // Off means off: neither the job nor later questions ask the backend again.
    expect(embedder.calls).toHaveLength(1);
  });

  it('the dry run uses the saved vectors, embeds only the question, and starts no job', async () => {
    const { repo, cacheDir } = setupRepo();
    const session = startEngine({ repoRoot: repo.root, cacheDir, embedder: conceptEmbedder() });
    await embedded(session);
    await session.close();
    repo.write('src/later.ts', 'export function laterAddition() {\n  return [1, 2, 3];\n}\n// not embedded by anyone yet\n');

    const embedder = conceptEmbedder();
    const pack = await previewContext(PARAPHRASE, { repoRoot: repo.root, cacheDir, embedder, useRipgrep: false });
    expect(pack.items.find((item) => item.path === 'src/operators/pairwise.ts')?.source).toBe('embed');
    expect(embedder.calls).toEqual([[PARAPHRASE]]);
  });

  it('embeds the question once per user turn, however many requests the turn makes', async () => {
    const { repo, cacheDir } = setupRepo();
    const embedder = conceptEmbedder();
    const engine = startEngine({ repoRoot: repo.root, cacheDir, embedder });
    await embedded(engine);
    const before = embedder.calls.length;
    const request = userRequest(PARAPHRASE);
    const headers = new Headers({ 'x-codex-turn-metadata': JSON.stringify({ turn_id: 'turn-1' }) });
    const first = await engine.augmentResponsesRequest(request, { headers });
    const second = await engine.augmentResponsesRequest(request, { headers });
    expect(first.context?.items.some((item) => item.source === 'embed')).toBe(true);
    expect(second.context?.block).toBe(first.context?.block);
    expect(embedder.calls.slice(before).filter((texts) => texts.includes(PARAPHRASE))).toHaveLength(1);
  });
});
