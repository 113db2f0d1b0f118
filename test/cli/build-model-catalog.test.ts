import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { BASE_INSTRUCTIONS } from '../../src/cli/base-instructions.js';
import { buildModelCatalog, writeModelCatalog } from '../../src/cli/build-model-catalog.js';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));
const MIN_CATALOG = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/codex/model-catalog-min.json', import.meta.url)), 'utf8'),
) as { models: Array<Record<string, unknown>> };

const description = (capabilities: string[]) => ({ id: 'qwen3:8b', contextWindow: 32768, maxContextWindow: 40960, capabilities });

describe('buildModelCatalog', () => {
  const catalog = buildModelCatalog({
    model: 'qwen3:8b',
    description: description(['completion', 'tools']),
    contextWindow: 32768,
    baseInstructions: BASE_INSTRUCTIONS,
  });
  const entry = catalog.models[0];

  it('has every key of the smallest catalog Codex 0.169 accepts', () => {
    const required = Object.keys(MIN_CATALOG.models[0] ?? {});
    expect(required.length).toBeGreaterThan(10);
    for (const key of required) expect(entry, key).toHaveProperty(key);
  });

  it('describes the model as it really runs', () => {
    expect(entry).toMatchObject({
      slug: 'qwen3:8b',
      context_window: 32768,
      apply_patch_tool_type: 'freeform',
      shell_type: 'shell_command',
      supported_reasoning_levels: [],
      input_modalities: ['text'],
      base_instructions: BASE_INSTRUCTIONS,
    });
  });

  it('offers reasoning levels only to thinking models and images only to vision models', () => {
    const thinking = buildModelCatalog({ model: 'm', description: description(['thinking', 'vision']), contextWindow: 8192, baseInstructions: 'x' });
    expect(thinking.models[0].supported_reasoning_levels.map((level) => level.effort)).toEqual(['low', 'medium', 'high']);
    expect(thinking.models[0].input_modalities).toEqual(['text', 'image']);
  });

  it('keeps tool output from filling a small window', () => {
    const small = buildModelCatalog({ model: 'm', description: description([]), contextWindow: 8192, baseInstructions: 'x' });
    expect(small.models[0].truncation_policy).toEqual({ mode: 'tokens', limit: 2048 });
    expect(entry.truncation_policy.limit).toBe(8192);
  });

  it('is accepted by the real pinned Codex', async () => {
    const file = await writeModelCatalog(catalog);
    try {
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      const home = mkdtempSync(join(tmpdir(), 'codex-home-'));
      mkdirSync(home, { recursive: true });
      const result = await execa(CODEX, ['-c', `model_catalog_json=${JSON.stringify(file.path)}`, 'debug', 'models'], {
        env: { CODEX_HOME: home },
        reject: false,
        stdin: 'ignore',
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const rendered = JSON.parse(result.stdout) as { models: Array<Record<string, unknown>> };
      expect(rendered.models[0]).toMatchObject({ slug: 'qwen3:8b', context_window: 32768, base_instructions: BASE_INSTRUCTIONS });
    } finally {
      await file.remove();
    }
  });
});

describe('catalogs left by a killed session', () => {
  it('are removed at the next start, while a running session keeps its own', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'codex-ctx-catalogs-'));
    const gone = execa(process.execPath, ['-e', '']);
    await gone; // its pid is free once it exited
    const stale = join(parent, `codex-ctx-catalog-${gone.pid}-abc123`);
    const live = join(parent, `codex-ctx-catalog-${process.ppid}-def456`);
    const unrelated = join(parent, 'codex-ctx-cli-ghi789');
    for (const directory of [stale, live, unrelated]) {
      mkdirSync(directory);
      writeFileSync(join(directory, 'model-catalog.json'), '{}');
    }
    const file = await writeModelCatalog({ models: [] }, { parent });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
    expect(file.path.startsWith(join(parent, `codex-ctx-catalog-${process.pid}-`))).toBe(true);
    await file.remove();
  });
});

describe('our system prompt', () => {
  it('stays well under Codex’s (~4k tokens): below 2.5k', () => {
    expect(encode(BASE_INSTRUCTIONS).length).toBeLessThan(2_500);
  });

  it('spells out the apply_patch format and citation rule', () => {
    for (const marker of ['*** Begin Patch', '*** Add File: ', '*** Update File: ', '@@', '*** End Patch', 'exec_command', '[n]']) {
      expect(BASE_INSTRUCTIONS).toContain(marker);
    }
  });
});
