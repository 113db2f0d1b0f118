import { estimateTokens } from '../../tokens/estimate-tokens.js';
import type { OllamaChatRequest } from './ollama-api-types.js';
import { serializeOllamaChatBody } from './serialize-ollama-chat-body.js';

/**
 * The size of a native `/api/chat` prompt: message texts, thinking, tool calls and tool schemas.
 * `toolsText` is the tools' JSON when the caller already has it (see serializeOllamaChatBody).
 */
export function estimatePromptTokens(body: OllamaChatRequest, window: number, toolsText?: string): number {
  const texts: string[] = [];
  let images = 0;
  for (const message of body.messages) {
    texts.push(message.content);
    if (message.thinking) texts.push(message.thinking);
    if (message.tool_calls?.length) texts.push(JSON.stringify(message.tool_calls));
    images += message.images?.length ?? 0;
  }
  if (body.tools?.length) texts.push(toolsText ?? JSON.stringify(body.tools));
  return estimateTokens({ texts, messages: body.messages.length, images }, window);
}

/** The body as it goes out and the prompt's size: one serialization serves both. */
export function serializeAndEstimatePrompt(
  body: OllamaChatRequest,
  window: number,
): { payload: string; promptTokens: number; toolsText: string | undefined } {
  const serialized = serializeOllamaChatBody(body);
  const { toolsText } = serialized;
  return { payload: serialized.text, promptTokens: estimatePromptTokens(body, window, toolsText), toolsText };
}
