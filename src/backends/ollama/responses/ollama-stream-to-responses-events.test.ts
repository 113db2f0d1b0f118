import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arrayToStream, streamToArray } from '../../../../test/support/streams.js';
import type { OllamaChatChunk } from '../ollama-api-types.js';
import type { OllamaChunkParseResult } from '../ndjson-line-stream.js';
import { ollamaStreamToResponsesEvents, type ResponsesStreamOptions } from './ollama-stream-to-responses-events.js';
import type { ResponseObject, ResponsesEvent } from '../../../wire/responses-types.js';
import { ToolNameMap } from '../../../responses/tool-name-map.js';

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

const ok = (value: OllamaChatChunk): OllamaChunkParseResult => ({ success: true, value });
const bad = (rawValue: string): OllamaChunkParseResult => ({ success: false, error: new SyntaxError('bad'), rawValue });
const content = (text: string) => ok({ message: { role: 'assistant', content: text }, done: false });
const done = ok({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 2 });

const types = (events: ResponsesEvent[]) => events.map((event) => event.type);

function translate(results: OllamaChunkParseResult[], overrides: Partial<ResponsesStreamOptions> = {}) {
  return streamToArray(arrayToStream(results).pipeThrough(ollamaStreamToResponsesEvents(options(overrides))));
}

describe('ollamaStreamToResponsesEvents', () => {
  it('sends created and in_progress before Ollama has sent anything', async () => {
    const translator = ollamaStreamToResponsesEvents(options());
    const reader = translator.readable.getReader();
    expect((await reader.read()).value).toMatchObject({ type: 'response.created', sequence_number: 0 });
    expect((await reader.read()).value).toMatchObject({ type: 'response.in_progress', sequence_number: 1 });
    await reader.cancel();
  });

  it('skips malformed lines and non-object values, counts them, and still completes', async () => {
    const onFinish = vi.fn();
    const events = await translate(
      [content('a'), bad('{"message":'), ok(42 as unknown as OllamaChatChunk), ok(null as unknown as OllamaChatChunk), content('b'), done],
      { onFinish },
    );
    expect(events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta)).toEqual(['a', 'b']);
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[1]).toEqual({ malformedLineCount: 3 });
  });

  it('fails with server_error when the upstream closes without a done line', async () => {
    const onFinish = vi.fn();
    const events = await translate([content('half')], { onFinish });
    const last = events.at(-1) as { type: string; response: ResponseObject };
    expect(last.type).toBe('response.failed');
    expect(last.response.error).toEqual({ code: 'server_error', message: expect.stringMatching(/closed the stream before/) });
    expect(onFinish).toHaveBeenCalledWith(last.response, { malformedLineCount: 0 });
  });

  it('ends with exactly one terminal event, ignoring anything Ollama sends after done', async () => {
    const onFinish = vi.fn();
    const events = await translate([content('a'), done, content('late'), done], { onFinish });
    expect(types(events).filter((type) => /^response\.(completed|incomplete|failed)$/.test(type))).toEqual(['response.completed']);
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ status: 'completed', output: [expect.objectContaining({ type: 'message' })] });
  });

  it('still answers Codex when the onFinish callback throws', async () => {
    const events = await translate([content('a'), done], {
      onFinish: () => {
        throw new Error('note writer broke');
      },
    });
    expect(events.at(-1)?.type).toBe('response.completed');
  });

  describe('heartbeat', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Reads continuously, as the HTTP response does, so the test sees each event when it is produced. */
    function start(overrides: Partial<ResponsesStreamOptions> = {}) {
      const translator = ollamaStreamToResponsesEvents(options({ heartbeatIntervalMs: 1000, ...overrides }));
      const events: ResponsesEvent[] = [];
      const reader = translator.readable.getReader();
      const reading = (async () => {
        for (;;) {
          const { done: ended, value } = await reader.read();
          if (ended) return;
          events.push(value);
        }
      })();
      const writer = translator.writable.getWriter();
      return { events, reader, reading, writer };
    }

    const heartbeats = (events: ResponsesEvent[]) => events.slice(2).filter((event) => event.type === 'response.in_progress').length;

    it('sends response.in_progress after each interval of upstream silence, and stops after the terminal event', async () => {
      const { events, writer, reading } = start();
      await vi.advanceTimersByTimeAsync(999);
      expect(heartbeats(events)).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(heartbeats(events)).toBe(1);
      await vi.advanceTimersByTimeAsync(2000);
      expect(heartbeats(events)).toBe(3);
      expect(events.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4]);

      // Real output resets the silence countdown.
      await vi.advanceTimersByTimeAsync(500);
      await writer.write(content('tok'));
      await vi.advanceTimersByTimeAsync(999);
      expect(heartbeats(events)).toBe(3);
      await vi.advanceTimersByTimeAsync(1);
      expect(heartbeats(events)).toBe(4);

      await writer.write(done);
      await writer.close();
      await reading;
      const count = events.length;
      expect(events.at(-1)?.type).toBe('response.completed');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(events.length).toBe(count);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('clears its timer when the client goes away (readable cancelled)', async () => {
      const { events, reader } = start();
      await vi.advanceTimersByTimeAsync(1000);
      expect(heartbeats(events)).toBe(1);
      await reader.cancel(new Error('client disconnected'));
      expect(vi.getTimerCount()).toBe(0);
    });

    it('clears its timer when the upstream side is aborted', async () => {
      const { writer, reading } = start();
      await writer.abort(new Error('upstream aborted'));
      await reading.catch(() => {});
      expect(vi.getTimerCount()).toBe(0);
    });

    it('clears its timer when the upstream ends without done', async () => {
      const { events, writer, reading } = start();
      await writer.close();
      await reading;
      expect(events.at(-1)?.type).toBe('response.failed');
      expect(vi.getTimerCount()).toBe(0);
    });

    it('sends no heartbeat when the interval is 0', async () => {
      const { events, reader } = start({ heartbeatIntervalMs: 0 });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(heartbeats(events)).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      await reader.cancel();
    });
  });
});
