import type { ContextEngine, ContextPack } from '../context/context-engine.js';
import { isInjectedText } from '../context/query/find-user-messages.js';
import type { ChatCompletionRequest, ChatMessage } from '../wire/chat-request-schema.js';

export interface ChatEnrichment {
  request: ChatCompletionRequest;
  /** The latest real user message: the question retrieval answered. */
  question: string | undefined;
  /** Present when context was inserted. */
  context?: ContextPack | undefined;
}

/**
 * Retrieval for a chat request, the same way as for /v1/responses: the latest real user message is
 * the query, read with the thread's earlier user messages (a follow-up finds what the thread is
 * about), and the pack goes in ONE extra `user` message right after it. Append-only: the client's
 * messages are kept as they are, in order, so the prompt prefix it sent (and the server's prompt cache)
 * survives. User role, not system: a system message mid-conversation is dropped or hoisted by many
 * chat templates.
 */
export async function enrichChatRequest(
  request: ChatCompletionRequest,
  engine: ContextEngine | undefined,
  options: { contextWindow: number | undefined; signal?: AbortSignal },
): Promise<ChatEnrichment> {
  const latest = findLatestUserMessage(request.messages);
  if (!engine || !latest) return { request, question: latest?.text };
  let pack: ContextPack;
  try {
    const earlierMessages = findUserTexts(request.messages.slice(0, latest.index));
    pack = await engine.retrieve(latest.text, { contextWindow: options.contextWindow, earlierMessages, ...(options.signal ? { signal: options.signal } : {}) });
  } catch {
    // The engine degrades on its own; an escaped error still must not cost the user the answer.
    return { request, question: latest.text };
  }
  if (pack.items.length === 0 || pack.block === '') return { request, question: latest.text };
  const messages: ChatMessage[] = request.messages.slice(0, latest.index + 1);
  messages.push({ role: 'user', content: pack.block });
  for (let index = latest.index + 1; index < request.messages.length; index++) messages.push(request.messages[index]!);
  return { request: { ...request, messages }, question: latest.text, context: pack };
}

/** Typed text of a user message (not only images, not Codex's own or our injected context), else ''. */
function userTextOf(message: ChatMessage): string {
  if (message.role !== 'user') return '';
  const parts = typeof message.content === 'string' ? [message.content] : message.content.map((part) => (part.type === 'text' ? (part as { text: string }).text : ''));
  return parts
    .filter((part) => part.trim() !== '' && !isInjectedText(part))
    .join('\n')
    .trim();
}

/** Typed texts of the user messages, oldest first. */
function findUserTexts(messages: readonly ChatMessage[]): string[] {
  return messages.map(userTextOf).filter((text) => text !== '');
}

/** Index and typed text of the latest user message that has text. */
export function findLatestUserMessage(messages: readonly ChatMessage[]): { index: number; text: string } | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const text = userTextOf(messages[index]!);
    if (text) return { index, text };
  }
  return undefined;
}
