import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quantizeVector } from '../../../src/context/embed/quantize-vector.js';
import { loadVectorStore, saveVectorStore, vectorStorePath } from '../../../src/context/embed/vector-store-file.js';
import { VectorStore } from '../../../src/context/embed/vector-store.js';
import { searchVectors, type VectorSearchPlan } from '../../../src/context/embed/search-vectors.js';
import { normalizeVector } from '../../../src/context/embed/quantize-vector.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

const randomVector = (next: () => number, dimensions: number) => Array.from({ length: dimensions }, next);
const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((value, index) => {
    dot += value * (b[index] ?? 0);
    na += value * value;
    nb += (b[index] ?? 0) ** 2;
  });
  return dot / Math.sqrt(na * nb);
};

describe('the vector store', () => {
  it('ranks by cosine as float vectors would, from Int8 values (the nearest 10 of 500)', () => {
    const next = seeded(7);
    const vectors = Array.from({ length: 500 }, () => randomVector(next, 61)); // an odd size exercises the loop's tail
    const store = new VectorStore('m');
    vectors.forEach((vector, index) => store.add(`k${index}`, quantizeVector(vector)!));
    const plan: VectorSearchPlan = {
      snapshot: undefined as never,
      store,
      storeVersion: store.version,
      places: vectors.map((_, index) => ({ path: `f${index}.ts`, startLine: 1, endLine: 3 })),
      slots: vectors.map((_, index) => store.slotOf(`k${index}`)!),
      missing: [],
    };
    const query = randomVector(next, 61);
    const expected = vectors
      .map((vector, index) => ({ path: `f${index}.ts`, score: cosine(vector, query) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const found = searchVectors(plan, store, normalizeVector(query)!, 10);
    // Rounding may swap near-ties, nothing more: at every rank the place found is as near as the exact one.
    const exact = new Map(vectors.map((vector, index) => [`f${index}.ts`, cosine(vector, query)]));
    found.forEach((place, rank) => {
      expect(Math.abs(exact.get(place.path)! - expected[rank]!.score)).toBeLessThan(0.01);
      expect(Math.abs(place.score - exact.get(place.path)!)).toBeLessThan(0.01);
    });
    expect(found.filter((place) => expected.some((best) => best.path === place.path)).length).toBeGreaterThanOrEqual(9);
  });

  it('round-trips through its file, and reads a file of another model, version or a torn one as empty', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'codex-ctx-vectors-'));
    directories.push(cacheDir);
    const next = seeded(3);
    const store = new VectorStore('nomic-embed-text:latest');
    for (let index = 0; index < 40; index++) store.add(`git:${index}:1-${index + 3}`, quantizeVector(randomVector(next, 16))!);
    await saveVectorStore(cacheDir, store);

    const loaded = await loadVectorStore(cacheDir, 'nomic-embed-text:latest');
    expect(loaded.size).toBe(40);
    expect(loaded.dimensions).toBe(16);
    expect([...loaded.entries()].map(([key, values, scale]) => [key, [...values], scale])).toEqual(
      [...store.entries()].map(([key, values, scale]) => [key, [...values], Math.fround(scale)]),
    );
    // Another model's name maps to another file.
    expect((await loadVectorStore(cacheDir, 'mxbai-embed-large')).size).toBe(0);
    const file = vectorStorePath(cacheDir, 'nomic-embed-text:latest');
    writeFileSync(file, Buffer.from('not a vector store at all'));
    expect((await loadVectorStore(cacheDir, 'nomic-embed-text:latest')).size).toBe(0);
  });
});
