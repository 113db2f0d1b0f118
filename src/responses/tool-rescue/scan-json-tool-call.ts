import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { CALL_OBJECT_KEYS, convertJsonToRescuedCalls } from './convert-json-to-rescued-calls.js';
import { NEED_MORE, NOT_A_CALL, type BlockScan } from './tool-rescue-types.js';
import { CLOSING_TOOL_CALL_TAG, scanOptionalClosingTag } from './scan-optional-closing-tag.js';

export type JsonValueScan =
  | { readonly status: 'need-more' }
  | { readonly status: 'not-a-call' }
  | { status: 'complete'; value: unknown; end: number };

/**
 * The JSON object or array starting at `start`, once it is complete. Gives up as early as the text
 * allows, so data that merely looks like JSON is released without waiting for its end: a first key
 * no call starts with, or a `"name"` that is no declared tool.
 */
export function scanJsonValue(text: string, start: number, catalog: DeclaredToolCatalog): JsonValueScan {
  if (cannotBeCall(text.slice(start, start + 512), catalog)) return NOT_A_CALL;
  const end = findJsonValueEnd(text, start);
  if (end < 0) return NEED_MORE;
  try {
    return { status: 'complete', value: JSON.parse(text.slice(start, end)), end };
  } catch {
    return NOT_A_CALL;
  }
}

/**
 * A bare call object (or array of them) at a line start: `bare-json`, or `untagged-json` when the
 * `</tool_call>` closer follows (the model lost the opener after a preamble).
 */
export function scanJsonToolCall(
  text: string,
  start: number,
  ended: boolean,
  catalog: DeclaredToolCatalog,
): BlockScan {
  const json = scanJsonValue(text, start, catalog);
  if (json.status !== 'complete') return json.status === 'need-more' && ended ? NOT_A_CALL : json;
  const closing = scanOptionalClosingTag(text, json.end, CLOSING_TOOL_CALL_TAG, ended);
  if (closing.status === 'need-more') return NEED_MORE;
  const tagged = closing.status === 'found';
  const calls = convertJsonToRescuedCalls(json.value, catalog, tagged ? 'untagged-json' : 'bare-json', {
    argumentsOptional: tagged,
  });
  return calls ? { status: 'call', calls, end: tagged ? closing.end : json.end } : NOT_A_CALL;
}

const NON_KEY_START = /^\[?\s*\{\s*[^\s"]/;
const CALLED_NAME = /^\[?\s*\{\s*"(?:name|function|tool|tool_name)"\s*:\s*(?:\{\s*"name"\s*:\s*)?"((?:[^"\\]|\\.)*)"/;

function cannotBeCall(head: string, catalog: DeclaredToolCatalog): boolean {
  if (/^\[\s*[^\s{]/.test(head) || NON_KEY_START.test(head)) return true;
  for (const key of callLevelKeys(head)) if (!CALL_OBJECT_KEYS.has(key)) return true;
  const named = CALLED_NAME.exec(head);
  if (named) {
    const name = decodeJsonString(named[1] ?? '');
    if (name === undefined || !catalog.resolve(name)) return true;
  }
  return false;
}

/** The keys written so far at the level of the call object(s): depth 1, or 2 inside an array of calls. */
function callLevelKeys(head: string): string[] {
  const callDepth = head.startsWith('[') ? 2 : 1;
  const keys: string[] = [];
  let depth = 0;
  let stringStart = -1;
  let candidate: string | undefined;
  for (let index = 0; index < head.length; index++) {
    const character = head[index];
    if (stringStart >= 0) {
      if (character === '\\') index++;
      else if (character === '"') {
        if (depth === callDepth) candidate = head.slice(stringStart + 1, index);
        stringStart = -1;
      }
      continue;
    }
    if (character === '"') stringStart = index;
    else if (character === ':' && candidate !== undefined) keys.push(candidate);
    else if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth--;
    if (character !== '"' && character !== ' ' && character !== '\n' && character !== '\t' && character !== '\r') {
      candidate = undefined;
    }
  }
  return keys;
}

function decodeJsonString(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/** Index just past the object/array opening at `start`, or -1 while it is still open. */
export function findJsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth++;
    } else if (code === 125 /* } */ || code === 93 /* ] */) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}
