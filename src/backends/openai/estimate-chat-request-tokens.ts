import { estimateTokens } from '../../tokens/estimate-tokens.js';

/** The fields of a chat request the estimate reads; loose, so translated bodies fit too. */
export interface ChatRequestForEstimate {
  messages: ReadonlyArray<{ content?: unknown; tool_calls?: unknown; reasoning_content?: unknown }>;
  tools?: unknown;
}

/**
 * The prompt's size in tokens, estimated as for Ollama (gpt-tokenizer, cheap bounds first), for a
 * server that does not report its window: with `contextWindow` configured, a prompt over it is a clear
 * 400 here instead of a truncated prompt or an obscure error there.
 */
export function estimateChatRequestTokens(request: ChatRequestForEstimate, window: number): number {
  const texts: string[] = [];
  let images = 0;
  for (const message of request.messages) {
    const { content } = message;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content as Array<{ type?: unknown; text?: unknown }>) {
        if (typeof part?.text === 'string') texts.push(part.text);
        else if (part?.type === 'image_url') images += 1;
      }
    }
    if (typeof message.reasoning_content === 'string') texts.push(message.reasoning_content);
    if (message.tool_calls) texts.push(JSON.stringify(message.tool_calls));
  }
  if (Array.isArray(request.tools) && request.tools.length > 0) texts.push(JSON.stringify(request.tools));
  return estimateTokens({ texts, messages: request.messages.length, images }, window);
}
