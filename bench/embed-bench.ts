/**
 * The opt-in embedding source on the generated 10,000-file repository, with a fake instant embedder
 * (768-dimensional pseudo-random vectors, nomic-embed-text's size): what the source costs codex-ctx itself.
 * A real model's time per batch comes on top and was not measured here (no model weights on this machine).
 *   - background pass: every chunk read, embedded (instantly), quantised and saved;
 *   - the store: vectors, memory per 10k chunks, file size, load time;
 *   - the `local-embed` list per question (embed + cosine over every vector): p50 / p95;
 *   - whole retrieval with and without the source, side by side;
 *   - the default path (no embedModel): no store loaded, no job, no timer.
 *
 *   node --expose-gc --import tsx bench/embed-bench.ts
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContextEngine } from '../src/context/create-context-engine.js';
import { EmbeddingSource } from '../src/context/embed/embedding-source.js';
import type { TextEmbedder } from '../src/context/embed/text-embedder.js';
import { loadVectorStore, vectorStorePath } from '../src/context/embed/vector-store-file.js';
import { RepoIndex } from '../src/context/index/repo-index.js';
import { silentLogger } from '../src/log/logger.js';
import { generateRepository } from './context-bench.js';

const here = dirname(fileURLToPath(import.meta.url));
const DIMENSIONS = 768;
const MODEL = 'bench-embed-768';

/** A deterministic vector per text (FNV-1a seed, mulberry32 components): instant, like a model that costs nothing. */
function fakeVector(text: string): number[] {
  let seed = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) seed = Math.imul(seed ^ text.charCodeAt(index), 0x01000193);
  const vector = new Array<number>(DIMENSIONS);
  for (let component = 0; component < DIMENSIONS; component++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    vector[component] = ((value ^ (value >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return vector;
}

function instantEmbedder(): TextEmbedder & { texts: number } {
  const embedder = {
    model: MODEL,
    texts: 0,
    embed: async (texts: readonly string[]) => {
      embedder.texts += texts.length;
      return texts.map(fakeVector);
    },
  };
  return embedder;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

const QUESTIONS = [
  'where is validateSessionToken implemented?',
  'how does the retry policy decide the timeout for a job?',
  'parse the invoice header before the payment is saved',
  'which function refreshes the cache store for a user session?',
  'how are release artifacts built and deployed?',
  'what happens when a socket message arrives after the deadline?',
  'get each value together with the one before it',
  'where do we fall back to the previous result?',
  'how is the quota policy for a team checked?',
  'which code encodes a packet frame for the stream?',
];

export async function runEmbedBench(): Promise<string[]> {
  const lines: string[] = [];
  const repoRoot = generateRepository(10_000);
  const cacheDir = join(here, '.corpus', 'bench-10k-embed-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });

  // The default path first: no embedder, so nothing of the source exists.
  const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const plain = createContextEngine({ repoRoot, cacheDir, budgetTokens: 4096 });
  await plain.whenIndexed();
  const timersAfter = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const plainTimes: number[] = [];
  for (const question of [...QUESTIONS, ...QUESTIONS, ...QUESTIONS]) {
    const started = performance.now();
    await plain.retrieve(question);
    plainTimes.push(performance.now() - started);
  }
  lines.push(
    `default (no embedModel): embeddings status ${JSON.stringify(plain.status().embeddings ?? 'none')}, ` +
      `store files ${statSafe(vectorStorePath(cacheDir, MODEL)) ? 'present' : 'none'}, timers added ${timersAfter - timersBefore}`,
  );
  await plain.close();

  // A session: the background job embeds every chunk (instantly) and saves the store.
  const embedder = instantEmbedder();
  const session = createContextEngine({ repoRoot, cacheDir, budgetTokens: 4096, embedder, embedJob: { pauseMs: 0, batchSize: 64 } });
  await session.whenIndexed();
  const passStarted = performance.now();
  while (session.status().embeddings?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 50));
  const passMs = performance.now() - passStarted;
  const status = session.status();
  const vectors = status.embeddings?.vectors ?? 0;
  await session.close();
  const fileBytes = statSafe(vectorStorePath(cacheDir, MODEL)) ?? 0;
  lines.push(
    `background pass: ${vectors} of ${status.index.chunks} chunks embedded (${embedder.texts} texts sent) in ${(passMs / 1000).toFixed(1)} s ` +
      `of codex-ctx's own time (reading, quantising, saving; batches of 64, no pause; a real model's time is extra)`,
  );
  const retained = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  globalThis.gc?.();
  const before = retained();
  const loaded = await loadVectorStore(cacheDir, MODEL);
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
  globalThis.gc?.();
  const retainedMb = (retained() - before) / 1e6;
  lines.push(
    `store: ${DIMENSIONS} dims Int8 + a float32 scale = ${DIMENSIONS + 4} bytes a chunk = ${(((DIMENSIONS + 4) * 10_000) / 1e6).toFixed(2)} MB per 10k chunks; ` +
      `${vectors} vectors: ${(loaded.byteLength / 1e6).toFixed(1)} MB loaded, ${((status.embeddings?.bytes ?? 0) / 1e6).toFixed(1)} MB at the end of the pass (with growth room); ` +
      `file ${(fileBytes / 1e6).toFixed(1)} MB; a loaded store retains ${retainedMb.toFixed(1)} MB (heap + array buffers: slab, scales, key map)${globalThis.gc ? '' : ' (run with --expose-gc)'}`,
  );
  if (loaded.size !== vectors) throw new Error('the saved store lost vectors');

  const loads: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await loadVectorStore(cacheDir, MODEL);
    loads.push(performance.now() - started);
  }
  lines.push(`store load: median ${ms(percentile(loads, 50))} (5 runs)`);

  // The list alone: embed (instant) + plan + cosine over every vector.
  const index = new RepoIndex({ repoRoot, cacheDir, readOnly: true });
  await index.start();
  const snapshot = index.snapshot();
  if (!snapshot) throw new Error('index not ready');
  const source = new EmbeddingSource({ repoRoot, embedder: instantEmbedder(), cacheDir, readOnly: true, logger: silentLogger, snapshot: () => snapshot, whenIndexed: async () => {}, background: false });
  let started = performance.now();
  await source.rank(QUESTIONS[0] ?? '', snapshot, new AbortController().signal);
  const firstMs = performance.now() - started;
  const rankTimes: number[] = [];
  for (const question of [...QUESTIONS, ...QUESTIONS, ...QUESTIONS]) {
    started = performance.now();
    const list = await source.rank(question, snapshot, new AbortController().signal);
    rankTimes.push(performance.now() - started);
    if (!list || list.hits.length !== 30) throw new Error('the embed list did not answer 30 places');
  }
  lines.push(
    `local-embed list (${vectors} vectors, brute-force cosine): first question ${ms(firstMs)} (store load + plan), ` +
      `then p50 ${ms(percentile(rankTimes, 50))}, p95 ${ms(percentile(rankTimes, 95))} (30 questions)`,
  );
  await source.close();
  await index.close();

  // Whole retrieval with the source, against the same questions without it (above).
  const withSource = createContextEngine({ repoRoot, cacheDir, budgetTokens: 4096, embedder: instantEmbedder(), oneShot: false, readOnly: true });
  await withSource.whenIndexed();
  await withSource.retrieve(QUESTIONS[0] ?? '');
  const withTimes: number[] = [];
  for (const question of [...QUESTIONS, ...QUESTIONS, ...QUESTIONS]) {
    started = performance.now();
    await withSource.retrieve(question);
    withTimes.push(performance.now() - started);
  }
  await withSource.close();
  lines.push(
    `warm retrieval, 30 questions: without embed p50 ${ms(percentile(plainTimes, 50))} / p95 ${ms(percentile(plainTimes, 95))}; ` +
      `with embed p50 ${ms(percentile(withTimes, 50))} / p95 ${ms(percentile(withTimes, 95))} ` +
      `(ratio p50 ${(percentile(withTimes, 50) / Math.max(0.001, percentile(plainTimes, 50))).toFixed(2)})`,
  );
  rmSync(cacheDir, { recursive: true, force: true });
  return lines;
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${(await runEmbedBench()).join('\n')}\n`);
}
