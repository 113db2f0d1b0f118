/**
 * Validation, tool lowering and schema conversion all walk JSON recursively; a body nested thousands of
 * levels deep (a tool's `parameters`, `text.format.schema`) overflowed the stack into a 500, which
 * Codex retries. This walk is iterative and runs first, so such a body is a 400 instead.
 */
export const MAX_JSON_DEPTH = 100;

/** The field where `value` nests deeper than `maxDepth`, named by its first three steps (`tools[0].parameters`), or undefined. */
export function findTooDeepJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: Array<string | number> }> = [{ value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return fieldName(path);
    // Only the first few keys are kept: they name the field; deeper keys would only make it longer.
    const keep = (key: string | number) => (path.length < 3 ? [...path, key] : path);
    if (Array.isArray(current)) current.forEach((item, index) => stack.push({ value: item, depth: depth + 1, path: keep(index) }));
    else for (const [key, item] of Object.entries(current)) stack.push({ value: item, depth: depth + 1, path: keep(key) });
  }
  return undefined;
}

function fieldName(path: Array<string | number>): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('') || 'the body';
}
