import type { ChatCompletionChunk, ChatCompletionDelta, ChatFinishReason } from '../../../wire/chat-completion-types.js';
import type { OllamaChatChunk } from '../ollama-api-types.js';
import { convertToolCallArguments } from '../../../responses/convert-tool-call-arguments.js';
import { convertToolCallToChatDeltas } from '../../../responses/convert-tool-call-to-chat-deltas.js';
import type { ChatContentRescue } from '../../../responses/rescue-tool-calls-in-chat-content.js';
import { convertOllamaChatUsage } from './convert-ollama-chat-usage.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';

export interface ChatChunkStreamOptions {
  completionId: string;
  model: string;
  /** Unix seconds. */
  created: number;
  includeUsage: boolean;
  /** Our count of the prompt sent; reported when larger than what Ollama evaluated. */
  promptTokensEstimate?: number | undefined;
  /** `'call'` → `'call_…'`, for tool calls that arrive without an id. */
  generateId: (prefix: string) => string;
  /** Content goes through it when the request declares tools (issue 14); absent: content as Ollama sent it. */
  rescue?: ChatContentRescue | undefined;
}

export interface ChatChunkStreamState {
  readonly options: ChatChunkStreamOptions;
  /** The first delta carries `role: "assistant"`. */
  started: boolean;
  /** Tool calls so far: the next call's `index`, stable across chunks. */
  toolCallCount: number;
  /** Set with the last chunk; nothing follows it. */
  end: { kind: 'done' } | { kind: 'error'; message: string } | undefined;
}

export function createChatChunkStreamState(options: ChatChunkStreamOptions): ChatChunkStreamState {
  return { options, started: false, toolCallCount: 0, end: undefined };
}

/**
 * One Ollama `/api/chat` line → the `chat.completion.chunk`s it causes, in wire order. Mutates `state`.
 * The line is unvalidated JSON, so every field is read loosely. Ollama delivers each tool call whole;
 * it still goes out as OpenAI streams calls (a header fragment with id and name, then the arguments),
 * because some clients only accumulate arguments from fragments after the header.
 */
export function ollamaChunkToChatChunks(state: ChatChunkStreamState, line: OllamaChatChunk): ChatCompletionChunk[] {
  const chunks: ChatCompletionChunk[] = [];
  if (state.end) return chunks;
  if (line.error !== undefined && line.error !== null) {
    state.end = { kind: 'error', message: typeof line.error === 'string' ? line.error : JSON.stringify(line.error) };
    return chunks;
  }
  const message = line.message;
  const { rescue } = state.options;
  if (message) {
    const delta: ChatCompletionDelta = {};
    if (typeof message.thinking === 'string' && message.thinking !== '') delta.reasoning_content = message.thinking;
    if (typeof message.content === 'string' && message.content !== '') {
      const content = rescue ? rescue.push(message.content) : message.content;
      if (content !== '') delta.content = content;
    }
    if (delta.reasoning_content !== undefined || delta.content !== undefined) chunks.push(makeChunk(state, delta, null));
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        const name = call?.function?.name;
        if (typeof name !== 'string' || name === '') continue;
        // A structured call ends the message: what the rescuer holds goes out first.
        if (rescue) endRescuedMessage(state, rescue, chunks);
        const id = typeof call.id === 'string' && call.id !== '' ? call.id : state.options.generateId('call');
        const args = convertToolCallArguments(call.function.arguments, { kind: 'function', name });
        for (const delta of convertToolCallToChatDeltas(state.toolCallCount++, { id, type: 'function', function: { name, arguments: args } })) {
          chunks.push(makeChunk(state, delta, null));
        }
      }
    }
  }
  if (line.done === true) {
    if (rescue) endRescuedMessage(state, rescue, chunks);
    const finishReason = mapOllamaFinishReason({ doneReason: line.done_reason, hasToolCalls: state.toolCallCount > 0 });
    chunks.push(makeChunk(state, state.started ? {} : { content: '' }, finishReason));
    if (state.options.includeUsage) {
      const usage = convertOllamaChatUsage({
        inputTokens: line.prompt_eval_count,
        outputTokens: line.eval_count,
        promptTokensEstimate: state.options.promptTokensEstimate,
      });
      const { completionId: id, created, model } = state.options;
      chunks.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
    }
    state.end = { kind: 'done' };
  }
  return chunks;
}

/** Held text as content, then the calls the model wrote as text, numbered after the calls so far. */
function endRescuedMessage(state: ChatChunkStreamState, rescue: ChatContentRescue, chunks: ChatCompletionChunk[]): void {
  for (const delta of rescue.endAsDeltas(() => state.toolCallCount++)) chunks.push(makeChunk(state, delta, null));
}

function makeChunk(state: ChatChunkStreamState, delta: ChatCompletionDelta, finishReason: ChatFinishReason | null): ChatCompletionChunk {
  if (!state.started) {
    state.started = true;
    delta = { role: 'assistant', ...delta };
  }
  const { completionId: id, created, model } = state.options;
  const chunk: ChatCompletionChunk = { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  // OpenAI: with include_usage, every chunk but the usage chunk carries `usage: null`.
  if (state.options.includeUsage) chunk.usage = null;
  return chunk;
}
