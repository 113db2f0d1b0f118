import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { convertJsonToRescuedCalls } from './convert-json-to-rescued-calls.js';
import { scanJsonValue } from './scan-json-tool-call.js';
import { skipWhitespace } from './scan-optional-closing-tag.js';
import { scanXmlFunctionCall, XML_FUNCTION_OPENER } from './scan-xml-function-call.js';
import { NEED_MORE, NOT_A_CALL, type BlockScan, type RescuedCall } from './tool-rescue-types.js';

/** Tags models wrap calls in (Hermes/Qwen `<tool_call>`, and the variants seen in the wild). */
export const TOOL_CALL_TAGS = ['<tool_call>', '<function_call>', '<tools>'] as const;

/**
 * `<tool_call>` … `</tool_call>` at `start`, holding one or more JSON calls (one per line is how
 * Ollama's own templates render several) or qwen3-coder `<function=…>` blocks. A stream that ends
 * before the closer still counts once at least one whole call arrived.
 */
export function scanTaggedToolCall(
  text: string,
  start: number,
  ended: boolean,
  catalog: DeclaredToolCatalog,
): BlockScan {
  const opener = TOOL_CALL_TAGS.find((tag) => text.startsWith(tag, start));
  if (!opener) return NOT_A_CALL;
  const closer = `</${opener.slice(1)}`;
  const calls: RescuedCall[] = [];
  let index = start + opener.length;
  for (;;) {
    index = skipWhitespace(text, index);
    if (index >= text.length) {
      if (!ended) return NEED_MORE;
      return calls.length > 0 ? { status: 'call', calls, end: text.length } : NOT_A_CALL;
    }
    const rest = text.slice(index, index + closer.length);
    if (rest === closer) {
      return calls.length > 0 ? { status: 'call', calls, end: index + closer.length } : NOT_A_CALL;
    }
    const code = text.charCodeAt(index);
    if (code === 123 /* { */ || code === 91 /* [ */) {
      const json = scanJsonValue(text, index, catalog);
      if (json.status !== 'complete') return json.status === 'need-more' && !ended ? NEED_MORE : NOT_A_CALL;
      const found = convertJsonToRescuedCalls(json.value, catalog, 'tagged-json', { argumentsOptional: true });
      if (!found) return NOT_A_CALL;
      calls.push(...found);
      index = json.end;
    } else if (text.startsWith(XML_FUNCTION_OPENER, index)) {
      const xml = scanXmlFunctionCall(text, index, ended, catalog, 'tagged-xml');
      if (xml.status !== 'complete') return xml.status === 'need-more' ? NEED_MORE : NOT_A_CALL;
      calls.push(xml.call);
      index = xml.end;
    } else if (!ended && (closer.startsWith(rest) || XML_FUNCTION_OPENER.startsWith(text.slice(index)))) {
      return NEED_MORE;
    } else {
      return NOT_A_CALL;
    }
  }
}
