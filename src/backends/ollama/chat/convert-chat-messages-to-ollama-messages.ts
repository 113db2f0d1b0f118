import type { ChatContentPart, ChatMessage, ChatToolCall } from '../../../wire/chat-request-schema.js';
import type { OllamaMessage, OllamaToolCall } from '../ollama-api-types.js';
import { RAW_ARGUMENTS_KEY } from '../responses/convert-responses-input-to-ollama-messages.js';

export interface ConvertedChatMessages {
  messages: OllamaMessage[];
  warnings: string[];
}

const DATA_URL_BASE64 = /^data:[^,]*;base64,/;

/**
 * Chat messages → Ollama messages, one for one and in order (the client laid out its prompt; we only
 * change the encoding): text parts joined, data-URL images to base64 `images`, tool call arguments
 * from JSON text to the object Ollama requires, and tool results named after the call they answer.
 */
export function convertChatMessagesToOllamaMessages(messages: readonly ChatMessage[]): ConvertedChatMessages {
  const warnings: string[] = [];
  const converted: OllamaMessage[] = [];
  const toolNameByCallId = new Map<string, string>();

  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    const where = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const { text, images } = convertContent(message.content, warnings, where);
        if (images) warnings.push(`${where}: dropped images of a ${message.role} message`);
        converted.push({ role: 'system', content: text });
        break;
      }
      case 'user': {
        const { text, images } = convertContent(message.content, warnings, where);
        const user: OllamaMessage = { role: 'user', content: text };
        if (images) user.images = images;
        converted.push(user);
        break;
      }
      case 'assistant': {
        const { text, images } = convertContent(message.content ?? '', warnings, where);
        if (images) warnings.push(`${where}: dropped images of an assistant message`);
        const assistant: OllamaMessage = { role: 'assistant', content: text };
        if (message.reasoning_content) assistant.thinking = message.reasoning_content;
        if (message.tool_calls?.length) {
          assistant.tool_calls = message.tool_calls.map((call) => {
            toolNameByCallId.set(call.id, call.function.name);
            return convertToolCall(call, warnings, where);
          });
        }
        converted.push(assistant);
        break;
      }
      case 'tool': {
        const { text } = convertContent(message.content, warnings, where);
        const tool: OllamaMessage = { role: 'tool', content: text, tool_call_id: message.tool_call_id };
        // Ollama's templates name the tool a result came from; the chat wire only carries the call id.
        const toolName = toolNameByCallId.get(message.tool_call_id);
        if (toolName !== undefined) tool.tool_name = toolName;
        converted.push(tool);
        break;
      }
      case 'function':
        converted.push({ role: 'tool', content: message.content ?? '', tool_name: message.name });
        break;
    }
  }
  return { messages: converted, warnings };
}

function convertToolCall(call: ChatToolCall, warnings: string[], where: string): OllamaToolCall {
  const raw = call.function.arguments;
  return { id: call.id, function: { name: call.function.name, arguments: typeof raw === 'string' ? parseArguments(raw, warnings, where) : raw } };
}

/** Ollama only takes an object; broken JSON the model produced is kept verbatim under one key. */
function parseArguments(raw: string, warnings: string[], where: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  warnings.push(`${where}: tool call arguments are not a JSON object; kept as ${RAW_ARGUMENTS_KEY}`);
  return { [RAW_ARGUMENTS_KEY]: raw };
}

function convertContent(
  content: string | ChatContentPart[],
  warnings: string[],
  where: string,
): { text: string; images: string[] | undefined } {
  if (typeof content === 'string') return { text: content, images: undefined };
  let text: string | undefined;
  let images: string[] | undefined;
  for (const part of content) {
    if (part.type === 'text' || part.type === 'refusal') {
      const partText = part.type === 'text' ? (part as { text: string }).text : (part as { refusal: string }).refusal;
      text = text === undefined ? partText : `${text}\n${partText}`;
    } else if (part.type === 'image_url') {
      const url = (part as { image_url: { url: string } }).image_url.url;
      const prefix = DATA_URL_BASE64.exec(url);
      // Ollama takes inline base64 only, and the proxy does not fetch remote URLs on a client's behalf.
      if (prefix) (images ??= []).push(url.slice(prefix[0].length));
      else warnings.push(`${where}: dropped an image that is not a base64 data: URL`);
    } else {
      warnings.push(`${where}: dropped content part of type "${part.type}"`);
    }
  }
  return { text: text ?? '', images };
}
