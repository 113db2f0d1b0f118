import type { ChatMessage } from '../../../wire/chat-request-schema.js';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import { prepareResponsesTools, type LoweredFunctionTool } from '../../../responses/prepare-responses-tools.js';
import { ToolNameMap } from '../../../responses/tool-name-map.js';
import { selectToolsForChoice } from '../../../responses/select-tools-for-choice.js';
import { convertResponsesInputToChatMessages } from './convert-responses-input-to-chat-messages.js';

/** The chat completion request we send; tools are the lowered function tools (`{type, function}`). */
export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  tools?: LoweredFunctionTool[];
  tool_choice?: string;
  parallel_tool_calls?: boolean;
  stream: true;
  stream_options: { include_usage: true };
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  response_format?: Record<string, unknown>;
  reasoning_effort?: string;
}

export interface ConvertedChatRequest {
  body: ChatRequestBody;
  /** Turns the flat names the model calls back into Codex's namespaced and custom tools. */
  toolNameMap: ToolNameMap;
  warnings: string[];
}

/**
 * A Responses request → a streamed chat completion request, for servers without /v1/responses. Tools
 * are lowered exactly as for Ollama (namespaces flattened to `ns__name`, the custom apply_patch tool as
 * a function with one `input` string), through the same reversible ToolNameMap.
 */
export function convertResponsesRequestToChat(request: ResponsesRequest): ConvertedChatRequest {
  const toolNameMap = new ToolNameMap();
  // "none" and a named choice narrow the tools here; "required" goes on to the server, which enforces it.
  const selected = selectToolsForChoice(request.tools, request.tool_choice === 'required' ? 'auto' : request.tool_choice);
  // Tools first: history conversion must not shadow the declared names in the map.
  const tools = prepareResponsesTools(selected.tools, toolNameMap);
  const input = convertResponsesInputToChatMessages(request.input, { instructions: request.instructions, toolNameMap });
  const warnings = [...selected.warnings, ...tools.warnings, ...input.warnings];

  const body: ChatRequestBody = {
    model: request.model,
    messages: input.messages,
    stream: true,
    // Usage arrives in a last chunk only when asked for; Codex needs it to know when to compact.
    stream_options: { include_usage: true },
  };
  if (tools.tools.length > 0) {
    body.tools = tools.tools;
    if (typeof request.tool_choice === 'string') body.tool_choice = request.tool_choice;
    if (request.parallel_tool_calls != null) body.parallel_tool_calls = request.parallel_tool_calls;
  }
  if (request.max_output_tokens != null) body.max_tokens = request.max_output_tokens;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  const format = request.text?.format;
  if (format?.type === 'json_schema') {
    const strict = (format as { strict?: unknown }).strict === true;
    body.response_format = { type: 'json_schema', json_schema: { name: format.name ?? 'output', schema: format.schema ?? {}, strict } };
  } else if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (request.reasoning?.effort) body.reasoning_effort = request.reasoning.effort;
  return { body, toolNameMap, warnings };
}
