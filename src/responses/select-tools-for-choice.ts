import type { ResponsesRequest } from '../wire/responses-request-schema.js';

/**
 * Responses `tool_choice` → the tools a backend without tool_choice may see (Ollama has none):
 * - `"none"`: no tools, the only way to keep the model from calling one;
 * - `{type: "function", name}` (or `custom`): only that tool (best effort: the model may still answer
 *   in text);
 * - `"auto"` (what Codex sends), `"required"`, absent or anything else: every tool.
 */
export function selectToolsForChoice(
  tools: ResponsesRequest['tools'],
  toolChoice: unknown,
): { tools: ResponsesRequest['tools']; warnings: string[] } {
  if (!tools?.length) return { tools, warnings: [] };
  if (toolChoice === 'none') return { tools: [], warnings: [] };
  const named = namedChoice(toolChoice);
  if (named === undefined) {
    const warnings = toolChoice === 'required' ? ['tool_choice "required" cannot be enforced; tools sent as for "auto"'] : [];
    return { tools, warnings };
  }
  const chosen = tools.filter((tool) => (tool as { name?: unknown }).name === named);
  if (chosen.length === 0) return { tools, warnings: [`tool_choice names "${named}", which is not among the tools; sent them all`] };
  return { tools: chosen, warnings: [`tool_choice "${named}": only that tool was sent (the call cannot be forced)`] };
}

function namedChoice(toolChoice: unknown): string | undefined {
  if (typeof toolChoice !== 'object' || toolChoice === null) return undefined;
  const { type, name } = toolChoice as { type?: unknown; name?: unknown };
  return (type === 'function' || type === 'custom') && typeof name === 'string' ? name : undefined;
}
