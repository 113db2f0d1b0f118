import type { ChatContentPart, ChatMessage } from '../../../wire/chat-request-schema.js';
import type {
  ContentPart,
  CustomToolCallItem,
  FunctionCallItem,
  MessageItem,
  ResponsesRequest,
  ToolOutputItem,
} from '../../../wire/responses-request-schema.js';
import type { ToolNameMap, ToolTarget } from '../../../responses/tool-name-map.js';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

export interface ConvertedChatMessages {
  messages: ChatMessage[];
  warnings: string[];
}

const TEXT_PART_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);

/**
 * Responses `input` → chat messages for an OpenAI-compatible server without /v1/responses. The same
 * rules as the Ollama translation: every instruction in one leading system message (many chat
 * templates honour only a first one), consecutive calls merged into one assistant message, outputs as
 * `tool` messages by call id. Reasoning items are dropped: chat servers do not take thinking back, and
 * chat templates strip it from history anyway.
 */
export function convertResponsesInputToChatMessages(
  input: ResponsesRequest['input'],
  options: { instructions?: string | null | undefined; toolNameMap: ToolNameMap },
): ConvertedChatMessages {
  const warnings: string[] = [];
  const systemTexts: string[] = options.instructions ? [options.instructions] : [];
  const messages: ChatMessage[] = [];

  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
  } else {
    // The assistant message later calls are merged into; any other message ends it.
    let openAssistant: AssistantMessage | undefined;
    const addToolCall = (callId: string, target: ToolTarget, args: string) => {
      const name = options.toolNameMap.toFunctionName(target);
      // Calls to tools no longer declared (compaction requests send tools: []) must still resolve back.
      options.toolNameMap.alias(name, target);
      const call = { id: callId, type: 'function', function: { name, arguments: args } };
      if (openAssistant) (openAssistant.tool_calls ??= []).push(call);
      else {
        openAssistant = { role: 'assistant', content: null, tool_calls: [call] };
        messages.push(openAssistant);
      }
    };

    for (let index = 0; index < input.length; index++) {
      const item = input[index]!;
      const where = `input[${index}]`;
      switch (item.type ?? 'message') {
        case 'message': {
          const message = item as MessageItem;
          const content = convertContent(message.content, warnings, where);
          if (message.role === 'developer' || message.role === 'system') {
            const text = textOf(content);
            if (text) systemTexts.push(text);
          } else if (message.role === 'user') {
            openAssistant = undefined;
            messages.push({ role: 'user', content });
          } else {
            openAssistant = { role: 'assistant', content: textOf(content) };
            messages.push(openAssistant);
          }
          break;
        }
        case 'function_call': {
          const call = item as FunctionCallItem;
          const target: ToolTarget = call.namespace
            ? { kind: 'function', name: call.name, namespace: call.namespace }
            : { kind: 'function', name: call.name };
          addToolCall(call.call_id, target, call.arguments);
          break;
        }
        case 'custom_tool_call': {
          const call = item as CustomToolCallItem;
          // Declared to the server as a function with one string parameter, so replayed the same way.
          addToolCall(call.call_id, { kind: 'custom', name: call.name }, JSON.stringify({ input: call.input }));
          break;
        }
        case 'function_call_output':
        case 'custom_tool_call_output': {
          const output = item as ToolOutputItem;
          openAssistant = undefined;
          const content = convertContent(output.output, warnings, where);
          if (typeof content !== 'string' && content.some((part) => part.type === 'image_url')) {
            warnings.push(`${where}: dropped images of a tool output (chat tool messages carry text only)`);
          }
          messages.push({ role: 'tool', tool_call_id: output.call_id, content: textOf(content) });
          break;
        }
        case 'reasoning':
          break;
        default:
          warnings.push(`${where}: skipped input item of type "${item.type}"`);
      }
    }
  }

  if (systemTexts.length > 0) messages.unshift({ role: 'system', content: systemTexts.join('\n\n') });
  return { messages, warnings };
}

/** A plain string when there is only text (every server takes that), parts when there are images. */
function convertContent(content: string | ContentPart[], warnings: string[], where: string): string | ChatContentPart[] {
  if (typeof content === 'string') return content;
  const parts: ChatContentPart[] = [];
  let hasImage = false;
  for (const part of content) {
    if (TEXT_PART_TYPES.has(part.type)) parts.push({ type: 'text', text: (part as { text: string }).text });
    else if (part.type === 'input_image' && typeof (part as { image_url?: unknown }).image_url === 'string') {
      hasImage = true;
      parts.push({ type: 'image_url', image_url: { url: (part as { image_url: string }).image_url } });
    } else warnings.push(`${where}: dropped content part of type "${part.type}"`);
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
