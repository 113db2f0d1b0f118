import type { QuantizedVector } from './quantize-vector.js';

/**
 * Which chunk a vector belongs to: the file's content hash and the chunk's line range. Unchanged files
 * keep their vectors across rebuilds, sessions and renames; an edited file gets a new hash, so its
 * chunks are embedded again and the old vectors are dropped at the next save.
 */
export const chunkVectorKey = (fileHash: string, startLine: number, endLine: number) => `${fileHash}:${startLine}-${endLine}`;

/**
 * The vectors of one embedding model, in memory: one contiguous Int8 slab (slot × dimensions), a
 * float scale per slot, and a key → slot map. Holds no text.
 */
export class VectorStore {
  private slots = new Map<string, number>();
  private data: Int8Array;
  private scaleData: Float32Array;
  /** Bumped on every change, so a search plan built from an older state is rebuilt. */
  version = 0;

  constructor(
    readonly model: string,
    /** 0 until the first vector arrives (the model decides). */
    public dimensions = 0,
    capacity = 256,
  ) {
    this.data = new Int8Array(capacity * dimensions);
    this.scaleData = new Float32Array(capacity);
  }

  /** A store over saved arrays (one copy of each, no per-vector work): how the file is loaded. */
  static fromSaved(model: string, dimensions: number, keys: readonly string[], values: Int8Array, scales: Float32Array): VectorStore {
    const store = new VectorStore(model, dimensions, 0);
    store.data = values.slice(0, keys.length * dimensions);
    store.scaleData = scales.slice(0, keys.length);
    keys.forEach((key, slot) => store.slots.set(key, slot));
    return store;
  }

  get size(): number {
    return this.slots.size;
  }

  /** The slab and scales, for the search loop (views; valid until the next `add`). */
  get values(): Int8Array {
    return this.data;
  }

  get scales(): Float32Array {
    return this.scaleData;
  }

  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Adds (or replaces) a vector; false when its length is not the store's (another model answered). */
  add(key: string, vector: QuantizedVector): boolean {
    if (this.dimensions === 0 && vector.values.length > 0) {
      this.dimensions = vector.values.length;
      this.data = new Int8Array(this.scaleData.length * this.dimensions);
    }
    if (vector.values.length !== this.dimensions) return false;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot >= this.scaleData.length) this.grow(slot + 1);
      this.slots.set(key, slot);
    }
    this.data.set(vector.values, slot * this.dimensions);
    this.scaleData[slot] = vector.scale;
    this.version++;
    return true;
  }

  /**
   * Entries in slot order (slots are handed out in insertion order and never freed, and a Map iterates
   * in insertion order): key, values (a view) and scale.
   */
  *entries(): IterableIterator<[string, Int8Array, number]> {
    for (const [key, slot] of this.slots) {
      yield [key, this.data.subarray(slot * this.dimensions, (slot + 1) * this.dimensions), this.scaleData[slot] ?? 0];
    }
  }

  /** A store with only the vectors `keep` says are still used (files edited or deleted since lose theirs). */
  pruned(keep: (key: string) => boolean): VectorStore {
    const next = new VectorStore(this.model, this.dimensions, Math.max(16, this.slots.size));
    for (const [key, values, scale] of this.entries()) if (keep(key)) next.add(key, { values, scale });
    return next;
  }

  /** Bytes held by the vectors (slab + scales; the key map comes on top). */
  get byteLength(): number {
    return this.data.byteLength + this.scaleData.byteLength;
  }

  /** By a quarter (plus a little): a loaded store is exact-sized, and doubling 35 MB for one edited file would waste 35 MB. */
  private grow(needed: number): void {
    const capacity = Math.max(needed, Math.ceil(this.scaleData.length * 1.25) + 256);
    const data = new Int8Array(capacity * this.dimensions);
    data.set(this.data.subarray(0, this.slots.size * this.dimensions));
    const scales = new Float32Array(capacity);
    scales.set(this.scaleData.subarray(0, this.slots.size));
    this.data = data;
    this.scaleData = scales;
  }
}
