import { describe, expect, it } from 'vitest';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import { convertResponsesRequestToOllama } from './convert-responses-request-to-ollama.js';

const request: ResponsesRequest = {
  model: 'qwen3',
  stream: true,
  input: [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'close it' }] },
    { type: 'function_call', call_id: 'call_ns', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"target":"a"}' },
    { type: 'function_call_output', call_id: 'call_ns', output: 'closed' },
  ],
  tools: [
    { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'close_agent' }] },
    { type: 'web_search', external_web_access: false },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  reasoning: { effort: 'high', summary: 'auto' },
  store: false,
  include: ['reasoning.encrypted_content'],
  prompt_cache_key: 'thread-1',
};

describe('convertResponsesRequestToOllama', () => {
  it('builds a streamed /api/chat body with messages, flattened tools, num_ctx and think', () => {
    const { body } = convertResponsesRequestToOllama(request, { numCtx: 32768, thinking: 'levels' });
    expect(body).toEqual({
      model: 'qwen3',
      messages: [
        { role: 'system', content: 'You are Codex.' },
        { role: 'user', content: 'close it' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'call_ns', function: { name: 'multi_agent_v1__close_agent', arguments: { target: 'a' } } }],
        },
        { role: 'tool', content: 'closed', tool_call_id: 'call_ns', tool_name: 'multi_agent_v1__close_agent' },
      ],
      tools: [
        { type: 'function', function: { name: 'multi_agent_v1__close_agent', parameters: { type: 'object', properties: {} } } },
      ],
      options: { num_ctx: 32768 },
      think: 'high',
      stream: true,
    });
  });

  it('returns a map that decodes the names the model will call', () => {
    const { toolNameMap } = convertResponsesRequestToOllama(request, { numCtx: 8192, thinking: 'boolean' });
    expect(toolNameMap.fromFunctionName('multi_agent_v1__close_agent')).toEqual({
      kind: 'function',
      name: 'close_agent',
      namespace: 'multi_agent_v1',
    });
  });

  it('collects the warnings of every step', () => {
    const { warnings } = convertResponsesRequestToOllama(
      { ...request, input: [...(request.input as []), { type: 'web_search_call', id: 'ws' }], reasoning: { effort: 'weird' } },
      { numCtx: 8192, thinking: 'levels' },
    );
    expect(warnings).toEqual([
      expect.stringContaining('web_search'),
      expect.stringContaining('web_search_call'),
      expect.stringContaining('weird'),
    ]);
  });

  it('omits tools when none are left and sends keep_alive when configured', () => {
    const { body } = convertResponsesRequestToOllama(
      { model: 'qwen3', input: 'hi', tools: [], stream: false },
      { numCtx: 4096, thinking: 'unsupported', keepAlive: '30m' },
    );
    expect(body).toEqual({
      model: 'qwen3',
      messages: [{ role: 'user', content: 'hi' }],
      options: { num_ctx: 4096 },
      stream: true,
      keep_alive: '30m',
    });
  });
});
