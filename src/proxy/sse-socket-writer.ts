import type { ServerResponse } from 'node:http';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

export interface SseSocketWriter {
  /** False once the response is finished or the client is gone: write nothing more. */
  isOpen(): boolean;
  /** Queues one frame; the frames of one tick leave together. */
  frame(text: string): void;
  /** Writes bytes as they are, after anything queued (an upstream read is already a batch). */
  raw(bytes: Uint8Array): void;
  /** Ends the response with what is queued plus `last`. */
  end(last?: string): void;
}

/**
 * The SSE side of every streaming route. Headers go out with the first frame, so a failure before it
 * is still a real HTTP error. Frames made in one tick (one upstream read yields many) are joined into
 * one write: a write per frame, or corking (chunked encoding hands the socket three buffers per
 * frame), cost more in writev than our whole translation, while nothing waits past the current tick.
 */
export function createSseSocketWriter(res: ServerResponse): SseSocketWriter {
  let pending = '';
  let scheduled = false;
  const isOpen = () => !res.destroyed && !res.writableEnded;
  const start = () => {
    if (res.headersSent) return;
    res.socket?.setNoDelay(true);
    res.writeHead(200, SSE_HEADERS);
  };
  const flush = () => {
    scheduled = false;
    if (pending === '' || !isOpen()) return;
    const frames = pending;
    pending = '';
    res.write(frames);
  };
  // No getters here: an object literal with an accessor gets its own hidden class per call, kept in old
  // space and pointing at this closure, so every request's objects survived scavenges until a full GC.
  return {
    isOpen,
    frame(text) {
      if (!isOpen()) return;
      start();
      pending += text;
      if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
    },
    raw(bytes) {
      if (!isOpen()) return;
      start();
      flush();
      res.write(bytes);
    },
    end(last = '') {
      if (!isOpen()) return;
      start();
      res.end(pending + last);
      pending = '';
    },
  };
}
