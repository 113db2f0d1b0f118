import type { ToolTarget } from './tool-name-map.js';

/**
 * A tool call's arguments from the backend → what Codex needs: a JSON string for a function call (an object
 * there makes Codex drop the call, `""` fails with EOF), the raw text for a custom tool call.
 * Ollama sends an object; some servers send a JSON string (kept as is for a function, parsed for a custom tool).
 */
export function convertToolCallArguments(rawArguments: unknown, target: ToolTarget): string {
  if (target.kind === 'custom') return customToolInput(parseIfJsonString(rawArguments));
  if (rawArguments === undefined || rawArguments === null || rawArguments === '') return '{}';
  // A string is already the wire form. If it is not valid JSON it still goes through verbatim: Codex
  // answers the model with a parse error, which is the feedback it needs to retry the call.
  return typeof rawArguments === 'string' ? rawArguments : JSON.stringify(rawArguments);
}

function parseIfJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * The custom tool was declared to the backend as a function with one string parameter `input`; models
 * sometimes rename it, so fall back to the only string-valued property, then to the JSON text.
 */
function customToolInput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  if (typeof record.input === 'string') return record.input;
  let onlyString: string | undefined;
  let stringCount = 0;
  for (const key in record) {
    const property = record[key];
    if (typeof property === 'string') {
      onlyString = property;
      stringCount += 1;
    }
  }
  return stringCount === 1 && onlyString !== undefined ? onlyString : JSON.stringify(value);
}
