import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelDescription } from '../backends/backend.js';

/**
 * A one-model `model_catalog_json` for Codex 0.169 (format probed in shared/spec §2): it replaces Codex's
 * 17 KB prompt with ours, declares apply_patch as a freeform tool, and states the real context window.
 * Without an entry Codex warns "Model metadata not found" and assumes a 272k window.
 */
export interface ModelCatalogEntry {
  slug: string;
  display_name: string;
  description: string;
  supported_reasoning_levels: Array<{ effort: string; description: string }>;
  shell_type: 'shell_command';
  visibility: 'list';
  supported_in_api: true;
  priority: number;
  support_verbosity: false;
  truncation_policy: { mode: 'tokens'; limit: number };
  experimental_supported_tools: [];
  input_modalities: Array<'text' | 'image'>;
  context_window: number;
  apply_patch_tool_type: 'freeform';
  base_instructions: string;
}

/** Tool output Codex keeps per call; Codex's default (10k tokens) would fill a small window at once. */
const MAX_TOOL_OUTPUT_TOKENS = 10_000;

export function buildModelCatalog(options: {
  model: string;
  description: ModelDescription;
  contextWindow: number;
  baseInstructions: string;
}): { models: [ModelCatalogEntry] } {
  const { model, description, contextWindow } = options;
  const thinks = description.capabilities.includes('thinking');
  const sees = description.capabilities.includes('vision');
  return {
    models: [
      {
        slug: model,
        display_name: `${model} (codex-ctx)`,
        description: 'Local model served by Ollama through codex-ctx',
        // Codex only offers reasoning levels it finds here; the proxy maps them to Ollama's `think`.
        supported_reasoning_levels: thinks
          ? [
              { effort: 'low', description: 'Think briefly' },
              { effort: 'medium', description: 'Think as the model usually does' },
              { effort: 'high', description: 'Think longer on hard problems' },
            ]
          : [],
        shell_type: 'shell_command',
        visibility: 'list',
        supported_in_api: true,
        priority: 1,
        support_verbosity: false,
        truncation_policy: {
          mode: 'tokens',
          limit: Math.max(1_000, Math.min(MAX_TOOL_OUTPUT_TOKENS, Math.floor(contextWindow / 4))),
        },
        experimental_supported_tools: [],
        // Keeps Codex from attaching images a text-only model cannot read.
        input_modalities: sees ? ['text', 'image'] : ['text'],
        context_window: contextWindow,
        apply_patch_tool_type: 'freeform',
        base_instructions: options.baseInstructions,
      },
    ],
  };
}

// `codex-ctx-catalog-<pid>-XXXXXX`: the pid tells a later run whether the session that made it is gone.
const CATALOG_DIR_PREFIX = 'codex-ctx-catalog-';
const CATALOG_DIR = /^codex-ctx-catalog-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * Writes the catalog into a private temp dir; `remove()` deletes it when the session ends. A session
 * killed with SIGKILL never gets there, so each start first removes the catalogs of sessions that are gone.
 */
export async function writeModelCatalog(
  catalog: unknown,
  options: { parent?: string } = {},
): Promise<{ path: string; remove(): Promise<void> }> {
  const parent = options.parent ?? tmpdir();
  await removeStaleCatalogs(parent);
  const directory = await mkdtemp(join(parent, `${CATALOG_DIR_PREFIX}${process.pid}-`));
  const path = join(directory, 'model-catalog.json');
  await writeFile(path, JSON.stringify(catalog, null, 1), { mode: 0o600 });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}

/** Only our own user's catalog dirs whose process no longer runs; never another live session's. */
export async function removeStaleCatalogs(parent: string): Promise<void> {
  const entries = await readdir(parent).catch(() => [] as string[]);
  const uid = process.getuid?.();
  for (const entry of entries) {
    const pid = Number(CATALOG_DIR.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    const directory = join(parent, entry);
    const info = await stat(directory).catch(() => undefined);
    if (!info?.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
