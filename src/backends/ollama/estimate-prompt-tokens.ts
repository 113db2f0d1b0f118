import { estimateTokens } from '../../tokens/estimate-tokens.js';
import type { OllamaChatRequest } from './ollama-api-types.js';

/** The size of a native `/api/chat` prompt: message texts, thinking, tool calls and tool schemas. */
export function estimatePromptTokens(body: OllamaChatRequest, window: number): number {
  const texts: string[] = [];
  let images = 0;
  for (const message of body.messages) {
    texts.push(message.content);
    if (message.thinking) texts.push(message.thinking);
    if (message.tool_calls?.length) texts.push(JSON.stringify(message.tool_calls));
    images += message.images?.length ?? 0;
  }
  if (body.tools?.length) texts.push(JSON.stringify(body.tools));
  return estimateTokens({ texts, messages: body.messages.length, images }, window);
}
