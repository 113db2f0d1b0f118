import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { skipWhitespace } from './scan-optional-closing-tag.js';
import { scanJsonToolCall } from './scan-json-tool-call.js';
import { HEREDOC_OPENER, PATCH_BEGIN, scanPatchEnvelope, scanPatchHeredoc } from './scan-patch-tool-call.js';
import { scanTaggedToolCall, TOOL_CALL_TAGS } from './scan-tagged-tool-call.js';
import { scanUntaggedXmlCall } from './scan-untagged-xml-call.js';
import { XML_FUNCTION_OPENER } from './scan-xml-function-call.js';
import { NEED_MORE, NOT_A_CALL, type BlockScan, type RescuedCall } from './tool-rescue-types.js';

export type BlockKind = 'tagged' | 'xml' | 'json' | 'fence' | 'patch' | 'heredoc';

/** What text at a decision point can still become: a call block of some kind, undecided, or plain text. */
export type OpenerClass = BlockKind | 'maybe' | 'text';

const FENCE = '```';
const LINE_OPENERS: ReadonlyArray<readonly [string, BlockKind]> = [
  ...TOOL_CALL_TAGS.map((tag) => [tag, 'tagged'] as const),
  [XML_FUNCTION_OPENER, 'xml'],
  ['{', 'json'],
  ['[', 'json'],
  [FENCE, 'fence'],
];
const LINE_OPENERS_WITH_PATCH: ReadonlyArray<readonly [string, BlockKind]> = [
  ...LINE_OPENERS,
  [PATCH_BEGIN, 'patch'],
  [HEREDOC_OPENER, 'heredoc'],
];
/** Mid-line only the unmistakable tags open a call (`I'll read it. <tool_call>…`). */
const INLINE_OPENERS: ReadonlyArray<readonly [string, BlockKind]> = LINE_OPENERS.slice(0, TOOL_CALL_TAGS.length + 1);

/** Fence info strings a call may hide behind; any other language is a code block and streams as text. */
const CALL_FENCE_LANGUAGES: ReadonlySet<string> = new Set([
  '',
  'json',
  'jsonc',
  'json5',
  'tool_call',
  'tool_code',
  'tool',
  'function',
  'function_call',
  'xml',
  'diff',
  'patch',
  'bash',
  'sh',
  'shell',
]);

export function classifyOpener(
  text: string,
  start: number,
  catalog: DeclaredToolCatalog,
  position: 'line' | 'inline',
): OpenerClass {
  const openers =
    position === 'inline' ? INLINE_OPENERS : catalog.patchTool ? LINE_OPENERS_WITH_PATCH : LINE_OPENERS;
  let maybe = false;
  for (const [literal, kind] of openers) {
    if (text.startsWith(literal, start)) return kind;
    if (!maybe && text.length - start < literal.length && literal.startsWith(text.slice(start))) maybe = true;
  }
  return maybe ? 'maybe' : 'text';
}

/** Dispatches a held block to the scanner of its kind. */
export function scanCallBlock(
  kind: BlockKind,
  text: string,
  start: number,
  ended: boolean,
  catalog: DeclaredToolCatalog,
): BlockScan {
  switch (kind) {
    case 'tagged':
      return scanTaggedToolCall(text, start, ended, catalog);
    case 'xml':
      return scanUntaggedXmlCall(text, start, ended, catalog);
    case 'json':
      return scanJsonToolCall(text, start, ended, catalog);
    case 'fence':
      return scanFencedCall(text, start, ended, catalog);
    case 'patch':
      return scanPatchEnvelope(text, start, ended, catalog);
    case 'heredoc':
      return scanPatchHeredoc(text, start, ended, catalog);
    default: {
      const exhaustive: never = kind;
      throw new Error(`unknown call block kind ${String(exhaustive)}`);
    }
  }
}

const CLOSING_FENCE = /^[ \t]*```[ \t]*\r?$/m;

/**
 * A ``` fence whose whole content is calls (```json, ```tool_call, or a patch in ```diff/```bash).
 * A fence in another language is released as soon as its first line is complete.
 */
function scanFencedCall(text: string, start: number, ended: boolean, catalog: DeclaredToolCatalog): BlockScan {
  const infoEnd = text.indexOf('\n', start);
  if (infoEnd < 0) return ended ? NOT_A_CALL : NEED_MORE;
  const language = text.slice(start + FENCE.length, infoEnd).trim().toLowerCase();
  if (!CALL_FENCE_LANGUAGES.has(language)) return NOT_A_CALL;
  const innerStart = infoEnd + 1;
  const closing = CLOSING_FENCE.exec(text.slice(innerStart));
  const inner = text.slice(innerStart, closing ? innerStart + closing.index : text.length);
  const sequence = scanCallSequence(inner, closing !== null || ended, catalog);
  if (sequence.status !== 'call') return sequence;
  if (!closing) return ended ? fenced(sequence.calls, text.length) : NEED_MORE;
  const closingEnd = innerStart + closing.index + closing[0].length;
  return fenced(sequence.calls, text.startsWith('\n', closingEnd) ? closingEnd + 1 : closingEnd);
}

function fenced(calls: RescuedCall[], end: number): BlockScan {
  return {
    status: 'call',
    calls: calls.map((call) => ({
      ...call,
      shape: call.shape === 'patch-envelope' || call.shape === 'patch-heredoc' ? 'fenced-patch' : 'fenced-json',
    })),
    end,
  };
}

/** Text that must be nothing but calls (a fence's content), separated by whitespace. */
function scanCallSequence(text: string, ended: boolean, catalog: DeclaredToolCatalog): BlockScan {
  const calls: RescuedCall[] = [];
  let index = skipWhitespace(text, 0);
  while (index < text.length) {
    const kind = classifyOpener(text, index, catalog, 'line');
    if (kind === 'maybe' && !ended) return NEED_MORE;
    if (kind === 'maybe' || kind === 'text' || kind === 'fence') return NOT_A_CALL;
    const block = scanCallBlock(kind, text, index, ended, catalog);
    if (block.status !== 'call') return block;
    calls.push(...block.calls);
    index = skipWhitespace(text, block.end);
  }
  if (calls.length > 0) return { status: 'call', calls, end: text.length };
  return ended ? NOT_A_CALL : NEED_MORE;
}
