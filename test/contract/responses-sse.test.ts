/**
 * Ollama NDJSON bytes → the production pump (streamOllamaIntoDriver → driver → SSE socket writer) → SSE bytes,
 * compared with the streams Codex 0.169 accepted (test/fixtures/codex/sse) and checked for the
 * invariants Codex relies on (spec §3, §5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OllamaChatChunk, OllamaToolCall } from '../../src/backends/ollama/ollama-api-types.js';
import type { ResponsesEvent } from '../../src/wire/responses-types.js';
import { ToolNameMap, type ToolTarget } from '../../src/responses/tool-name-map.js';
import { parseSseFrames, splitAtEveryByte } from '../support/streams.js';
import { runOllamaPump } from '../support/run-ollama-pump.js';

type WireEvent = ResponsesEvent & {
  sequence_number?: number;
  output_index?: number;
  item_id?: string;
  item?: { id: string; type: string; [key: string]: unknown };
  response?: { id: string; status: string; output?: unknown[]; [key: string]: unknown };
};

const TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const encoder = new TextEncoder();

// ---------- Ollama side: chunks as /api/chat streams them (spec §7.2) ----------

let clock = 0;
function line(message: NonNullable<OllamaChatChunk['message']>, extra: Partial<OllamaChatChunk> = {}): OllamaChatChunk {
  clock += 1;
  return {
    model: 'qwen3',
    created_at: `2026-08-21T10:00:${String(clock % 60).padStart(2, '0')}.000000Z`,
    message,
    done: false,
    ...extra,
  };
}
const content = (text: string) => line({ role: 'assistant', content: text });
const thinking = (text: string) => line({ role: 'assistant', content: '', thinking: text });
const toolCalls = (...calls: OllamaToolCall[]) => line({ role: 'assistant', content: '', tool_calls: calls });
const call = (id: string, name: string, args: Record<string, unknown>, index = 0): OllamaToolCall => ({
  id,
  function: { index, name, arguments: args },
});
const done = (extra: Partial<OllamaChatChunk> = {}) =>
  line(
    { role: 'assistant', content: '' },
    {
      done: true,
      done_reason: 'stop',
      total_duration: 1_234_567,
      load_duration: 12_345,
      prompt_eval_count: 42,
      prompt_eval_duration: 1000,
      eval_count: 7,
      eval_duration: 2000,
      ...extra,
    },
  );

function ndjson(lines: Array<OllamaChatChunk | string>): Uint8Array {
  return encoder.encode(lines.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)) + '\n').join(''));
}

function toolNameMap(...targets: ToolTarget[]): ToolNameMap {
  const map = new ToolNameMap();
  for (const target of targets) map.register(target);
  return map;
}

// ---------- the pipeline ----------

async function pipeline(networkChunks: Uint8Array[], tools = new ToolNameMap()) {
  let next = 0;
  const finished: unknown[] = [];
  const sse = await runOllamaPump(networkChunks, {
    responseId: 'resp_1',
    model: 'qwen3',
    toolNameMap: tools,
    createdAt: 1790000000,
    generateId: (prefix) => `${prefix}_gen${++next}`,
    heartbeatIntervalMs: 0,
    onFinish: (response) => finished.push(response),
  });
  const frames = parseSseFrames(sse);
  return { frames, events: frames.map((frame) => frame.data as WireEvent), finished };
}

function readFixture(name: string): WireEvent[] {
  const text = readFileSync(new URL(`../fixtures/codex/sse/${name}.sse`, import.meta.url), 'utf8');
  return parseSseFrames(text).map((frame) => frame.data as WireEvent);
}

/** Item ids are ours to choose; rename them by first appearance so two streams can be compared. */
function normaliseIds(events: WireEvent[]): WireEvent[] {
  const names = new Map<string, string>();
  for (const event of events) {
    const id = event.item?.id ?? event.item_id;
    if (id !== undefined && !names.has(id)) names.set(id, `item_${names.size + 1}`);
  }
  const rename = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((entry) => rename(entry));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([entryKey, entry]) => [entryKey, rename(entry, entryKey)]));
    }
    return (key === 'id' || key === 'item_id') && typeof value === 'string' ? (names.get(value) ?? value) : value;
  };
  return events.map((event) => rename(event) as WireEvent);
}

/** Ollama delivers tool calls whole and we heartbeat, so deltas and in_progress legitimately differ. */
const structuralTypes = (events: WireEvent[]) =>
  events.map((event) => event.type).filter((type) => !type.endsWith('.delta') && type !== 'response.in_progress');

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let position = 0;
  for (const entry of haystack) if (entry === needle[position]) position += 1;
  return position === needle.length;
}

// ---------- invariants Codex depends on ----------

function assertStreamInvariants(events: WireEvent[], { allItemsFinished = true } = {}): void {
  expect(events[0]?.type).toBe('response.created');
  events.forEach((event, index) => expect(event.sequence_number).toBe(index));

  const terminals = events.filter((event) => TERMINAL_TYPES.has(event.type));
  expect(terminals).toHaveLength(1);
  expect(events.at(-1)).toBe(terminals[0]);
  expect(typeof terminals[0]?.response?.id).toBe('string');

  const open = new Map<string, number>();
  const addedIndexes: number[] = [];
  const finishedIds = new Set<string>();
  for (const event of events) {
    if (event.type === 'response.output_item.added') {
      const { id } = event.item!;
      expect(open.has(id) || finishedIds.has(id)).toBe(false);
      open.set(id, event.output_index!);
      addedIndexes.push(event.output_index!);
    } else if (event.type === 'response.output_item.done') {
      const { id } = event.item!;
      // Every done item was announced, under the same output_index.
      expect(open.get(id)).toBe(event.output_index);
      open.delete(id);
      finishedIds.add(id);
      assertFinalItem(event.item!);
    } else if (event.item_id !== undefined) {
      // Deltas and part events only ever refer to an item that is open.
      expect(open.get(event.item_id)).toBe(event.output_index);
    }
  }
  expect(addedIndexes).toEqual(addedIndexes.map((_index, position) => position));
  if (allItemsFinished) expect([...open.keys()]).toEqual([]);

  const doneItems = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
  expect(terminals[0]?.response?.output).toEqual(doneItems);
}

function assertFinalItem(item: NonNullable<WireEvent['item']>): void {
  if (item.type === 'function_call') {
    // An object here, or no call_id, makes Codex drop the call silently (spec §8).
    expect(typeof item.arguments).toBe('string');
    expect(() => JSON.parse(item.arguments as string)).not.toThrow();
    expect(item.call_id).toEqual(expect.any(String));
    expect(item.call_id).not.toBe('');
    expect(String(item.name)).not.toContain('__');
  }
  if (item.type === 'custom_tool_call') {
    expect(typeof item.input).toBe('string');
    expect(item.call_id).toEqual(expect.any(String));
  }
  if (item.type === 'message') expect(item.status).toBe('completed');
}

// ---------- fixtures ----------

const APPLY_PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from apply_patch\n*** End Patch\n';

const fixtureCases: Array<{ fixture: string; tools: ToolNameMap; chunks: OllamaChatChunk[] }> = [
  {
    fixture: 'text-full',
    tools: new ToolNameMap(),
    chunks: [content('Hello fro'), content('m the fak'), content('e server!'), done()],
  },
  {
    fixture: 'function-call-exec_command',
    tools: toolNameMap({ kind: 'function', name: 'exec_command' }),
    chunks: [toolCalls(call('call_probe_1', 'exec_command', { cmd: 'echo hello-from-tool' })), done()],
  },
  {
    fixture: 'custom-tool-apply_patch',
    tools: toolNameMap({ kind: 'function', name: 'exec_command' }, { kind: 'custom', name: 'apply_patch' }),
    chunks: [toolCalls(call('call_ap', 'apply_patch', { input: APPLY_PATCH })), done()],
  },
  {
    fixture: 'function-call-namespaced',
    tools: toolNameMap({ kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' }),
    chunks: [toolCalls(call('call_ns', 'multi_agent_v1__close_agent', { target: 'some-agent-id' })), done()],
  },
];

describe('Ollama stream → Responses SSE, against the streams Codex accepted', () => {
  describe.each(fixtureCases)('$fixture', ({ fixture, tools, chunks }) => {
    const expected = readFixture(fixture);

    it('produces the same items, final response and event structure as the fixture', async () => {
      const { events, frames, finished } = await pipeline([ndjson(chunks)], tools);
      assertStreamInvariants(events);
      for (const frame of frames) expect(frame.event).toBe((frame.data as WireEvent).type);

      const ours = normaliseIds(events);
      const theirs = normaliseIds(expected);
      const doneItems = (list: WireEvent[]) =>
        list.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
      expect(doneItems(ours)).toEqual(doneItems(theirs));
      // The whole completed response: id, object, created_at, status, model, output and usage.
      expect(ours.at(-1)).toEqual({ ...theirs.at(-1), sequence_number: events.length - 1 });
      expect(finished).toEqual([events.at(-1)?.response]);

      if (expected.some((event) => event.type === 'response.output_item.added')) {
        expect(structuralTypes(ours)).toEqual(structuralTypes(theirs));
      } else {
        // A minimal capture (no added/argument events): ours must contain its events in order.
        expect(isSubsequence(structuralTypes(theirs), structuralTypes(ours))).toBe(true);
      }
    });
  });

  it('streams text deltas exactly as Ollama delivered them (text-full)', async () => {
    const { events } = await pipeline([ndjson(fixtureCases[0]!.chunks)]);
    const deltas = (list: WireEvent[]) =>
      list.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta);
    expect(deltas(events)).toEqual(deltas(readFixture('text-full')));
  });
});

// ---------- other scenarios: invariants hold on every stream ----------

const TOOLS = toolNameMap(
  { kind: 'function', name: 'exec_command' },
  { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' },
  { kind: 'custom', name: 'apply_patch' },
);

const UNICODE_TURN: OllamaChatChunk[] = [
  thinking('Plan: greet in 3 scripts — ok 🤔'),
  content('héllo 👋 '),
  content('世界'),
  toolCalls(
    call('call_aaaa1111', 'exec_command', { cmd: 'echo "naïve 🚀"' }),
    call('call_bbbb2222', 'multi_agent_v1__close_agent', { target: 'agent-ß' }, 1),
  ),
  content('Fertig ✅'),
  done(),
];

describe('Ollama stream → Responses SSE, other scenarios', () => {
  it('reasoning, text, parallel calls and text after the calls all finish as separate items', async () => {
    const { events } = await pipeline([ndjson(UNICODE_TURN)], TOOLS);
    assertStreamInvariants(events);
    expect(events.at(-1)?.response?.output?.map((item) => (item as { type: string }).type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
      'message',
    ]);
  });

  it('gives identical events wherever the NDJSON bytes are split (multi-byte characters included)', async () => {
    const bytes = ndjson(UNICODE_TURN);
    const { events: whole } = await pipeline([bytes], TOOLS);
    // Every cut touching a multi-byte character or a line end (cutting plain ASCII elsewhere adds nothing).
    const interesting = (offset: number) =>
      [bytes[offset - 1], bytes[offset]].some((byte) => byte !== undefined && (byte >= 0x80 || byte === 0x0a));
    const splits = splitAtEveryByte(bytes).filter(([head]) => interesting(head!.length));
    expect(splits.length).toBeGreaterThan(40);
    for (const split of splits) {
      const { events } = await pipeline(split, TOOLS);
      expect(events).toEqual(whole);
    }
  });

  it('apply_patch interleaved with text and a malformed line', async () => {
    const { events } = await pipeline(
      [ndjson([content('Patching.'), '{"message": {"content": "trunc', toolCalls(call('call_ap', 'apply_patch', { input: APPLY_PATCH })), done()])],
      TOOLS,
    );
    assertStreamInvariants(events);
    expect(events.at(-1)?.type).toBe('response.completed');
  });

  it('length stop ends with response.incomplete, every item finished', async () => {
    const { events } = await pipeline([ndjson([thinking('t'), content('cut'), done({ done_reason: 'length' })])], TOOLS);
    assertStreamInvariants(events);
    expect(events.at(-1)?.response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it('an error line ends with response.failed; only finished items were ever done', async () => {
    const { events } = await pipeline(
      [ndjson([content('before'), toolCalls(call('call_1', 'exec_command', { cmd: 'ls' })), content('half'), { error: 'boom' } as OllamaChatChunk, done()])],
      TOOLS,
    );
    // The half message after the call stays unfinished so Codex's retry does not replay it.
    assertStreamInvariants(events, { allItemsFinished: false });
    expect(events.at(-1)?.response).toMatchObject({ status: 'failed', error: { code: 'server_error', message: 'Ollama: boom' } });
    expect(events.at(-1)?.response?.output).toHaveLength(2);
  });

  it('a stream cut before done ends with response.failed (Codex retries)', async () => {
    const bytes = ndjson([content('Hello'), content(' wor')]);
    const { events } = await pipeline([bytes.slice(0, bytes.length - 5)], TOOLS);
    assertStreamInvariants(events, { allItemsFinished: false });
    expect(events.at(-1)?.response).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
  });
});
