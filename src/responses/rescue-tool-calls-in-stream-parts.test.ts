import { describe, expect, it, vi } from 'vitest';
import type { ResponsesEvent } from '../wire/responses-types.js';
import { prepareResponsesTools } from './prepare-responses-tools.js';
import { declaredToolCatalogFor } from './rescue-tool-calls-in-stream-parts.js';
import { createResponsesStreamDriver } from './responses-stream-driver.js';
import type { ResponsesStreamPart } from './responses-stream-part.js';
import type { ResponsesStreamOptions } from './responses-stream-state.js';
import { ToolNameMap } from './tool-name-map.js';

/** Codex's tools as a request declares them: a function, a namespace member, the custom apply_patch. */
const CODEX_TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } },
  { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object', required: ['target'] } }] },
  { type: 'custom', name: 'apply_patch' },
];

function start(overrides: Partial<ResponsesStreamOptions> = {}, tools: unknown[] = CODEX_TOOLS) {
  let next = 0;
  const toolNameMap = new ToolNameMap();
  const lowered = prepareResponsesTools(tools as never, toolNameMap).tools;
  const events: ResponsesEvent[] = [];
  const onFinish = vi.fn();
  const driver = createResponsesStreamDriver(
    {
      responseId: 'resp_1',
      model: 'qwen3',
      toolNameMap,
      createdAt: 1790000000,
      generateId: (prefix) => `${prefix}_${++next}`,
      heartbeatIntervalMs: 0,
      rescueTools: lowered,
      onFinish,
      ...overrides,
    },
    { write: (event) => events.push(event), end: () => {} },
  );
  return { driver, events, onFinish };
}

const text = (value: string): ResponsesStreamPart => ({ type: 'text-delta', text: value });
const finish: ResponsesStreamPart = { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };
const doneItems = (events: ResponsesEvent[]) =>
  events.flatMap((event) => (event.type === 'response.output_item.done' ? [event.item as Record<string, any>] : []));
const deltas = (events: ResponsesEvent[]) =>
  events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta as string] : [])).join('');

describe('the tool-call rescue in the Responses stream', () => {
  it('turns a call written as text into a completed function_call that ends the response', () => {
    const { driver, events, onFinish } = start();
    for (const piece of ['Let me look.\n{"name": "exec_', 'command", "arguments": {"cmd": "ls"}}']) driver.push(text(piece));
    driver.push(finish);
    expect(doneItems(events)).toEqual([
      { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.\n', annotations: [] }] },
      { id: 'fc_3', type: 'function_call', status: 'completed', call_id: 'call_2', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'response.completed', response: { status: 'completed' } });
    expect(onFinish.mock.calls[0]?.[1].rescuedCalls).toEqual([{ tool: 'exec_command', shape: 'bare-json' }]);
  });

  it('restores namespaces and sends a patch back as the custom apply_patch call, byte for byte', () => {
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+{"input": 1}\n*** End Patch';
    const { driver, events } = start();
    driver.push(text('<tool_call>{"name": "multi_agent_v1.close_agent", "arguments": {"target": "a1"}}</tool_call>\n'));
    driver.push(finish);
    const second = start();
    second.driver.push(text(patch));
    second.driver.push(finish);
    expect(doneItems(events)).toMatchObject([{ type: 'function_call', namespace: 'multi_agent_v1', name: 'close_agent', arguments: '{"target":"a1"}' }]);
    // The patch grammar wants its last line ended; the rescuer ends it.
    expect(doneItems(second.events)).toMatchObject([{ type: 'custom_tool_call', name: 'apply_patch', input: `${patch}\n` }]);
  });

  it('releases held text when the upstream ends through finish(), and drops it when the stream fails', () => {
    const ended = start();
    ended.driver.push(text('{"name": "exec_command", "arguments": {"cmd": "ls"}}'));
    expect(doneItems(ended.events)).toEqual([]);
    ended.driver.finish(finish as never);
    expect(doneItems(ended.events).map((item) => item.type)).toEqual(['function_call']);

    const failed = start();
    failed.driver.push(text('{"name": "exec_command", "arguments": {"cmd": "rm -rf build"}}'));
    failed.driver.finish({ type: 'error', message: 'closed' });
    expect(doneItems(failed.events)).toEqual([]);
    expect(failed.events.at(-1)?.type).toBe('response.failed');
  });

  it('puts held text and its call before a structured call that follows it', () => {
    const { driver, events } = start();
    driver.push(text('{"name": "exec_command", "arguments": {"cmd": "pwd"}}'));
    driver.push({ type: 'tool-call', id: 'call_real', name: 'exec_command', arguments: { cmd: 'ls' } });
    driver.push(text('after'));
    driver.push(finish);
    expect(doneItems(events).map((item) => [item.type, item.arguments ?? item.content?.[0].text])).toEqual([
      ['function_call', '{"cmd":"pwd"}'],
      ['function_call', '{"cmd":"ls"}'],
      ['message', 'after'],
    ]);
  });

  it('streams plain answers unchanged, and does nothing without tools or with the rescue off', () => {
    const call = '{"name": "exec_command", "arguments": {"cmd": "ls"}}';
    const answer = 'Use `{"a": 1}` here.\n```json\n{"name": "x"}\n```\n';
    const plain = start();
    for (const character of answer) plain.driver.push(text(character));
    plain.driver.push(finish);
    expect(deltas(plain.events)).toBe(answer);
    for (const options of [start({}, []), start({ rescueTools: undefined })]) {
      options.driver.push(text(call));
      options.driver.push(finish);
      expect(doneItems(options.events).map((item) => item.type)).toEqual(['message']);
      expect(deltas(options.events)).toBe(call);
    }
  });
});

describe('the rescue\'s tool catalog across requests (Codex resends the same tools)', () => {
  const answers: ResponsesStreamPart[][] = [
    [text('Let me look.\n{"name": "exec_'), text('command", "arguments": {"cmd": "ls"}}'), finish],
    [text('*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch'), finish],
    [text('<tool_call>{"name": "close_agent", "arguments": {"target": "a1"}}</tool_call>'), finish],
    [text('Plain prose, then {"name": "nope"} and more.'), finish],
  ];
  const run = (withJson: boolean) =>
    answers.map((parts) => {
      const toolNameMap = new ToolNameMap();
      const lowered = prepareResponsesTools(CODEX_TOOLS as never, toolNameMap).tools;
      const { driver, events } = start({ toolNameMap, rescueTools: lowered, rescueToolsJson: withJson ? JSON.stringify(lowered) : undefined });
      for (const part of parts) driver.push(part);
      return events;
    });

  it('answers exactly as a catalog built per request does', () => {
    expect(run(true)).toEqual(run(false));
  });

  it('reuses the catalog only while the tools\' JSON and kinds are the same', () => {
    const mapA = new ToolNameMap();
    const lowered = prepareResponsesTools(CODEX_TOOLS as never, mapA).tools;
    const json = JSON.stringify(lowered);
    const first = declaredToolCatalogFor(lowered, mapA, json);
    const again = new ToolNameMap();
    const loweredAgain = prepareResponsesTools(CODEX_TOOLS as never, again).tools;
    expect(declaredToolCatalogFor(loweredAgain, again, JSON.stringify(loweredAgain))).toBe(first);

    // The same lowered JSON, but apply_patch declared as a plain function: its kind decides how a call is sent.
    const asFunction = new ToolNameMap();
    for (const tool of lowered) asFunction.register({ kind: 'function', name: tool.function.name });
    const other = declaredToolCatalogFor(lowered, asFunction, json);
    expect(other).not.toBe(first);
    expect(other.tools.find((tool) => tool.name === 'apply_patch')?.kind).toBe('function');
    expect(first.tools.find((tool) => tool.name === 'apply_patch')?.kind).toBe('custom');

    // Other tools, other catalog; no JSON, a fresh catalog each time.
    const fewer = lowered.slice(0, 1);
    expect(declaredToolCatalogFor(fewer, mapA, JSON.stringify(fewer)).tools).toHaveLength(1);
    expect(declaredToolCatalogFor(lowered, mapA, undefined)).not.toBe(declaredToolCatalogFor(lowered, mapA, undefined));
  });
});
