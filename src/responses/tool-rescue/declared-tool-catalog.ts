import type { DeclaredTool } from './tool-rescue-types.js';

/** The tool Codex applies patches with; a patch written as text is rescued only when it is declared. */
const PATCH_TOOL_NAME = 'apply_patch';

/**
 * The declared tools, with the near-miss lookup a rescued call goes through. A model's spelling maps to
 * a declared tool only when exactly one tool matches at the first stage that matches at all; anything
 * else stays text, so a tool is never invented.
 */
export class DeclaredToolCatalog {
  readonly tools: readonly DeclaredTool[];
  readonly patchTool: DeclaredTool | undefined;
  readonly #byName = new Map<string, DeclaredTool>();
  readonly #resolved = new Map<string, DeclaredTool | undefined>();

  constructor(tools: readonly DeclaredTool[]) {
    this.tools = tools;
    for (const tool of tools) if (!this.#byName.has(tool.name)) this.#byName.set(tool.name, tool);
    this.patchTool = this.resolve(PATCH_TOOL_NAME);
  }

  /** The declared tool a model's spelling means: exact, then case/`-`/`.` variants, then a namespace prefix. */
  resolve(spelling: string): DeclaredTool | undefined {
    if (this.#resolved.has(spelling)) return this.#resolved.get(spelling);
    const tool = this.#lookup(spelling);
    this.#resolved.set(spelling, tool);
    return tool;
  }

  #lookup(spelling: string): DeclaredTool | undefined {
    const exact = this.#byName.get(spelling);
    if (exact) return exact;
    const normalized = normalizeToolName(spelling);
    if (!normalized) return undefined;
    const sameSpelling = unique(this.tools.filter((tool) => normalizeToolName(tool.name) === normalized));
    if (sameSpelling) return sameSpelling;
    // `functions.exec_command`, `mcp__server__tool`, or a namespaced member written without its
    // namespace: compare what follows the last namespace separator on both sides.
    const member = normalizeToolName(lastSegment(spelling));
    return unique(this.tools.filter((tool) => normalizeToolName(lastSegment(tool.name)) === member));
  }
}

/** Lower case, with `-`, `.`, spaces and runs of `_` folded into one `_`. */
function normalizeToolName(name: string): string {
  return name.trim().toLowerCase().replace(/[-.\s]+/g, '_').replace(/_+/g, '_');
}

/** The part after the last namespace separator (`.`, `__`, `/`, `:`). */
function lastSegment(name: string): string {
  const parts = name.trim().split(/\.|__|\/|:/);
  return parts[parts.length - 1] ?? name;
}

function unique(matches: DeclaredTool[]): DeclaredTool | undefined {
  return matches.length === 1 ? matches[0] : undefined;
}
