import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatContextPreview, previewContext } from '../../src/context/preview-context.js';
import { startFakeBridge } from '../support/fake-bridge.js';
import { createSampleRepo, PLANTED_SECRETS } from './sample-repo.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('previewContext', () => {
  it('shows the block that would be injected, then a table and totals', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const pack = await previewContext('where is computeRetryDelay?', { repoRoot: repo.root, cacheDir: false, budgetTokens: 2000 });
    const output = formatContextPreview(pack, { json: false });
    expect(output.startsWith(pack.block)).toBe(true);
    expect(output).toMatch(/#\s+path\s+lines\s+source\s+score\s+tokens/);
    expect(output).toMatch(/\[1\]\s+src\/http\/retry-policy\.ts\s+1-\d+\s+\w+\s+[\d.e-]+\s+\d+/);
    expect(output).toMatch(new RegExp(`${pack.items.length} snippets?, ${pack.tokens.used} of 2000 tokens$`));
    for (const secret of PLANTED_SECRETS) expect(output).not.toContain(secret);
  });

  it('prints machine-readable JSON with --json', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const pack = await previewContext('how does verifyToken check the signature?', { repoRoot: repo.root, cacheDir: false });
    const parsed = JSON.parse(formatContextPreview(pack, { json: true })) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['query', 'items', 'tokens', 'block']);
    expect(parsed.query).toBe('how does verifyToken check the signature?');
    expect(parsed.tokens).toEqual({ used: pack.tokens.used, budget: 4096 });
    expect(parsed.block).toBe(pack.block);
    expect((parsed.items as Array<Record<string, unknown>>)[0]).toEqual({
      path: 'src/auth/verify-token.ts',
      startLine: expect.any(Number),
      endLine: expect.any(Number),
      source: expect.any(String),
      score: expect.any(Number),
      tokens: expect.any(Number),
    });
  });

  it('labels every snippet with its real source in the block, the table and --json', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const bridge = await startFakeBridge({
      repoRoot: repo.root,
      search: () => [{ path: 'src/storage/cache.go', startLine: 1, endLine: 12, score: 0.05 }],
    });
    cleanups.push(() => bridge.close());
    const pack = await previewContext('how is the token signature checked?', { repoRoot: repo.root, cacheDir: false, bridge: { url: bridge.url, dialect: 'root' } });
    // Only the bridge's semantic search knows the Go cache answers this question.
    const semantic = pack.items.find((item) => item.path === 'src/storage/cache.go');
    expect(semantic?.source).toBe('bridge:semantic');
    expect(pack.block).toContain(`${semantic?.path}:${semantic?.startLine}-${semantic?.endLine} (bridge:semantic, `);
    expect(formatContextPreview(pack, { json: false })).toMatch(/src\/storage\/cache\.go\s+\d+-\d+\s+bridge:semantic\s/);
    const json = JSON.parse(formatContextPreview(pack, { json: true })) as { items: Array<{ source: string }> };
    expect(json.items.map((item) => item.source)).toEqual(pack.items.map((item) => item.source));
    for (const item of pack.items) expect(['bridge:semantic', 'bridge:grep', 'bridge:symbols', 'index', 'grep', 'embed']).toContain(item.source);

    const local = await previewContext('where is computeRetryDelay?', { repoRoot: repo.root, cacheDir: false });
    expect(local.items[0]?.source).toBe('index');
  });

  it('says so when nothing is found', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const pack = await previewContext('quux zyzzyva', { repoRoot: repo.root, cacheDir: false });
    expect(formatContextPreview(pack, { json: false })).toBe('No context found for: quux zyzzyva\n(0 of 4096 tokens)');
  });

  it('saves the index for the next run, writes nothing into the work tree, and asks the bridge for no re-index', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const bridge = await startFakeBridge({ repoRoot: repo.root });
    cleanups.push(() => bridge.close());
    const cacheDir = join(repo.root, 'node_modules', '.cache', 'codex-ctx');
    repo.write('node_modules/.keep', '');
    const before = readdirSync(repo.root, { recursive: true }).length;
    await previewContext('where is computeRetryDelay?', { repoRoot: repo.root, bridge: { url: bridge.url, dialect: 'root' } });
    expect(existsSync(join(cacheDir, 'index.bin'))).toBe(true);
    const outsideCache = (entries: unknown[]) => entries.map(String).filter((entry) => !entry.startsWith(join('node_modules', '.cache')));
    expect(outsideCache(readdirSync(repo.root, { recursive: true })).length).toBe(before);
    expect(bridge.requests.map((request) => request.route)).not.toContain('symbolsIndex');
  });
});
