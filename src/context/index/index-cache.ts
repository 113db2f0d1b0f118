import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { IndexedFile } from './analyze-file.js';
import type { SymbolKind } from './extract-symbols.js';
import { transposePostings, type SnapshotTables } from './search-snapshot.js';

/**
 * The index on disk: one binary file. A small JSON header holds the counts; then the numbers as
 * typed arrays (file sizes and mtimes as float64; line counts, symbols, chunks, term pairs and the
 * snapshot's term tables as int32; the term pairs only without the tables, since the postings are the
 * same numbers transposed), then every string (terms, paths, hashes, symbol names) as one
 * NUL-separated UTF-8 run. Loading is a read, one split and typed-array views: no JSON parse of a
 * per-file header (which cost 13–30 ms and its garbage at 2.5k files). Bump the version whenever
 * analysis or this layout changes.
 */
export const INDEX_CACHE_VERSION = 11;
const MAGIC = 0x32584343; // "CCX2"
const FILE_NAME = 'index.bin';
const PREFIX_BYTES = 16; // magic, version, header length, reserved

const KINDS: SymbolKind[] = ['function', 'method', 'class', 'interface', 'type', 'enum', 'variable', 'struct', 'trait', 'impl', 'module', 'section'];

/** Element counts of the snapshot's tables, stored after the term pairs in this order. */
interface CachedTableSizes {
  sortedTermIds: number;
  postingStart: number;
  postingData: number;
  symbolTermStart: number;
  symbolTermData: number;
  symbolTermCount: number;
  symbolOrder: number;
}

interface CacheHeader {
  terms: number;
  files: number;
  symbols: number;
  chunks: number;
  /** Term-pair count of all files; the pairs themselves are stored only when no tables are. */
  pairs: number;
  pairsStored: boolean;
  stringBytes: number;
  tables?: CachedTableSizes;
}

export interface LoadedIndexCache {
  terms: string[];
  files: IndexedFile[];
  /** The snapshot's term tables as they were saved (reopening skips deriving them). */
  tables?: SnapshotTables | undefined;
  /** Term ids ordered by term: lookups without building a map of every term. */
  sortedTermIds?: Int32Array | undefined;
  /**
   * When set, the files' `termPairs` are still zeros: call this (once is enough) before anything reads
   * them. Only a rebuild of the term tables does (a file changed); a reopen of an unchanged repository
   * uses the saved tables and never pays for rebuilding the pairs (~25 ms and a big array at 2.5k files).
   */
  fillTermPairs?: (() => void) | undefined;
}

export type SavedTables = SnapshotTables & { sortedTermIds: Int32Array };

const bytesOf = (array: Int32Array | Float64Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
// From the chunk offsets: a file's term pairs may be released (see SearchSnapshot.releaseTermPairs).
const pairCountOf = (file: IndexedFile) => file.chunkOffsets[file.chunks.length] ?? 0;
const padTo8 = (length: number) => Math.ceil(length / 8) * 8;

export function indexCachePath(cacheDir: string): string {
  return join(cacheDir, FILE_NAME);
}

// Numbers are stored in the machine's byte order; only little-endian machines use the cache.
const LITTLE_ENDIAN = endianness() === 'LE';

export async function saveIndexCache(
  cacheDir: string,
  terms: readonly string[],
  files: readonly IndexedFile[],
  pause: () => Promise<void> = async () => {},
  tables?: SavedTables | undefined,
): Promise<void> {
  if (!LITTLE_ENDIAN) return;
  let symbols = 0;
  let chunks = 0;
  let pairs = 0;
  for (const file of files) {
    symbols += file.symbols.length;
    chunks += file.chunks.length;
    pairs += pairCountOf(file);
  }
  const stamps = new Float64Array(files.length * 2);
  // With the tables saved, the term pairs are not: they are the postings transposed (rebuilt at load).
  const pairsStored = !tables;
  const counts = new Int32Array(files.length * 3 + symbols * 3 + chunks * 5 + (pairsStored ? pairs : 0));
  const strings: string[] = [...terms];
  let at = 0;
  let symbolAt = files.length * 3;
  let chunkAt = symbolAt + symbols * 3;
  let pairAt = chunkAt + chunks * 5;
  // Filled file by file with pauses, so a big repository's save never blocks requests for long.
  for (const [slot, file] of files.entries()) {
    await pause();
    stamps[slot * 2] = file.size;
    stamps[slot * 2 + 1] = file.mtimeMs;
    counts[at++] = file.lineCount;
    counts[at++] = file.symbols.length;
    counts[at++] = file.chunks.length;
    strings.push(file.path, file.hash);
    for (const symbol of file.symbols) {
      strings.push(symbol.name);
      counts[symbolAt++] = KINDS.indexOf(symbol.kind);
      counts[symbolAt++] = symbol.startLine;
      counts[symbolAt++] = symbol.endLine;
    }
    file.chunks.forEach((chunk, index) => {
      counts[chunkAt++] = chunk.startLine;
      counts[chunkAt++] = chunk.endLine;
      counts[chunkAt++] = chunk.symbol;
      counts[chunkAt++] = file.chunkLengths[index] ?? 0;
      counts[chunkAt++] = file.chunkOffsets[index + 1] ?? 0;
    });
    if (pairsStored) counts.set(file.termPairs, pairAt);
    pairAt += pairCountOf(file);
  }
  // NUL separates the strings: it cannot occur in a path git lists, a term or an identifier.
  if (strings.some((text) => text.includes('\0'))) throw new Error('a string of the index contains NUL');
  const text = Buffer.from(strings.join('\0'), 'utf8');
  const sizes: CachedTableSizes | undefined = tables && {
    sortedTermIds: tables.sortedTermIds.length,
    postingStart: tables.postingStart.length,
    postingData: tables.postingData.length,
    symbolTermStart: tables.symbolTermStart.length,
    symbolTermData: tables.symbolTermData.length,
    symbolTermCount: tables.symbolTermCount.length,
    symbolOrder: tables.symbolOrder.length,
  };
  const header: CacheHeader = { terms: terms.length, files: files.length, symbols, chunks, pairs, pairsStored, stringBytes: text.length, ...(sizes && { tables: sizes }) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(padTo8(PREFIX_BYTES + json.length));
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(INDEX_CACHE_VERSION, 4);
  prefix.writeUInt32LE(json.length, 8);
  json.copy(prefix, PREFIX_BYTES);
  const parts = [prefix, bytesOf(stamps), bytesOf(counts)];
  if (tables) {
    parts.push(bytesOf(tables.sortedTermIds), bytesOf(tables.postingStart), bytesOf(tables.postingData), bytesOf(tables.symbolTermStart), bytesOf(tables.symbolTermData), bytesOf(tables.symbolOrder));
    parts.push(bytesOf(tables.symbolTermCount));
  }
  parts.push(text);
  await mkdir(cacheDir, { recursive: true });
  // Write then rename: a crash never leaves a half-written cache behind, and two processes racing
  // each rename a complete file of their own (the last one wins; readers see one or the other).
  const target = indexCachePath(cacheDir);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  // Part by part, the tables as views of their own memory: one joined copy was 22 MB more at 10k files.
  await writeFile(temporary, parts);
  await rename(temporary, target);
}

/** The cached index, or undefined when there is none or it is unreadable or from another version. */
export async function loadIndexCache(cacheDir: string): Promise<LoadedIndexCache | undefined> {
  if (!LITTLE_ENDIAN) return undefined;
  try {
    const buffer = await readFile(indexCachePath(cacheDir));
    if (buffer.length < PREFIX_BYTES || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt32LE(4) !== INDEX_CACHE_VERSION) return undefined;
    const jsonLength = buffer.readUInt32LE(8);
    const header = JSON.parse(buffer.subarray(PREFIX_BYTES, PREFIX_BYTES + jsonLength).toString('utf8')) as CacheHeader;
    const sizes = header.tables;
    const int32Count =
      header.files * 3 + header.symbols * 3 + header.chunks * 5 + (header.pairsStored ? header.pairs : 0) +
      (sizes ? sizes.sortedTermIds + sizes.postingStart + sizes.postingData + sizes.symbolTermStart + sizes.symbolTermData + sizes.symbolOrder : 0);
    const stampsStart = padTo8(PREFIX_BYTES + jsonLength);
    const numbersStart = stampsStart + header.files * 16;
    const bytesStart = numbersStart + int32Count * 4;
    const textStart = bytesStart + (sizes?.symbolTermCount ?? 0);
    if (textStart + header.stringBytes !== buffer.length) return undefined;
    // Views of the file's own memory when it is 8-byte aligned (a large read is: it gets a buffer of
    // its own), else one aligned copy; every table and file then takes a view of it.
    let aligned = buffer;
    if (buffer.byteOffset % 8 !== 0) buffer.copy((aligned = Buffer.alloc(buffer.length)));
    const stamps = new Float64Array(aligned.buffer, aligned.byteOffset + stampsStart, header.files * 2);
    const data = new Int32Array(aligned.buffer, aligned.byteOffset + numbersStart, int32Count);
    const strings = aligned.toString('utf8', textStart, textStart + header.stringBytes).split('\0');
    if (strings.length !== header.terms + header.files * 2 + header.symbols) return undefined;
    const terms = strings.slice(0, header.terms);
    let stringAt = header.terms;
    let at = 0;
    let symbolAt = header.files * 3;
    let chunkAt = symbolAt + header.symbols * 3;
    let pairAt = chunkAt + header.chunks * 5;
    const tablesAt = pairAt + (header.pairsStored ? header.pairs : 0);
    if (!header.pairsStored && !sizes) return undefined;
    const pairs = header.pairsStored ? data.subarray(pairAt, tablesAt) : new Int32Array(header.pairs);
    pairAt = 0;
    // Where each chunk's pairs start in `pairs` (for rebuilding them from the postings).
    const chunkPairStart = new Int32Array(header.chunks);
    let chunkId = 0;
    const files: IndexedFile[] = new Array(header.files);
    for (let slot = 0; slot < header.files; slot++) {
      const lineCount = data[at++] ?? 0;
      const symbolCount = data[at++] ?? 0;
      const chunkCount = data[at++] ?? 0;
      const path = strings[stringAt++] ?? '';
      const hash = strings[stringAt++] ?? '';
      const symbols = new Array<IndexedFile['symbols'][number]>(symbolCount);
      for (let index = 0; index < symbolCount; index++, symbolAt += 3) {
        symbols[index] = { name: strings[stringAt++] ?? '', kind: KINDS[data[symbolAt] ?? 0] ?? 'function', startLine: data[symbolAt + 1] ?? 0, endLine: data[symbolAt + 2] ?? 0 };
      }
      const chunks = new Array<IndexedFile['chunks'][number]>(chunkCount);
      const chunkLengths = new Int32Array(chunkCount);
      const chunkOffsets = new Int32Array(chunkCount + 1);
      for (let index = 0; index < chunkCount; index++, chunkAt += 5) {
        chunks[index] = { startLine: data[chunkAt] ?? 0, endLine: data[chunkAt + 1] ?? 0, symbol: data[chunkAt + 2] ?? -1 };
        chunkLengths[index] = data[chunkAt + 3] ?? 0;
        chunkOffsets[index + 1] = data[chunkAt + 4] ?? 0;
        chunkPairStart[chunkId++] = pairAt + (chunkOffsets[index] ?? 0);
      }
      const pairCount = chunkOffsets[chunkCount] ?? 0;
      // Views into the one buffer: per-file copies cost a third of the load.
      const termPairs = pairs.subarray(pairAt, pairAt + pairCount);
      pairAt += pairCount;
      files[slot] = { path, hash, size: stamps[slot * 2] ?? 0, mtimeMs: stamps[slot * 2 + 1] ?? 0, lineCount, symbols, chunks, chunkLengths, chunkOffsets, termPairs };
    }
    if (!sizes) return { terms, files };
    let offset = tablesAt;
    const take = (count: number) => data.subarray(offset, (offset += count));
    const sortedTermIds = take(sizes.sortedTermIds);
    const postingStart = take(sizes.postingStart);
    const postingData = take(sizes.postingData);
    const symbolTermStart = take(sizes.symbolTermStart);
    const symbolTermData = take(sizes.symbolTermData);
    const symbolOrder = take(sizes.symbolOrder);
    const symbolTermCount = new Uint8Array(aligned.buffer, aligned.byteOffset + bytesStart, sizes.symbolTermCount);
    let fillTermPairs: (() => void) | undefined;
    if (!header.pairsStored) {
      let filled = false;
      fillTermPairs = () => {
        if (!filled) transposePostings(postingStart, postingData, pairs, chunkPairStart);
        filled = true;
      };
    }
    return { terms, files, sortedTermIds, tables: { postingStart, postingData, symbolTermStart, symbolTermData, symbolTermCount, symbolOrder }, fillTermPairs };
  } catch {
    return undefined;
  }
}
