import type { DeclaredTool } from './tool-rescue-types.js';

/**
 * The arguments a model wrote for a rescued call → the text the call carries (JSON object text for a
 * function, the raw input for a custom tool), or undefined when they would not pass as a call: not an
 * object, a JSON string that is not an object, or a required key of the declared schema missing.
 * `undefined` arguments mean the model wrote none.
 */
export function convertRescuedArguments(tool: DeclaredTool, written: unknown): string | undefined {
  return tool.kind === 'custom' ? customInput(written) : functionArguments(tool, written);
}

function functionArguments(tool: DeclaredTool, written: unknown): string | undefined {
  const value = written === undefined ? {} : typeof written === 'string' ? parseJson(written) : written;
  if (!isPlainObject(value)) return undefined;
  const required = tool.parameters?.['required'];
  if (Array.isArray(required) && !required.every((key) => typeof key !== 'string' || key in value)) {
    return undefined;
  }
  return JSON.stringify(value);
}

/**
 * A custom tool takes one string. Models write it as the bare string, as `{"input": "…"}` (the shape
 * the lowered function asks for), or as an object with a single string property (`{"patch": "…"}`).
 */
function customInput(written: unknown): string | undefined {
  if (typeof written === 'string') {
    const parsed = written.trimStart().startsWith('{') ? parseJson(written) : undefined;
    if (isPlainObject(parsed)) return customInput(parsed);
    return written.length > 0 ? written : undefined;
  }
  if (!isPlainObject(written)) return undefined;
  const input = written['input'];
  if (typeof input === 'string' && input.length > 0) return input;
  const values = Object.values(written);
  const only = values.length === 1 ? values[0] : undefined;
  return typeof only === 'string' && only.length > 0 ? only : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
