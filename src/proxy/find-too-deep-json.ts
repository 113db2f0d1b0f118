/**
 * Validation, tool lowering and schema conversion all walk JSON recursively; a body nested thousands of
 * levels deep (a tool's `parameters`, `text.format.schema`) overflowed the stack into a 500, which
 * Codex retries. This walk runs first, so such a body is a 400 instead. It recurses at most `maxDepth`
 * levels itself, and allocates nothing per value unless it finds a culprit (it reads every request).
 */
export const MAX_JSON_DEPTH = 100;

/** The field where `value` nests deeper than `maxDepth`, named by its first three steps (`tools[0].parameters`), or undefined. */
export function findTooDeepJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const path = pathTooDeep(value, 0, maxDepth);
  return path && fieldName(path.slice(0, 3));
}

/** The steps down to the first value at `maxDepth` that is still an object, last children first. */
function pathTooDeep(value: unknown, depth: number, maxDepth: number): Array<string | number> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= maxDepth) return [];
  if (Array.isArray(value)) {
    for (let index = value.length - 1; index >= 0; index--) {
      const path = pathTooDeep(value[index], depth + 1, maxDepth);
      if (path) return [index, ...path];
    }
    return undefined;
  }
  const keys = Object.keys(value);
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index]!;
    const path = pathTooDeep((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    if (path) return [key, ...path];
  }
  return undefined;
}

function fieldName(path: Array<string | number>): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('') || 'the body';
}
