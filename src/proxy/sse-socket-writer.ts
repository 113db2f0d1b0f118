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

export interface SseSocketWriterOptions {
  /**
   * How long the first tick's frames (a stream's opening events) may wait for the next frames, so a
   * fast upstream's first answer leaves in the same write. Frames arriving in a later tick, or the
   * deadline, release them; 0 writes them at the end of their tick like any other.
   */
  holdOpeningMs?: number;
}

/**
 * The SSE side of every streaming route. Headers go out with the first frame, so a failure before it
 * is still a real HTTP error. Frames made in one tick (one upstream read yields many) are joined into
 * one write: a write per frame, or corking (chunked encoding hands the socket three buffers per
 * frame), cost more in writev than our whole translation, while nothing waits past the current tick
 * (except the opening frames, by at most `holdOpeningMs`).
 */
export function createSseSocketWriter(res: ServerResponse, options: SseSocketWriterOptions = {}): SseSocketWriter {
  let pending = '';
  let scheduled = false;
  let holdMs = options.holdOpeningMs ?? 0;
  /** Set while the opening frames wait; cleared by the first frame of a later tick, or at the deadline. */
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** True during the tick that queued the opening frames (they must not release themselves). */
  let openingTick = false;
  const isOpen = () => !res.destroyed && !res.writableEnded;
  const start = () => {
    if (res.headersSent) return;
    res.socket?.setNoDelay(true);
    res.writeHead(200, SSE_HEADERS);
  };
  const release = () => {
    if (holdTimer === undefined) return;
    clearTimeout(holdTimer);
    holdTimer = undefined;
  };
  const flush = () => {
    release();
    scheduled = false;
    if (pending === '' || !isOpen()) return;
    const frames = pending;
    pending = '';
    res.write(frames);
  };
  const schedule = () => {
    if (holdMs > 0) {
      // Only the stream's first frames wait: a model that is slow to answer delays them by holdMs at most.
      holdTimer = setTimeout(flush, holdMs);
      holdTimer.unref?.();
      holdMs = 0;
      openingTick = true;
      process.nextTick(() => (openingTick = false));
    } else process.nextTick(flush);
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
        schedule();
      } else if (holdTimer !== undefined && !openingTick) {
        // The upstream's first frames are here: they leave with the opening ones at the end of this tick.
        release();
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
      release();
      if (!isOpen()) return;
      start();
      res.end(pending + last);
      pending = '';
    },
  };
}
