import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { IndexedFile } from './analyze-file.js';
import type { SymbolKind } from './extract-symbols.js';
import type { SnapshotTables } from './search-snapshot.js';

/**
 * The index on disk: one file, a JSON header (term dictionary, per-file metadata, symbols, chunks)
 * followed by every file's term pairs as int32. Loading it costs a read and a parse,
 * not a re-tokenisation of the repository. Bump the version whenever analysis changes.
 */
export const INDEX_CACHE_VERSION = 7;
const MAGIC = 0x43435831; // "CCX1"
const FILE_NAME = 'index.bin';

const KINDS: SymbolKind[] = ['function', 'method', 'class', 'interface', 'type', 'enum', 'variable', 'struct', 'trait', 'impl', 'module'];

interface CachedFileHeader {
  p: string;
  h: string;
  s: number;
  m: number;
  l: number;
  /** [name, kind, start, end] */
  y: Array<[string, number, number, number]>;
  /** [start, end, symbol, length, pairEnd] */
  c: Array<[number, number, number, number, number]>;
}

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
  version: number;
  terms: string[];
  files: CachedFileHeader[];
  tables?: CachedTableSizes;
}

export interface LoadedIndexCache {
  terms: string[];
  files: IndexedFile[];
  /** The snapshot's term tables as they were saved (reopening skips deriving them). */
  tables?: SnapshotTables | undefined;
  /** Term ids ordered by term: lookups without building a map of every term. */
  sortedTermIds?: Int32Array | undefined;
}

export type SavedTables = SnapshotTables & { sortedTermIds: Int32Array };

function cachedHeaderOf(file: IndexedFile): CachedFileHeader {
  return {
    p: file.path,
    h: file.hash,
    s: file.size,
    m: file.mtimeMs,
    l: file.lineCount,
    y: file.symbols.map((symbol) => [symbol.name, KINDS.indexOf(symbol.kind), symbol.startLine, symbol.endLine]),
    c: file.chunks.map((chunk, index) => [chunk.startLine, chunk.endLine, chunk.symbol, file.chunkLengths[index] ?? 0, file.chunkOffsets[index + 1] ?? 0]),
  };
}

const bytesOf = (array: Int32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

export function indexCachePath(cacheDir: string): string {
  return join(cacheDir, FILE_NAME);
}

// Term pairs are stored in the machine's byte order; only little-endian machines use the cache.
const LITTLE_ENDIAN = endianness() === 'LE';

export async function saveIndexCache(
  cacheDir: string,
  terms: readonly string[],
  files: readonly IndexedFile[],
  pause: () => Promise<void> = async () => {},
  tables?: SavedTables | undefined,
): Promise<void> {
  if (!LITTLE_ENDIAN) return;
  // Serialised file by file with pauses, so a big repository's header never blocks requests for long.
  const fileHeaders: string[] = [];
  for (const file of files) {
    await pause();
    fileHeaders.push(JSON.stringify(cachedHeaderOf(file)));
  }
  const sizes: CachedTableSizes | undefined = tables && {
    sortedTermIds: tables.sortedTermIds.length,
    postingStart: tables.postingStart.length,
    postingData: tables.postingData.length,
    symbolTermStart: tables.symbolTermStart.length,
    symbolTermData: tables.symbolTermData.length,
    symbolTermCount: tables.symbolTermCount.length,
    symbolOrder: tables.symbolOrder.length,
  };
  const tablesJson = sizes ? `,"tables":${JSON.stringify(sizes)}` : '';
  const json = Buffer.from(`{"version":${INDEX_CACHE_VERSION},"terms":${JSON.stringify(terms)},"files":[${fileHeaders.join(',')}]${tablesJson}}`, 'utf8');
  const jsonPadded = Math.ceil(json.length / 4) * 4;
  const pairCount = files.reduce((total, file) => total + file.termPairs.length, 0);
  const pairs = new Int32Array(pairCount);
  let position = 0;
  for (const file of files) {
    pairs.set(file.termPairs, position);
    position += file.termPairs.length;
  }
  const prefix = Buffer.alloc(8 + jsonPadded);
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(json.length, 4);
  json.copy(prefix, 8);
  const parts = [prefix, bytesOf(pairs)];
  if (tables) {
    parts.push(bytesOf(tables.sortedTermIds), bytesOf(tables.postingStart), bytesOf(tables.postingData), bytesOf(tables.symbolTermStart), bytesOf(tables.symbolTermData), bytesOf(tables.symbolOrder));
    const counts = Buffer.alloc(Math.ceil(tables.symbolTermCount.length / 4) * 4);
    counts.set(tables.symbolTermCount);
    parts.push(counts);
  }
  const buffer = Buffer.concat(parts);
  await mkdir(cacheDir, { recursive: true });
  // Write then rename: a crash never leaves a half-written cache behind, and two processes racing
  // each rename a complete file of their own (the last one wins; readers see one or the other).
  const target = indexCachePath(cacheDir);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, buffer);
  await rename(temporary, target);
}

/** The cached index, or undefined when there is none or it is unreadable or from another version. */
export async function loadIndexCache(cacheDir: string): Promise<LoadedIndexCache | undefined> {
  if (!LITTLE_ENDIAN) return undefined;
  try {
    const buffer = await readFile(indexCachePath(cacheDir));
    if (buffer.length < 8 || buffer.readUInt32LE(0) !== MAGIC) return undefined;
    const jsonLength = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.subarray(8, 8 + jsonLength).toString('utf8')) as CacheHeader;
    if (header.version !== INDEX_CACHE_VERSION) return undefined;
    const dataStart = 8 + Math.ceil(jsonLength / 4) * 4;
    // A view of the file's own memory when it is 4-byte aligned (a large read is: it gets a buffer of
    // its own), else one aligned copy; every table and file then takes a view of it.
    const start = buffer.byteOffset + dataStart;
    const count = (buffer.length - dataStart) >> 2;
    const data = start % 4 === 0 ? new Int32Array(buffer.buffer, start, count) : new Int32Array(new Uint8Array(buffer.subarray(dataStart, dataStart + count * 4)).buffer);
    let offset = 0;
    const files = header.files.map((cached): IndexedFile => {
      const pairCount = cached.c.at(-1)?.[4] ?? 0;
      // Views into the one copy: per-file copies cost a third of the load.
      const termPairs = data.subarray(offset, offset + pairCount);
      offset += pairCount;
      const chunkOffsets = new Int32Array(cached.c.length + 1);
      cached.c.forEach((chunk, index) => (chunkOffsets[index + 1] = chunk[4]));
      return {
        path: cached.p,
        hash: cached.h,
        size: cached.s,
        mtimeMs: cached.m,
        lineCount: cached.l,
        symbols: cached.y.map(([name, kind, startLine, endLine]) => ({ name, kind: KINDS[kind] ?? 'function', startLine, endLine })),
        chunks: cached.c.map(([startLine, endLine, symbol]) => ({ startLine, endLine, symbol })),
        chunkLengths: Int32Array.from(cached.c, (chunk) => chunk[3]),
        chunkOffsets,
        termPairs,
      };
    });
    const sizes = header.tables;
    if (!sizes) return { terms: header.terms, files };
    const take = (count: number) => data.subarray(offset, (offset += count));
    const sortedTermIds = take(sizes.sortedTermIds);
    const postingStart = take(sizes.postingStart);
    const postingData = take(sizes.postingData);
    const symbolTermStart = take(sizes.symbolTermStart);
    const symbolTermData = take(sizes.symbolTermData);
    const symbolOrder = take(sizes.symbolOrder);
    if (offset * 4 + sizes.symbolTermCount > data.byteLength) return { terms: header.terms, files };
    const symbolTermCount = new Uint8Array(data.buffer, data.byteOffset + offset * 4, sizes.symbolTermCount);
    return { terms: header.terms, files, sortedTermIds, tables: { postingStart, postingData, symbolTermStart, symbolTermData, symbolTermCount, symbolOrder } };
  } catch {
    return undefined;
  }
}
