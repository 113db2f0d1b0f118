import type { ResponsesEvent } from './responses-types.js';

/**
 * One Responses event as an SSE frame: `event: <type>\ndata: <json>\n\n`, as OpenAI frames them. Codex
 * reads `type` from the JSON, but the `event:` line keeps the stream readable for other clients and for
 * us. JSON.stringify escapes newlines, so the payload always fits on one `data:` line.
 */
export function encodeSseEvent(event: ResponsesEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
