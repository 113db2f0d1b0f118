import { stat } from 'node:fs/promises';
import type { Logger } from '../../log/logger.js';
import { redactSecrets } from '../../log/redact-secrets.js';
import type { SearchSnapshot } from '../index/search-snapshot.js';
import type { RankedHits } from '../rank/source-hit.js';
import { MAX_EMBED_CHARS } from './chunk-embed-text.js';
import { EmbedMissingChunks } from './embed-missing-chunks.js';
import { normalizeVector } from './quantize-vector.js';
import { planVectorSearch, searchVectors, type VectorSearchPlan } from './search-vectors.js';
import { isPermanentEmbedFailure, type TextEmbedder } from './text-embedder.js';
import { loadVectorStore, saveVectorStore, vectorStorePath } from './vector-store-file.js';
import { chunkVectorKey, VectorStore } from './vector-store.js';

export interface EmbeddingSourceOptions {
  repoRoot: string;
  embedder: TextEmbedder;
  /** Where the store file lives (beside the index cache); undefined keeps vectors in memory only. */
  cacheDir: string | undefined;
  /** Never write the store. */
  readOnly?: boolean | undefined;
  logger: Logger;
  snapshot: () => SearchSnapshot | undefined;
  /** Resolves once the index's first build is done. */
  whenIndexed: () => Promise<void>;
  /** Embed missing chunks in the background (long-lived processes); one-shot runs only read the store. */
  background: boolean;
  /** Tuning for tests and benchmarks (see embed-missing-chunks.ts). */
  job?: { batchSize?: number; pauseMs?: number; saveIntervalMs?: number; backoffMs?: number; quietMs?: number } | undefined;
}

export interface EmbeddingStatus {
  model: string;
  /** embedding: the background job has chunks left (or waits for the index); off: the model is missing or cannot embed (see the proxy log). */
  state: 'loading' | 'embedding' | 'ready' | 'off';
  vectors: number;
  /** Memory the vectors take (Int8 slab + scales; the key map comes on top). */
  bytes: number;
}

/** How long after the last model request the background job waits before its next batch. */
const DEFAULT_QUIET_MS = 5_000;

/** Places per question: as many as the other local lists give fusion. */
const RESULT_LIMIT = 30;

/**
 * The `local-embed` list: the turn's question embedded by the user's own embedding model, ranked by
 * cosine against one vector per chunk of the index. Opt-in (an embedder is configured); the vectors are
 * loaded at start, filled in by a background job in long-lived processes, and saved beside the index.
 */
export class EmbeddingSource {
  private store: VectorStore | undefined;
  private readonly loading: Promise<VectorStore>;
  private plan: VectorSearchPlan | undefined;
  private job: EmbedMissingChunks | undefined;
  private off = false;
  /** When the user's last model request arrived (see `noteActivity`). */
  private lastActivity = 0;
  private saving: Promise<void> = Promise.resolve();
  /** The store's version when it was last saved (or loaded). */
  private savedVersion = -1;
  /** The store file's mtime when this process last read or wrote it: another value means another process wrote it. */
  private fileSeenAt: number | undefined;

  constructor(private readonly options: EmbeddingSourceOptions) {
    const path = options.cacheDir && vectorStorePath(options.cacheDir, options.embedder.model);
    this.loading = Promise.all([path ? modifiedAt(path) : undefined, loadVectorStore(options.cacheDir, options.embedder.model)]).then(([seenAt, store]) => {
      this.fileSeenAt = seenAt;
      this.savedVersion = store.version;
      return (this.store = store);
    });
    if (options.background) {
      this.job = new EmbedMissingChunks({
        repoRoot: options.repoRoot,
        embedder: options.embedder,
        store: () => this.store ?? new VectorStore(options.embedder.model),
        snapshot: () => (this.store ? options.snapshot() : undefined),
        save: () => this.save(),
        onPermanentFailure: (error) => this.turnOff(error),
        busyFor: () => this.lastActivity + (options.job?.quietMs ?? DEFAULT_QUIET_MS) - Date.now(),
        onTransientFailure: (error) => options.logger.debug('embedding failed; retrying later', { model: options.embedder.model, error: String(error) }),
        ...options.job,
      });
      void Promise.all([this.loading, options.whenIndexed()]).then(() => {
        this.job?.start();
        this.job?.wake();
      });
    }
  }

  /**
   * A model request arrived: the background job holds off until requests have stopped for a few
   * seconds, so its batches do not compete with the user's turn for the model server (on a machine
   * that cannot hold both models, Ollama would swap the chat model out for every batch).
   */
  noteActivity(): void {
    this.lastActivity = Date.now();
  }

  /** The index was rebuilt: embed what is new. */
  indexChanged(): void {
    this.job?.wake();
  }

  status(): EmbeddingStatus {
    const model = this.options.embedder.model;
    const vectors = this.store?.size ?? 0;
    const bytes = this.store?.byteLength ?? 0;
    if (this.off) return { model, state: 'off', vectors, bytes };
    if (!this.store) return { model, state: 'loading', vectors, bytes };
    // A job that has not finished its first pass (or is waiting for the index) is still embedding.
    const busy = this.job !== undefined && this.job.state !== 'idle';
    return { model, state: busy ? 'embedding' : 'ready', vectors, bytes };
  }

  /**
   * The chunks nearest the question, or undefined when the source is off, the store is empty (nothing
   * to compare with: the question is not even sent), or the embedding failed.
   */
  async rank(question: string, snapshot: SearchSnapshot, signal: AbortSignal): Promise<RankedHits | undefined> {
    if (this.off) return undefined;
    const store = this.store ?? (await this.loading);
    if (store.size === 0 || !question.trim()) return undefined;
    let vector: number[] | undefined;
    try {
      [vector] = await this.options.embedder.embed([redactSecrets(question.slice(0, MAX_EMBED_CHARS))], signal);
    } catch (error) {
      if (isPermanentEmbedFailure(error)) this.turnOff(error);
      return undefined;
    }
    const query = vector && normalizeVector(vector);
    if (!query) return undefined;
    this.plan = planVectorSearch(snapshot, store, this.plan);
    const places = searchVectors(this.plan, store, query, RESULT_LIMIT);
    return { id: 'local-embed', source: 'embed', hits: places.map(({ path, startLine, endLine }) => ({ path, startLine, endLine })) };
  }

  /** Stops the job and writes what it embedded since the last save. */
  async close(): Promise<void> {
    await this.job?.close();
    if (this.job && this.store && this.store.version !== this.savedVersion) await this.save({ final: true });
    await this.saving;
  }

  /** One warning in the proxy log, then the source is off for the session; retrieval goes on without it. */
  private turnOff(error: unknown): void {
    if (this.off) return;
    this.off = true;
    this.options.logger.warn('embedding model unavailable; semantic retrieval off for this session', {
      model: this.options.embedder.model,
      error: error instanceof Error ? error.message : String(error),
    });
    void this.job?.close();
  }

  /**
   * Saves the vectors. What another process saved since this one last read or wrote the file is merged
   * in first (two sessions in one repository keep each other's work; the last rename wins the rest).
   * Vectors no chunk of the index uses any more (edited or deleted files) are dropped at close, or
   * sooner once they are a tenth of the store: a copy of the slab, not worth making for every save.
   */
  private save(options: { final?: boolean } = {}): Promise<void> {
    const cacheDir = this.options.cacheDir;
    const snapshot = this.options.snapshot();
    if (!cacheDir || this.options.readOnly || !snapshot || !this.store) return this.saving;
    this.saving = this.saving
      .then(async () => {
        let store = this.store;
        if (!store) return;
        const used = new Set<string>();
        for (const file of snapshot.files) for (const chunk of file.chunks) used.add(chunkVectorKey(file.hash, chunk.startLine, chunk.endLine));
        const path = vectorStorePath(cacheDir, store.model);
        if ((await modifiedAt(path)) !== this.fileSeenAt) {
          const saved = await loadVectorStore(cacheDir, store.model);
          for (const [key, values, scale] of saved.entries()) if (used.has(key) && !store.has(key)) store.add(key, { values, scale });
        }
        let unused = 0;
        for (const [key] of store.entries()) if (!used.has(key)) unused++;
        if (unused > 0 && (options.final || unused * 10 > store.size)) this.store = store = store.pruned((key) => used.has(key));
        this.savedVersion = store.version;
        await saveVectorStore(cacheDir, store);
        this.fileSeenAt = await modifiedAt(path);
      })
      .catch((error: unknown) => this.options.logger.warn('embeddings not saved', { error: String(error) }));
    return this.saving;
  }
}

const modifiedAt = (path: string) => stat(path).then((info) => info.mtimeMs, () => undefined);
