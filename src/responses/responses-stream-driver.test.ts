import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProxyError } from '../wire/openai-error.js';
import type { ResponseObject, ResponsesEvent } from '../wire/responses-types.js';
import { createResponsesStreamDriver } from './responses-stream-driver.js';
import type { ResponsesStreamPart } from './responses-stream-part.js';
import type { ResponsesStreamOptions } from './responses-stream-state.js';
import { ToolNameMap } from './tool-name-map.js';

function options(overrides: Partial<ResponsesStreamOptions> = {}): ResponsesStreamOptions {
  let next = 0;
  return {
    responseId: 'resp_1',
    model: 'qwen3',
    toolNameMap: new ToolNameMap(),
    createdAt: 1790000000,
    generateId: (prefix) => `${prefix}_${++next}`,
    heartbeatIntervalMs: 0,
    ...overrides,
  };
}

const text = (value: string): ResponsesStreamPart => ({ type: 'text-delta', text: value });
const finish: ResponsesStreamPart = { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };
const closed = { type: 'error', message: 'the model server closed the stream before the answer was finished' } as const;

function start(overrides: Partial<ResponsesStreamOptions> = {}) {
  const events: ResponsesEvent[] = [];
  const end = vi.fn();
  const driver = createResponsesStreamDriver(options(overrides), { write: (event) => events.push(event), end });
  return { driver, events, end };
}

const types = (events: ResponsesEvent[]) => events.map((event) => event.type);

describe('createResponsesStreamDriver', () => {
  it('sends created and in_progress before the backend has sent anything', () => {
    const { events } = start();
    expect(events).toMatchObject([
      { type: 'response.created', sequence_number: 0 },
      { type: 'response.in_progress', sequence_number: 1 },
    ]);
  });

  it('counts skipped malformed lines for the note and still completes', () => {
    const onFinish = vi.fn();
    const { driver, events } = start({ onFinish });
    driver.push(text('a'));
    driver.skipMalformed();
    driver.skipMalformed();
    driver.push(text('b'));
    driver.push(finish);
    expect(events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta)).toEqual(['a', 'b']);
    expect(onFinish.mock.calls[0]?.[1]).toEqual({ malformedLineCount: 2, rescuedCalls: [] });
  });

  it('fails with server_error when the upstream ends without a finish', () => {
    const onFinish = vi.fn();
    const { driver, events, end } = start({ onFinish });
    driver.push(text('half'));
    driver.finish(closed);
    const last = events.at(-1) as { type: string; response: ResponseObject };
    expect(last.type).toBe('response.failed');
    expect(last.response.error).toEqual({ code: 'server_error', message: expect.stringMatching(/closed the stream before/) });
    expect(onFinish).toHaveBeenCalledWith(last.response, { malformedLineCount: 0, rescuedCalls: [] });
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('ends with exactly one terminal event, ignoring anything sent after the finish', () => {
    const onFinish = vi.fn();
    const { driver, events, end } = start({ onFinish });
    driver.push(text('a'));
    driver.push(finish);
    driver.push(text('late'));
    driver.push(finish);
    driver.finish(closed);
    expect(types(events).filter((type) => /^response\.(completed|incomplete|failed)$/.test(type))).toEqual(['response.completed']);
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(end).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ status: 'completed', output: [expect.objectContaining({ type: 'message' })] });
  });

  it('maps a failure before the stream began to a code that says whether retrying helps', () => {
    const { driver, events } = start();
    driver.fail(new ProxyError({ status: 400, code: 'context_length_exceeded', message: 'The prompt is too long' }));
    expect((events.at(-1) as unknown as { response: ResponseObject }).response.error).toEqual({
      code: 'context_length_exceeded',
      message: 'The prompt is too long',
    });
  });

  it('still answers Codex when the onFinish callback throws', () => {
    const { driver, events } = start({
      onFinish: () => {
        throw new Error('note writer broke');
      },
    });
    driver.push(text('a'));
    driver.push(finish);
    expect(events.at(-1)?.type).toBe('response.completed');
  });

  describe('heartbeat', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    const heartbeats = (events: ResponsesEvent[]) => events.slice(2).filter((event) => event.type === 'response.in_progress').length;

    it('sends response.in_progress after each interval of upstream silence, and stops after the terminal event', async () => {
      const { driver, events } = start({ heartbeatIntervalMs: 1000 });
      await vi.advanceTimersByTimeAsync(999);
      expect(heartbeats(events)).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(heartbeats(events)).toBe(1);
      await vi.advanceTimersByTimeAsync(2000);
      expect(heartbeats(events)).toBe(3);
      expect(events.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4]);

      // Real output resets the silence countdown.
      await vi.advanceTimersByTimeAsync(500);
      driver.push(text('tok'));
      await vi.advanceTimersByTimeAsync(999);
      expect(heartbeats(events)).toBe(3);
      await vi.advanceTimersByTimeAsync(1);
      expect(heartbeats(events)).toBe(4);

      driver.push(finish);
      const count = events.length;
      expect(events.at(-1)?.type).toBe('response.completed');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(events.length).toBe(count);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('clears its timer and writes nothing more when the client goes away', async () => {
      const { driver, events } = start({ heartbeatIntervalMs: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(heartbeats(events)).toBe(1);
      driver.cancel();
      expect(vi.getTimerCount()).toBe(0);
      driver.push(text('late'));
      driver.finish(closed);
      expect(heartbeats(events)).toBe(1);
      expect(events.length).toBe(3);
    });

    it('clears its timer when the upstream ends without a finish', () => {
      const { driver, events } = start({ heartbeatIntervalMs: 1000 });
      driver.finish(closed);
      expect(events.at(-1)?.type).toBe('response.failed');
      expect(vi.getTimerCount()).toBe(0);
    });

    it('sends no heartbeat when the interval is 0', async () => {
      const { driver, events } = start({ heartbeatIntervalMs: 0 });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(heartbeats(events)).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      driver.cancel();
    });
  });
});
