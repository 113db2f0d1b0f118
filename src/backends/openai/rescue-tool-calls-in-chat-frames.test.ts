import { describe, expect, it } from 'vitest';
import type { ChunkSink } from '../backend.js';
import { createChatContentRescue } from '../../responses/rescue-tool-calls-in-chat-content.js';
import { rescueToolCallsInChatFrames } from './rescue-tool-calls-in-chat-frames.js';

const TOOLS = [{ name: 'get_weather', kind: 'function' as const, parameters: { type: 'object', required: ['city'] } }];
const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'qwen3', system_fingerprint: 'fp' };
const frame = (delta: object, finish: string | null = null, extra: object = {}) =>
  `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;

/** Runs frames through the rescuer, cut into network chunks of `size` bytes; returns the data lines. */
function run(sse: string, size: number): string[] {
  let out = '';
  const sink: ChunkSink<unknown> = { write() {}, writeWire: (bytes) => (out += Buffer.from(bytes).toString('utf8')), end() {}, fail() {} };
  let id = 0;
  const rescuing = rescueToolCallsInChatFrames(sink, createChatContentRescue({ tools: TOOLS, generateId: (prefix) => `${prefix}_${++id}` }));
  const bytes = Buffer.from(sse);
  for (let offset = 0; offset < bytes.length; offset += size) rescuing.writeWire(bytes.subarray(offset, offset + size));
  rescuing.end();
  return out.split('\n\n').filter(Boolean).map((line) => line.replace(/^data: /, ''));
}

const parsed = (lines: string[]) => lines.filter((line) => line !== '[DONE]').map((line) => JSON.parse(line));

describe('rescueToolCallsInChatFrames', () => {
  const call = '{"name": "get_weather", "arguments": {"city": "Paris"}}';
  const sse =
    frame({ role: 'assistant', content: '' }, null, { usage: null }) +
    frame({ content: 'Sure.\n' }, null, { usage: null }) +
    Array.from(call).map((character) => frame({ content: character }, null, { usage: null })).join('') +
    frame({}, 'stop', { usage: null }) +
    `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } })}\n\n` +
    'data: [DONE]\n\n';

  it('gives the same frames whatever the network cuts, with a character split across chunks (é)', () => {
    const whole = run(sse.replace('Sure.', 'Sûre.'), sse.length * 2);
    for (const size of [1, 2, 3, 7, 64]) expect(run(sse.replace('Sure.', 'Sûre.'), size)).toEqual(whole);
  });

  it('sends the call before the finish, which says tool_calls, then the usage frame and [DONE]', () => {
    const lines = run(sse, 5);
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = parsed(lines);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Sure.\n');
    expect(chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":"Paris"}' } },
    ]);
    const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes.map((chunk) => chunk.choices[0].finish_reason)).toEqual(['tool_calls']);
    expect(chunks.indexOf(finishes[0])).toBe(chunks.length - 2);
    expect(chunks.at(-1).usage.total_tokens).toBe(3);
    // The frames it writes look like the server's own: same id, fingerprint, usage: null.
    expect(chunks.slice(0, -1).every((chunk) => chunk.id === 'chatcmpl-1' && chunk.system_fingerprint === 'fp' && chunk.usage === null)).toBe(true);
  });

  it('keeps content that arrives in the finish frame before the call, and drops no frame of plain prose', () => {
    const lines = run(frame({ role: 'assistant', content: 'Hello ' }) + frame({ content: 'world' }) + frame({ content: '!' }, 'stop') + 'data: [DONE]\n\n', 4);
    expect(lines).toEqual([frame({ role: 'assistant', content: 'Hello ' }), frame({ content: 'world' }), frame({ content: '!' }, 'stop'), 'data: [DONE]\n\n'].map((text) => text.slice(6, -2)));
    const withCall = parsed(run(frame({ content: 'On it.\n' }) + frame({ content: call }, 'stop') + 'data: [DONE]\n\n', 4));
    expect(withCall.map((chunk) => chunk.choices[0].delta.content ?? '').join('')).toBe('On it.\n');
    expect(withCall.at(-1).choices[0].finish_reason).toBe('tool_calls');
    expect(withCall.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? [])).toHaveLength(2);
  });

  it('releases what it held when the stream ends without a finish frame', () => {
    const chunks = parsed(run(frame({ content: '{"name": "get_weather", "argu' }), 3));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('')).toBe('{"name": "get_weather", "argu');
  });
});

describe('rescueToolCallsInChatFrames on a mid-stream error', () => {
  it('drops what it held and relays the error frame, as the Responses path does', () => {
    const error = `data: ${JSON.stringify({ error: { message: 'boom', type: 'server_error', param: null, code: null } })}\n\n`;
    const lines = run(frame({ content: 'Hi.\n' }) + frame({ content: '{"name": "get_weather", "arguments": {"city": "Paris"}}' }) + error + 'data: [DONE]\n\n', 9);
    expect(lines).toEqual([frame({ content: 'Hi.\n' }).slice(6, -2), error.slice(6, -2), '[DONE]']);
  });
});
