import { afterEach, describe, expect, it } from 'vitest';
import type { DeclaredTool } from '../../src/responses/tool-rescue/tool-rescue-types.js';
import { startOpenAITestProxy, type OpenAITestProxy } from '../chat/start-openai-test-proxy.js';
import { loadToolRescueFixtures, type ToolRescueFixture } from '../fixtures/tool-rescue/load-tool-rescue-fixtures.js';
import { textChunks } from '../support/fake-ollama.js';
import { postResponses } from '../support/sse.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/**
 * Issue 14 through the real /v1/responses route: the fake model writes each failure of the corpus as
 * plain text content, and Codex must get back the function_call / custom_tool_call items it executes
 * (namespaces restored, apply_patch custom), while look-alike answers reach it byte for byte.
 */
const failures = loadToolRescueFixtures('failures');
const lookAlikes = loadToolRescueFixtures('look-alikes');

let running: TestProxy | OpenAITestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

type SseEvent = { type: string; [key: string]: any };

/** The corpus names tools as the model saw them; Codex declares `ns__member` as a namespace member. */
function codexTools(tools: readonly DeclaredTool[]): unknown[] {
  return tools.map((tool) => {
    if (tool.kind === 'custom') return { type: 'custom', name: tool.name, description: 'freeform' };
    const separator = tool.name.lastIndexOf('__');
    const fn = { type: 'function', name: tool.name, parameters: tool.parameters ?? { type: 'object', properties: {} } };
    if (separator <= 0) return fn;
    return { type: 'namespace', name: tool.name.slice(0, separator), tools: [{ ...fn, name: tool.name.slice(separator + 2) }] };
  });
}

function requestFor(fixture: ToolRescueFixture) {
  return { model: 'qwen3', input: 'do the task', tools: codexTools(fixture.tools), stream: true };
}

const respond = (body: unknown): Promise<SseEvent[]> => postResponses(running!.proxy.baseUrl, body);

const doneItems = (events: SseEvent[]) => events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
const answerText = (events: SseEvent[]) =>
  doneItems(events)
    .filter((item) => item.type === 'message')
    .map((item) => item.content[0].text)
    .join('');

/** What Codex must receive for a rescued call named as the model saw it. */
function expectedItem(fixture: ToolRescueFixture, call: { name: string; arguments: unknown }) {
  const custom = fixture.tools.find((tool) => tool.name === call.name)?.kind === 'custom';
  if (custom) return { type: 'custom_tool_call', name: call.name, input: call.arguments };
  const separator = call.name.lastIndexOf('__');
  return separator > 0
    ? { type: 'function_call', namespace: call.name.slice(0, separator), name: call.name.slice(separator + 2), arguments: call.arguments }
    : { type: 'function_call', name: call.name, arguments: call.arguments };
}

function callItems(events: SseEvent[]) {
  return doneItems(events)
    .filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
    .map((item) => {
      expect(item.call_id).toMatch(/^call_/);
      expect(item.status).toBe('completed');
      const { id: _id, call_id: _callId, status: _status, ...rest } = item;
      return item.type === 'function_call' ? { ...rest, arguments: JSON.parse(item.arguments) } : rest;
    });
}

describe('tool calls written as text, through the Ollama backend', () => {
  it.each(failures)('rescues $file', async (fixture) => {
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(fixture.text, { pieces: 7 }) }) } });
    const events = await respond(requestFor(fixture));
    const expected = fixture.expected as Exclude<ToolRescueFixture['expected'], 'unchanged'>;
    expect(callItems(events)).toEqual(expected.calls.map((call) => expectedItem(fixture, call)));
    // Text before the calls stays an answer (trimmed of the leading whitespace the reducer drops).
    expect(answerText(events)).toBe(expected.text.trimStart());
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it.each(lookAlikes)('leaves $file unchanged', async (fixture) => {
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(fixture.text, { pieces: 7 }) }) } });
    const events = await respond(requestFor(fixture));
    expect(callItems(events)).toEqual([]);
    expect(answerText(events)).toBe(fixture.text.trimStart());
  });

  it('rescues in a non-streamed response too', async () => {
    const fixture = failures.find((candidate) => candidate.file.endsWith('patch-envelope-update.json'))!;
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(fixture.text) }) } });
    const response = await fetch(`${running.proxy.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...requestFor(fixture), stream: false }),
    });
    const body = await response.json();
    expect(body.status).toBe('completed');
    const expected = fixture.expected as Exclude<ToolRescueFixture['expected'], 'unchanged'>;
    expect(body.output.filter((item: any) => item.type === 'custom_tool_call').map((item: any) => item.input)).toEqual(
      expected.calls.map((call) => call.arguments),
    );
  });

  it('passes the text unchanged when the rescue is off', async () => {
    const fixture = failures.find((candidate) => candidate.file.endsWith('codex-2229-bare-json-shell.json'))!;
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks(fixture.text) }) },
      proxy: { toolRescue: false },
    });
    const events = await respond(requestFor(fixture));
    expect(callItems(events)).toEqual([]);
    expect(answerText(events)).toBe(fixture.text);
  });

  it('leaves text alone when no tools are declared', async () => {
    const text = '{"name": "shell", "arguments": {"command": ["ls"]}}';
    running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(text) }) } });
    const events = await respond({ model: 'qwen3', input: 'hi', stream: true });
    expect(callItems(events)).toEqual([]);
    expect(answerText(events)).toBe(text);
  });

  it('records the rescue in the turn note: count and shape, never the arguments', async () => {
    const turns: any[] = [];
    const fixture = failures.find((candidate) => candidate.file.endsWith('codex-2229-bare-json-shell.json'))!;
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks(fixture.text) }) },
      proxy: { recorder: { recordTurn: (turn) => turns.push(turn), flush: async () => {}, close: async () => {} } },
    });
    await respond(requestFor(fixture));
    await expect.poll(() => turns.length).toBe(1);
    expect(turns[0].rescuedCalls).toEqual([{ tool: 'shell', shape: 'bare-json' }]);
    expect(turns[0].toolCalls.map((call: { name: string }) => call.name)).toEqual(['shell']);
  });
});

describe('tool calls written as text, through an OpenAI-compatible backend', () => {
  const tagged = failures.find((candidate) => candidate.file.endsWith('ollama-18530-preamble-untagged-xml-glob.json'))!;
  const patch = failures.find((candidate) => candidate.expected !== 'unchanged' && candidate.expected.calls[0]?.shape === 'patch-envelope')!;

  it.each([tagged, patch])('rescues $file', async (fixture) => {
    running = await startOpenAITestProxy();
    running.server.setScript(() => ({ kind: 'answer', text: fixture.text, pieces: 5 }));
    const events = await respond(requestFor(fixture));
    const expected = fixture.expected as Exclude<ToolRescueFixture['expected'], 'unchanged'>;
    expect(callItems(events)).toEqual(expected.calls.map((call) => expectedItem(fixture, call)));
    expect(events.at(-1)!.type).toBe('response.completed');
  });
});
