import type { ResponseObject } from '../wire/responses-types.js';

/** What a person wants to read back from a response: the answer, the thinking, the tool calls. */
export function summarizeResponseOutput(response: ResponseObject) {
  const answer: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: Array<{ name: string; input: string }> = [];
  for (const item of response.output) {
    switch (item.type) {
      case 'message':
        answer.push(item.content.map((part) => part.text).join(''));
        break;
      case 'reasoning':
        reasoning.push((item.content ?? item.summary).map((part) => part.text).join(''));
        break;
      case 'function_call':
        toolCalls.push({ name: item.namespace ? `${item.namespace}.${item.name}` : item.name, input: item.arguments });
        break;
      case 'custom_tool_call':
        toolCalls.push({ name: item.name, input: item.input });
        break;
      default: {
        const exhaustive: never = item;
        void exhaustive;
      }
    }
  }
  return { answer: answer.join('\n\n'), reasoning: reasoning.join('\n\n') || undefined, toolCalls };
}
