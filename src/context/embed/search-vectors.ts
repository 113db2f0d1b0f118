import type { SearchSnapshot } from '../index/search-snapshot.js';
import { isEmbeddablePath } from './chunk-embed-text.js';
import { chunkVectorKey, type VectorStore } from './vector-store.js';

export interface ChunkPlace {
  path: string;
  startLine: number;
  endLine: number;
}

/**
 * The snapshot's chunks that have a vector, as parallel arrays (place, store slot), so a query is one
 * pass over the slab. Rebuilt only when the snapshot or the store changed (a key lookup per chunk:
 * a few ms at 10k files).
 */
export interface VectorSearchPlan {
  snapshot: SearchSnapshot;
  storeVersion: number;
  places: ChunkPlace[];
  slots: Int32Array;
}

export function planVectorSearch(snapshot: SearchSnapshot, store: VectorStore): VectorSearchPlan {
  const places: ChunkPlace[] = [];
  const slots: number[] = [];
  for (const file of snapshot.files) {
    if (!isEmbeddablePath(file.path)) continue;
    for (const chunk of file.chunks) {
      const slot = store.slotOf(chunkVectorKey(file.hash, chunk.startLine, chunk.endLine));
      if (slot === undefined) continue;
      places.push({ path: file.path, startLine: chunk.startLine, endLine: chunk.endLine });
      slots.push(slot);
    }
  }
  return { snapshot, storeVersion: store.version, places, slots: Int32Array.from(slots) };
}

/**
 * Brute-force cosine: the query is normalised Float32, each stored vector Int8 × its scale, so the dot
 * product is the cosine. The best `limit` places, best first (ties by plan order, which is stable).
 */
export function searchVectors(plan: VectorSearchPlan, store: VectorStore, query: Float32Array, limit: number): Array<ChunkPlace & { score: number }> {
  const dimensions = store.dimensions;
  if (dimensions === 0 || query.length !== dimensions || limit <= 0) return [];
  const values = store.values;
  const scales = store.scales;
  // The current best, kept sorted (limit is small: an insertion beats a heap here).
  const bestScores: number[] = [];
  const bestIndexes: number[] = [];
  for (let index = 0; index < plan.slots.length; index++) {
    // The hot loop: indexes are in range by construction (slots < store.size, components < dimensions).
    const slot = plan.slots[index]!;
    const base = slot * dimensions;
    let dot = 0;
    for (let component = 0; component < dimensions; component++) dot += values[base + component]! * query[component]!;
    const score = dot * scales[slot]!;
    if (bestScores.length === limit && score <= (bestScores[limit - 1] ?? -Infinity)) continue;
    let at = bestScores.length;
    while (at > 0 && (bestScores[at - 1] ?? -Infinity) < score) at--;
    bestScores.splice(at, 0, score);
    bestIndexes.splice(at, 0, index);
    if (bestScores.length > limit) {
      bestScores.pop();
      bestIndexes.pop();
    }
  }
  return bestIndexes.map((index, rank) => ({ ...(plan.places[index] as ChunkPlace), score: bestScores[rank] ?? 0 }));
}
