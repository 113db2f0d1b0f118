import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/log/redact-secrets.js';
import { formatContextItem } from '../../src/context/pack/format-context-block.js';
import { packContext } from '../../src/context/pack/pack-context.js';
import { SavedTokenCounts } from '../../src/context/pack/saved-token-counts.js';
import type { FusedUnit } from '../../src/context/rank/fuse-hits.js';
import { createTempRepo, linesOf, type TempRepo } from './temp-repo.js';

const longFunction = (name: string, lines: number) =>
  [`export function ${name}() {`, ...Array.from({ length: lines }, (_, index) => `  const value${index} = compute(${index}, "${name}");`), '}'].join('\n');

const files: Record<string, string> = {
  'src/a.ts': longFunction('alpha', 30),
  'src/b.ts': longFunction('beta', 200),
  'src/c.ts': longFunction('gamma', 10) + '\n' + 'const token = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";\n' + '```\nnot a fence\n```\n',
  'src/d.ts': longFunction('delta', 40),
};

let repo: TempRepo;
beforeAll(() => {
  repo = createTempRepo(files, { git: false });
});
afterAll(() => repo.remove());

const unit = (path: string, startLine: number, endLine: number, score = 1, focusLine?: number): FusedUnit => ({
  path,
  startLine,
  endLine,
  score,
  source: 'index',
  focusLine,
});

const pack = (units: FusedUnit[], budgetTokens: number) =>
  packContext(units, { repoRoot: repo.root, budgetTokens, query: 'q', redact: (text) => redactSecrets(text) });

describe('packContext', () => {
  it.each([300, 700, 1500, 4096])('never exceeds a budget of %i tokens, counted on the injected block', async (budget) => {
    const result = await pack([unit('src/a.ts', 1, 32, 4), unit('src/b.ts', 1, 202, 3), unit('src/c.ts', 1, 15, 2), unit('src/d.ts', 1, 42, 1)], budget);
    expect(result.tokens.used).toBe(countTokens(result.block));
    expect(result.tokens.used).toBeLessThanOrEqual(budget);
    expect(result.tokens.budget).toBe(budget);
    expect(result.items.length).toBeGreaterThan(0);
  });

  it('quotes exactly the cited lines of each file, numbered in rank order', async () => {
    const result = await pack([unit('src/d.ts', 5, 20, 2), unit('src/a.ts', 1, 32, 1)], 4096);
    expect(result.items.map((item) => `${item.path}:${item.startLine}-${item.endLine}`)).toEqual(['src/d.ts:5-20', 'src/a.ts:1-32']);
    for (const [index, item] of result.items.entries()) {
      expect(item.text).toBe(linesOf(files[item.path] ?? '', item.startLine, item.endLine));
      expect(result.block).toContain(`[${index + 1}] ${item.path}:${item.startLine}-${item.endLine} (index, `);
      expect(result.block).toContain(item.text);
    }
  });

  it('cuts a long definition around the line that matched', async () => {
    const result = await pack([unit('src/b.ts', 1, 202, 1, 150)], 4096);
    const [item] = result.items;
    expect(item?.startLine).toBeLessThanOrEqual(150);
    expect(item?.endLine).toBeGreaterThanOrEqual(150);
    expect((item?.endLine ?? 0) - (item?.startLine ?? 0) + 1).toBeLessThanOrEqual(80);
  });

  it('merges overlapping ranges of one file and drops duplicates', async () => {
    const result = await pack([unit('src/a.ts', 1, 10, 3), unit('src/a.ts', 8, 20, 2), unit('src/a.ts', 1, 10, 1)], 4096);
    expect(result.items.map((item) => `${item.path}:${item.startLine}-${item.endLine}`)).toEqual(['src/a.ts:1-20']);
  });

  it('redacts secret-shaped strings and fences code that contains backticks', async () => {
    const result = await pack([unit('src/c.ts', 1, 15, 1)], 4096);
    expect(result.block).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123');
    expect(result.block).toContain('[REDACTED]');
    expect(result.items[0]?.text).toBe(redactSecrets(linesOf(files['src/c.ts'] ?? '', 1, 15)));
    expect(result.block).toContain('````ts\n');
  });

  it('never quotes secret-named files, whoever ranked them', async () => {
    repo.write('.env', 'OPENAI_API_KEY=sk-live-abcdefghijklmnopqrstuvwxyz\n');
    const result = await pack([unit('.env', 1, 1, 9), unit('src/a.ts', 1, 5, 1)], 4096);
    expect(result.items.map((item) => item.path)).toEqual(['src/a.ts']);
  });

  it('skips a snippet made of one enormous line (generated or data files)', async () => {
    repo.write('data/blob.json', `${'{"key":"value"},'.repeat(20_000)}\n`);
    const result = await pack([unit('data/blob.json', 1, 1, 9), unit('src/a.ts', 1, 5, 1)], 4096);
    expect(result.items.map((item) => item.path)).toEqual(['src/a.ts']);
  });

  it('returns an empty block when nothing fits or nothing was found', async () => {
    expect(await pack([], 4096)).toEqual({ query: 'q', items: [], tokens: { used: 0, budget: 4096 }, block: '' });
  });
});

describe('packContext with saved token counts (dry runs)', () => {
  const units = () => [unit('src/a.ts', 1, 32, 4), unit('src/b.ts', 1, 202, 3), unit('src/c.ts', 1, 15, 2), unit('src/d.ts', 1, 42, 1)];
  const packSaved = async (cacheDir: string, budgetTokens: number) => {
    const savedTokenCounts = await SavedTokenCounts.load(cacheDir);
    const result = await packContext(units(), { repoRoot: repo.root, budgetTokens, query: 'q', redact: (text) => redactSecrets(text), savedTokenCounts });
    await savedTokenCounts.save();
    return result;
  };

  it('packs the same block with the same exact counts as the tokenizer, run after run', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'codex-ctx-counts-'));
    try {
      const fresh = await pack(units(), 1500);
      const first = await packSaved(cacheDir, 1500);
      const second = await packSaved(cacheDir, 1500);
      for (const result of [first, second]) {
        expect(result.block).toBe(fresh.block);
        expect(result.tokens).toEqual(fresh.tokens);
        expect(result.items.map((item) => item.tokens)).toEqual(fresh.items.map((item) => item.tokens));
      }
      expect(second.tokens.used).toBe(countTokens(second.block));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('counts an edited file afresh, and saves no source text or secret', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'codex-ctx-counts-'));
    const original = files['src/a.ts'] ?? '';
    try {
      await packSaved(cacheDir, 4096);
      const saved = readdirSync(cacheDir).map((name) => readFileSync(join(cacheDir, name), 'utf8')).join('\n');
      expect(saved).not.toContain('compute(');
      expect(saved).not.toContain('sk-proj-');
      // Longer lines: a stale count would under-count the block.
      repo.write('src/a.ts', original.replace(/compute\(/g, 'computeSomethingConsiderablyLongerThanBefore('));
      const edited = await packSaved(cacheDir, 4096);
      expect(edited.block).toContain('computeSomethingConsiderablyLongerThanBefore');
      expect(edited.tokens.used).toBe(countTokens(edited.block));
      for (const item of edited.items) expect(item.tokens).toBe(countTokens(formatContextItem(edited.items.indexOf(item) + 1, item)));
    } finally {
      repo.write('src/a.ts', original);
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
