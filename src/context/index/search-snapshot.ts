import type { WeightedTerm } from '../query/derive-search-terms.js';
import type { IndexedFile } from './analyze-file.js';
import type { TermDictionary } from './term-dictionary.js';
import type { SymbolDefinition } from './extract-symbols.js';

/**
 * Immutable query structures over one generation of the index: BM25 postings over chunks and a symbol
 * table. A rebuild makes a new snapshot and swaps it in, so a query never sees a half-updated index.
 */
export interface ChunkRef {
  path: string;
  startLine: number;
  endLine: number;
  /** The definition this chunk is (part of), if any. */
  symbol?: SymbolDefinition | undefined;
}

export interface ScoredChunk extends ChunkRef {
  score: number;
}

/**
 * The term tables a snapshot derives from its files: saved with the index so a repository seen before
 * reopens without re-deriving them (valid only with the same files and dictionary).
 */
export interface SnapshotTables {
  postingStart: Int32Array;
  postingData: Int32Array;
  symbolTermStart: Int32Array;
  symbolTermData: Int32Array;
  symbolTermCount: Uint8Array;
  symbolOrder: Int32Array;
}

export interface ScoredSymbol {
  path: string;
  symbol: SymbolDefinition;
  score: number;
  /** The query named this symbol exactly. */
  exact: boolean;
}

const K1 = 1.2;
const B = 0.75;
// Postings pack chunk id and term frequency (capped) into one small integer.
export const TF_BITS = 6;
export const TF_MAX = (1 << TF_BITS) - 1;

// An exact name match outranks any partial one.
const EXACT_NAME_SCORE = 20;
/**
 * A term in more than `share` of the entries says little and costs the most to score. Only in a
 * repository of some size: in a ten-file one every word is "common", and skipping them left a
 * question with nothing.
 */
const MIN_COMMON = 50;
const isCommon = (count: number, total: number, share: number) => count > MIN_COMMON && count > total * share;

const KIND_WEIGHT: Partial<Record<SymbolDefinition['kind'], number>> = { variable: 0.8, impl: 0.9, module: 0.8, section: 0.5 };

export class SearchSnapshot {
  readonly files: readonly IndexedFile[];
  readonly chunkCount: number;
  private readonly slotByPath = new Map<string, number>();
  private readonly chunkBase: Int32Array;
  private chunkFile: Int32Array;
  private chunkLength: Float32Array;
  private averageLength!: number;
  // Postings in one array (CSR): term t's entries are postingData[postingStart[t] … postingStart[t+1]).
  private postingStart!: Int32Array;
  private postingData!: Int32Array;
  private symbolFile!: Int32Array;
  private symbolIndex!: Int32Array;
  private symbolTermCount!: Uint8Array;
  /** Symbol ids ordered by lower-cased name: exact-name lookups by binary search. */
  private symbolOrder!: Int32Array;
  private symbolTermStart!: Int32Array;
  private symbolTermData!: Int32Array;
  private readonly scratch: Float64Array;
  private readonly fileScratch: Float64Array;
  private readonly fileTermScratch: Float64Array;
  private fileLength: Float64Array;
  private averageFileLength!: number;
  private readonly touched: Int32Array;
  private symbolScratch!: Float64Array;
  private symbolTouched!: Int32Array;
  private symbolMatched!: Uint8Array;
  /** 1 for functions and variables defined inside another function (local helpers). */
  private symbolNested!: Uint8Array;

  /**
   * Builds the snapshot, pausing between files through `pause` (the builder yields to requests there)
   * so a large repository never blocks the event loop for long.
   */
  static async build(
    files: readonly IndexedFile[],
    dictionary: TermDictionary,
    pause: () => Promise<void> = async () => {},
    saved?: SnapshotTables | undefined,
  ): Promise<SearchSnapshot> {
    const snapshot = new SearchSnapshot(files, dictionary);
    const termCount = dictionary.terms.length;
    const symbolCount = files.reduce((total, file) => total + file.symbols.length, 0);
    const fits =
      saved &&
      saved.postingStart.length === termCount + 1 &&
      saved.symbolTermStart.length === termCount + 1 &&
      saved.symbolTermCount.length === symbolCount &&
      saved.symbolOrder.length === symbolCount;
    await snapshot.fill(pause, fits ? saved : undefined);
    return snapshot;
  }

  /** The derived tables, for the disk cache. */
  tables(): SnapshotTables {
    return {
      postingStart: this.postingStart,
      postingData: this.postingData,
      symbolTermStart: this.symbolTermStart,
      symbolTermData: this.symbolTermData,
      symbolTermCount: this.symbolTermCount,
      symbolOrder: this.symbolOrder,
    };
  }

  private constructor(files: readonly IndexedFile[], private readonly dictionary: TermDictionary) {
    this.files = files;
    this.chunkBase = new Int32Array(files.length + 1);
    let chunkCount = 0;
    files.forEach((file, slot) => {
      this.slotByPath.set(file.path, slot);
      this.chunkBase[slot] = chunkCount;
      chunkCount += file.chunks.length;
    });
    this.chunkBase[files.length] = chunkCount;
    this.chunkCount = chunkCount;
    this.chunkFile = new Int32Array(chunkCount);
    this.chunkLength = new Float32Array(chunkCount);
    this.scratch = new Float64Array(chunkCount);
    this.fileScratch = new Float64Array(files.length);
    this.fileTermScratch = new Float64Array(files.length);
    this.fileLength = new Float64Array(files.length);
    this.touched = new Int32Array(chunkCount);
  }

  private async fill(pause: () => Promise<void>, saved: SnapshotTables | undefined): Promise<void> {
    const files = this.files;
    const chunkCount = this.chunkCount;
    const symbolCount = files.reduce((total, file) => total + file.symbols.length, 0);
    // Two passes over the term pairs: count document frequencies, then fill exact-size postings.
    const termCount = this.dictionary.terms.length;
    const frequency = new Int32Array(termCount);
    let totalLength = 0;
    for (const [slot, file] of files.entries()) {
      await pause();
      const base = this.chunkBase[slot] ?? 0;
      for (let chunk = 0; chunk < file.chunks.length; chunk++) {
        this.chunkFile[base + chunk] = slot;
        const length = file.chunkLengths[chunk] ?? 0;
        this.chunkLength[base + chunk] = length;
        this.fileLength[slot]! += length;
        totalLength += length;
      }
      if (!saved) for (let index = 0; index < file.termPairs.length; index += 2) frequency[file.termPairs[index] ?? 0]!++;
    }
    this.averageLength = chunkCount > 0 ? Math.max(1, totalLength / chunkCount) : 1;
    this.averageFileLength = files.length > 0 ? Math.max(1, totalLength / files.length) : 1;
    this.symbolFile = new Int32Array(symbolCount);
    this.symbolIndex = new Int32Array(symbolCount);
    this.symbolScratch = new Float64Array(symbolCount);
    this.symbolMatched = new Uint8Array(symbolCount);
    this.symbolNested = new Uint8Array(symbolCount);
    this.symbolTouched = new Int32Array(symbolCount);
    if (saved) {
      this.postingStart = saved.postingStart;
      this.postingData = saved.postingData;
      this.symbolTermStart = saved.symbolTermStart;
      this.symbolTermData = saved.symbolTermData;
      this.symbolTermCount = saved.symbolTermCount;
    } else {
      await this.fillTermTables(pause, frequency, symbolCount);
    }
    await this.fillSymbols(pause);
    this.symbolOrder = saved?.symbolOrder ?? this.orderSymbolsByName();
  }

  private symbolName(symbolId: number): string {
    return this.files[this.symbolFile[symbolId] ?? 0]?.symbols[this.symbolIndex[symbolId] ?? 0]?.name.toLowerCase() ?? '';
  }

  private orderSymbolsByName(): Int32Array {
    const names = Array.from({ length: this.symbolFile.length }, (_, symbolId) => this.symbolName(symbolId));
    return Int32Array.from(names.keys()).sort((a, b) => {
      const left = names[a] ?? '';
      const right = names[b] ?? '';
      return left < right ? -1 : left > right ? 1 : a - b;
    });
  }

  /** Ids of the symbols named `name` (case-insensitive). */
  private symbolsNamed(name: string): number[] {
    const wanted = name.toLowerCase();
    const order = this.symbolOrder;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.symbolName(order[middle] ?? 0) < wanted) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let position = low; position < order.length && this.symbolName(order[position] ?? 0) === wanted; position++) found.push(order[position] ?? 0);
    return found;
  }

  /** Postings and symbol-name postings (CSR layout), derived from the files' term pairs. */
  private async fillTermTables(pause: () => Promise<void>, frequency: Int32Array, symbolCount: number): Promise<void> {
    const files = this.files;
    const termCount = this.dictionary.terms.length;
    this.postingStart = new Int32Array(termCount + 1);
    for (let term = 0; term < termCount; term++) this.postingStart[term + 1] = (this.postingStart[term] ?? 0) + (frequency[term] ?? 0);
    this.postingData = new Int32Array(this.postingStart[termCount] ?? 0);
    const cursor = this.postingStart.slice(0, termCount);
    for (const [slot, file] of files.entries()) {
      await pause();
      const base = this.chunkBase[slot] ?? 0;
      for (let chunk = 0; chunk < file.chunks.length; chunk++) {
        const end = file.chunkOffsets[chunk + 1] ?? 0;
        for (let index = file.chunkOffsets[chunk] ?? 0; index < end; index += 2) {
          const term = file.termPairs[index] ?? 0;
          const tf = Math.min(TF_MAX, file.termPairs[index + 1] ?? 1);
          this.postingData[cursor[term]!++] = ((base + chunk) << TF_BITS) | tf;
        }
      }
    }

    this.symbolTermCount = new Uint8Array(symbolCount);
    // Symbol postings by name term, in the same one-array layout (two passes: count, then fill).
    // Each symbol's distinct name terms are looked up once, into one flat array, and reused by the
    // fill pass below (it looked them up and built a Set per symbol in both passes). Same postings;
    // snapshot build over the 10k-file benchmark ~310–440 ms → ~230–375 ms (noisy 2-core machine).
    const symbolTermCount = new Int32Array(termCount + 1);
    const nameTermStart = new Int32Array(symbolCount + 1);
    let nameTerms = new Int32Array(symbolCount * 4 + 16);
    let nameTermCount = 0;
    let symbolOrdinal = 0;
    for (const file of files) {
      await pause();
      for (const symbol of file.symbols) {
        const ids = this.dictionary.termIdsOfIdentifier(symbol.name);
        if (nameTermCount + ids.length > nameTerms.length) {
          const grown = new Int32Array(Math.max(nameTerms.length * 2, nameTermCount + ids.length));
          grown.set(nameTerms);
          nameTerms = grown;
        }
        const begin = nameTermCount;
        for (const term of ids) {
          let seen = false;
          for (let position = begin; position < nameTermCount && !seen; position++) seen = nameTerms[position] === term;
          if (seen) continue;
          nameTerms[nameTermCount++] = term;
          symbolTermCount[term]!++;
        }
        nameTermStart[++symbolOrdinal] = nameTermCount;
      }
    }
    this.symbolTermStart = new Int32Array(termCount + 1);
    for (let term = 0; term < termCount; term++) this.symbolTermStart[term + 1] = (this.symbolTermStart[term] ?? 0) + (symbolTermCount[term] ?? 0);
    this.symbolTermData = new Int32Array(this.symbolTermStart[termCount] ?? 0);
    const symbolCursor = this.symbolTermStart.slice(0, termCount);
    for (let symbolId = 0; symbolId < symbolCount; symbolId++) {
      const termsFrom = nameTermStart[symbolId] ?? 0;
      const termsTo = nameTermStart[symbolId + 1] ?? 0;
      const distinct = termsTo - termsFrom;
      // Parts of the name (a compound name also has itself as a term).
      this.symbolTermCount[symbolId] = Math.min(255, distinct > 1 ? distinct - 1 : distinct);
      for (let position = termsFrom; position < termsTo; position++) this.symbolTermData[symbolCursor[nameTerms[position] ?? 0]!++] = symbolId;
    }
  }

  /** Where each symbol lives, and which are helpers nested in a function. */
  private async fillSymbols(pause: () => Promise<void>): Promise<void> {
    let symbolId = 0;
    const enclosing: SymbolDefinition[] = [];
    for (let slot = 0; slot < this.files.length; slot++) {
      await pause();
      const symbols = this.files[slot]?.symbols ?? [];
      enclosing.length = 0;
      for (let index = 0; index < symbols.length; index++, symbolId++) {
        const symbol = symbols[index]!;
        while (enclosing.length > 0 && (enclosing[enclosing.length - 1]?.endLine ?? 0) < symbol.startLine) enclosing.pop();
        const parent = enclosing[enclosing.length - 1];
        if (parent && (parent.kind === 'function' || parent.kind === 'method') && (symbol.kind === 'function' || symbol.kind === 'variable')) {
          this.symbolNested[symbolId] = 1;
        }
        enclosing.push(symbol);
        this.symbolFile[symbolId] = slot;
        this.symbolIndex[symbolId] = index;
      }
    }
  }

  /**
   * Frees the files' term pairs (a third of the index's memory at 10k files): the postings hold the
   * same numbers transposed (frequencies capped as the postings cap them, which is all a rebuild
   * reads). Returns the function that puts them back, needed only before the term tables are rebuilt.
   */
  releaseTermPairs(): () => void {
    const empty = new Int32Array(0);
    for (const file of this.files) file.termPairs = empty;
    let restored = false;
    return () => {
      if (!restored) this.restoreTermPairs();
      restored = true;
    };
  }

  /** Rebuilds every file's term pairs from the postings, into one buffer that each file views. */
  private restoreTermPairs(): void {
    const chunkPairStart = new Int32Array(this.chunkCount);
    let total = 0;
    for (const [slot, file] of this.files.entries()) {
      const base = this.chunkBase[slot] ?? 0;
      for (let chunk = 0; chunk < file.chunks.length; chunk++) chunkPairStart[base + chunk] = total + (file.chunkOffsets[chunk] ?? 0);
      total += file.chunkOffsets[file.chunks.length] ?? 0;
    }
    const pairs = new Int32Array(total);
    let at = 0;
    for (const file of this.files) {
      const count = file.chunkOffsets[file.chunks.length] ?? 0;
      file.termPairs = pairs.subarray(at, (at += count));
    }
    transposePostings(this.postingStart, this.postingData, pairs, chunkPairStart);
  }

  private postingsOf(id: number | undefined): Int32Array | undefined {
    if (id === undefined || id + 1 >= this.postingStart.length) return undefined;
    const start = this.postingStart[id] ?? 0;
    const end = this.postingStart[id + 1] ?? 0;
    return end > start ? this.postingData.subarray(start, end) : undefined;
  }

  private symbolsWithTerm(id: number | undefined): Int32Array | undefined {
    if (id === undefined || id + 1 >= this.symbolTermStart.length) return undefined;
    const start = this.symbolTermStart[id] ?? 0;
    const end = this.symbolTermStart[id + 1] ?? 0;
    return end > start ? this.symbolTermData.subarray(start, end) : undefined;
  }

  get symbolCount(): number {
    return this.symbolFile.length;
  }

  hasFile(path: string): boolean {
    return this.slotByPath.has(path);
  }

  fileOf(path: string): IndexedFile | undefined {
    const slot = this.slotByPath.get(path);
    return slot === undefined ? undefined : this.files[slot];
  }

  /** Share of chunks containing `term` (0 when unknown): lets callers pick the salient query words. */
  chunkFrequency(term: string): number {
    const id = this.dictionary.find(term);
    const list = this.postingsOf(id);
    return list && this.chunkCount > 0 ? list.length / this.chunkCount : 0;
  }

  private idf(documentFrequency: number, total: number): number {
    return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** BM25 over chunks. */
  rankChunks(terms: readonly WeightedTerm[], limit: number): ScoredChunk[] {
    const scores = this.scratch;
    const touched = this.touched;
    let touchedCount = 0;
    const total = this.chunkCount;
    const lengths = this.chunkLength;
    const lengthFactor = B / this.averageLength;
    for (const { term, weight } of terms) {
      const id = this.dictionary.find(term);
      const list = this.postingsOf(id);
      if (!list) continue;
      // Words in most chunks carry no signal and cost the most to score.
      if (weight < 1 && isCommon(list.length, total, 0.3)) continue;
      const idf = weight * this.idf(list.length, total);
      for (let index = 0; index < list.length; index++) {
        const packed = list[index] ?? 0;
        const chunk = packed >>> TF_BITS;
        const tf = packed & TF_MAX;
        const norm = K1 * (1 - B + (lengths[chunk] ?? 0) * lengthFactor);
        if (scores[chunk] === 0) touched[touchedCount++] = chunk;
        scores[chunk]! += (idf * tf * (K1 + 1)) / (tf + norm);
      }
    }
    const best = topIndexes(touched, touchedCount, scores, limit);
    const ranked = best.map((chunk) => ({ ...this.chunkRef(chunk), score: scores[chunk] ?? 0 }));
    for (let index = 0; index < touchedCount; index++) scores[touched[index] ?? 0] = 0;
    return ranked;
  }

  /**
   * BM25 over whole files (term counts summed over a file's chunks): evidence spread over a file that
   * no single chunk shows, complementing the chunk ranking.
   */
  rankFiles(terms: readonly WeightedTerm[], limit: number): Array<{ path: string; score: number }> {
    const fileCount = this.files.length;
    const scores = this.fileScratch;
    const frequency = this.fileTermScratch;
    const touched: number[] = [];
    const termFiles: number[] = [];
    for (const { term, weight } of terms) {
      const id = this.dictionary.find(term);
      const list = this.postingsOf(id);
      if (!list || (weight < 1 && isCommon(list.length, this.chunkCount, 0.3))) continue;
      termFiles.length = 0;
      for (let index = 0; index < list.length; index++) {
        const packed = list[index] ?? 0;
        const slot = this.chunkFile[packed >>> TF_BITS] ?? 0;
        if (frequency[slot] === 0) termFiles.push(slot);
        frequency[slot]! += packed & TF_MAX;
      }
      const idf = weight * this.idf(termFiles.length, fileCount);
      for (const slot of termFiles) {
        const tf = frequency[slot] ?? 0;
        const norm = K1 * (1 - B + (B * (this.fileLength[slot] ?? 0)) / this.averageFileLength);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (idf * tf * (K1 + 1)) / (tf + norm);
        frequency[slot] = 0;
      }
    }
    const best = topIndexes(Int32Array.from(touched), touched.length, scores, limit);
    const ranked = best.map((slot) => ({ path: this.files[slot]?.path ?? '', score: scores[slot] ?? 0 }));
    for (const slot of touched) scores[slot] = 0;
    return ranked;
  }

  /** Definitions whose names match the query: exact identifiers first, then by shared name parts. */
  findSymbols(identifiers: readonly string[], terms: readonly WeightedTerm[], limit: number): ScoredSymbol[] {
    const scores = this.symbolScratch;
    const touched = this.symbolTouched;
    let touchedCount = 0;
    const exact = new Set<number>();
    for (const identifier of identifiers) {
      for (const symbolId of this.symbolsNamed(identifier)) {
        exact.add(symbolId);
        if (scores[symbolId] === 0) touched[touchedCount++] = symbolId;
        scores[symbolId]! += EXACT_NAME_SCORE;
      }
    }
    const symbolTotal = this.symbolFile.length;
    const matched = this.symbolMatched;
    for (const { term, weight } of terms) {
      const id = this.dictionary.find(term);
      const list = this.symbolsWithTerm(id);
      // Common name parts say little; for a synonym, even moderately common ones cost more than they add.
      if (!list || isCommon(list.length, symbolTotal, weight >= 1 ? 0.2 : 0.02)) continue;
      const idf = weight * this.idf(list.length, symbolTotal);
      for (const symbolId of list) {
        if (scores[symbolId] === 0) touched[touchedCount++] = symbolId;
        scores[symbolId]! += idf;
        if (weight >= 1) matched[symbolId]!++;
      }
    }
    for (let index = 0; index < touchedCount; index++) {
      const symbolId = touched[index] ?? 0;
      const symbol = this.files[this.symbolFile[symbolId] ?? 0]?.symbols[this.symbolIndex[symbolId] ?? 0];
      const parts = Math.max(1, this.symbolTermCount[symbolId] ?? 1);
      const hits = matched[symbolId] ?? 0;
      // Names made mostly of query words beat names that share one word with the query; a single
      // shared word is weak evidence, and a local helper nested in a function is rarely the answer.
      let factor = 0.5 + 0.5 * Math.min(1, hits / parts);
      if (hits < 2 && !exact.has(symbolId)) factor *= 0.6;
      if (this.symbolNested[symbolId]) factor *= 0.6;
      scores[symbolId]! *= factor * (symbol ? (KIND_WEIGHT[symbol.kind] ?? 1) : 1);
      matched[symbolId] = 0;
    }
    const ranked = topIndexes(touched, touchedCount, scores, limit).flatMap((symbolId) => {
      const file = this.files[this.symbolFile[symbolId] ?? 0];
      const symbol = file?.symbols[this.symbolIndex[symbolId] ?? 0];
      return file && symbol ? [{ path: file.path, symbol, score: scores[symbolId] ?? 0, exact: exact.has(symbolId) }] : [];
    });
    for (let index = 0; index < touchedCount; index++) scores[touched[index] ?? 0] = 0;
    return ranked;
  }

  /** The chunk of `path` containing `line` (or the nearest one), for mapping any hit to a unit. */
  chunkAt(path: string, line: number): ChunkRef | undefined {
    const slot = this.slotByPath.get(path);
    const file = slot === undefined ? undefined : this.files[slot];
    if (!file || file.chunks.length === 0) return undefined;
    let low = 0;
    let high = file.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((file.chunks[middle]?.startLine ?? 0) <= line) low = middle;
      else high = middle - 1;
    }
    return this.chunkRef((this.chunkBase[slot ?? 0] ?? 0) + low);
  }

  /** Files holding any of the terms, those with the rarest terms first: narrows the pure-JS grep. */
  filesContaining(terms: readonly string[], limit: number): string[] {
    const weights = this.fileScratch;
    const touched: number[] = [];
    for (const term of new Set(terms)) {
      const list = this.postingsOf(this.dictionary.find(term));
      if (!list) continue;
      const idf = this.idf(list.length, this.chunkCount);
      for (let index = 0; index < list.length; index++) {
        const slot = this.chunkFile[(list[index] ?? 0) >>> TF_BITS] ?? 0;
        if (weights[slot] === 0) touched.push(slot);
        weights[slot]! += idf;
      }
    }
    const best = topIndexes(Int32Array.from(touched), touched.length, weights, limit);
    for (const slot of touched) weights[slot] = 0;
    return best.map((slot) => this.files[slot]?.path ?? '').filter(Boolean);
  }

  private chunkRef(chunkId: number): ChunkRef {
    const slot = this.chunkFile[chunkId] ?? 0;
    const file = this.files[slot];
    const chunk = file?.chunks[chunkId - (this.chunkBase[slot] ?? 0)];
    return {
      path: file?.path ?? '',
      startLine: chunk?.startLine ?? 1,
      endLine: chunk?.endLine ?? 1,
      symbol: chunk && chunk.symbol >= 0 ? file?.symbols[chunk.symbol] : undefined,
    };
  }
}

/**
 * Rebuilds term pairs from the postings: term t's postings (chunk, tf) become (t, tf) pairs of those
 * chunks, in term order (`chunkPairStart` is each chunk's first pair; it is advanced). Its own small
 * function so V8 optimises the hot loop on its own.
 */
export function transposePostings(postingStart: Int32Array, postingData: Int32Array, pairs: Int32Array, chunkPairStart: Int32Array): void {
  const termCount = postingStart.length - 1;
  let posting = 0;
  for (let term = 0; term < termCount; term++) {
    const end = postingStart[term + 1]!;
    for (; posting < end; posting++) {
      const packed = postingData[posting]!;
      const chunk = packed >>> TF_BITS;
      const at = chunkPairStart[chunk]!;
      pairs[at] = term;
      pairs[at + 1] = packed & TF_MAX;
      chunkPairStart[chunk] = at + 2;
    }
  }
}

/** The `limit` ids with the highest scores, best first, without sorting all of them. */
function topIndexes(ids: Int32Array, count: number, scores: Float64Array, limit: number): number[] {
  const best: number[] = [];
  let floor = -Infinity;
  for (let index = 0; index < count; index++) {
    const id = ids[index] ?? 0;
    const score = scores[id] ?? 0;
    if (best.length >= limit && score <= floor) continue;
    let position = best.length;
    while (position > 0 && (scores[best[position - 1] ?? 0] ?? 0) < score) position--;
    best.splice(position, 0, id);
    if (best.length > limit) best.pop();
    floor = scores[best[best.length - 1] ?? 0] ?? 0;
  }
  return best;
}
