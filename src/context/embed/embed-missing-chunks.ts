import { setTimeout as sleep } from 'node:timers/promises';
import type { SearchSnapshot } from '../index/search-snapshot.js';
import { isEmbeddablePath } from './chunk-embed-text.js';
import { quantizeVector } from './quantize-vector.js';
import { readChunkTexts, type ChunkText } from './read-chunk-texts.js';
import { isPermanentEmbedFailure, TextEmbedderError, type TextEmbedder } from './text-embedder.js';
import type { VectorStore } from './vector-store.js';

export interface EmbedMissingChunksOptions {
  repoRoot: string;
  embedder: TextEmbedder;
  /** The current store (a save may replace it with a pruned one). */
  store: () => VectorStore;
  snapshot: () => SearchSnapshot | undefined;
  /** Persists progress; called every `saveIntervalMs` while embedding, and when a pass is done. */
  save: () => Promise<void>;
  /** The model is missing or cannot embed: the job stops for good. */
  onPermanentFailure: (error: unknown) => void;
  onTransientFailure?: ((error: unknown) => void) | undefined;
  batchSize?: number | undefined;
  /** Pause between two requests, so chat requests to the same server get their turn. */
  pauseMs?: number | undefined;
  /** How long to hold off before the next batch because the user is at work (ms; 0: go on). */
  busyFor?: (() => number) | undefined;
  saveIntervalMs?: number | undefined;
  /** First back-off after a transient failure (doubles up to `maxBackoffMs`). */
  backoffMs?: number | undefined;
  maxBackoffMs?: number | undefined;
}

const DEFAULT_BATCH = 16;
const DEFAULT_PAUSE_MS = 100;
const DEFAULT_SAVE_INTERVAL_MS = 30_000;
const DEFAULT_BACKOFF_MS = 2_000;
const DEFAULT_MAX_BACKOFF_MS = 120_000;
const FILES_PER_SLICE = 500;

/**
 * The background job of a long-lived process: embeds the chunks of the index that have no vector yet,
 * one batch per request and one request in flight, pausing between batches. It sleeps once everything
 * is embedded until `wake()` (after an index rebuild), backs off on transient errors, stops for good on
 * a permanent one, and stops on `close()`.
 */
export class EmbedMissingChunks {
  private readonly abort = new AbortController();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private running: Promise<void> | undefined;
  /** Chunks too small to embed, per key (not persisted: found again cheaply at the next start). */
  private readonly skipped = new Set<string>();
  /** The snapshot whose chunks were all handled by the last full pass. */
  private finished: SearchSnapshot | undefined;
  /** Chunks embedded this session. */
  embedded = 0;
  state: 'waiting' | 'embedding' | 'idle' | 'stopped' = 'waiting';

  constructor(private readonly options: EmbedMissingChunksOptions) {}

  start(): void {
    this.running ??= this.run().catch(() => undefined);
  }

  /** The index changed: look for new chunks (coalesced; a running pass notices on its own). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.wakeUp?.();
    await this.running;
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.abort.signal, ref: false }).catch(() => undefined);
  }

  private waitForWake(): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise((resolve) => (this.wakeUp = resolve));
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH;
    let backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    let lastSave = Date.now();
    while (!this.closed) {
      this.woken = false;
      const snapshot = this.options.snapshot();
      if (!snapshot) {
        this.state = 'waiting';
        await this.waitForWake();
        continue;
      }
      // Nothing new since the last full pass (a refresh that changed nothing): no scan at all.
      if (snapshot === this.finished) {
        this.state = 'idle';
        await this.waitForWake();
        continue;
      }
      this.state = 'embedding';
      let failed = false;
      let added = 0;
      for await (const batch of this.batches(snapshot, batchSize)) {
        for (let wait = this.options.busyFor?.() ?? 0; wait > 0 && !this.closed; wait = this.options.busyFor?.() ?? 0) await this.pause(wait);
        if (this.closed || this.options.snapshot() !== snapshot) break;
        let vectors: number[][];
        try {
          vectors = await this.options.embedder.embed(
            batch.map((chunk) => chunk.text),
            this.abort.signal,
          );
        } catch (error) {
          if (this.closed) return;
          if (isPermanentEmbedFailure(error)) {
            this.state = 'stopped';
            this.options.onPermanentFailure(error);
            return;
          }
          this.options.onTransientFailure?.(error);
          // A batch the server refuses (a chunk over the model's window) is skipped, not the session.
          if (error instanceof TextEmbedderError && error.rejectedInput) for (const chunk of batch) this.skipped.add(chunk.key);
          await this.pause(backoff);
          backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
          failed = true;
          break;
        }
        backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
        const store = this.options.store();
        batch.forEach((chunk, index) => {
          const vector = vectors[index];
          const quantized = vector && quantizeVector(vector);
          if (quantized && store.add(chunk.key, quantized)) added++;
          else this.skipped.add(chunk.key); // an empty or wrong-sized answer: not asked again this session
        });
        this.embedded += batch.length;
        if (Date.now() - lastSave >= (this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS)) {
          lastSave = Date.now();
          await this.options.save();
        }
        await this.pause(this.options.pauseMs ?? DEFAULT_PAUSE_MS);
      }
      if (failed || this.closed) continue;
      if (this.options.snapshot() !== snapshot) continue; // rebuilt meanwhile: scan the new one
      if (added > 0) {
        lastSave = Date.now();
        await this.options.save();
      }
      this.finished = snapshot;
      this.state = 'idle';
      await this.waitForWake();
    }
  }

  /**
   * Batches of chunks without a vector, file by file, read lazily (a file is read once its turn comes).
   * The scan yields to the event loop every few hundred files: after an edit, finding the one changed
   * file among 10k means a key lookup per chunk (tens of ms), which must not hold up a request.
   */
  private async *batches(snapshot: SearchSnapshot, size: number): AsyncGenerator<ChunkText[]> {
    const store = () => this.options.store();
    const wanted = (key: string) => !this.skipped.has(key) && !store().has(key);
    let batch: ChunkText[] = [];
    let scanned = 0;
    for (const file of snapshot.files) {
      if (++scanned % FILES_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return;
      if (!isEmbeddablePath(file.path)) continue;
      const { texts, skipped } = readChunkTexts(this.options.repoRoot, file, wanted);
      for (const key of skipped) this.skipped.add(key);
      for (const text of texts) {
        batch.push(text);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }
}
