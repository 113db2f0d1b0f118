import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { CLOSING_TOOL_CALL_TAG, scanOptionalClosingTag } from './scan-optional-closing-tag.js';
import { scanXmlFunctionCall } from './scan-xml-function-call.js';
import { NEED_MORE, NOT_A_CALL, type BlockScan } from './tool-rescue-types.js';

/**
 * `<function=…>…</function>` without its `<tool_call>` opener (ollama#18530, #16686: the model writes
 * a preamble, drops the opener, keeps the closer). The stray `</tool_call>` is part of the call.
 */
export function scanUntaggedXmlCall(text: string, start: number, ended: boolean, catalog: DeclaredToolCatalog): BlockScan {
  const xml = scanXmlFunctionCall(text, start, ended, catalog, 'untagged-xml');
  if (xml.status !== 'complete') return xml.status === 'need-more' ? NEED_MORE : NOT_A_CALL;
  const closing = scanOptionalClosingTag(text, xml.end, CLOSING_TOOL_CALL_TAG, ended);
  if (closing.status === 'need-more') return NEED_MORE;
  return { status: 'call', calls: [xml.call], end: closing.status === 'found' ? closing.end : xml.end };
}
