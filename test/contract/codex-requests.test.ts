import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  convertResponsesRequestToOllama,
  type OllamaRequestSettings,
} from '../../src/backends/ollama/responses/convert-responses-request-to-ollama.js';
import type { ToolTarget } from '../../src/responses/tool-name-map.js';
import { responsesRequestSchema, type ResponsesRequest } from '../../src/wire/responses-request-schema.js';

/**
 * Every request Codex 0.169 was seen to send (test/fixtures/codex) must become an /api/chat body that a
 * chat template can render and whose tool calls decode back to what Codex declared.
 */

const fixturesDir = new URL('../fixtures/codex/', import.meta.url);
const fixtures = JSON.parse(readFileSync(new URL('index.json', fixturesDir), 'utf8')) as Array<{ name: string; note: string }>;
const settings: OllamaRequestSettings = { numCtx: 32768, thinking: 'levels' };
const SNAPSHOT_STRING_LIMIT = 400;

function loadRequest(name: string): ResponsesRequest {
  const capture = JSON.parse(readFileSync(new URL(`requests/${name}.json`, fixturesDir), 'utf8')) as { body: unknown };
  // The route validates with this schema before converting; do the same so the fixtures stay honest.
  return responsesRequestSchema.parse(capture.body);
}

type Item = Record<string, unknown> & { type?: string };

function items(request: ResponsesRequest): Item[] {
  return typeof request.input === 'string' ? [] : (request.input as Item[]);
}

function countDataUrlImages(value: unknown): number {
  if (typeof value === 'string') return value.startsWith('data:image/') ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + countDataUrlImages(entry), 0);
  if (value && typeof value === 'object') return countDataUrlImages(Object.values(value));
  return 0;
}

/**
 * Long system prompts and tool schemas would make snapshots nobody can review: strings are cut, and
 * each tool's parameters (passed through untouched, except for custom tools) become one compact line.
 */
function compactForSnapshot(key: string, value: unknown): unknown {
  const text = key === 'parameters' && value && typeof value === 'object' ? JSON.stringify(value) : value;
  return typeof text === 'string' && text.length > SNAPSHOT_STRING_LIMIT
    ? `${text.slice(0, SNAPSHOT_STRING_LIMIT)}…[+${text.length - SNAPSHOT_STRING_LIMIT} chars]`
    : text;
}

describe.each(fixtures)('Codex request $name', ({ name }) => {
  const request = loadRequest(name);
  const { body, toolNameMap, warnings } = convertResponsesRequestToOllama(request, settings);
  const toolCalls = body.messages.flatMap((message) => message.tool_calls ?? []);
  const toolMessages = body.messages.filter((message) => message.role === 'tool');

  it('has exactly one system message, first', () => {
    expect(body.messages.filter((message) => message.role === 'system')).toHaveLength(1);
    expect(body.messages[0]?.role).toBe('system');
  });

  it('keeps every developer text in the system message', () => {
    const system = body.messages[0]?.content ?? '';
    for (const item of items(request)) {
      if (item.role !== 'developer') continue;
      for (const part of item.content as Array<{ text?: string }>) expect(system).toContain(part.text);
    }
  });

  it('pairs every tool call with a tool message and vice versa', () => {
    const callIds = toolCalls.map((call) => call.id);
    const outputIds = toolMessages.map((message) => message.tool_call_id);
    expect(new Set(callIds).size).toBe(callIds.length);
    expect([...outputIds].sort()).toEqual([...callIds].sort());
    for (const message of toolMessages) {
      const call = toolCalls.find((candidate) => candidate.id === message.tool_call_id);
      expect(message.tool_name).toBe(call?.function.name);
    }
  });

  it('replays every call under a name that decodes to the original tool', () => {
    for (const item of items(request)) {
      if (item.type !== 'function_call' && item.type !== 'custom_tool_call') continue;
      const call = toolCalls.find((candidate) => candidate.id === item.call_id);
      expect(call, `call ${String(item.call_id)}`).toBeDefined();
      const expected: ToolTarget =
        item.type === 'custom_tool_call'
          ? { kind: 'custom', name: item.name as string }
          : item.namespace
            ? { kind: 'function', name: item.name as string, namespace: item.namespace as string }
            : { kind: 'function', name: item.name as string };
      expect(toolNameMap.fromFunctionName(call!.function.name)).toEqual(expected);
      if (item.type === 'custom_tool_call') expect(call!.function.arguments).toEqual({ input: item.input });
    }
  });

  it('declares a custom tool as a function with one string parameter "input"', () => {
    for (const tool of request.tools ?? []) {
      if (tool.type !== 'custom') continue;
      const declared = body.tools?.find((candidate) => candidate.function.name === tool.name);
      expect(declared?.function.parameters).toMatchObject({
        properties: { input: { type: 'string' } },
        required: ['input'],
      });
      expect(Object.keys(declared?.function.parameters.properties as object)).toEqual(['input']);
      expect(toolNameMap.fromFunctionName(tool.name as string)).toEqual({ kind: 'custom', name: tool.name });
    }
  });

  it('declares every function and namespace member, and no hosted tool', () => {
    const expected = (request.tools ?? []).flatMap((tool) => {
      if (tool.type === 'function' || tool.type === 'custom') return [tool.name as string];
      if (tool.type === 'namespace') return (tool.tools as Array<{ name: string }>).map((member) => `${tool.name as string}__${member.name}`);
      return [];
    });
    expect((body.tools ?? []).map((tool) => tool.function.name)).toEqual(expected);
    const hosted = (request.tools ?? []).filter((tool) => !['function', 'namespace', 'custom'].includes(tool.type));
    for (const tool of hosted) expect(warnings).toContainEqual(expect.stringContaining(`"${tool.type}"`));
  });

  it('carries every data-URL image of the input', () => {
    const sent = body.messages.reduce((sum, message) => sum + (message.images?.length ?? 0), 0);
    expect(sent).toBe(countDataUrlImages(request.input));
  });

  it('sets num_ctx and asks for a stream', () => {
    expect(body.options?.num_ctx).toBe(settings.numCtx);
    expect(body.stream).toBe(true);
  });

  it('matches the reviewed /api/chat body', async () => {
    await expect(JSON.stringify(body, compactForSnapshot, 1)).toMatchFileSnapshot(`./__snapshots__/${name}.ollama.json`);
  });
});

describe('fixture-specific mappings', () => {
  const convert = (name: string) => convertResponsesRequestToOllama(loadRequest(name), settings);

  it('exec-output-schema sends the output schema as format and reasoning.effort high as think', () => {
    const { body } = convert('exec-output-schema');
    expect(body.format).toMatchObject({ type: 'object', required: ['answer'] });
    expect(body.think).toBe('high');
  });

  it('the TUI title request constrains output to the title schema and sends no tools', () => {
    const { body } = convert('tui-title-request');
    expect(body.format).toMatchObject({ properties: { title: { type: 'string' } } });
    expect(body).not.toHaveProperty('tools');
  });

  it('exec-user-image puts the image on the user message, exec-view-image-turn2 on the tool message', () => {
    expect(convert('exec-user-image').body.messages.at(-1)).toMatchObject({ role: 'user', images: [expect.any(String)] });
    expect(convert('exec-view-image-turn2').body.messages.at(-1)).toMatchObject({ role: 'tool', images: [expect.any(String)] });
  });

  it('exec-bad-args-turn2 replays the broken arguments as raw text without failing', () => {
    const { body } = convert('exec-bad-args-turn2');
    const call = body.messages.flatMap((message) => message.tool_calls ?? [])[0];
    expect(call?.function.arguments).toEqual({ _raw_arguments: '{"cmd": "echo hello-from-tool"' });
  });

  it('exec-reasoning-tool-turn2 gives the call message the replayed reasoning as thinking', () => {
    const { body } = convert('exec-reasoning-tool-turn2');
    const assistant = body.messages.find((message) => message.tool_calls);
    expect(assistant?.thinking).toBe('The user wants echo; call exec_command.');
  });

  it('exec-tool-text-before-call-turn2 sends the text and the call as one assistant message', () => {
    const { body } = convert('exec-tool-text-before-call-turn2');
    const assistants = body.messages.filter((message) => message.role === 'assistant');
    expect(assistants).toEqual([
      expect.objectContaining({ content: 'Let me run that.', tool_calls: [expect.objectContaining({ id: 'call_probe_1' })] }),
    ]);
  });

  it('exec-known-model-gpt-5.5 maps effort medium and drops tool_search and web_search', () => {
    const { body, warnings } = convert('exec-known-model-gpt-5.5');
    expect(body.think).toBe('medium');
    expect(warnings).toEqual([expect.stringContaining('tool_search'), expect.stringContaining('web_search')]);
  });
});
