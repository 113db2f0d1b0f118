import type { ChatCompletionDelta, ChatCompletionToolCall } from '../wire/chat-completion-types.js';
import { convertToolCallToChatDeltas } from './convert-tool-call-to-chat-deltas.js';
import type { RescuedCallRecord } from './rescue-tool-calls-in-stream-parts.js';
import { createToolCallRescue } from './tool-rescue/create-tool-call-rescue.js';
import { DeclaredToolCatalog } from './tool-rescue/declared-tool-catalog.js';
import type { DeclaredTool } from './tool-rescue/tool-rescue-types.js';

export interface ChatContentRescue {
  /** An assistant content delta → the content to send now ('' while the rescuer holds it back). */
  push(content: string): string;
  /**
   * The message ends (finish, or a structured call): the held text, then the calls the model wrote as
   * text, with fresh `call_…` ids. The next `push` starts a new message.
   */
  end(): { text: string; calls: ChatCompletionToolCall[] };
  /** `end()` as stream deltas: the held text as content, then each call's header and arguments. */
  endAsDeltas(nextToolCallIndex: () => number): ChatCompletionDelta[];
  /** Calls rescued so far: the answer then finishes with `tool_calls`. */
  readonly rescuedCount: number;
}

/**
 * The tool-call rescuer (issue 14) for a chat completion's assistant content, shared by every backend
 * that streams `chat.completion.chunk`s: text goes out as soon as the rescuer releases it, calls the
 * model wrote as text come out at the end of the message as OpenAI tool calls. `onRescue` hears each
 * one (tool and shape, never the arguments) for the log and the session note.
 */
export function createChatContentRescue(options: {
  tools: readonly DeclaredTool[];
  generateId: (prefix: string) => string;
  onRescue?: ((call: RescuedCallRecord) => void) | undefined;
}): ChatContentRescue {
  // Built once: every message of the answer (a new one starts after a structured call) shares it.
  const catalog = new DeclaredToolCatalog(options.tools);
  let rescue = createToolCallRescue({ tools: catalog });
  let rescuedCount = 0;

  const end = (): { text: string; calls: ChatCompletionToolCall[] } => {
    let text = '';
    const calls: ChatCompletionToolCall[] = [];
    for (const output of rescue.end()) {
      if (output.type === 'text') {
        text += output.text;
        continue;
      }
      rescuedCount++;
      options.onRescue?.({ tool: output.name, shape: output.shape });
      calls.push({ id: options.generateId('call'), type: 'function', function: { name: output.name, arguments: output.arguments } });
    }
    rescue = createToolCallRescue({ tools: catalog });
    return { text, calls };
  };

  return {
    push(content) {
      let released = '';
      for (const output of rescue.push(content)) if (output.type === 'text') released += output.text;
      return released;
    },
    end,
    endAsDeltas(nextToolCallIndex) {
      const { text, calls } = end();
      const deltas: ChatCompletionDelta[] = text === '' ? [] : [{ content: text }];
      for (const call of calls) deltas.push(...convertToolCallToChatDeltas(nextToolCallIndex(), call));
      return deltas;
    },
    get rescuedCount() {
      return rescuedCount;
    },
  };
}
