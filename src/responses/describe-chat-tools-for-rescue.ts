import type { ChatCompletionRequest, ChatFunctionTool } from '../wire/chat-request-schema.js';
import type { DeclaredTool } from './tool-rescue/tool-rescue-types.js';

/**
 * A chat completion request → the tools a call written as text may be rescued into: its function tools
 * (custom and hosted tools have no `arguments` object to rescue), narrowed by `tool_choice` the way the
 * Ollama backend narrows what it sends. None — so no rescue — when `tool_choice` is `"none"`, when the
 * client asked for structured output (a JSON answer there is data, not a call), or for `n > 1`.
 */
export function describeChatToolsForRescue(request: ChatCompletionRequest): DeclaredTool[] {
  const { tools, tool_choice: toolChoice } = request;
  if (!tools?.length || toolChoice === 'none' || (request.n ?? 1) > 1) return [];
  const format = request.response_format?.type;
  if (format !== undefined && format !== 'text') return [];
  const functions = tools.filter((tool): tool is ChatFunctionTool => tool.type === 'function').map((tool) => tool.function);
  const named = typeof toolChoice === 'object' && toolChoice?.type === 'function' ? (toolChoice as { function: { name: string } }).function.name : undefined;
  const chosen = named === undefined ? [] : functions.filter((fn) => fn.name === named);
  return (chosen.length > 0 ? chosen : functions).map((fn) =>
    fn.parameters ? { name: fn.name, kind: 'function', parameters: fn.parameters } : { name: fn.name, kind: 'function' },
  );
}
