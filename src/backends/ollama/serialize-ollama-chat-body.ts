import type { OllamaChatRequest } from './ollama-api-types.js';

export interface SerializedOllamaChatBody {
  /** Exactly `JSON.stringify(body)`. */
  text: string;
  /** The `tools` array's JSON, for the prompt estimate (undefined when there are none). */
  toolsText: string | undefined;
}

/**
 * `JSON.stringify` of an `/api/chat` body, reusing what Codex resends unchanged on every turn: the
 * tool schemas (~9 KB, serialized twice per request before: for the body and for the token estimate)
 * and long message texts such as the ~27 KB system prompt, whose escaping is most of the body's cost.
 * Byte for byte the same output; a test holds it to `JSON.stringify` on the captured requests.
 */
export function serializeOllamaChatBody(body: OllamaChatRequest): SerializedOllamaChatBody {
  let text = '{';
  let toolsText: string | undefined;
  for (const key of Object.keys(body) as Array<keyof OllamaChatRequest>) {
    const value = body[key];
    if (value === undefined) continue;
    let json: string;
    if (key === 'messages') json = serializeMessages(body.messages);
    else if (key === 'tools') json = toolsText = serializeTools(body.tools!);
    else json = JSON.stringify(value);
    text += `${text.length > 1 ? ',' : ''}"${key}":${json}`;
  }
  return { text: `${text}}`, toolsText };
}

function serializeMessages(messages: OllamaChatRequest['messages']): string {
  let text = '[';
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    let item = '{';
    for (const key of Object.keys(message) as Array<keyof typeof message>) {
      const value = message[key];
      if (value === undefined) continue;
      const json = key === 'content' ? jsonString(value as string) : JSON.stringify(value);
      item += `${item.length > 1 ? ',' : ''}"${key}":${json}`;
    }
    text += `${index ? ',' : ''}${item}}`;
  }
  return `${text}]`;
}

// The last tool list and its JSON: Codex sends the same tools all session long. Comparing the new
// list with the last one field by field allocates nothing and costs a fraction of serializing it.
let lastTools: unknown;
let lastToolsText = '';

function serializeTools(tools: NonNullable<OllamaChatRequest['tools']>): string {
  if (lastTools === undefined || !sameJson(tools, lastTools)) {
    lastTools = tools;
    lastToolsText = JSON.stringify(tools);
  }
  return lastToolsText;
}

/** True when both values serialize to the same JSON text (same keys in the same order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  for (let index = 0; index < aKeys.length; index++) {
    const key = aKeys[index]!;
    if (key !== bKeys[index] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

// Long texts (system prompt, instructions, big tool outputs) and their escaped JSON, looked up by
// length then compared: hashing a 27 KB string on every lookup would cost what escaping it costs.
const LONG_TEXT = 4096;
const CACHE_LIMIT = 64;
const escaped = new Map<number, { text: string; json: string }>();

function jsonString(text: string): string {
  if (text.length < LONG_TEXT) return JSON.stringify(text);
  const hit = escaped.get(text.length);
  if (hit?.text === text) return hit.json;
  const json = JSON.stringify(text);
  if (escaped.size >= CACHE_LIMIT) escaped.delete(escaped.keys().next().value!);
  escaped.set(text.length, { text, json });
  return json;
}
