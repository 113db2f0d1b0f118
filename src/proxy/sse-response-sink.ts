import type { ServerResponse } from 'node:http';
import type { ResponsesEventSink } from '../responses/responses-stream-driver.js';
import type { ResponseObject, ResponsesEvent } from '../wire/responses-types.js';
import { encodeSseEvent } from '../wire/sse-encoder.js';
import { createSseSocketWriter } from './sse-socket-writer.js';

/** Writes Responses events to the socket as they come (see sse-socket-writer for the batching). */
export function createSseResponseSink(res: ServerResponse): ResponsesEventSink {
  const socket = createSseSocketWriter(res);
  return {
    write: (event) => socket.frame(encodeSseEvent(event)),
    end: () => socket.end(),
  };
}

/** For `stream:false`: keeps only the terminal event's response object. */
export function createCollectingSink(): ResponsesEventSink & { result: Promise<ResponseObject | undefined> } {
  let final: ResponseObject | undefined;
  let done: (value: ResponseObject | undefined) => void = () => {};
  const result = new Promise<ResponseObject | undefined>((resolve) => (done = resolve));
  return {
    result,
    write(event: ResponsesEvent) {
      if (event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'response.failed') {
        final = event.response as ResponseObject;
      }
    },
    end: () => done(final),
  };
}
