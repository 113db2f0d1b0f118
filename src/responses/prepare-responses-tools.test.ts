import { describe, expect, it } from 'vitest';
import type { ResponsesTool } from '../wire/responses-request-schema.js';
import { prepareResponsesTools } from './prepare-responses-tools.js';
import { ToolNameMap } from './tool-name-map.js';

const execCommand: ResponsesTool = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command.',
  strict: false,
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

const multiAgent: ResponsesTool = {
  type: 'namespace',
  name: 'multi_agent_v1',
  description: 'Sub-agents.',
  tools: [
    { type: 'function', name: 'close_agent', description: 'Close an agent.', parameters: { type: 'object', properties: { target: { type: 'string' } } } },
    { type: 'function', name: 'wait_agent', parameters: null },
  ],
};

const applyPatch: ResponsesTool = {
  type: 'custom',
  name: 'apply_patch',
  description: 'The `apply_patch` tool can be used to edit files.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch hunk+ end_patch' },
};

function prepare(tools: ResponsesTool[] | null | undefined) {
  const toolNameMap = new ToolNameMap();
  return { ...prepareResponsesTools(tools, toolNameMap), toolNameMap };
}

describe('prepareResponsesTools', () => {
  it('declares a function tool with its name, description and parameters', () => {
    const { tools, warnings } = prepare([execCommand]);
    expect(tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'exec_command',
          description: 'Runs a command.',
          parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
        },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('gives a function without parameters an empty object schema', () => {
    const { tools } = prepare([{ type: 'function', name: 'get_goal' }]);
    expect(tools[0]?.function).toEqual({ name: 'get_goal', parameters: { type: 'object', properties: {} } });
  });

  it('flattens namespace members into ns__name functions that decode back to {name, namespace}', () => {
    const { tools, toolNameMap } = prepare([multiAgent]);
    expect(tools.map((tool) => tool.function.name)).toEqual(['multi_agent_v1__close_agent', 'multi_agent_v1__wait_agent']);
    expect(tools[0]?.function.description).toBe('Close an agent.');
    expect(tools[1]?.function.parameters).toEqual({ type: 'object', properties: {} });
    expect(toolNameMap.fromFunctionName('multi_agent_v1__close_agent')).toEqual({
      kind: 'function',
      name: 'close_agent',
      namespace: 'multi_agent_v1',
    });
  });

  it('resolves a namespace member the model calls by its bare or dotted name', () => {
    const { toolNameMap } = prepare([multiAgent]);
    const expected = { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' };
    expect(toolNameMap.fromFunctionName('close_agent')).toEqual(expected);
    expect(toolNameMap.fromFunctionName('multi_agent_v1.close_agent')).toEqual(expected);
  });

  it('lets a real top-level function keep its bare name over a namespace alias', () => {
    const topLevel: ResponsesTool = { type: 'function', name: 'close_agent' };
    for (const order of [[multiAgent, topLevel], [topLevel, multiAgent]]) {
      const { toolNameMap } = prepare(order);
      expect(toolNameMap.fromFunctionName('close_agent')).toEqual({ kind: 'function', name: 'close_agent' });
    }
  });

  it('turns a custom tool into a function with one required string parameter "input"', () => {
    const { tools, toolNameMap } = prepare([applyPatch]);
    expect(tools[0]?.function.name).toBe('apply_patch');
    expect(tools[0]?.function.parameters).toEqual({
      type: 'object',
      properties: { input: { type: 'string', description: expect.stringContaining('patch') } },
      required: ['input'],
      additionalProperties: false,
    });
    expect(toolNameMap.fromFunctionName('apply_patch')).toEqual({ kind: 'custom', name: 'apply_patch' });
  });

  it('tells the model in the custom tool description to send raw text in "input", followed by the grammar', () => {
    const description = prepare([applyPatch]).tools[0]?.function.description ?? '';
    expect(description.startsWith('The `apply_patch` tool can be used to edit files.')).toBe(true);
    expect(description).toContain('`input`');
    expect(description).toContain('*** Begin Patch');
    expect(description.endsWith('lark grammar:\nstart: begin_patch hunk+ end_patch')).toBe(true);
  });

  it('drops hosted tools with a warning each', () => {
    const { tools, warnings } = prepare([
      { type: 'web_search', external_web_access: false },
      execCommand,
      { type: 'tool_search', execution: 'client' },
    ]);
    expect(tools.map((tool) => tool.function.name)).toEqual(['exec_command']);
    expect(warnings).toEqual([expect.stringContaining('web_search'), expect.stringContaining('tool_search')]);
  });

  it('keeps the first of two tools with the same Ollama name and warns', () => {
    const clash: ResponsesTool = { type: 'function', name: 'multi_agent_v1__close_agent', description: 'impostor' };
    const { tools, warnings, toolNameMap } = prepare([multiAgent, clash, execCommand, execCommand]);
    expect(tools.map((tool) => tool.function.name)).toEqual([
      'multi_agent_v1__close_agent',
      'multi_agent_v1__wait_agent',
      'exec_command',
    ]);
    expect(toolNameMap.fromFunctionName('multi_agent_v1__close_agent')).toMatchObject({ namespace: 'multi_agent_v1' });
    expect(warnings).toEqual([
      expect.stringContaining('"multi_agent_v1__close_agent"'),
      expect.stringContaining('"exec_command"'),
    ]);
  });

  it('returns no tools for a request without tools', () => {
    expect(prepare(undefined).tools).toEqual([]);
    expect(prepare([]).tools).toEqual([]);
  });
});
