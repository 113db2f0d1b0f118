import type { SymbolDefinition } from './extract-symbols.js';

/** A retrievable unit of a file: one definition, or a window of the code between definitions. */
export interface FileChunk {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Index into the file's symbols when the chunk is (part of) a definition, else -1. */
  symbol: number;
}

/** Comment, doc-comment, decorator and annotation lines, and C# attributes (`[HttpGet("{id}")]`). */
const PREAMBLE = /^\s*(?:\/\/|\/\*|\*|#(?!!)|@[A-Za-z]|\[[A-Za-z][\w.]*(?:\(.*\))?\]\s*$)/;
const isPreamble = (line: string) => PREAMBLE.test(line);

/** Definitions longer than this are split into their members, so a hit does not drag in a whole class. */
export const MAX_CHUNK_LINES = 120;
const WINDOW_LINES = 60;

function pushWindows(chunks: FileChunk[], from: number, to: number, symbol: number, isBlank: (line: number) => boolean): void {
  let start = from;
  while (start <= to && isBlank(start)) start++;
  while (start <= to) {
    let end = Math.min(to, start + WINDOW_LINES - 1);
    while (end > start && isBlank(end)) end--;
    chunks.push({ startLine: start, endLine: end, symbol });
    start = end + 1;
    while (start <= to && isBlank(start)) start++;
  }
}

/**
 * Splits a file into chunks that cover every non-blank line once: top-level definitions whole (or
 * their members when too long), and windows for everything between them.
 */
export function chunkFile(symbols: readonly SymbolDefinition[], lines: readonly string[]): FileChunk[] {
  const isBlank = (line: number) => (lines[line - 1] ?? '').trim() === '';
  const chunks: FileChunk[] = [];

  // Definitions are sorted by start line; a definition inside the previous one's range is its member.
  const cover = (from: number, to: number, candidates: number[], parent: number) => {
    let cursor = from;
    let position = 0;
    while (position < candidates.length) {
      const index = candidates[position] ?? 0;
      const symbol = symbols[index];
      position++;
      if (!symbol || symbol.startLine < cursor || symbol.startLine > to) continue;
      const end = Math.min(symbol.endLine, to);
      const members: number[] = [];
      while (position < candidates.length) {
        const next = symbols[candidates[position] ?? 0];
        if (!next || next.startLine > end) break;
        members.push(candidates[position] ?? 0);
        position++;
      }
      // The comment (or decorator) right above a definition explains it: it belongs to its chunk.
      let start = symbol.startLine;
      while (start - 1 >= cursor && isPreamble(lines[start - 2] ?? '')) start--;
      if (start > cursor) pushWindows(chunks, cursor, start - 1, parent, isBlank);
      if (end - start + 1 > MAX_CHUNK_LINES) {
        const firstMember = members.map((member) => symbols[member]?.startLine ?? end + 1).find((line) => line > symbol.startLine);
        const headerEnd = Math.min(end, (firstMember ?? symbol.startLine + WINDOW_LINES) - 1);
        pushWindows(chunks, start, headerEnd, index, isBlank);
        cover(headerEnd + 1, end, members, index);
      } else {
        chunks.push({ startLine: start, endLine: end, symbol: index });
      }
      cursor = end + 1;
    }
    if (cursor <= to) pushWindows(chunks, cursor, to, parent, isBlank);
  };

  cover(1, lines.length, symbols.map((_, index) => index), -1);
  return chunks;
}
