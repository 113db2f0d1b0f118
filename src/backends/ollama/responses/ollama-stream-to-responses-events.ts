import type { OllamaChunkParseResult } from '../ndjson-line-splitter.js';
import { createResponsesStreamDriver, type ResponsesStreamDriver } from '../../../responses/responses-stream-driver.js';
import type { ResponsesEvent } from '../../../wire/responses-types.js';
import type { ResponsesStreamOptions } from '../../../responses/responses-stream-state.js';

export type { ResponsesStreamOptions, ResponsesStreamSummary } from '../../../responses/responses-stream-state.js';

/**
 * The stream driver as a Web Streams TransformStream, for fetch bodies. Always ends with exactly one
 * terminal event and never errors the readable side: after SSE headers are out, every failure must be
 * a `response.failed` Codex can read and retry.
 */
export function ollamaStreamToResponsesEvents(
  options: ResponsesStreamOptions,
): TransformStream<OllamaChunkParseResult, ResponsesEvent> {
  let driver: ResponsesStreamDriver;
  let controllerClosed = false;
  // `cancel` (client disconnected) runs on Node ≥ 20 but is missing from the DOM Transformer type.
  const transformer: Transformer<OllamaChunkParseResult, ResponsesEvent> & { cancel: () => void } = {
    start(controller) {
      driver = createResponsesStreamDriver(options, {
        write(event) {
          if (controllerClosed) return;
          try {
            controller.enqueue(event);
          } catch {
            controllerClosed = true; // The readable side is gone.
            driver?.cancel();
          }
        },
        end() {},
      });
    },
    transform(result) {
      driver.push(result);
    },
    flush() {
      driver.finish();
    },
    cancel() {
      driver.cancel();
    },
  };
  return new TransformStream(transformer);
}
