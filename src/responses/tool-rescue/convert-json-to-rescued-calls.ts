import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { convertRescuedArguments, isPlainObject } from './convert-rescued-arguments.js';
import type { RescuedCall, RescueShape } from './tool-rescue-types.js';

/** Keys that can open a call object; any other first key means the object is data, not a call. */
export const CALL_OBJECT_KEYS: ReadonlySet<string> = new Set([
  'name',
  'function',
  'tool',
  'tool_name',
  'arguments',
  'parameters',
  'args',
  'input',
  'type',
  'id',
  'call_id',
]);

/**
 * Parsed JSON → the calls it spells, or undefined unless all of it is calls to declared tools with
 * acceptable arguments. Accepts `{"name","arguments"}`, `"parameters"`/`"args"`/`"input"` for the
 * arguments, `{"function": "name", …}`, OpenAI's `{"type":"function","function":{…}}`, and an array of
 * any of these. Bare objects must carry an arguments key (`{"name": "x"}` alone is too weak a signal);
 * inside `<tool_call>` the tag is signal enough.
 */
export function convertJsonToRescuedCalls(
  value: unknown,
  catalog: DeclaredToolCatalog,
  shape: RescueShape,
  options: { argumentsOptional: boolean },
): RescuedCall[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return undefined;
  const calls: RescuedCall[] = [];
  for (const item of items) {
    const call = convertObjectToCall(item, catalog, shape, options.argumentsOptional);
    if (!call) return undefined;
    calls.push(call);
  }
  return calls;
}

function convertObjectToCall(
  item: unknown,
  catalog: DeclaredToolCatalog,
  shape: RescueShape,
  argumentsOptional: boolean,
): RescuedCall | undefined {
  if (!isPlainObject(item)) return undefined;
  // Any other key means the object is data that happens to name a tool.
  if (!Object.keys(item).every((key) => CALL_OBJECT_KEYS.has(key))) return undefined;
  if (isPlainObject(item['function'])) {
    return convertObjectToCall(item['function'], catalog, shape, argumentsOptional);
  }
  const name = [item['name'], item['function'], item['tool'], item['tool_name']].find(
    (candidate): candidate is string => typeof candidate === 'string',
  );
  if (name === undefined) return undefined;
  const tool = catalog.resolve(name);
  if (!tool) return undefined;
  const argumentsKey = ['arguments', 'parameters', 'args', 'input'].find((key) => key in item);
  if (argumentsKey === undefined && !argumentsOptional) return undefined;
  const written = argumentsKey === undefined ? undefined : item[argumentsKey];
  const callArguments = convertRescuedArguments(tool, written);
  if (callArguments === undefined) return undefined;
  return { type: 'call', name: tool.name, arguments: callArguments, shape };
}
