import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

/** Writes the catalog into a private temp dir; `remove()` deletes it when the session ends. */
export async function writeModelCatalog(catalog: unknown): Promise<{ path: string; remove(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'codex-ctx-'));
  const path = join(directory, 'model-catalog.json');
  await writeFile(path, JSON.stringify(catalog, null, 1), { mode: 0o600 });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
