import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { convertRescuedArguments, isPlainObject } from './convert-rescued-arguments.js';
import { CLOSING_TOOL_CALL_TAG, skipWhitespace } from './scan-optional-closing-tag.js';
import { NEED_MORE, NOT_A_CALL, type DeclaredTool, type RescuedCall, type RescueShape } from './tool-rescue-types.js';

export const XML_FUNCTION_OPENER = '<function=';
const XML_FUNCTION_CLOSER = '</function>';
const PARAMETER_OPENER = '<parameter=';

export type XmlFunctionScan =
  | { readonly status: 'need-more' }
  | { readonly status: 'not-a-call' }
  | { status: 'complete'; call: RescuedCall; end: number };

/**
 * qwen3-coder's native call syntax, `<function=NAME>` + `<parameter=KEY>value</parameter>` blocks +
 * `</function>`, starting at `start`. Values are text; they are typed by the declared schema the way
 * the model's own parser does (numbers, booleans, JSON arrays/objects). At the end of the stream a call
 * cut short (no `</parameter>` / `</function>`, as truncated outputs show) still counts.
 */
export function scanXmlFunctionCall(
  text: string,
  start: number,
  ended: boolean,
  catalog: DeclaredToolCatalog,
  shape: RescueShape,
): XmlFunctionScan {
  const nameStart = start + XML_FUNCTION_OPENER.length;
  const nameEnd = text.indexOf('>', nameStart);
  const lineEnd = text.indexOf('\n', nameStart);
  if (nameEnd < 0 || (lineEnd >= 0 && lineEnd < nameEnd)) {
    return ended || lineEnd >= 0 ? NOT_A_CALL : NEED_MORE;
  }
  const tool = catalog.resolve(text.slice(nameStart, nameEnd).trim());
  if (!tool) return NOT_A_CALL;
  const close = text.indexOf(XML_FUNCTION_CLOSER, nameEnd);
  // Models also end the block with `</tool_call>` alone; that closer stays for the caller to consume.
  const toolCallClose = text.indexOf(CLOSING_TOOL_CALL_TAG, nameEnd);
  const closedByToolCall = toolCallClose >= 0 && (close < 0 || toolCallClose < close);
  if (close < 0 && !closedByToolCall && !ended) {
    return bodyCanStillBeParameters(text, nameEnd + 1) ? NEED_MORE : NOT_A_CALL;
  }
  const bodyEnd = closedByToolCall ? toolCallClose : close < 0 ? text.length : close;
  const written = parseParameters(text.slice(nameEnd + 1, bodyEnd), tool);
  if (!written) return NOT_A_CALL;
  const callArguments = convertRescuedArguments(tool, written);
  if (callArguments === undefined) return NOT_A_CALL;
  return {
    status: 'complete',
    call: { type: 'call', name: tool.name, arguments: callArguments, shape },
    end: closedByToolCall || close < 0 ? bodyEnd : close + XML_FUNCTION_CLOSER.length,
  };
}


function bodyCanStillBeParameters(text: string, from: number): boolean {
  const first = skipWhitespace(text, from);
  const head = text.slice(first, first + PARAMETER_OPENER.length);
  return head.startsWith(PARAMETER_OPENER) || PARAMETER_OPENER.startsWith(head);
}

const PARAMETER = /<parameter=([^>\n]+)>([\s\S]*?)(?:<\/parameter>|(?=<parameter=)|$)/y;

/** Parameter blocks separated only by whitespace, or undefined when anything else is in the body. */
function parseParameters(body: string, tool: DeclaredTool): Record<string, unknown> | undefined {
  const written: Record<string, unknown> = {};
  let index = skipWhitespace(body, 0);
  while (index < body.length) {
    PARAMETER.lastIndex = index;
    const match = PARAMETER.exec(body);
    if (!match) return undefined;
    const key = (match[1] ?? '').trim();
    written[key] = typeParameterValue(trimParameterValue(match[2] ?? ''), propertySchema(tool, key));
    index = skipWhitespace(body, PARAMETER.lastIndex);
  }
  return written;
}

/** One newline on each side is framing, not value; a one-line value is trimmed like the model's parser does. */
function trimParameterValue(raw: string): string {
  let value = raw.startsWith('\n') ? raw.slice(1) : raw;
  if (value.endsWith('\n')) value = value.slice(0, -1);
  return value.includes('\n') ? value : value.trim();
}

function propertySchema(tool: DeclaredTool, key: string): Record<string, unknown> | undefined {
  const properties = tool.parameters?.['properties'];
  if (!isPlainObject(properties)) return undefined;
  const schema = properties[key];
  return isPlainObject(schema) ? schema : undefined;
}

function typeParameterValue(value: string, schema: Record<string, unknown> | undefined): unknown {
  const declared = schema?.['type'];
  const types = Array.isArray(declared) ? declared : [declared];
  if (types.includes('string') || declared === undefined) return value;
  if (types.includes('integer') || types.includes('number')) {
    const number = Number(value);
    if (value !== '' && Number.isFinite(number)) return number;
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('array') || types.includes('object')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
