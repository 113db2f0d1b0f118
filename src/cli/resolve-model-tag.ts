/**
 * `-m qwen3` when only `qwen3:8b` is pulled: Ollama itself reads a bare name as `qwen3:latest` and
 * answers "not found". When exactly one installed tag carries that name we take it (the caller says
 * so once); otherwise the caller's error lists the candidates.
 */
export type ModelTagResolution =
  | { kind: 'as-given'; model: string }
  | { kind: 'resolved'; model: string; from: string }
  | { kind: 'ambiguous' | 'missing'; model: string; candidates: string[] };

export function resolveModelTag(model: string, installed: readonly string[]): ModelTagResolution {
  if (installed.includes(model)) return { kind: 'as-given', model };
  // A tagged name, or one Ollama completes to :latest, is the user's exact choice.
  if (hasTag(model) || installed.includes(`${model}:latest`)) return { kind: 'as-given', model };
  const candidates = installed.filter((name) => hasTag(name) && name.slice(0, name.lastIndexOf(':')) === model);
  if (candidates.length === 1) return { kind: 'resolved', model: candidates[0]!, from: model };
  return { kind: candidates.length > 1 ? 'ambiguous' : 'missing', model, candidates };
}

/** `library/qwen3:8b` has a tag; `host:11434/qwen3` does not (the colon is in the registry part). */
function hasTag(name: string): boolean {
  return name.slice(name.lastIndexOf('/') + 1).includes(':');
}
