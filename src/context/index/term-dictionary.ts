import { identifierTerms } from '../query/text-tokens.js';

// Character classes for the identifier scanner: 1 starts an identifier (a letter), 2 continues one.
const CHAR_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  if (/[A-Za-z]/.test(char)) CHAR_CLASS[code] = 1;
  else if (/[0-9_$]/.test(char)) CHAR_CLASS[code] = 2;
}

const INITIAL_SLOTS = 1 << 14;
const SLOT_SIZE = 4;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A growable `[termId, count, …]` list: `buffer[0 … size)` is filled. */
export interface TermPairBuffer {
  buffer: Int32Array<ArrayBuffer>;
  size: number;
}

function grow(array: Int32Array<ArrayBuffer>, minimum: number): Int32Array<ArrayBuffer> {
  if (array.length >= minimum) return array;
  const next = new Int32Array(Math.max(minimum, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Term ids shared by every file of one index (and by its disk cache), plus the hot loop of indexing:
 * scanning text for identifiers. Identifiers are hashed while they are scanned and looked up in an
 * open-addressing table, so a known identifier costs no string allocation and is split into terms
 * only the first time it is seen.
 */
export class TermDictionary {
  readonly terms: string[] = [];
  // Built on first need: a reopened index answers queries by binary search over `sortedIds` instead
  // (building a map of ~50k terms cost 70–170 ms of a 2.5k-file dry run on a busy 2-core machine).
  private idsBuilt: Map<string, number> | undefined = new Map();
  private sortedIds: Int32Array | undefined;

  // Identifier table (cleared after a build to save memory): open addressing with the whole record in
  // the slot — [hash, length and end characters, first term in the pool, term count + 1 (0: empty)] —
  // so a lookup touches one cache line.
  private slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
  private identifierCount = 0;
  private termPool = new Int32Array(1 << 15);
  private poolSize = 0;

  // Per-scan term counting.
  private counts = new Int32Array(1 << 14);
  private touched = new Int32Array(1 << 12);

  constructor(terms: readonly string[] = []) {
    for (const term of terms) this.idOf(term);
  }

  /** Takes over a saved dictionary (only into an empty one); `sortedIds` orders the ids by term. */
  adopt(terms: readonly string[], sortedIds?: Int32Array | undefined): void {
    if (this.terms.length > 0) throw new Error('TermDictionary.adopt needs an empty dictionary');
    for (const term of terms) this.terms.push(term); // not push(...terms): 100k+ arguments overflow the stack
    if (sortedIds && sortedIds.length === terms.length) {
      this.sortedIds = sortedIds;
      this.idsBuilt = undefined;
    } else {
      for (const [id, term] of terms.entries()) this.idsBuilt?.set(term, id);
    }
  }

  private get ids(): Map<string, number> {
    if (!this.idsBuilt) {
      this.idsBuilt = new Map(this.terms.map((term, id) => [term, id]));
      this.sortedIds = undefined;
    }
    return this.idsBuilt;
  }

  idOf(term: string): number {
    const ids = this.ids;
    let id = ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      ids.set(term, id);
    }
    return id;
  }

  find(term: string): number | undefined {
    const sorted = this.sortedIds;
    if (!sorted || this.idsBuilt) return this.ids.get(term);
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const id = sorted[middle] ?? 0;
      const candidate = this.terms[id] ?? '';
      if (candidate === term) return id;
      if (candidate < term) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Ids ordered by their terms, saved with the index for `adopt`. */
  sortedTermIds(): Int32Array {
    const terms = this.terms;
    return Int32Array.from(terms.keys()).sort((a, b) => {
      const left = terms[a] ?? '';
      const right = terms[b] ?? '';
      return left < right ? -1 : left > right ? 1 : 0;
    });
  }

  /** Term ids of one identifier (its stemmed parts, and itself when compound). */
  termIdsOfIdentifier(identifier: string): Int32Array {
    let hash = FNV_OFFSET;
    for (let index = 0; index < identifier.length; index++) hash = Math.imul(hash ^ identifier.charCodeAt(index), FNV_PRIME);
    const slot = this.lookup(identifier, 0, identifier.length, hash);
    const start = this.slots[slot + 2] ?? 0;
    return this.termPool.slice(start, start + (this.slots[slot + 3] ?? 1) - 1);
  }

  /**
   * Counts the terms of `text[from, to)`, appending `termId, count` pairs to `out` (grown as needed);
   * returns the number of term occurrences (the BM25 length). `extra` identifiers are counted
   * `extraWeight` more times each. Appending into one reused buffer instead of returning a fresh
   * array per chunk (copied again by the caller), plus probing the identifier table inline with the
   * table in locals: in-process profile of the 10k-file benchmark, countTerms + analyzeFile self time
   * 960 ms → 570 ms (single runs on a noisy 2-core machine).
   */
  countTermsInto(text: string, from: number, to: number, extra: string | undefined, extraWeight: number, out: TermPairBuffer): number {
    let touchedCount = 0;
    let length = 0;
    let index = from;
    // Hot loop: locals instead of fields (reloaded only when a new identifier may have grown them),
    // no closures, no allocation for known identifiers.
    let slots = this.slots;
    let pool = this.termPool;
    let counts = this.counts;
    let touched = this.touched;
    while (index <= to) {
      let slot: number;
      let times = 1;
      if (index === to) {
        if (!extra || extraWeight <= 0) break;
        let hash = FNV_OFFSET;
        for (let position = 0; position < extra.length; position++) hash = Math.imul(hash ^ extra.charCodeAt(position), FNV_PRIME);
        slot = this.lookup(extra, 0, extra.length, hash);
        slots = this.slots; // an insert may have grown or rehashed the tables
        pool = this.termPool;
        times = extraWeight;
        index++;
      } else {
        const code = text.charCodeAt(index);
        if (code >= 128 || CHAR_CLASS[code] !== 1) {
          index++;
          continue;
        }
        const start = index;
        let hash = FNV_OFFSET;
        let current = code;
        do {
          hash = Math.imul(hash ^ current, FNV_PRIME);
          current = text.charCodeAt(++index);
        } while (index < to && current < 128 && CHAR_CLASS[current] !== 0);
        // Inline probe for known identifiers; `lookup` (which may insert and rehash) only on a miss.
        const mask = slots.length / SLOT_SIZE - 1;
        const shape = ((index - start) << 16) | ((code & 0xff) << 8) | (text.charCodeAt(index - 1) & 0xff);
        slot = -1;
        for (let position = hash & mask; ; position = (position + 1) & mask) {
          const candidate = position * SLOT_SIZE;
          if (slots[candidate + 3] === 0) break;
          if (slots[candidate] === hash && slots[candidate + 1] === shape) {
            slot = candidate;
            break;
          }
        }
        if (slot < 0) {
          slot = this.lookup(text, start, index, hash);
          slots = this.slots;
          pool = this.termPool;
        }
      }
      const termStart = slots[slot + 2] ?? 0;
      const termEnd = termStart + (slots[slot + 3] ?? 1) - 1;
      if (times === 1) length += termEnd - termStart;
      for (let position = termStart; position < termEnd; position++) {
        const term = pool[position] ?? 0;
        if (term >= counts.length) counts = this.counts = grow(counts, term + 1);
        if (counts[term] === 0) {
          if (touchedCount >= touched.length) touched = this.touched = grow(touched, touchedCount + 1);
          touched[touchedCount++] = term;
        }
        counts[term]! += times;
      }
    }

    let buffer = out.buffer;
    let size = out.size;
    if (size + touchedCount * 2 > buffer.length) buffer = out.buffer = grow(buffer, size + touchedCount * 2);
    for (let position = 0; position < touchedCount; position++) {
      const term = touched[position] ?? 0;
      buffer[size++] = term;
      buffer[size++] = counts[term] ?? 0;
      counts[term] = 0;
    }
    out.size = size;
    return length;
  }

  /** Frees the identifier table (it only speeds up builds). */
  releaseBuildCache(): void {
    this.slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
    this.identifierCount = 0;
    this.termPool = new Int32Array(1 << 15);
    this.poolSize = 0;
  }

  /** The slot offset holding this identifier's record (inserted if new). */
  private lookup(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length / SLOT_SIZE - 1;
    const length = end - start;
    // Hash, length and both end characters: a false match would need a 32-bit hash collision on top.
    const shape = (length << 16) | ((text.charCodeAt(start) & 0xff) << 8) | (text.charCodeAt(end - 1) & 0xff);
    for (let position = hash & mask; ; position = (position + 1) & mask) {
      const slot = position * SLOT_SIZE;
      if (slots[slot + 3] === 0) return this.insert(text.slice(start, end), hash, shape, slot);
      if (slots[slot] === hash && slots[slot + 1] === shape) return slot;
    }
  }

  private insert(identifier: string, hash: number, shape: number, slot: number): number {
    const terms = identifierTerms(identifier);
    this.termPool = grow(this.termPool, this.poolSize + terms.length);
    const first = this.poolSize;
    for (const term of terms) this.termPool[this.poolSize++] = this.idOf(term);
    this.slots[slot] = hash;
    this.slots[slot + 1] = shape;
    this.slots[slot + 2] = first;
    this.slots[slot + 3] = terms.length + 1;
    this.identifierCount++;
    if (this.identifierCount * 2 > this.slots.length / SLOT_SIZE) {
      this.rehash();
      return this.lookup(identifier, 0, identifier.length, hash);
    }
    return slot;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / SLOT_SIZE - 1;
    for (let from = 0; from < old.length; from += SLOT_SIZE) {
      if (old[from + 3] === 0) continue;
      let position = (old[from] ?? 0) & mask;
      while (slots[position * SLOT_SIZE + 3] !== 0) position = (position + 1) & mask;
      slots.set(old.subarray(from, from + SLOT_SIZE), position * SLOT_SIZE);
    }
    this.slots = slots;
  }
}
