import type { ChunkSink } from '../backend.js';
import type { ChatCompletionDelta } from '../../wire/chat-completion-types.js';
import type { ChatContentRescue } from '../../responses/rescue-tool-calls-in-chat-content.js';
import { createSseDataParser } from './parse-sse-data.js';

type Frame = Record<string, unknown> & { choices?: unknown };
type Choice = Record<string, unknown> & { delta?: Record<string, unknown> | null; finish_reason?: unknown };
type ToolCallFragment = Record<string, unknown> & { index?: unknown };

/**
 * An OpenAI-compatible server's `chat.completion.chunk` SSE frames, with tool calls the model wrote as
 * text turned into real ones (issue 14): `choices[0].delta.content` goes through the rescuer, a rescued
 * call goes out as `tool_calls` frames at the end of the message (before the finish frame, or before a
 * structured call), and the finish reason becomes `tool_calls`. Frames the rescuer does not change keep
 * their data as the server wrote it; only frames are re-encoded (`data: …` + blank line), so comments
 * and `event:` lines are dropped. Used only when the request declares tools: without them the bytes are
 * relayed untouched.
 */
export function rescueToolCallsInChatFrames(sink: ChunkSink<unknown>, rescue: ChatContentRescue): ChunkSink<unknown> {
  let out = '';
  /** The last frame with choices: synthesized frames copy its id, created, model, fingerprint. */
  let last: Frame | undefined;
  /** Server call index → ours: rescued calls take indices, so the server's later calls move up. */
  const indices = new Map<number, number>();
  let nextIndex = 0;
  let open = false;

  const emit = (data: string): void => {
    out += `data: ${data}\n\n`;
  };
  const emitDelta = (delta: ChatCompletionDelta, finishReason: unknown = null): void => {
    emit(JSON.stringify({ ...templateOf(last), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] }));
  };
  /** The message ends: held text, then the rescued calls. */
  const endMessage = (): void => {
    if (!open) return;
    open = false;
    for (const delta of rescue.endAsDeltas(() => nextIndex++)) emitDelta(delta);
  };

  const onData = (data: string): void => {
    const frame = parseFrame(data);
    const choices = frame?.choices;
    // A mid-stream error drops what is held, as the Responses path does: the client gets the error.
    if (frame && 'error' in frame) {
      open = false;
      return emit(data);
    }
    // [DONE], usage-only frames, and anything we cannot read: the message is over, if still open.
    if (!frame || !Array.isArray(choices) || choices.length !== 1 || !isObject(choices[0])) {
      endMessage();
      return emit(data);
    }
    last = frame;
    const choice = choices[0] as Choice;
    const delta = isObject(choice.delta) ? choice.delta : undefined;
    let changed = false;

    const toolCalls = delta?.['tool_calls'];
    if (Array.isArray(toolCalls) && toolCalls.length > 0) {
      endMessage();
      changed = renumberToolCalls(toolCalls as ToolCallFragment[]);
    }
    const content = delta?.['content'];
    let released: string | undefined;
    if (typeof content === 'string' && content !== '') {
      open = true;
      released = rescue.push(content);
      if (released !== content) {
        changed = true;
        delta!['content'] = released;
      }
    }

    const finishReason = choice.finish_reason;
    if (finishReason === null || finishReason === undefined) {
      // Content the rescuer holds back, and nothing else: the frame would only be noise.
      if (released === '' && carriesNothing(delta) && !hasOtherChoiceFields(choice)) return;
      return emit(changed ? JSON.stringify(frame) : data);
    }
    // The finish frame ends the message: what it carries, then what the rescuer held, then the finish.
    const held = open ? rescue.endAsDeltas(() => nextIndex++) : [];
    open = false;
    const reason = finishReason === 'stop' && rescue.rescuedCount > 0 ? 'tool_calls' : finishReason;
    if (held.length === 0) {
      if (reason !== finishReason) {
        choice.finish_reason = reason;
        changed = true;
      }
      return emit(changed ? JSON.stringify(frame) : data);
    }
    if (!carriesNothing(delta) || hasOtherChoiceFields(choice)) {
      emit(JSON.stringify({ ...templateOf(frame), choices: [{ ...choice, finish_reason: null }] }));
    }
    for (const extra of held) emitDelta(extra);
    // The server's finish frame keeps its own fields (usage, timings), with an empty delta.
    emit(JSON.stringify({ ...frame, choices: [{ index: choice['index'] ?? 0, delta: {}, logprobs: null, finish_reason: reason }] }));
  };

  /** Server calls keep their order after the rescued ones; false when no index had to move. */
  const renumberToolCalls = (fragments: ToolCallFragment[]): boolean => {
    let moved = false;
    for (const fragment of fragments) {
      if (!isObject(fragment) || typeof fragment.index !== 'number') continue;
      let ours = indices.get(fragment.index);
      if (ours === undefined) {
        ours = nextIndex++;
        indices.set(fragment.index, ours);
      }
      if (ours !== fragment.index) {
        fragment.index = ours;
        moved = true;
      }
    }
    return moved;
  };

  const parser = createSseDataParser(onData);
  const flush = (): void => {
    if (out === '') return;
    sink.writeWire(Buffer.from(out));
    out = '';
  };
  return {
    write: (chunk) => sink.write(chunk),
    writeWire(bytes) {
      parser.push(bytes);
      flush();
    },
    end() {
      parser.end();
      // A stream that ended without a finish frame or [DONE] still gets what was held.
      endMessage();
      flush();
      sink.end();
    },
    // What is held is dropped: the client gets the error instead.
    fail: (error) => sink.fail(error),
  };
}

/** A frame's fields but its choices, with `usage: null` where it had usage (OpenAI: only the last has one). */
function templateOf(frame: Frame | undefined): Frame {
  if (!frame) return {};
  const { choices: _choices, ...rest } = frame;
  return 'usage' in rest ? { ...rest, usage: null } : rest;
}

function parseFrame(data: string): Frame | undefined {
  if (data === '[DONE]') return undefined;
  try {
    const value = JSON.parse(data) as unknown;
    return isObject(value) ? (value as Frame) : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A delta with no content, role, reasoning or calls left in it. */
function carriesNothing(delta: Record<string, unknown> | undefined): boolean {
  return delta === undefined || Object.values(delta).every((value) => value === null || value === undefined || value === '');
}

/** Logprobs or anything else on the choice besides its index, delta and (null) finish reason. */
function hasOtherChoiceFields(choice: Choice): boolean {
  return Object.entries(choice).some(([key, value]) => key !== 'index' && key !== 'delta' && key !== 'finish_reason' && value !== null && value !== undefined);
}
