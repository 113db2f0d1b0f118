import { createHash } from 'node:crypto';
import { chunkFile, type FileChunk } from './chunk-file.js';
import { extractSymbols, lineStartsOf, type SymbolDefinition } from './extract-symbols.js';
import type { TermDictionary, TermPairBuffer } from './term-dictionary.js';

/** Everything the index keeps about one file; the text itself is not kept. */
export interface IndexedFile {
  path: string;
  /** Content hash: the disk cache reuses an analysis only for identical content. */
  hash: string;
  size: number;
  mtimeMs: number;
  lineCount: number;
  symbols: SymbolDefinition[];
  chunks: FileChunk[];
  /** Per chunk: number of term occurrences (BM25 length). */
  chunkLengths: Int32Array;
  /** Chunk i's `[termId, frequency, …]` pairs are `termPairs[chunkOffsets[i] … chunkOffsets[i+1])`. */
  chunkOffsets: Int32Array;
  termPairs: Int32Array;
}

export function hashContent(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

// Reused by every file (analysis is synchronous): one growing buffer instead of an array per chunk.
const scratchPairs: TermPairBuffer = { buffer: new Int32Array(1 << 12), size: 0 };

/** Splits a file into symbols and chunks, and counts the terms of each chunk. */
export function analyzeFile(
  path: string,
  text: string,
  stats: { size: number; mtimeMs: number; hash?: string },
  dictionary: TermDictionary,
): IndexedFile {
  const lineStarts = lineStartsOf(text);
  const lines = text.split('\n');
  if (lines.length > lineStarts.length) lines.length = lineStarts.length;
  const symbols = extractSymbols(path, text, lineStarts, lines);
  const chunks = chunkFile(symbols, lines);

  const pairs = scratchPairs;
  pairs.size = 0;
  const chunkOffsets = new Int32Array(chunks.length + 1);
  const chunkLengths = new Int32Array(chunks.length);
  chunks.forEach((chunk, chunkIndex) => {
    const from = lineStarts[chunk.startLine - 1] ?? 0;
    const to = lineStarts[chunk.endLine] ?? text.length;
    // A definition's name is its best description: count it again so its chunk outranks mere mentions.
    const symbol = symbols[chunk.symbol];
    const name = symbol && chunk.startLine <= symbol.startLine && chunk.endLine >= symbol.startLine ? symbol.name : undefined;
    chunkOffsets[chunkIndex] = pairs.size;
    chunkLengths[chunkIndex] = dictionary.countTermsInto(text, from, to, name, 2, pairs);
  });
  chunkOffsets[chunks.length] = pairs.size;

  return {
    path,
    hash: stats.hash ?? hashContent(text),
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    lineCount: lineStarts.length,
    symbols,
    chunks,
    chunkLengths,
    chunkOffsets,
    termPairs: pairs.buffer.slice(0, pairs.size),
  };
}
