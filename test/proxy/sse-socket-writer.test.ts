import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSseSocketWriter } from '../../src/proxy/sse-socket-writer.js';

/** Records each socket write separately, so the tests can tell one write from two. */
function recordingResponse() {
  const writes: string[] = [];
  let wrote: () => void = () => {};
  const res = {
    destroyed: false,
    writableEnded: false,
    headersSent: false,
    socket: null,
    writes,
    nextWrite: () => new Promise<void>((resolve) => (wrote = resolve)),
    writeHead() {
      res.headersSent = true;
      return res;
    },
    write(chunk: string) {
      writes.push(chunk);
      wrote();
      return true;
    },
    end(chunk?: string) {
      writes.push(`${chunk ?? ''}<end>`);
      res.writableEnded = true;
      wrote();
      return res;
    },
  };
  return res;
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SSE socket writer: the opening frames wait for the upstream\'s first ones', () => {
  it('sends the opening frames and the first upstream frames in one write', async () => {
    const res = recordingResponse();
    const writer = createSseSocketWriter(res as unknown as ServerResponse, { holdOpeningMs: 60_000 });
    writer.frame('created\n');
    writer.frame('in_progress\n');
    await nextMacrotask(); // the upstream's first bytes arrive in a later tick
    expect(res.writes).toEqual([]);
    writer.frame('delta 1\n');
    writer.frame('delta 2\n');
    await nextMacrotask();
    expect(res.writes).toEqual(['created\nin_progress\ndelta 1\ndelta 2\n']);
    writer.frame('delta 3\n'); // only the opening frames wait; later ones leave at the end of their tick
    await nextMacrotask();
    expect(res.writes).toEqual(['created\nin_progress\ndelta 1\ndelta 2\n', 'delta 3\n']);
  });

  it('sends the opening frames on their own when the upstream stays silent', async () => {
    const res = recordingResponse();
    const writer = createSseSocketWriter(res as unknown as ServerResponse, { holdOpeningMs: 1 });
    const written = res.nextWrite();
    writer.frame('created\n');
    await written; // no other frame ever comes: the deadline releases them
    expect(res.writes).toEqual(['created\n']);
    writer.frame('delta\n');
    await nextMacrotask();
    expect(res.writes).toEqual(['created\n', 'delta\n']);
  });

  it('ends with what is held, in one write, when the stream ends before the deadline', async () => {
    const res = recordingResponse();
    const writer = createSseSocketWriter(res as unknown as ServerResponse, { holdOpeningMs: 60_000 });
    writer.frame('created\n');
    await nextMacrotask();
    writer.end('failed\n');
    await nextMacrotask();
    expect(res.writes).toEqual(['created\nfailed\n<end>']);
    expect(writer.isOpen()).toBe(false);
  });

  it('without a hold, the frames of each tick leave at its end', async () => {
    const res = recordingResponse();
    const writer = createSseSocketWriter(res as unknown as ServerResponse);
    writer.frame('created\n');
    writer.frame('in_progress\n');
    await nextMacrotask();
    writer.frame('delta\n');
    await nextMacrotask();
    expect(res.writes).toEqual(['created\nin_progress\n', 'delta\n']);
  });
});
