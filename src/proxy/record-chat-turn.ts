import type { ChunkSink } from '../backends/backend.js';
import type { ChatCompletionRequest } from '../wire/chat-request-schema.js';
import type { ProxyContext } from './proxy-context.js';
import { findLatestUserMessage, type ChatEnrichment } from './enrich-chat-request.js';
import { foldChatCompletionChunks } from './fold-chat-completion-chunks.js';
import type { ChatCompletion, ChatCompletionChunk } from '../wire/chat-completion-types.js';
import type { RescuedCallRecord } from '../responses/rescue-tool-calls-in-stream-parts.js';

/**
 * Wraps a chat sink so the finished answer lands in the session log. Only used when a recorder is
 * configured: wire bytes passed through from an OpenAI-compatible server are kept and parsed once at
 * the end, which the plain pass-through path never pays for.
 */
export function recordChatTurn(
  sink: ChunkSink<ChatCompletionChunk>,
  turn: {
    context: ProxyContext;
    request: ChatCompletionRequest;
    enrichment: ChatEnrichment;
    startedAt: number;
    streaming: boolean;
    /** Filled by the backend as it rescues calls the model wrote as text; read when the answer ends. */
    rescuedCalls?: readonly RescuedCallRecord[] | undefined;
  },
): ChunkSink<ChatCompletionChunk> & { recordIfInterrupted(): void } {
  const fold = foldChatCompletionChunks();
  const wire: Uint8Array[] = [];
  let recorded = false;
  const record = (error: string | undefined, interrupted = false) => {
    recorded = true;
    const completion = wire.length > 0 ? parseWire(Buffer.concat(wire).toString('utf8'), turn.streaming) : fold.result();
    const choice = completion?.choices[0];
    const { context, request, enrichment } = turn;
    try {
      context.options.recorder?.recordTurn({
        requestId: completion?.id || context.generateId('chatcmpl'),
        endpoint: 'chat.completions',
        startedAt: new Date(turn.startedAt),
        durationMs: context.now() - turn.startedAt,
        model: request.model,
        backend: context.backend.name,
        question: enrichment.question ?? findLatestUserMessage(request.messages)?.text ?? '',
        context: enrichment.context,
        answer: typeof choice?.message.content === 'string' ? choice.message.content : '',
        reasoning: choice?.message.reasoning_content,
        toolCalls: (choice?.message.tool_calls ?? []).map((call) => ({ name: call.function.name, input: call.function.arguments })),
        rescuedCalls: turn.rescuedCalls?.length ? [...turn.rescuedCalls] : undefined,
        usage: completion?.usage
          ? { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens }
          : undefined,
        status: interrupted ? 'interrupted' : error ? 'failed' : choice?.finish_reason === 'length' ? 'incomplete' : 'completed',
        error,
      });
    } catch {
      // Note-taking must never break the answer.
    }
  };
  return {
    write(chunk) {
      fold.add(chunk);
      sink.write(chunk);
    },
    writeWire(bytes) {
      wire.push(bytes);
      sink.writeWire(bytes);
    },
    end() {
      sink.end();
      record(undefined);
    },
    fail(error) {
      sink.fail(error);
      record(error.message);
    },
    /** The client left before the answer ended (Esc, Ctrl+C): note what it had received. */
    recordIfInterrupted() {
      if (!recorded) record(undefined, true);
    },
  };
}

function parseWire(text: string, streaming: boolean): ChatCompletion | undefined {
  try {
    if (!streaming) return JSON.parse(text) as ChatCompletion;
    const fold = foldChatCompletionChunks();
    for (const line of text.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '' || data === '[DONE]') continue;
      const chunk = JSON.parse(data) as ChatCompletionChunk;
      if (Array.isArray(chunk.choices)) fold.add(chunk);
    }
    return fold.result();
  } catch {
    return undefined;
  }
}
