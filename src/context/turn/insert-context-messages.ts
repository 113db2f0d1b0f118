import type { InputItem, ResponsesRequest } from '../../wire/responses-request-schema.js';

/** A context block to place right after the input item at `afterIndex`. */
export interface ContextInsertion {
  afterIndex: number;
  block: string;
}

/**
 * Append-only: returns a new request whose input is the client's items, untouched and in order, with
 * one `user` message per insertion added after its user message. User role (not developer) because the
 * translator folds developer text into the system prompt, which would change the prompt's prefix on
 * every turn and defeat prompt caching.
 */
export function insertContextMessages(request: ResponsesRequest, insertions: readonly ContextInsertion[]): ResponsesRequest {
  if (insertions.length === 0) return request;
  const original: InputItem[] = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
  const byIndex = new Map(insertions.map((insertion) => [insertion.afterIndex, insertion.block]));
  const input: InputItem[] = [];
  original.forEach((item, index) => {
    input.push(item);
    const block = byIndex.get(index);
    if (block !== undefined) input.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: block }] });
  });
  return { ...request, input };
}
