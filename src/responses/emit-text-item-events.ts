import type { MessageOutputItem, OutputTextPart, ReasoningOutputItem, ResponsesEvent } from '../wire/responses-types.js';
import { emitOutputItemDone, type OpenItem, type ResponsesStreamState } from './responses-stream-state.js';

/**
 * The two items that stream: a reasoning item from `message.thinking` and a message item from
 * `message.content`. Event shapes follow test/fixtures/codex/sse/text-full.sse. At most one item is open;
 * a delta of the other kind (or a tool call) closes it, so text after a tool call is a new message.
 */

export function emitThinkingDelta(state: ResponsesStreamState, delta: string, events: ResponsesEvent[]): void {
  let item = state.openItem;
  if (item?.kind !== 'reasoning') {
    closeOpenItem(state, events);
    item = openItem(state, 'reasoning', 'rs');
    events.push(
      {
        type: 'response.output_item.added',
        sequence_number: state.sequenceNumber++,
        output_index: item.outputIndex,
        item: { id: item.id, type: 'reasoning', summary: [] },
      },
      {
        type: 'response.reasoning_summary_part.added',
        sequence_number: state.sequenceNumber++,
        item_id: item.id,
        output_index: item.outputIndex,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      },
    );
  }
  item.text += delta;
  events.push({
    type: 'response.reasoning_summary_text.delta',
    sequence_number: state.sequenceNumber++,
    item_id: item.id,
    output_index: item.outputIndex,
    summary_index: 0,
    delta,
  });
}

/**
 * Each delta goes out as it arrives, except whitespace before a message's first visible character:
 * models often emit `"\n\n"` right before a tool call, and Codex would record and replay an empty
 * message. Held whitespace is prepended to the next delta, so the text stays exact.
 */
export function emitTextDelta(state: ResponsesStreamState, delta: string, events: ResponsesEvent[]): void {
  let item = state.openItem;
  if (item?.kind !== 'message') {
    if (delta.trim() === '') {
      state.pendingWhitespace += delta;
      return;
    }
    delta = state.pendingWhitespace + delta;
    closeOpenItem(state, events);
    item = openItem(state, 'message', 'msg');
    events.push(
      {
        type: 'response.output_item.added',
        sequence_number: state.sequenceNumber++,
        output_index: item.outputIndex,
        item: { id: item.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      },
      {
        type: 'response.content_part.added',
        sequence_number: state.sequenceNumber++,
        item_id: item.id,
        output_index: item.outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      },
    );
  }
  item.text += delta;
  events.push({
    type: 'response.output_text.delta',
    sequence_number: state.sequenceNumber++,
    item_id: item.id,
    output_index: item.outputIndex,
    content_index: 0,
    delta,
    logprobs: [],
  });
}

/** Ends the open item with its `.done` events; held whitespace with no text after it is dropped. */
export function closeOpenItem(state: ResponsesStreamState, events: ResponsesEvent[]): void {
  state.pendingWhitespace = '';
  const item = state.openItem;
  if (!item) return;
  state.openItem = undefined;
  if (item.kind === 'message') closeMessage(state, item, events);
  else closeReasoning(state, item, events);
}

function openItem(state: ResponsesStreamState, kind: OpenItem['kind'], prefix: string): OpenItem {
  const item: OpenItem = { kind, id: state.options.generateId(prefix), outputIndex: state.nextOutputIndex++, text: '' };
  state.openItem = item;
  return item;
}

function closeMessage(state: ResponsesStreamState, item: OpenItem, events: ResponsesEvent[]): void {
  const { id, outputIndex, text } = item;
  const part: OutputTextPart = { type: 'output_text', text, annotations: [] };
  events.push(
    {
      type: 'response.output_text.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      content_index: 0,
      text,
      logprobs: [],
    },
    {
      type: 'response.content_part.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      content_index: 0,
      part,
    },
  );
  const message: MessageOutputItem = { id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
  emitOutputItemDone(state, outputIndex, message, events);
}

function closeReasoning(state: ResponsesStreamState, item: OpenItem, events: ResponsesEvent[]): void {
  const { id, outputIndex, text } = item;
  const part = { type: 'summary_text' as const, text };
  events.push(
    {
      type: 'response.reasoning_summary_text.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      summary_index: 0,
      text,
    },
    {
      type: 'response.reasoning_summary_part.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      summary_index: 0,
      part,
    },
  );
  // The thinking doubles as encrypted_content: Codex replays that field verbatim, so the model's
  // reasoning reaches the next prompt (as with Ollama's own /v1/responses).
  const reasoning: ReasoningOutputItem = {
    id,
    type: 'reasoning',
    summary: [part],
    content: [{ type: 'reasoning_text', text }],
    encrypted_content: text,
  };
  emitOutputItemDone(state, outputIndex, reasoning, events);
}
