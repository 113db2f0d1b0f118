import type { ResponsesStreamPart } from '../../../responses/responses-stream-part.js';

/** A streamed chat chunk as servers send it; unvalidated JSON, read loosely. */
interface ChatChunkLike {
  choices?: Array<{
    delta?: {
      content?: unknown;
      reasoning_content?: unknown;
      reasoning?: unknown;
      tool_calls?: Array<{ index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown } }>;
    };
    finish_reason?: unknown;
  }>;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
  error?: unknown;
}

interface PendingCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

export interface ChatChunksToStreamParts {
  /** One parsed `data:` payload of the chat stream. */
  push(chunk: unknown): void;
  /** `[DONE]`, or the end of a body that reported a finish reason: the response is complete. */
  end(): void;
  isEnded(): boolean;
  /** A choice reported its finish reason (servers that omit `[DONE]` still end properly). */
  isFinished(): boolean;
}

/**
 * Chat chunks → neutral stream parts: text and thinking deltas go straight through, while tool calls (streamed by chat servers as argument fragments per
 * `index`) are accumulated and handed over whole once the choice finishes. Codex acts only on a
 * finished call item, so nothing is lost by waiting, and a half call can never be run. Usage comes in
 * its own last chunk, so the end is only reported at `[DONE]` or the end of the body.
 */
export function convertChatChunksToStreamParts(
  emit: (part: ResponsesStreamPart) => void,
  options: { serverName: string },
): ChatChunksToStreamParts {
  const pending: PendingCall[] = [];
  let finishReason: string | undefined;
  let usage: ChatChunkLike['usage'];
  let ended = false;

  const flushCalls = () => {
    const calls = pending.filter(Boolean);
    pending.length = 0;
    if (calls.length === 0) return;
    // Arguments stay JSON text: the emitter keeps a string as is for a function, and parses it for a custom tool.
    for (const call of calls) {
      if (call.name !== '') emit({ type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments });
    }
  };

  return {
    // Methods, not getters: an accessor in an object literal costs a hidden class per call, which
    // keeps the request alive through scavenges (see sse-socket-writer.ts).
    isEnded: () => ended,
    isFinished: () => finishReason !== undefined,
    push(value) {
      if (ended || typeof value !== 'object' || value === null) return;
      const chunk = value as ChatChunkLike;
      if (chunk.error !== undefined && chunk.error !== null) {
        ended = true;
        const error = chunk.error as { message?: unknown } | string;
        const message = typeof error === 'string' ? error : typeof error.message === 'string' ? error.message : JSON.stringify(error);
        emit({ type: 'error', message: `The server "${options.serverName}" failed: ${message}`, code: 'server_error' });
        return;
      }
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta;
      if (delta) {
        const thinking = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : typeof delta.reasoning === 'string' ? delta.reasoning : '';
        const content = typeof delta.content === 'string' ? delta.content : '';
        if (thinking !== '' || content !== '') {
          // Text after calls started belongs after them.
          flushCalls();
          if (thinking !== '') emit({ type: 'reasoning-delta', text: thinking });
          if (content !== '') emit({ type: 'text-delta', text: content });
        }
        for (const fragment of delta.tool_calls ?? []) {
          const index = typeof fragment.index === 'number' ? fragment.index : pending.length;
          const call = (pending[index] ??= { id: undefined, name: '', arguments: '' });
          if (typeof fragment.id === 'string' && fragment.id !== '') call.id = fragment.id;
          if (typeof fragment.function?.name === 'string') call.name += fragment.function.name;
          if (typeof fragment.function?.arguments === 'string') call.arguments += fragment.function.arguments;
        }
      }
      if (typeof choice?.finish_reason === 'string') {
        finishReason = choice.finish_reason;
        flushCalls();
      }
    },
    end() {
      if (ended) return;
      ended = true;
      flushCalls();
      emit({
        type: 'finish',
        reason: finishReason === 'length' ? 'length' : 'stop',
        usage: { inputTokens: numberOrUndefined(usage?.prompt_tokens), outputTokens: numberOrUndefined(usage?.completion_tokens) },
      });
    },
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
