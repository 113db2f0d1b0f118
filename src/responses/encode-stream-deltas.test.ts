import { describe, expect, it } from 'vitest';
import type { ResponsesEvent } from '../wire/responses-types.js';
import { encodeSseEvent } from '../wire/sse-encoder.js';
import { createResponsesStreamDriver } from './responses-stream-driver.js';
import { ToolNameMap } from './tool-name-map.js';

// encodeSseEvent writes deltas from a template that assumes the field order this driver builds them in.
describe('SSE framing of the events the stream driver makes', () => {
  it('writes text and reasoning deltas byte for byte as the generic framing does', () => {
    const written: ResponsesEvent[] = [];
    let ids = 0;
    const driver = createResponsesStreamDriver(
      { responseId: 'resp_1', model: 'qwen3', toolNameMap: new ToolNameMap(), createdAt: 1790000000, generateId: (prefix) => `${prefix}_${++ids}`, heartbeatIntervalMs: 0 },
      { write: (event) => written.push(event), end: () => {} },
    );
    for (const text of ['Let me "think"\n', 'a \\ b\t', 'lone \ud800 surrogate', '世界 👋', '</script>\u2028']) {
      driver.push({ type: 'reasoning-delta', text });
      driver.push({ type: 'text-delta', text });
    }
    driver.finish({ type: 'finish', reason: 'stop', usage: { inputTokens: 10, outputTokens: 10 } });
    expect(written.filter((event) => event.type.endsWith('.delta'))).toHaveLength(10);
    for (const event of written) expect(encodeSseEvent(event)).toBe(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
});
