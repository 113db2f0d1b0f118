import type {
  ContentPart,
  CustomToolCallItem,
  FunctionCallItem,
  MessageItem,
  ReasoningItem,
  ResponsesRequest,
  ToolOutputItem,
} from '../../../wire/responses-request-schema.js';
import type { OllamaMessage, OllamaToolCall } from '../ollama-api-types.js';
import type { ToolNameMap, ToolTarget } from '../../../responses/tool-name-map.js';


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

const TEXT_PART_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);
const DATA_URL_BASE64 = /^data:[^,]*;base64,/;

/**
 * Responses `input` → Ollama chat messages (spec §7.3). All instructions become one leading system
 * message, because many chat templates honour only a first system message and Codex puts developer
 * text after user messages once it has compacted. Replayed calls and outputs are paired by call id.
 */
export function convertResponsesInputToOllamaMessages(
  input: ResponsesRequest['input'],
  options: ConvertInputOptions,
): ConvertedOllamaMessages {
  const warnings: string[] = [];
  const systemTexts: string[] = options.instructions ? [options.instructions] : [];
  const messages: OllamaMessage[] = [];

  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
  } else {
    const toolNameByCallId = new Map<string, string>();
    // Thinking of a reasoning item waits for the assistant message (text or calls) it belongs to.
    let pendingThinking: string | undefined;
    // The assistant message later calls are merged into, as Ollama itself does; any other message ends it.
    let openAssistant: OllamaMessage | undefined;

    const addToolCall = (callId: string, target: ToolTarget, args: Record<string, unknown>): void => {
      const name = options.toolNameMap.toFunctionName(target);
      // Calls to tools no longer declared (compaction requests send tools: []) must still resolve back.
      options.toolNameMap.alias(name, target);
      toolNameByCallId.set(callId, name);
      const call: OllamaToolCall = { id: callId, function: { name, arguments: args } };
      if (openAssistant && pendingThinking === undefined) {
        (openAssistant.tool_calls ??= []).push(call);
        return;
      }
      openAssistant = { role: 'assistant', content: '' };
      if (pendingThinking !== undefined) openAssistant.thinking = pendingThinking;
      openAssistant.tool_calls = [call];
      pendingThinking = undefined;
      messages.push(openAssistant);
    };

    for (let index = 0; index < input.length; index++) {
      const item = input[index]!;
      const where = `input[${index}]`;
      switch (item.type ?? 'message') {
        case 'message': {
          const message = item as MessageItem;
          const { text, images } = convertContent(message.content, warnings, where);
          if (message.role === 'developer' || message.role === 'system') {
            if (images) warnings.push(`${where}: dropped images of a ${message.role} message`);
            if (text) systemTexts.push(text);
          } else if (message.role === 'user') {
            openAssistant = undefined;
            pendingThinking = undefined;
            const user: OllamaMessage = { role: 'user', content: text };
            if (images) user.images = images;
            messages.push(user);
          } else {
            if (images) warnings.push(`${where}: dropped images of an assistant message`);
            openAssistant = { role: 'assistant', content: text };
            if (pendingThinking !== undefined) openAssistant.thinking = pendingThinking;
            pendingThinking = undefined;
            messages.push(openAssistant);
          }
          break;
        }
        case 'reasoning': {
          const thinking = reasoningText(item as ReasoningItem);
          if (thinking) pendingThinking = pendingThinking === undefined ? thinking : `${pendingThinking}\n\n${thinking}`;
          break;
        }
        case 'function_call': {
          const call = item as FunctionCallItem;
          const target: ToolTarget = call.namespace
            ? { kind: 'function', name: call.name, namespace: call.namespace }
            : { kind: 'function', name: call.name };
          addToolCall(call.call_id, target, parseArguments(call.arguments, warnings, where));
          break;
        }
        case 'custom_tool_call': {
          const call = item as CustomToolCallItem;
          addToolCall(call.call_id, { kind: 'custom', name: call.name }, { input: call.input });
          break;
        }
        case 'function_call_output':
        case 'custom_tool_call_output': {
          const output = item as ToolOutputItem;
          openAssistant = undefined;
          const { text, images } = convertContent(output.output, warnings, where);
          const tool: OllamaMessage = { role: 'tool', content: text };
          if (images) tool.images = images;
          tool.tool_call_id = output.call_id;
          const toolName = toolNameByCallId.get(output.call_id);
          if (toolName === undefined) warnings.push(`${where}: output for unknown call_id "${output.call_id}"`);
          else tool.tool_name = toolName;
          messages.push(tool);
          break;
        }
        default:
          warnings.push(`${where}: skipped input item of type "${item.type}"`);
      }
    }
  }

  if (systemTexts.length > 0) messages.unshift({ role: 'system', content: systemTexts.join('\n\n') });
  return { messages, warnings };
}

/** Text parts joined by newlines; base64 data-URL images collected; anything else dropped with a warning. */
function convertContent(
  content: string | ContentPart[],
  warnings: string[],
  where: string,
): { text: string; images: string[] | undefined } {
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
      else warnings.push(`${where}: dropped an image that is not a base64 data: URL`);
    } else {
      warnings.push(`${where}: dropped content part of type "${part.type}"`);
    }
  }
  return { text: text ?? '', images };
}

/** Prefer the raw reasoning text, then the summary, then encrypted_content (where we stash thinking). */
function reasoningText(item: ReasoningItem): string | undefined {
  const content = item.content?.map((part) => part.text).join('\n');
  if (content) return content;
  const summary = item.summary?.map((part) => part.text).join('\n\n');
  if (summary) return summary;
  return item.encrypted_content ?? undefined;
}

function parseArguments(raw: string, warnings: string[], where: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Fall through: the model produced broken JSON and Codex already told it so in the tool output.
  }
  warnings.push(`${where}: arguments are not a JSON object; kept as ${RAW_ARGUMENTS_KEY}`);
  return { [RAW_ARGUMENTS_KEY]: raw };
}
