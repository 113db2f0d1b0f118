import { convertToolCallArguments } from './convert-tool-call-arguments.js';
import type { CustomToolCallOutputItem, FunctionCallOutputItem, ResponsesEvent } from '../wire/responses-types.js';
import { emitOutputItemDone, type ResponsesStreamState } from './responses-stream-state.js';
import type { ToolTarget } from './tool-name-map.js';
import type { ResponsesStreamPart } from './responses-stream-part.js';

/**
 * One whole tool call → a complete function_call or custom_tool_call item. Backends hand over each call
 * whole, so the item is added and done in one go: never a half call Codex might execute.
 * The caller closes any open text item first, so output indexes stay in order.
 */
export function emitToolCallEvents(
  state: ResponsesStreamState,
  call: Extract<ResponsesStreamPart, { type: 'tool-call' }>,
  events: ResponsesEvent[],
): void {
  const loweredName = call.name;
  if (typeof loweredName !== 'string' || loweredName === '') return;
  const target = state.options.toolNameMap.fromFunctionName(loweredName);
  // Without a call_id Codex silently drops the call.
  const callId = typeof call.id === 'string' && call.id !== '' ? call.id : state.options.generateId('call');
  const text = convertToolCallArguments(call.arguments, target);
  const outputIndex = state.nextOutputIndex++;
  if (target.kind === 'custom') emitCustomToolCall(state, outputIndex, callId, target.name, text, events);
  else emitFunctionCall(state, outputIndex, callId, target, text, events);
}

function emitFunctionCall(
  state: ResponsesStreamState,
  outputIndex: number,
  callId: string,
  target: Extract<ToolTarget, { kind: 'function' }>,
  args: string,
  events: ResponsesEvent[],
): void {
  const id = state.options.generateId('fc');
  // Codex rejects a namespaced tool called by its bare or dotted name; the namespace is its own field.
  const item = (status: FunctionCallOutputItem['status'], argumentsText: string): FunctionCallOutputItem => {
    const built: FunctionCallOutputItem = {
      id,
      type: 'function_call',
      status,
      call_id: callId,
      name: target.name,
      arguments: argumentsText,
    };
    if (target.namespace !== undefined) built.namespace = target.namespace;
    return built;
  };
  events.push(
    {
      type: 'response.output_item.added',
      sequence_number: state.sequenceNumber++,
      output_index: outputIndex,
      item: item('in_progress', ''),
    },
    {
      type: 'response.function_call_arguments.delta',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      delta: args,
    },
    {
      type: 'response.function_call_arguments.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      arguments: args,
    },
  );
  emitOutputItemDone(state, outputIndex, item('completed', args), events);
}

/** apply_patch went to Ollama as a function; Codex refuses it unless it comes back as a custom call. */
function emitCustomToolCall(
  state: ResponsesStreamState,
  outputIndex: number,
  callId: string,
  name: string,
  input: string,
  events: ResponsesEvent[],
): void {
  const id = state.options.generateId('ctc');
  const item = (status: CustomToolCallOutputItem['status'], inputText: string): CustomToolCallOutputItem => ({
    id,
    type: 'custom_tool_call',
    status,
    call_id: callId,
    name,
    input: inputText,
  });
  events.push(
    {
      type: 'response.output_item.added',
      sequence_number: state.sequenceNumber++,
      output_index: outputIndex,
      item: item('in_progress', ''),
    },
    {
      type: 'response.custom_tool_call_input.delta',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      delta: input,
    },
    {
      type: 'response.custom_tool_call_input.done',
      sequence_number: state.sequenceNumber++,
      item_id: id,
      output_index: outputIndex,
      input,
    },
  );
  emitOutputItemDone(state, outputIndex, item('completed', input), events);
}
