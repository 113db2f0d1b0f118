import type { ResponsesRequest } from './responses-request-schema.js';

/**
 * The hot path's check of a `/v1/responses` body: the same rules as `responsesRequestSchema`, written
 * as plain type tests. zod copies every object it validates (~80 µs on a 40 KB Codex request, plus the
 * garbage); this reads the parsed JSON in place and returns it as is. It answers only "valid or not":
 * when it says no, the route runs the zod schema, which words the 400 (and stays the reference: a test
 * checks both agree on fixtures and on thousands of mutations of them).
 */
export function checkResponsesRequestShape(body: unknown): ResponsesRequest | undefined {
  if (!isObject(body)) return undefined;
  const valid =
    typeof body.model === 'string' &&
    body.model.length > 0 &&
    (typeof body.input === 'string' || everyOf(body.input, isInputItem)) &&
    nullish(body.instructions, isString) &&
    nullish(body.tools, (tools) => everyOf(tools, isTool)) &&
    nullish(body.parallel_tool_calls, isBoolean) &&
    nullish(body.stream, isBoolean) &&
    nullish(body.reasoning, (value) => isObject(value) && nullish(value.effort, isString) && nullish(value.summary, isString)) &&
    nullish(body.text, (value) => isObject(value) && nullish(value.format, isTextFormat)) &&
    nullish(body.max_output_tokens, (value) => Number.isSafeInteger(value) && (value as number) > 0) &&
    nullish(body.temperature, isNumber) &&
    nullish(body.top_p, isNumber) &&
    nullish(body.prompt_cache_key, isString);
  return valid ? (body as ResponsesRequest) : undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown) => typeof value === 'string';
const isBoolean = (value: unknown) => typeof value === 'boolean';
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, test: (value: unknown) => boolean) => value === undefined || test(value);
const nullish = (value: unknown, test: (value: unknown) => boolean) => value === undefined || value === null || test(value);
const everyOf = (value: unknown, test: (value: unknown) => boolean) => Array.isArray(value) && value.every(test);
const hasText = (value: unknown) => isObject(value) && typeof value.text === 'string';

const TEXT_PART_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);

function isContentPart(part: unknown): boolean {
  if (!isObject(part) || typeof part.type !== 'string') return false;
  if (TEXT_PART_TYPES.has(part.type)) return typeof part.text === 'string';
  if (part.type === 'input_image') return optional(part.image_url, isString) && optional(part.detail, isString);
  return true;
}

const isContent = (value: unknown) => typeof value === 'string' || everyOf(value, isContentPart);
const ROLES = new Set(['developer', 'system', 'user', 'assistant']);

function isInputItem(item: unknown): boolean {
  if (!isObject(item) || !optional(item.type, isString)) return false;
  const type = (item.type as string | undefined) ?? 'message';
  // Item types we do not translate (web_search_call, …) pass through untouched, as in the schema.
  if (!KNOWN_ITEM_TYPES.has(type)) return true;
  if (!optional(item.id, isString)) return false;
  switch (type) {
    case 'message':
      return ROLES.has(item.role as string) && isContent(item.content);
    case 'reasoning':
      return (
        optional(item.summary, (summary) => everyOf(summary, hasText)) &&
        nullish(item.content, (content) => everyOf(content, hasText)) &&
        nullish(item.encrypted_content, isString)
      );
    case 'function_call':
      return isString(item.call_id) && isString(item.name) && nullish(item.namespace, isString) && isString(item.arguments);
    case 'custom_tool_call':
      return isString(item.call_id) && isString(item.name) && isString(item.input);
    default: // function_call_output, custom_tool_call_output
      return isString(item.call_id) && isContent(item.output);
  }
}

const KNOWN_ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
]);

function isFunctionTool(tool: unknown): boolean {
  return (
    isObject(tool) &&
    tool.type === 'function' &&
    isString(tool.name) &&
    nullish(tool.description, isString) &&
    nullish(tool.parameters, isObject) &&
    nullish(tool.strict, isBoolean)
  );
}

function isTool(tool: unknown): boolean {
  if (!isObject(tool) || typeof tool.type !== 'string') return false;
  switch (tool.type) {
    case 'function':
      return isFunctionTool(tool);
    case 'namespace':
      return isString(tool.name) && nullish(tool.description, isString) && everyOf(tool.tools, isFunctionTool);
    case 'custom':
      return (
        isString(tool.name) &&
        nullish(tool.description, isString) &&
        nullish(
          tool.format,
          (format) => isObject(format) && isString(format.type) && optional(format.syntax, isString) && optional(format.definition, isString),
        )
      );
    default:
      return true;
  }
}

function isTextFormat(format: unknown): boolean {
  return isObject(format) && isString(format.type) && optional(format.schema, isObject) && optional(format.name, isString);
}
