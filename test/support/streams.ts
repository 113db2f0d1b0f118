/** Web-stream helpers for tests (after the AI SDK's convertArrayToReadableStream / convertReadableStreamToArray). */

export function arrayToStream<T>(items: readonly T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const item of items) controller.enqueue(item);
      controller.close();
    },
  });
}

export async function streamToArray<T>(stream: ReadableStream<T>): Promise<T[]> {
  const items: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return items;
    items.push(value);
  }
}

/**
 * Every way to cut `bytes` into two network chunks: one `[head, tail]` pair per offset 1…length−1, so
 * each multi-byte UTF-8 character gets split at each of its inner byte boundaries.
 */
export function splitAtEveryByte(bytes: Uint8Array): Array<Array<Uint8Array<ArrayBuffer>>> {
  const splits: Array<Array<Uint8Array<ArrayBuffer>>> = [];
  for (let offset = 1; offset < bytes.length; offset++) {
    splits.push([bytes.slice(0, offset), bytes.slice(offset)]);
  }
  return splits;
}

/** `bytes` delivered one byte per chunk: the worst case for any decoder. */
export function splitIntoSingleBytes(bytes: Uint8Array): Array<Uint8Array<ArrayBuffer>> {
  return Array.from(bytes, (byte) => Uint8Array.of(byte));
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** One parsed SSE frame: its `event:` line (if any) and its `data:` JSON. */
export interface SseFrame {
  event: string | undefined;
  data: unknown;
}

/** Splits SSE text into frames (blank-line separated) and parses each `data:` payload as JSON. */
export function parseSseFrames(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) frames.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return frames;
}
