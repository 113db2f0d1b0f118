import type { ChatCompletionRequest, ChatFunctionTool } from '../../../wire/chat-request-schema.js';
import type { OllamaTool } from '../ollama-api-types.js';

export interface PreparedOllamaChatTools {
  tools: OllamaTool[];
  warnings: string[];
}

const EMPTY_PARAMETERS: Record<string, unknown> = Object.freeze({ type: 'object', properties: Object.freeze({}) });

/**
 * Chat tools + tool_choice → the tools Ollama sees. Ollama has no tool_choice, so:
 * - `"none"`: no tools are sent, which is the only way to keep the model from calling one;
 * - a named function: only that tool is sent (best effort: the model may still answer in text);
 * - `"required"`: every tool is sent (best effort, as above);
 * - `"auto"` or absent: every tool.
 * Non-function tools (custom, hosted) need an engine Ollama does not have and are dropped.
 */
export function prepareOllamaChatTools(
  tools: ChatCompletionRequest['tools'],
  toolChoice: ChatCompletionRequest['tool_choice'],
): PreparedOllamaChatTools {
  const prepared: OllamaTool[] = [];
  const warnings: string[] = [];
  if (!tools?.length || toolChoice === 'none') return { tools: prepared, warnings };

  let named = typeof toolChoice === 'object' && toolChoice?.type === 'function' ? (toolChoice as { function: { name: string } }).function.name : undefined;
  if (named !== undefined && !tools.some((tool) => tool.type === 'function' && (tool as ChatFunctionTool).function.name === named)) {
    warnings.push(`tool_choice names "${named}", which is not among the tools; sent them all`);
    named = undefined;
  }
  if (named !== undefined) warnings.push(`tool_choice "${named}": only that tool was sent (Ollama cannot force the call)`);
  if (toolChoice === 'required') warnings.push('tool_choice "required" cannot be enforced by Ollama; tools sent as for "auto"');

  for (const tool of tools) {
    if (tool.type !== 'function') {
      warnings.push(`dropped tool of type "${tool.type}": Ollama runs function tools only`);
      continue;
    }
    const { function: fn } = tool as ChatFunctionTool;
    if (named !== undefined && fn.name !== named) continue;
    prepared.push({
      type: 'function',
      function: fn.description
        ? { name: fn.name, description: fn.description, parameters: fn.parameters ?? EMPTY_PARAMETERS }
        : { name: fn.name, parameters: fn.parameters ?? EMPTY_PARAMETERS },
    });
  }
  return { tools: prepared, warnings };
}
