import type { ChatContentPart, ChatMessage } from '../../../wire/chat-request-schema.js';
import type { ContentPart, ResponsesRequest } from '../../../wire/responses-request-schema.js';
import type { ToolNameMap } from '../../../responses/tool-name-map.js';
import { walkResponsesInput, type InputMessageBuilder, type WarnAboutItem } from '../../../responses/walk-responses-input.js';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

export interface ConvertedChatMessages {
  messages: ChatMessage[];
  warnings: string[];
}

const TEXT_PART_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);

/**
 * Responses `input` → chat messages for an OpenAI-compatible server without /v1/responses (the walk is
 * shared; see walk-responses-input.ts). Reasoning items are dropped: chat servers do not take thinking
 * back, and chat templates strip it from history anyway. Arguments stay JSON text.
 */
export function convertResponsesInputToChatMessages(
  input: ResponsesRequest['input'],
  options: { instructions?: string | null | undefined; toolNameMap: ToolNameMap },
): ConvertedChatMessages {
  return walkResponsesInput(input, options, chatMessageBuilder);
}

type ChatContent = string | ChatContentPart[];

const chatMessageBuilder: InputMessageBuilder<ChatMessage, ChatContent> = {
  keepsThinking: false,
  content: convertContent,
  systemText: (content) => textOf(content),
  system: (text) => ({ role: 'system', content: text }),
  user: (content) => ({ role: 'user', content }),
  assistant: (content) => ({ role: 'assistant', content: textOf(content) }),
  callsMessage: () => ({ role: 'assistant', content: null, tool_calls: [] }),
  addCall(message, call) {
    // A custom tool was declared to the server as a function with one string parameter, so it is replayed the same way.
    const args = call.arguments.kind === 'custom' ? JSON.stringify({ input: call.arguments.input }) : call.arguments.text;
    ((message as AssistantMessage).tool_calls ??= []).push({ id: call.callId, type: 'function', function: { name: call.name, arguments: args } });
  },
  toolOutput({ callId, content }, warn) {
    if (typeof content !== 'string' && content.some((part) => part.type === 'image_url')) {
      warn('dropped images of a tool output (chat tool messages carry text only)');
    }
    return { role: 'tool', tool_call_id: callId, content: textOf(content) };
  },
};

/** A plain string when there is only text (every server takes that), parts when there are images. */
function convertContent(content: string | ContentPart[], warn: WarnAboutItem): ChatContent {
  if (typeof content === 'string') return content;
  const parts: ChatContentPart[] = [];
  let hasImage = false;
  for (const part of content) {
    if (TEXT_PART_TYPES.has(part.type)) parts.push({ type: 'text', text: (part as { text: string }).text });
    else if (part.type === 'input_image' && typeof (part as { image_url?: unknown }).image_url === 'string') {
      hasImage = true;
      parts.push({ type: 'image_url', image_url: { url: (part as { image_url: string }).image_url } });
    } else warn(`dropped content part of type "${part.type}"`);
  }
  return hasImage ? parts : textOf(parts);
}

function textOf(content: string | ChatContentPart[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((part) => part.type === 'text')
    .map((part) => (part as { text: string }).text)
    .join('\n');
}
