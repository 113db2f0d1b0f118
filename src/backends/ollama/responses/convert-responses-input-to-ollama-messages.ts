import type { ContentPart, ResponsesRequest } from '../../../wire/responses-request-schema.js';
import type { ToolNameMap } from '../../../responses/tool-name-map.js';
import { walkResponsesInput, type InputMessageBuilder, type WarnAboutItem } from '../../../responses/walk-responses-input.js';
import type { OllamaMessage } from '../ollama-api-types.js';

/**
 * Key under which the raw `arguments` text of a replayed call is kept when it is not a JSON object
 * (Ollama wants an object). The model then sees exactly what it sent, next to Codex's parse error.
 */
export const RAW_ARGUMENTS_KEY = '_raw_arguments';

export interface ConvertInputOptions {
  instructions?: string | null;
  toolNameMap: ToolNameMap;
}

export interface ConvertedOllamaMessages {
  messages: OllamaMessage[];
  warnings: string[];
}

interface OllamaContent {
  text: string;
  images: string[] | undefined;
}

const TEXT_PART_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);
const DATA_URL_BASE64 = /^data:[^,]*;base64,/;

/**
 * Responses `input` → Ollama chat messages (the walk is shared; see walk-responses-input.ts). Ollama
 * takes thinking back on assistant messages, images as bare base64, call arguments as objects, and
 * tool results with the tool's name.
 */
export function convertResponsesInputToOllamaMessages(
  input: ResponsesRequest['input'],
  options: ConvertInputOptions,
): ConvertedOllamaMessages {
  return walkResponsesInput(input, options, ollamaMessageBuilder);
}

const ollamaMessageBuilder: InputMessageBuilder<OllamaMessage, OllamaContent> = {
  keepsThinking: true,
  content: convertContent,
  systemText({ text, images }, role, warn) {
    if (images) warn(`dropped images of a ${role} message`);
    return text;
  },
  system: (text) => ({ role: 'system', content: text }),
  user({ text, images }) {
    const user: OllamaMessage = { role: 'user', content: text };
    if (images) user.images = images;
    return user;
  },
  assistant({ text, images }, thinking, warn) {
    if (images) warn('dropped images of an assistant message');
    const assistant: OllamaMessage = { role: 'assistant', content: text };
    if (thinking !== undefined) assistant.thinking = thinking;
    return assistant;
  },
  callsMessage(thinking) {
    const assistant: OllamaMessage = { role: 'assistant', content: '' };
    if (thinking !== undefined) assistant.thinking = thinking;
    return assistant;
  },
  addCall(message, call, warn) {
    const args = call.arguments.kind === 'custom' ? { input: call.arguments.input } : parseArguments(call.arguments.text, warn);
    (message.tool_calls ??= []).push({ id: call.callId, function: { name: call.name, arguments: args } });
  },
  toolOutput({ callId, toolName, content: { text, images } }, warn) {
    const tool: OllamaMessage = { role: 'tool', content: text };
    if (images) tool.images = images;
    tool.tool_call_id = callId;
    if (toolName === undefined) warn(`output for unknown call_id "${callId}"`);
    else tool.tool_name = toolName;
    return tool;
  },
};

/** Text parts joined by newlines; base64 data-URL images collected; anything else dropped with a warning. */
function convertContent(content: string | ContentPart[], warn: WarnAboutItem): OllamaContent {
  if (typeof content === 'string') return { text: content, images: undefined };
  let text: string | undefined;
  let images: string[] | undefined;
  for (const part of content) {
    if (TEXT_PART_TYPES.has(part.type)) {
      const partText = (part as { text: string }).text;
      text = text === undefined ? partText : `${text}\n${partText}`;
    } else if (part.type === 'input_image') {
      const url = (part as { image_url?: string }).image_url;
      const prefix = url === undefined ? null : DATA_URL_BASE64.exec(url);
      // Ollama takes inline base64 only and the proxy does not fetch remote URLs.
      if (prefix) (images ??= []).push(url!.slice(prefix[0].length));
      else warn('dropped an image that is not a base64 data: URL');
    } else {
      warn(`dropped content part of type "${part.type}"`);
    }
  }
  return { text: text ?? '', images };
}

function parseArguments(raw: string, warn: WarnAboutItem): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Fall through: the model produced broken JSON and Codex already told it so in the tool output.
  }
  warn(`arguments are not a JSON object; kept as ${RAW_ARGUMENTS_KEY}`);
  return { [RAW_ARGUMENTS_KEY]: raw };
}
