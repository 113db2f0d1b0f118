import { createNdjsonLineSplitter, type OllamaChunkParseResult } from './ndjson-line-splitter.js';

export type { OllamaChunkParseResult, ParseResult } from './ndjson-line-splitter.js';

/** The line splitter as a Web Streams TransformStream, for fetch bodies (off the proxy's hot path). */
export function ndjsonLineStream(): TransformStream<Uint8Array, OllamaChunkParseResult> {
  let splitter: ReturnType<typeof createNdjsonLineSplitter>;
  return new TransformStream<Uint8Array, OllamaChunkParseResult>({
    start(controller) {
      splitter = createNdjsonLineSplitter((result) => controller.enqueue(result));
    },
    transform(bytes) {
      splitter.push(bytes);
    },
    flush() {
      splitter.end();
    },
  });
}
