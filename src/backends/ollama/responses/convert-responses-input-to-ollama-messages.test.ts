import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../../wire/responses-request-schema.js';
import {
  convertResponsesInputToOllamaMessages,
  RAW_ARGUMENTS_KEY,
} from './convert-responses-input-to-ollama-messages.js';
import { ToolNameMap } from '../../../responses/tool-name-map.js';

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function convert(input: string | InputItem[], instructions?: string, toolNameMap = new ToolNameMap()) {
  return { ...convertResponsesInputToOllamaMessages(input, { instructions, toolNameMap }), toolNameMap };
}

const developer = (text: string): InputItem => ({ type: 'message', role: 'developer', content: [{ type: 'input_text', text }] });
const user = (text: string): InputItem => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const assistant = (text: string): InputItem => ({
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text, annotations: [] }],
});
const functionCall = (callId: string, name: string, args: string, namespace?: string): InputItem => ({
  type: 'function_call',
  status: 'completed',
  id: `fc_${callId}`,
  call_id: callId,
  name,
  arguments: args,
  ...(namespace ? { namespace } : {}),
});
const functionOutput = (callId: string, output: unknown): InputItem =>
  ({ type: 'function_call_output', id: `fco_${callId}`, call_id: callId, output }) as InputItem;

describe('convertResponsesInputToOllamaMessages', () => {
  it('turns a string input into one user message', () => {
    expect(convert('say hi').messages).toEqual([{ role: 'user', content: 'say hi' }]);
  });

  it('merges instructions and every developer/system message into one leading system message', () => {
    const { messages } = convert(
      [
        developer('You are a coding agent.'),
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>' }, { type: 'input_text', text: '<skills>' }] },
        { role: 'system', content: 'be brief' },
        user('say hi'),
      ],
      'Top instructions',
    );
    expect(messages).toEqual([
      { role: 'system', content: 'Top instructions\n\nYou are a coding agent.\n\n<permissions>\n<skills>\n\nbe brief' },
      { role: 'user', content: 'say hi' },
    ]);
  });

  it('hoists developer text that follows user messages (after compaction) into the leading system message', () => {
    const { messages } = convert([developer('base'), user('first'), developer('late rules'), user('second')]);
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'user']);
    expect(messages[0]?.content).toBe('base\n\nlate rules');
  });

  it('sends no system message when there are no instructions', () => {
    expect(convert([user('hi')]).messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('joins the text parts of a user message and accepts string content', () => {
    const { messages } = convert([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'input_text', text: 'b' }] },
      { type: 'message', role: 'user', content: 'plain' },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'a\nb' },
      { role: 'user', content: 'plain' },
    ]);
  });

  it('moves a user data-URL image into images[] as bare base64', () => {
    const { messages, warnings } = convert([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: '<image name=[Image #1]>' },
          { type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' },
          { type: 'input_text', text: '</image>' },
          { type: 'input_text', text: 'describe' },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: 'user', content: '<image name=[Image #1]>\n</image>\ndescribe', images: [PNG_BASE64] }]);
    expect(warnings).toEqual([]);
  });

  it('drops an image given by http URL with a warning instead of failing', () => {
    const { messages, warnings } = convert([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: 'https://example.com/cat.png' },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: 'user', content: 'look' }]);
    expect(warnings).toEqual([expect.stringContaining('input[0]')]);
  });

  it('turns an assistant message into an assistant message with its text', () => {
    expect(convert([user('hi'), assistant('VARIANT-REPLY-OK')]).messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'VARIANT-REPLY-OK' },
    ]);
  });

  it('puts the reasoning text on the next assistant message as thinking', () => {
    const { messages } = convert([
      user('go'),
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: '**Planning**' }],
        content: [{ type: 'reasoning_text', text: 'The user wants echo.' }],
        encrypted_content: 'OPAQUE',
      },
      assistant('done'),
    ]);
    expect(messages[1]).toEqual({ role: 'assistant', content: 'done', thinking: 'The user wants echo.' });
  });

  it('falls back to the reasoning summary, then to encrypted_content', () => {
    const fromSummary = convert([
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'S1' }, { type: 'summary_text', text: 'S2' }], encrypted_content: 'E' },
      assistant('a'),
    ]);
    const fromEncrypted = convert([{ type: 'reasoning', summary: [], encrypted_content: 'stored thinking' }, assistant('a')]);
    expect(fromSummary.messages[0]?.thinking).toBe('S1\n\nS2');
    expect(fromEncrypted.messages[0]?.thinking).toBe('stored thinking');
  });

  it('puts reasoning before a function call on the assistant message that carries the call', () => {
    const { messages } = convert([
      user('go'),
      { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'call exec' }] },
      functionCall('call_r1', 'exec_command', '{"cmd":"echo hi"}'),
    ]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: '',
      thinking: 'call exec',
      tool_calls: [{ id: 'call_r1', function: { name: 'exec_command', arguments: { cmd: 'echo hi' } } }],
    });
  });

  it('turns a function call into an assistant tool call with parsed arguments and the call id', () => {
    const { messages } = convert([user('run'), functionCall('call_1', 'exec_command', '{"cmd":"echo hi"}')]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: '',
      tool_calls: [{ id: 'call_1', function: { name: 'exec_command', arguments: { cmd: 'echo hi' } } }],
    });
  });

  it('encodes a namespaced call as ns__name and resolves it back', () => {
    const { messages, toolNameMap } = convert([functionCall('call_ns', 'close_agent', '{"target":"x"}', 'multi_agent_v1')]);
    const name = messages[0]?.tool_calls?.[0]?.function.name ?? '';
    expect(name).toBe('multi_agent_v1__close_agent');
    expect(toolNameMap.fromFunctionName(name)).toEqual({ kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' });
  });

  it('merges consecutive (parallel) calls into one assistant message', () => {
    const { messages } = convert([
      user('run'),
      functionCall('call_A', 'exec_command', '{"cmd":"echo a"}'),
      functionCall('call_B', 'exec_command', '{"cmd":"echo b"}'),
      functionOutput('call_A', 'a'),
      functionOutput('call_B', 'b'),
    ]);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(messages[1]?.tool_calls?.map((call) => call.id)).toEqual(['call_A', 'call_B']);
  });

  it('merges calls into the assistant text message right before them', () => {
    const { messages } = convert([user('run'), assistant('Let me run that.'), functionCall('call_1', 'exec_command', '{}')]);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ role: 'assistant', content: 'Let me run that.', tool_calls: [{ id: 'call_1' }] });
  });

  it('does not merge a call into an assistant message of an earlier turn', () => {
    const { messages } = convert([assistant('earlier'), user('again'), functionCall('call_2', 'exec_command', '{}')]);
    expect(messages.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant']);
    expect(messages[0]).not.toHaveProperty('tool_calls');
  });

  it('keeps arguments that are not valid JSON as raw text instead of failing', () => {
    const raw = '{"cmd": "echo hello-from-tool"';
    const { messages, warnings } = convert([functionCall('call_probe_1', 'exec_command', raw)]);
    expect(messages[0]?.tool_calls?.[0]?.function.arguments).toEqual({ [RAW_ARGUMENTS_KEY]: raw });
    expect(warnings).toEqual([expect.stringContaining('input[0]')]);
  });

  it('keeps JSON arguments that are not an object as raw text', () => {
    const { messages } = convert([functionCall('c', 'exec_command', '["echo"]'), functionCall('d', 'exec_command', '')]);
    expect(messages[0]?.tool_calls?.map((call) => call.function.arguments)).toEqual([
      { [RAW_ARGUMENTS_KEY]: '["echo"]' },
      { [RAW_ARGUMENTS_KEY]: '' },
    ]);
  });

  it('turns a function call output into a tool message naming its call', () => {
    const { messages } = convert([
      functionCall('call_ns', 'close_agent', '{}', 'multi_agent_v1'),
      functionOutput('call_ns', 'invalid agent id'),
    ]);
    expect(messages[1]).toEqual({
      role: 'tool',
      content: 'invalid agent id',
      tool_call_id: 'call_ns',
      tool_name: 'multi_agent_v1__close_agent',
    });
  });

  it('takes text and images from a function call output given as content parts', () => {
    const { messages } = convert([
      functionCall('call_v', 'view_image', '{"path":"/x.png"}'),
      functionOutput('call_v', [
        { type: 'input_text', text: 'the image:' },
        { type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' },
      ]),
    ]);
    expect(messages[1]).toEqual({
      role: 'tool',
      content: 'the image:',
      images: [PNG_BASE64],
      tool_call_id: 'call_v',
      tool_name: 'view_image',
    });
  });

  it('replays a custom tool call as a call with arguments {input} and its output as a tool message', () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
    const { messages } = convert([
      user('add a file'),
      { type: 'custom_tool_call', id: 'ctc_1', status: 'completed', call_id: 'call_ap', name: 'apply_patch', input: patch },
      { type: 'custom_tool_call_output', id: 'ctco_1', call_id: 'call_ap', output: 'Exit code: 0' },
    ]);
    expect(messages.slice(1)).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_ap', function: { name: 'apply_patch', arguments: { input: patch } } }] },
      { role: 'tool', content: 'Exit code: 0', tool_call_id: 'call_ap', tool_name: 'apply_patch' },
    ]);
  });

  it('resolves a replayed custom call back to the custom tool even when no tools are declared', () => {
    const { toolNameMap } = convert([{ type: 'custom_tool_call', call_id: 'c', name: 'apply_patch', input: '' }]);
    expect(toolNameMap.fromFunctionName('apply_patch')).toEqual({ kind: 'custom', name: 'apply_patch' });
  });

  it('skips unknown item types with a warning', () => {
    const { messages, warnings } = convert([user('hi'), { type: 'web_search_call', id: 'ws_1', status: 'completed' }, assistant('ok')]);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(warnings).toEqual([expect.stringContaining('web_search_call')]);
  });

  it('keeps an output whose call is missing, without a tool name, and warns', () => {
    const { messages, warnings } = convert([user('hi'), functionOutput('call_gone', 'late output')]);
    expect(messages[1]).toEqual({ role: 'tool', content: 'late output', tool_call_id: 'call_gone' });
    expect(warnings).toEqual([expect.stringContaining('call_gone')]);
  });
});
