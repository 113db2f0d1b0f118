import type { OllamaChatChunk, OllamaToolCall } from '../../ollama/ollama-api-types.js';
import type { ResponsesStreamDriver } from '../../../responses/responses-stream-driver.js';

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

export interface ChatChunksToResponsesDriver {
  /** One parsed `data:` payload of the chat stream. */
  push(chunk: unknown): void;
  /** `[DONE]`, or the end of a body that reported a finish reason: the response is complete. */
  end(): void;
  readonly ended: boolean;
  /** A choice reported its finish reason (servers that omit `[DONE]` still end properly). */
  readonly finished: boolean;
}

/**
 * Chat chunks → the Responses stream driver, which reads chunks in Ollama's shape: text and thinking
 * deltas go straight through, while tool calls (streamed by chat servers as argument fragments per
 * `index`) are accumulated and handed over whole once the choice finishes. Codex acts only on a
 * finished call item, so nothing is lost by waiting, and a half call can never be run. Usage comes in
 * its own last chunk, so the end is only reported at `[DONE]` or the end of the body.
 */
export function chatChunksToResponsesDriver(driver: ResponsesStreamDriver, options: { serverName: string }): ChatChunksToResponsesDriver {
  const pending: PendingCall[] = [];
  let finishReason: string | undefined;
  let usage: ChatChunkLike['usage'];
  let ended = false;

  const push = (chunk: OllamaChatChunk) => driver.push({ success: true, value: chunk });
  const flushCalls = () => {
    const calls = pending.filter(Boolean);
    pending.length = 0;
    if (calls.length === 0) return;
    // Arguments stay JSON text: the driver keeps a string as is for a function, and parses it for a custom tool.
    const toolCalls = calls.map((call): OllamaToolCall => ({
      ...(call.id ? { id: call.id } : {}),
      function: { name: call.name, arguments: call.arguments as unknown as Record<string, unknown> },
    }));
    push({ message: { role: 'assistant', content: '', tool_calls: toolCalls } });
  };

  return {
    get ended() {
      return ended;
    },
    get finished() {
      return finishReason !== undefined;
    },
    push(value) {
      if (ended || typeof value !== 'object' || value === null) return;
      const chunk = value as ChatChunkLike;
      if (chunk.error !== undefined && chunk.error !== null) {
        ended = true;
        const error = chunk.error as { message?: unknown } | string;
        const message = typeof error === 'string' ? error : typeof error.message === 'string' ? error.message : JSON.stringify(error);
        push({ error: `The server "${options.serverName}" failed: ${message}`, error_code: 'server_error' });
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
          push({ message: { role: 'assistant', content, ...(thinking !== '' ? { thinking } : {}) } });
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
      push({
        done: true,
        done_reason: finishReason === 'length' ? 'length' : 'stop',
        ...(typeof usage?.prompt_tokens === 'number' ? { prompt_eval_count: usage.prompt_tokens } : {}),
        ...(typeof usage?.completion_tokens === 'number' ? { eval_count: usage.completion_tokens } : {}),
      });
    },
  };
}
