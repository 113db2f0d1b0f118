import type { ResponsesEvent } from './responses-types.js';

/**
 * One Responses event as an SSE frame: `event: <type>\ndata: <json>\n\n`, as OpenAI frames them. Codex
 * reads `type` from the JSON, but the `event:` line keeps the stream readable for other clients and for
 * us. JSON.stringify escapes newlines, so the payload always fits on one `data:` line.
 *
 * Text and reasoning deltas (nearly every frame of an answer) are written from a template, at half the
 * cost of stringifying the event object, when they have exactly the fields our reducer gives them, in
 * its order; anything else (such as a server's own events passed through) takes the generic path. The
 * bytes are the same either way; a test holds the two paths equal.
 */
export function encodeSseEvent(event: ResponsesEvent): string {
  if (event.type === 'response.output_text.delta' && hasShape(event, TEXT_DELTA_FIELDS) && event.logprobs.length === 0) {
    return (
      `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${event.sequence_number},` +
      `"item_id":${JSON.stringify(event.item_id)},"output_index":${event.output_index},"content_index":${event.content_index},` +
      `"delta":${JSON.stringify(event.delta)},"logprobs":[]}\n\n`
    );
  }
  if (event.type === 'response.reasoning_summary_text.delta' && hasShape(event, REASONING_DELTA_FIELDS)) {
    return (
      `event: response.reasoning_summary_text.delta\ndata: {"type":"response.reasoning_summary_text.delta","sequence_number":${event.sequence_number},` +
      `"item_id":${JSON.stringify(event.item_id)},"output_index":${event.output_index},"summary_index":${event.summary_index},` +
      `"delta":${JSON.stringify(event.delta)}}\n\n`
    );
  }
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

// Field name → the type the template can write it as (numbers bare, strings through JSON.stringify).
type Fields = ReadonlyArray<readonly [string, 'number' | 'string' | 'array']>;
const TEXT_DELTA_FIELDS: Fields = [
  ['type', 'string'],
  ['sequence_number', 'number'],
  ['item_id', 'string'],
  ['output_index', 'number'],
  ['content_index', 'number'],
  ['delta', 'string'],
  ['logprobs', 'array'],
];
const REASONING_DELTA_FIELDS: Fields = [
  ['type', 'string'],
  ['sequence_number', 'number'],
  ['item_id', 'string'],
  ['output_index', 'number'],
  ['summary_index', 'number'],
  ['delta', 'string'],
];

/** Exactly these own fields, in this order, each of its type (and numbers finite). */
function hasShape(event: object, fields: Fields): boolean {
  let index = 0;
  for (const key in event) {
    const field = fields[index++];
    if (field === undefined || key !== field[0]) return false;
    const value = (event as Record<string, unknown>)[key];
    const ok = field[1] === 'number' ? Number.isFinite(value) : field[1] === 'string' ? typeof value === 'string' : Array.isArray(value);
    if (!ok) return false;
  }
  return index === fields.length;
}
