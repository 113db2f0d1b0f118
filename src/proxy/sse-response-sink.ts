import type { ServerResponse } from 'node:http';
import type { ResponsesEventSink } from '../backends/ollama/responses/responses-stream-driver.js';
import type { ResponseObject, ResponsesEvent } from '../backends/ollama/responses/responses-types.js';
import { encodeSseEvent } from './sse-encoder.js';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Writes events to the socket as they come. Events produced in the same tick (one upstream chunk
 * yields several) are corked into one write: a syscall per event cost more than all our translation,
 * while nothing waits longer than the current tick.
 */
export function createSseResponseSink(res: ServerResponse): ResponsesEventSink {
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  return {
    write(event) {
      if (res.destroyed || res.writableEnded) return;
      if (!res.headersSent) {
        res.socket?.setNoDelay(true);
        res.writeHead(200, SSE_HEADERS);
      }
      if (!corked) {
        corked = true;
        res.cork();
        process.nextTick(uncork);
      }
      res.write(encodeSseEvent(event));
    },
    end() {
      if (!res.destroyed && !res.writableEnded) res.end();
    },
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
