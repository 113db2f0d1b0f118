import type { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { convertRescuedArguments } from './convert-rescued-arguments.js';
import { NEED_MORE, NOT_A_CALL, type BlockScan, type DeclaredTool, type RescueShape } from './tool-rescue-types.js';

export const PATCH_BEGIN = '*** Begin Patch';
const PATCH_END = /^[ \t]*\*\*\* End Patch[ \t]*\r?$/m;
/** Lines a patch body is made of (apply_patch grammar): file headers, hunks, context/added/removed lines. */
const PATCH_BODY_LINE = /^(?:\*\*\* |@@|[+\- ]|\r?$)/;

export const HEREDOC_OPENER = 'apply_patch <<';
const HEREDOC_LINE = /^apply_patch <<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1[ \t]*\r?$/;

/**
 * A patch envelope written as the answer, `*** Begin Patch` … `*** End Patch`, becomes a call to the
 * declared apply_patch tool with the patch as its raw input. Released as text at the first line that
 * is not patch syntax, so prose that merely starts with the marker is not held.
 */
export function scanPatchEnvelope(
  text: string,
  start: number,
  ended: boolean,
  catalog: DeclaredToolCatalog,
  shape: RescueShape = 'patch-envelope',
): BlockScan {
  const tool = catalog.patchTool;
  if (!tool || !text.startsWith(PATCH_BEGIN, start)) return NOT_A_CALL;
  const body = text.slice(start);
  const endMatch = PATCH_END.exec(body);
  const bodyEnd = endMatch ? endMatch.index : body.length;
  const lines = body.slice(0, bodyEnd).split('\n');
  if (lines[0]?.trimEnd() !== PATCH_BEGIN && (lines.length > 1 || ended)) return NOT_A_CALL;
  // The last line may still be arriving; every complete one must be patch syntax.
  const complete = endMatch || ended ? lines.slice(1) : lines.slice(1, -1);
  if (!complete.every((line) => PATCH_BODY_LINE.test(line))) return NOT_A_CALL;
  if (!endMatch) return ended ? NOT_A_CALL : NEED_MORE;
  const endLineEnd = endMatch.index + endMatch[0].length;
  const patch = `${body.slice(0, endLineEnd).trimEnd()}\n`;
  const consumed = body.startsWith('\n', endLineEnd) ? endLineEnd + 1 : endLineEnd;
  return patchCall(tool, patch, shape, start + consumed);
}

/**
 * `apply_patch <<'EOF'` … `EOF`: the shell-heredoc form Codex's own exec tool understands, written as
 * text. When apply_patch is declared, the heredoc's patch becomes an apply_patch call; the exec tool is
 * not invoked on its behalf (that would run a shell command the model never issued as a call).
 */
export function scanPatchHeredoc(text: string, start: number, ended: boolean, catalog: DeclaredToolCatalog): BlockScan {
  if (!catalog.patchTool) return NOT_A_CALL;
  const firstLineEnd = text.indexOf('\n', start);
  if (firstLineEnd < 0) return ended ? NOT_A_CALL : NEED_MORE;
  const opener = HEREDOC_LINE.exec(text.slice(start, firstLineEnd));
  if (!opener) return NOT_A_CALL;
  const marker = opener[2] ?? '';
  const innerStart = firstLineEnd + 1;
  const terminator = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'm');
  const terminatorMatch = terminator.exec(text.slice(innerStart));
  const inner = text.slice(innerStart, terminatorMatch ? innerStart + terminatorMatch.index : text.length);
  if (!terminatorMatch && !ended && PATCH_BEGIN.startsWith(inner)) return NEED_MORE;
  const patch = scanPatchEnvelope(inner, 0, terminatorMatch !== null || ended, catalog, 'patch-heredoc');
  if (patch.status !== 'call') return patch.status === 'need-more' && !terminatorMatch ? NEED_MORE : NOT_A_CALL;
  if (!terminatorMatch) return ended ? NOT_A_CALL : NEED_MORE;
  // Only the patch may sit between the opener and the terminator.
  if (inner.slice(patch.end).trim() !== '') return NOT_A_CALL;
  const terminatorEnd = innerStart + terminatorMatch.index + terminatorMatch[0].length;
  const end = text.startsWith('\n', terminatorEnd) ? terminatorEnd + 1 : terminatorEnd;
  return { status: 'call', calls: patch.calls, end };
}

function patchCall(tool: DeclaredTool, patch: string, shape: RescueShape, end: number): BlockScan {
  // A patch tool lowered to a function (one `input` string) gets the patch under that key.
  const callArguments = convertRescuedArguments(tool, tool.kind === 'custom' ? patch : { input: patch });
  if (callArguments === undefined) return NOT_A_CALL;
  return { status: 'call', calls: [{ type: 'call', name: tool.name, arguments: callArguments, shape }], end };
}
