import type { ChatCompletionDelta, ChatCompletionToolCall } from '../wire/chat-completion-types.js';

/**
 * One whole tool call → the `chat.completion.chunk` deltas that stream it as OpenAI does: a header
 * fragment (index, id, type, name, empty arguments), then the arguments. Some clients only accumulate
 * arguments from fragments after the header, so a call that arrives whole still goes out in two.
 */
export function convertToolCallToChatDeltas(index: number, call: ChatCompletionToolCall): ChatCompletionDelta[] {
  const { id, function: fn } = call;
  return [
    { tool_calls: [{ index, id, type: 'function', function: { name: fn.name, arguments: '' } }] },
    { tool_calls: [{ index, function: { arguments: fn.arguments } }] },
  ];
}
