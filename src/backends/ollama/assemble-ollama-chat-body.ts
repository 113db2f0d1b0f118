import type { OllamaChatRequest, OllamaMessage, OllamaOptions, OllamaThink, OllamaTool } from './ollama-api-types.js';

/**
 * The native `/api/chat` body from translated parts (Responses or Chat Completions alike). Always
 * streamed upstream: the routes stream it on, or fold it for `stream: false`, so there is one
 * translation of the answer to get right.
 */
export function assembleOllamaChatBody(parts: {
  model: string;
  messages: OllamaMessage[];
  tools: OllamaTool[];
  options: OllamaOptions;
  format?: OllamaChatRequest['format'] | undefined;
  think?: OllamaThink | undefined;
  keepAlive?: string | number | undefined;
}): OllamaChatRequest {
  const body: OllamaChatRequest = { model: parts.model, messages: parts.messages };
  if (parts.tools.length > 0) body.tools = parts.tools;
  if (parts.format !== undefined) body.format = parts.format;
  body.options = parts.options;
  if (parts.think !== undefined) body.think = parts.think;
  body.stream = true;
  if (parts.keepAlive !== undefined) body.keep_alive = parts.keepAlive;
  return body;
}
