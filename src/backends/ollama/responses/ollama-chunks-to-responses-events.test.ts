import { describe, expect, it } from 'vitest';
import type { OllamaChatChunk } from '../ollama-api-types.js';
import {
  createResponsesStreamState,
  finishResponsesStream,
  heartbeatResponsesEvent,
  responsesEventReducer as reducePart,
  startResponsesStream,
  type ResponsesStreamOptions,
  type ResponsesStreamState,
} from '../../../responses/responses-event-reducer.js';
import type { ResponsesEvent, ResponsesEventType } from '../../../wire/responses-types.js';
import { ToolNameMap } from '../../../responses/tool-name-map.js';
import { convertOllamaChunkToStreamParts, OLLAMA_STREAM_CLOSED } from './convert-ollama-chunk-to-stream-parts.js';

/** Ollama's direction end to end: one chunk → its neutral parts → the Responses events they cause. */
function reduce(state: ResponsesStreamState, chunk: OllamaChatChunk): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  convertOllamaChunkToStreamParts(chunk, (part) => events.push(...reducePart(state, part)));
  return events;
}

function counterIds(): (prefix: string) => string {
  const counts = new Map<string, number>();
  return (prefix) => {
    const next = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, next);
    return `${prefix}_${next}`;
  };
}

function codexTools(): ToolNameMap {
  const map = new ToolNameMap();
  map.register({ kind: 'function', name: 'exec_command' });
  map.register({ kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' });
  map.register({ kind: 'custom', name: 'apply_patch' });
  return map;
}

function newState(overrides: Partial<ResponsesStreamOptions> = {}): ResponsesStreamState {
  return createResponsesStreamState({
    responseId: 'resp_1',
    model: 'qwen3',
    toolNameMap: codexTools(),
    createdAt: 1790000000,
    generateId: counterIds(),
    ...overrides,
  });
}

const content = (text: string): OllamaChatChunk => ({ message: { role: 'assistant', content: text }, done: false });
const thinking = (text: string): OllamaChatChunk => ({
  message: { role: 'assistant', content: '', thinking: text },
  done: false,
});
const toolCalls = (...calls: Array<{ id?: string; name: string; arguments: unknown }>): OllamaChatChunk => ({
  message: {
    role: 'assistant',
    content: '',
    tool_calls: calls.map(({ id, name, arguments: args }) => ({
      ...(id === undefined ? {} : { id }),
      function: { name, arguments: args as Record<string, unknown> },
    })),
  },
  done: false,
});
const done = (fields: Partial<OllamaChatChunk> = {}): OllamaChatChunk => ({
  message: { role: 'assistant', content: '' },
  done: true,
  done_reason: 'stop',
  prompt_eval_count: 42,
  eval_count: 7,
  ...fields,
});

/** Runs a whole stream: start, every chunk, and (if no terminal event came) the upstream-closed end. */
function run(chunks: OllamaChatChunk[], state = newState()): ResponsesEvent[] {
  const events = startResponsesStream(state);
  for (const chunk of chunks) events.push(...reduce(state, chunk));
  events.push(...finishResponsesStream(state, OLLAMA_STREAM_CLOSED));
  return events;
}

const types = (events: ResponsesEvent[]) => events.map((event) => event.type);
const ofType = <Type extends ResponsesEventType>(events: ResponsesEvent[], type: Type) =>
  events.filter((event): event is ResponsesEvent & { type: Type } => event.type === type);
const doneItems = (events: ResponsesEvent[]) => ofType(events, 'response.output_item.done').map((event) => event.item);
const terminal = (events: ResponsesEvent[]) => events.at(-1) as unknown as { type: string; response: Record<string, unknown> };

describe('responsesEventReducer', () => {
  it('streams text as a message item, one delta per chunk as it arrives, then completes with usage', () => {
    const state = newState();
    const started = startResponsesStream(state);
    expect(types(started)).toEqual(['response.created', 'response.in_progress']);
    expect(started[0]).toEqual({
      type: 'response.created',
      sequence_number: 0,
      response: { id: 'resp_1', object: 'response', created_at: 1790000000, status: 'in_progress', model: 'qwen3', output: [] },
    });

    const first = reduce(state, content('Hello '));
    expect(types(first)).toEqual(['response.output_item.added', 'response.content_part.added', 'response.output_text.delta']);
    expect(first[0]).toMatchObject({
      output_index: 0,
      item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    expect(first[2]).toMatchObject({ item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hello ', logprobs: [] });
    expect(reduce(state, content('world'))).toEqual([
      {
        type: 'response.output_text.delta',
        sequence_number: 5,
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta: 'world',
        logprobs: [],
      },
    ]);

    const last = reduce(state, done());
    expect(types(last)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(last[0]).toMatchObject({ text: 'Hello world' });
    const message = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello world', annotations: [] }] };
    expect(last[2]).toMatchObject({ output_index: 0, item: message });
    expect(last[3]).toEqual({
      type: 'response.completed',
      sequence_number: 9,
      response: {
        id: 'resp_1',
        object: 'response',
        created_at: 1790000000,
        status: 'completed',
        model: 'qwen3',
        output: [message],
        usage: {
          input_tokens: 42,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 7,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 49,
        },
      },
    });
  });

  it('emits nothing for empty content deltas', () => {
    const state = newState();
    expect(reduce(state, content(''))).toEqual([]);
    expect(types(reduce(state, content('x')))).toContain('response.output_item.added');
  });

  it('streams thinking as a reasoning item and closes it as soon as text starts', () => {
    const events = run([thinking('Let me '), thinking('think.'), content('Answer.'), done()]);
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[2]).toMatchObject({ output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } });
    expect(ofType(events, 'response.reasoning_summary_text.delta').map((event) => event.delta)).toEqual(['Let me ', 'think.']);
    // Codex replays encrypted_content verbatim, so the thinking reaches the next prompt.
    expect(doneItems(events)).toEqual([
      {
        id: 'rs_1',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Let me think.' }],
        content: [{ type: 'reasoning_text', text: 'Let me think.' }],
        encrypted_content: 'Let me think.',
      },
      expect.objectContaining({ id: 'msg_1', type: 'message' }),
    ]);
    expect(events[9]).toMatchObject({ output_index: 1 });
  });

  it('closes reasoning at done when the model only thought', () => {
    const events = run([thinking('hmm'), done()]);
    expect(doneItems(events)).toEqual([expect.objectContaining({ type: 'reasoning', encrypted_content: 'hmm' })]);
    expect(terminal(events).type).toBe('response.completed');
  });

  it('starts a new reasoning item when thinking resumes after text', () => {
    const events = run([content('a'), thinking('b'), done()]);
    expect(doneItems(events).map((item) => (item as { type: string }).type)).toEqual(['message', 'reasoning']);
  });

  it('closes a message before a tool call and puts text after the call in a new message', () => {
    const events = run([
      content('Let me look.'),
      toolCalls({ id: 'call_abc12345', name: 'exec_command', arguments: { cmd: 'ls' } }),
      content('Done.'),
      done(),
    ]);
    const finished = doneItems(events);
    expect(finished).toEqual([
      expect.objectContaining({ id: 'msg_1', type: 'message', content: [expect.objectContaining({ text: 'Let me look.' })] }),
      {
        id: 'fc_1',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_abc12345',
        name: 'exec_command',
        arguments: '{"cmd":"ls"}',
      },
      expect.objectContaining({ id: 'msg_2', type: 'message', content: [expect.objectContaining({ text: 'Done.' })] }),
    ]);
    expect(ofType(events, 'response.output_item.done').map((event) => event.output_index)).toEqual([0, 1, 2]);
    // The first message is finished before the call is announced.
    expect(types(events).indexOf('response.output_item.done')).toBeLessThan(
      events.findIndex((event) => event.type === 'response.output_item.added' && (event.item as { type: string }).type === 'function_call'),
    );
    expect(terminal(events).response.output).toEqual(finished);
  });

  it('emits a function call as added (arguments ""), one arguments delta, arguments done and item done', () => {
    const events = run([toolCalls({ id: 'call_1', name: 'exec_command', arguments: { cmd: 'echo hi' } }), done()]);
    expect(events.slice(2, 6)).toEqual([
      {
        type: 'response.output_item.added',
        sequence_number: 2,
        output_index: 0,
        item: { id: 'fc_1', type: 'function_call', status: 'in_progress', call_id: 'call_1', name: 'exec_command', arguments: '' },
      },
      { type: 'response.function_call_arguments.delta', sequence_number: 3, item_id: 'fc_1', output_index: 0, delta: '{"cmd":"echo hi"}' },
      { type: 'response.function_call_arguments.done', sequence_number: 4, item_id: 'fc_1', output_index: 0, arguments: '{"cmd":"echo hi"}' },
      {
        type: 'response.output_item.done',
        sequence_number: 5,
        output_index: 0,
        item: { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"echo hi"}' },
      },
    ]);
  });

  it('emits parallel calls as separate items with increasing output_index and a generated call_id when absent', () => {
    const events = run([
      toolCalls(
        { id: 'call_aaaaaaaa', name: 'exec_command', arguments: { cmd: 'ls' } },
        { name: 'exec_command', arguments: {} },
      ),
      done(),
    ]);
    expect(doneItems(events)).toEqual([
      expect.objectContaining({ id: 'fc_1', call_id: 'call_aaaaaaaa', arguments: '{"cmd":"ls"}' }),
      // `{}` must stay a JSON string: an empty string fails in Codex with EOF, an object drops the call.
      expect.objectContaining({ id: 'fc_2', call_id: 'call_1', arguments: '{}' }),
    ]);
    expect(ofType(events, 'response.output_item.added').map((event) => event.output_index)).toEqual([0, 1]);
  });

  it('decodes a namespaced tool back to {name, namespace}', () => {
    const events = run([toolCalls({ id: 'call_ns', name: 'multi_agent_v1__close_agent', arguments: { target: 'a1' } }), done()]);
    expect(doneItems(events)).toEqual([
      {
        id: 'fc_1',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_ns',
        name: 'close_agent',
        namespace: 'multi_agent_v1',
        arguments: '{"target":"a1"}',
      },
    ]);
    expect(ofType(events, 'response.output_item.added')[0]?.item).toMatchObject({ namespace: 'multi_agent_v1' });
  });

  it('leaves an undeclared tool name as a plain function call', () => {
    const events = run([toolCalls({ id: 'call_x', name: 'unknown_tool', arguments: { a: 1 } }), done()]);
    expect(doneItems(events)).toEqual([expect.objectContaining({ type: 'function_call', name: 'unknown_tool' })]);
    expect(doneItems(events)[0]).not.toHaveProperty('namespace');
  });

  it('re-emits apply_patch as a custom tool call carrying the raw patch text', () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
    const events = run([toolCalls({ id: 'call_ap', name: 'apply_patch', arguments: { input: patch } }), done()]);
    expect(types(events).slice(2, 6)).toEqual([
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
    ]);
    expect(events[2]).toMatchObject({
      item: { id: 'ctc_1', type: 'custom_tool_call', status: 'in_progress', call_id: 'call_ap', name: 'apply_patch', input: '' },
    });
    expect(events[3]).toMatchObject({ item_id: 'ctc_1', delta: patch });
    expect(events[4]).toMatchObject({ item_id: 'ctc_1', input: patch });
    expect(doneItems(events)).toEqual([
      { id: 'ctc_1', type: 'custom_tool_call', status: 'completed', call_id: 'call_ap', name: 'apply_patch', input: patch },
    ]);
  });

  it.each([
    ['arguments sent as a JSON string', JSON.stringify({ input: 'PATCH' }), 'PATCH'],
    ['the one string property under another name', { patch: 'PATCH', dry_run: false }, 'PATCH'],
    ['several string properties (kept as JSON)', { a: 'x', b: 'y' }, '{"a":"x","b":"y"}'],
    ['a bare non-JSON string', '*** Begin Patch', '*** Begin Patch'],
  ])('takes custom tool input from %s', (_label, args, expected) => {
    const events = run([toolCalls({ id: 'call_ap', name: 'apply_patch', arguments: args }), done()]);
    expect(doneItems(events)).toEqual([expect.objectContaining({ type: 'custom_tool_call', input: expected })]);
  });

  it('passes function arguments that arrive as a JSON string through as that string', () => {
    const events = run([toolCalls({ id: 'call_s', name: 'exec_command', arguments: '{"cmd":"pwd"}' }), done()]);
    expect(doneItems(events)).toEqual([expect.objectContaining({ arguments: '{"cmd":"pwd"}' })]);
  });

  it('drops whitespace-only text before a tool call instead of recording an empty message', () => {
    const events = run([content('\n\n'), toolCalls({ id: 'call_1', name: 'exec_command', arguments: {} }), done()]);
    expect(doneItems(events).map((item) => (item as { type: string }).type)).toEqual(['function_call']);
  });

  it('keeps leading whitespace once visible text follows, so the message text is exact', () => {
    const events = run([content('\n'), content('  Hi'), done()]);
    expect(ofType(events, 'response.output_text.delta').map((event) => event.delta)).toEqual(['\n  Hi']);
    expect(doneItems(events)).toEqual([expect.objectContaining({ content: [expect.objectContaining({ text: '\n  Hi' })] })]);
  });

  it('ends with response.incomplete (max_output_tokens) when Ollama stopped for length, closing the message', () => {
    const events = run([content('cut of'), done({ done_reason: 'length', eval_count: 100 })]);
    expect(types(events).slice(-2)).toEqual(['response.output_item.done', 'response.incomplete']);
    expect(terminal(events).response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [expect.objectContaining({ type: 'message' })],
      usage: expect.objectContaining({ output_tokens: 100 }),
    });
  });

  it.each([['stop'], ['load'], ['unload'], [undefined]])('completes for done_reason %s', (doneReason) => {
    const events = run([content('ok'), done({ done_reason: doneReason })]);
    expect(terminal(events).type).toBe('response.completed');
  });

  it('reports the whole prompt as input tokens when our estimate exceeds what Ollama evaluated (KV-cache reuse)', () => {
    const events = run([content('ok'), done({ prompt_eval_count: 12, eval_count: 3 })], newState({ promptTokensEstimate: 5000 }));
    expect(terminal(events).response.usage).toEqual({
      input_tokens: 5000,
      input_tokens_details: { cached_tokens: 4988 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 5003,
    });
  });

  it('fails on an error line without closing the half-streamed message, and emits nothing after it', () => {
    const state = newState();
    const events = startResponsesStream(state);
    for (const chunk of [
      toolCalls({ id: 'call_1', name: 'exec_command', arguments: { cmd: 'ls' } }),
      content('partial'),
      { error: 'model runner has unexpectedly stopped' },
    ]) {
      events.push(...reduce(state, chunk));
    }
    // Codex keeps items that got output_item.done across its retry; the finished call is one of them.
    expect(doneItems(events)).toEqual([expect.objectContaining({ type: 'function_call' })]);
    expect(ofType(events, 'response.output_text.done')).toEqual([]);
    expect(terminal(events)).toMatchObject({
      type: 'response.failed',
      response: {
        status: 'failed',
        output: [expect.objectContaining({ type: 'function_call' })],
        error: { code: 'server_error', message: 'Ollama: model runner has unexpectedly stopped' },
      },
    });
    expect(reduce(state, content('more'))).toEqual([]);
    expect(reduce(state, done())).toEqual([]);
    expect(finishResponsesStream(state, OLLAMA_STREAM_CLOSED)).toEqual([]);
  });

  it('uses the code and message codex-ctx wrote itself when the upstream call failed before streaming', () => {
    const state = newState();
    const events = [
      ...startResponsesStream(state),
      ...finishResponsesStream(state, { type: 'error', message: 'Model "x" is not available in Ollama', code: 'invalid_prompt' }),
    ];
    expect(terminal(events).response.error).toEqual({ code: 'invalid_prompt', message: 'Model "x" is not available in Ollama' });
  });

  it('fails with server_error when the upstream ends without done', () => {
    const events = run([content('half an ans')]);
    expect(terminal(events)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', output: [], error: { code: 'server_error', message: expect.stringContaining('closed the stream') } },
    });
    expect(ofType(events, 'response.output_item.done')).toEqual([]);
  });

  it('numbers every event, heartbeats included, from 0 without gaps', () => {
    const state = newState();
    const events = startResponsesStream(state);
    events.push(heartbeatResponsesEvent(state));
    events.push(...reduce(state, thinking('t')));
    events.push(heartbeatResponsesEvent(state));
    events.push(...reduce(state, content('c')));
    events.push(...reduce(state, toolCalls({ name: 'apply_patch', arguments: { input: 'p' } })));
    events.push(...reduce(state, done()));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    expect(events[2]).toMatchObject({ type: 'response.in_progress', response: { status: 'in_progress' } });
  });
});
