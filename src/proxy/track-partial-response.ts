import type { ResponsesEventSink } from '../responses/responses-stream-driver.js';
import type { OutputItem, ResponseObject, ResponsesEvent } from '../wire/responses-types.js';

export interface PartialResponseTracker {
  /** Passes every event on to the client's sink unchanged, noting what the answer holds so far. */
  sink: ResponsesEventSink;
  /** The answer as far as the client saw it: finished items, then the text of a message cut short. */
  partial(): ResponseObject | undefined;
}

/**
 * When the client goes away mid-answer (Esc, Ctrl+C) no terminal event is ever built, yet the note
 * should show what the user saw before stopping. Watching the events on their way out works for every
 * backend, including a Responses server whose events are relayed as they are.
 */
export function trackPartialResponse(sink: ResponsesEventSink): PartialResponseTracker {
  let started: ResponseObject | undefined;
  const finished: OutputItem[] = [];
  const openText = new Map<string, string>();
  const observe = (event: ResponsesEvent): void => {
    switch (event.type) {
      case 'response.created':
        started = event.response;
        break;
      case 'response.output_text.delta':
        openText.set(event.item_id, (openText.get(event.item_id) ?? '') + event.delta);
        break;
      case 'response.output_item.done':
        openText.delete(event.item.id);
        finished.push(event.item);
        break;
    }
  };
  return {
    sink: {
      write(event) {
        observe(event);
        sink.write(event);
      },
      end: () => sink.end(),
    },
    partial() {
      if (!started) return undefined;
      const cut: OutputItem[] = [...openText].map(([id, text]) => ({
        id,
        type: 'message',
        status: 'incomplete',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      }));
      return { ...started, status: 'incomplete', output: [...finished, ...cut] };
    },
  };
}
