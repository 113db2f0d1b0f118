import { assembleOllamaChatBody } from '../assemble-ollama-chat-body.js';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import type { OllamaChatRequest } from '../ollama-api-types.js';
import { convertResponsesInputToOllamaMessages } from './convert-responses-input-to-ollama-messages.js';
import { mapResponsesOptionsToOllama, type OllamaRequestSettings } from './map-responses-options-to-ollama.js';
import { prepareResponsesTools } from '../../../responses/prepare-responses-tools.js';
import { ToolNameMap } from '../../../responses/tool-name-map.js';
import { rejectStatefulResponsesParams } from '../../../responses/reject-stateful-responses-params.js';
import { selectToolsForChoice } from '../../../responses/select-tools-for-choice.js';

export type { OllamaRequestSettings } from './map-responses-options-to-ollama.js';

export interface ConvertedOllamaRequest {
  body: OllamaChatRequest;
  /** Turns the names the model calls back into Codex's namespaced / custom tools. */
  toolNameMap: ToolNameMap;
  /** Things dropped or approximated; for the log, never sent to the client. */
  warnings: string[];
}

/**
 * A validated `/v1/responses` request → the native `/api/chat` body (spec §7.3). Runs on every request,
 * so it builds the body in one pass and shares tool schemas and strings with the request (no copies).
 */
export function convertResponsesRequestToOllama(
  request: ResponsesRequest,
  settings: OllamaRequestSettings,
): ConvertedOllamaRequest {
  rejectStatefulResponsesParams(request);
  const toolNameMap = new ToolNameMap();
  const selected = selectToolsForChoice(request.tools, request.tool_choice);
  // Tools first: history conversion must not shadow the declared names in the map.
  const tools = prepareResponsesTools(selected.tools, toolNameMap);
  const input = convertResponsesInputToOllamaMessages(request.input, {
    instructions: request.instructions,
    toolNameMap,
  });
  const mapped = mapResponsesOptionsToOllama(request, settings);

  const body = assembleOllamaChatBody({
    model: request.model,
    messages: input.messages,
    tools: tools.tools,
    options: mapped.options,
    format: mapped.format,
    think: mapped.think,
    keepAlive: settings.keepAlive,
  });

  return { body, toolNameMap, warnings: [...selected.warnings, ...tools.warnings, ...input.warnings, ...mapped.warnings] };
}
