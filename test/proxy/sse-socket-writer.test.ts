import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSseSocketWriter } from '../../src/proxy/sse-socket-writer.js';

/** Records each socket write separately, so the tests can tell one write from two. */
function recordingResponse() {
  const writes: string[] = [];
  const res = {
    destroyed: false,
    writableEnded: false,
    headersSent: false,
    socket: null,
    writes,
    writeHead() {
      res.headersSent = true;
      return res;
    },
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
    end(chunk?: string) {
      writes.push(`${chunk ?? ''}<end>`);
      res.writableEnded = true;
      return res;
    },
  };
  return res;
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SSE socket writer', () => {
  it('joins the frames of one tick into one write, and ends with what is queued', async () => {
    const res = recordingResponse();
    const writer = createSseSocketWriter(res as unknown as ServerResponse);
    writer.frame('created\n');
    writer.frame('in_progress\n');
    await nextMacrotask();
    writer.frame('delta 1\n');
    writer.frame('delta 2\n');
    await nextMacrotask();
    writer.frame('done\n');
    writer.end('completed\n');
    expect(res.writes).toEqual(['created\nin_progress\n', 'delta 1\ndelta 2\n', 'done\ncompleted\n<end>']);
    expect(writer.isOpen()).toBe(false);
  });

  it('has no accessors: a getter gave each request a hidden class that kept it alive until a full GC', () => {
    const writer = createSseSocketWriter(recordingResponse() as unknown as ServerResponse);
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(writer)).filter(([, descriptor]) => descriptor.get || descriptor.set);
    expect(accessors.map(([name]) => name)).toEqual([]);
  });
});
