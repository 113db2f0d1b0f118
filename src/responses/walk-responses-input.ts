import type {
  ContentPart,
  CustomToolCallItem,
  FunctionCallItem,
  MessageItem,
  ReasoningItem,
  ResponsesRequest,
  ToolOutputItem,
} from '../wire/responses-request-schema.js';
import type { ToolNameMap, ToolTarget } from './tool-name-map.js';

/** Records a warning about the current input item (the walk prefixes `input[i]: `). */
export type WarnAboutItem = (warning: string) => void;

/** A call replayed from history, with the function name the backend was told. */
export interface ReplayedCall {
  callId: string;
  name: string;
  /** A function call's `arguments` JSON text, or a custom tool call's raw input. */
  arguments: { kind: 'function'; text: string } | { kind: 'custom'; input: string };
}

/**
 * What differs between backends when Responses `input` becomes chat-style messages: the message and
 * content shapes. The order, the system merge, call merging and call/output pairing are the walk's.
 */
export interface InputMessageBuilder<Message, Content> {
  /** Whether reasoning items go back as the next assistant message's thinking (Ollama) or are dropped. */
  readonly keepsThinking: boolean;
  content(content: string | ContentPart[], warn: WarnAboutItem): Content;
  systemText(content: Content, role: 'developer' | 'system', warn: WarnAboutItem): string;
  system(text: string): Message;
  user(content: Content): Message;
  assistant(content: Content, thinking: string | undefined, warn: WarnAboutItem): Message;
  /** An assistant message that carries only calls (and the thinking before them). */
  callsMessage(thinking: string | undefined): Message;
  addCall(message: Message, call: ReplayedCall, warn: WarnAboutItem): void;
  toolOutput(output: { callId: string; toolName: string | undefined; content: Content }, warn: WarnAboutItem): Message;
}

/**
 * The one walk over Responses `input` (spec §7.3). All instructions become one leading system message,
 * because many chat templates honour only a first system message and Codex puts developer text after
 * user messages once it has compacted. Consecutive calls merge into one assistant message (as Ollama
 * itself does); any other message ends it. Outputs are paired with their call by call id.
 */
export function walkResponsesInput<Message, Content>(
  input: ResponsesRequest['input'],
  options: { instructions?: string | null | undefined; toolNameMap: ToolNameMap },
  builder: InputMessageBuilder<Message, Content>,
): { messages: Message[]; warnings: string[] } {
  const warnings: string[] = [];
  const systemTexts: string[] = options.instructions ? [options.instructions] : [];
  const messages: Message[] = [];

  if (typeof input === 'string') {
    messages.push(builder.user(builder.content(input, () => {})));
  } else {
    const toolNameByCallId = new Map<string, string>();
    // Thinking of a reasoning item waits for the assistant message (text or calls) it belongs to.
    let pendingThinking: string | undefined;
    let openAssistant: Message | undefined;

    for (let index = 0; index < input.length; index++) {
      const item = input[index]!;
      const warn: WarnAboutItem = (warning) => warnings.push(`input[${index}]: ${warning}`);
      const addCall = (callId: string, target: ToolTarget, args: ReplayedCall['arguments']): void => {
        const name = options.toolNameMap.toFunctionName(target);
        // Calls to tools no longer declared (compaction requests send tools: []) must still resolve back.
        options.toolNameMap.alias(name, target);
        toolNameByCallId.set(callId, name);
        if (!openAssistant || pendingThinking !== undefined) {
          openAssistant = builder.callsMessage(pendingThinking);
          pendingThinking = undefined;
          messages.push(openAssistant);
        }
        builder.addCall(openAssistant, { callId, name, arguments: args }, warn);
      };

      switch (item.type ?? 'message') {
        case 'message': {
          const message = item as MessageItem;
          const content = builder.content(message.content, warn);
          if (message.role === 'developer' || message.role === 'system') {
            const text = builder.systemText(content, message.role, warn);
            if (text) systemTexts.push(text);
          } else if (message.role === 'user') {
            openAssistant = undefined;
            pendingThinking = undefined;
            messages.push(builder.user(content));
          } else {
            openAssistant = builder.assistant(content, pendingThinking, warn);
            pendingThinking = undefined;
            messages.push(openAssistant);
          }
          break;
        }
        case 'reasoning': {
          if (!builder.keepsThinking) break;
          const thinking = reasoningText(item as ReasoningItem);
          if (thinking) pendingThinking = pendingThinking === undefined ? thinking : `${pendingThinking}\n\n${thinking}`;
          break;
        }
        case 'function_call': {
          const call = item as FunctionCallItem;
          const target: ToolTarget = call.namespace
            ? { kind: 'function', name: call.name, namespace: call.namespace }
            : { kind: 'function', name: call.name };
          addCall(call.call_id, target, { kind: 'function', text: call.arguments });
          break;
        }
        case 'custom_tool_call': {
          const call = item as CustomToolCallItem;
          addCall(call.call_id, { kind: 'custom', name: call.name }, { kind: 'custom', input: call.input });
          break;
        }
        case 'function_call_output':
        case 'custom_tool_call_output': {
          const output = item as ToolOutputItem;
          openAssistant = undefined;
          const content = builder.content(output.output, warn);
          messages.push(builder.toolOutput({ callId: output.call_id, toolName: toolNameByCallId.get(output.call_id), content }, warn));
          break;
        }
        default:
          warn(`skipped input item of type "${item.type}"`);
      }
    }
  }

  if (systemTexts.length > 0) messages.unshift(builder.system(systemTexts.join('\n\n')));
  return { messages, warnings };
}

/** Prefer the raw reasoning text, then the summary, then encrypted_content (where we stash thinking). */
function reasoningText(item: ReasoningItem): string | undefined {
  const content = item.content?.map((part) => part.text).join('\n');
  if (content) return content;
  const summary = item.summary?.map((part) => part.text).join('\n\n');
  if (summary) return summary;
  return item.encrypted_content ?? undefined;
}
