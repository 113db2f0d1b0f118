/**
 * Backends (Ollama, chat servers) know only flat function tools. Codex declares namespaced functions and a custom (freeform)
 * apply_patch tool, and must get calls back in exactly those shapes (spec §0 items 7–8). This map is
 * built from the request's tools and answers both directions; it is never reconstructed by parsing
 * names, so any encoding the model echoes back resolves exactly.
 */
export type ToolTarget =
  | { kind: 'function'; name: string; namespace?: string }
  | { kind: 'custom'; name: string };

/** The separator the backend sees between a namespace and a member: `multi_agent_v1__close_agent`. */
export const NAMESPACE_SEPARATOR = '__';

export class ToolNameMap {
  readonly #byFunctionName = new Map<string, ToolTarget>();

  /** Registers a declared tool and returns the function name the backend will see. */
  register(target: ToolTarget): string {
    const functionName = encodeToolName(target);
    this.#byFunctionName.set(functionName, target);
    return functionName;
  }

  /**
   * Registers an extra spelling the model may use for an already declared tool (a namespaced member's
   * bare name, `ns.name`), unless it already means something else.
   */
  alias(spelling: string, target: ToolTarget): void {
    if (!this.#byFunctionName.has(spelling)) this.#byFunctionName.set(spelling, target);
  }

  /** Name to send the backend for a tool call replayed from history (declared or not). */
  toFunctionName(target: ToolTarget): string {
    return encodeToolName(target);
  }

  /** What Codex must receive for a name the model called; unknown names stay plain functions. */
  fromFunctionName(functionName: string): ToolTarget {
    return this.#byFunctionName.get(functionName) ?? { kind: 'function', name: functionName };
  }

  get size(): number {
    return this.#byFunctionName.size;
  }
}

export function encodeToolName(target: ToolTarget): string {
  return target.kind === 'function' && target.namespace
    ? `${target.namespace}${NAMESPACE_SEPARATOR}${target.name}`
    : target.name;
}
