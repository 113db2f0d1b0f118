import type { OutputItem, ResponseObject } from '../wire/responses-types.js';
import type { OpenItem, ResponsesStreamState } from './responses-stream-state.js';

/**
 * The `response` a heartbeat `response.in_progress` carries. Clients that rebuild the response from
 * the events (the openai SDK's `responses.stream`) replace their copy with it, so once items exist it
 * must list them all, the open one with exactly the text streamed so far; an empty `output` would make
 * the next delta point at an item the client no longer has. Codex only needs the event for its idle timer.
 */
export function snapshotInProgressResponse(state: ResponsesStreamState): ResponseObject {
  const open = state.openItem;
  if (state.output.length === 0 && !open) return state.inProgressResponse;
  // Finished items are in output order and the open item always comes after them.
  const output: OutputItem[] = open ? [...state.output, snapshotOpenItem(open)] : [...state.output];
  return { ...state.inProgressResponse, output };
}

function snapshotOpenItem(item: OpenItem): OutputItem {
  if (item.kind === 'message') {
    return {
      id: item.id,
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [{ type: 'output_text', text: item.text, annotations: [] }],
    };
  }
  return { id: item.id, type: 'reasoning', summary: [{ type: 'summary_text', text: item.text }] };
}
