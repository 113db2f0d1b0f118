import { invalidRequest } from '../../../wire/openai-error.js';
import { assembleOllamaChatBody } from '../assemble-ollama-chat-body.js';
import type { ChatCompletionRequest } from '../../../wire/chat-request-schema.js';
import type { OllamaChatRequest } from '../ollama-api-types.js';
import type { ThinkingSupport } from '../resolve-context-window.js';
import { convertChatMessagesToOllamaMessages } from './convert-chat-messages-to-ollama-messages.js';
import { mapChatOptionsToOllama } from './map-chat-options-to-ollama.js';
import { prepareOllamaChatTools } from './prepare-ollama-chat-tools.js';

export interface OllamaChatSettings {
  numCtx: number;
  thinking: ThinkingSupport;
  keepAlive?: string | number | undefined;
}

export interface ConvertedOllamaChatRequest {
  body: OllamaChatRequest;
  /** Things dropped or approximated; for the log, never sent to the client. */
  warnings: string[];
}

/** A validated chat completion request → the native `/api/chat` body (always streamed upstream). */
export function convertChatRequestToOllama(request: ChatCompletionRequest, settings: OllamaChatSettings): ConvertedOllamaChatRequest {
  // One generation per call: answering n > 1 with one choice would look like success and be wrong.
  if (request.n != null && request.n > 1) throw invalidRequest('n > 1 is not supported by the Ollama backend; send one request per choice.', 'n');
  const messages = convertChatMessagesToOllamaMessages(request.messages);
  const tools = prepareOllamaChatTools(request.tools, request.tool_choice);
  const mapped = mapChatOptionsToOllama(request, settings);

  const body = assembleOllamaChatBody({
    model: request.model,
    messages: messages.messages,
    tools: tools.tools,
    options: mapped.options,
    format: mapped.format,
    think: mapped.think,
    keepAlive: settings.keepAlive,
  });
  return { body, warnings: [...messages.warnings, ...tools.warnings, ...mapped.warnings] };
}
