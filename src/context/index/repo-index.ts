import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../log/logger.js';
import { silentLogger } from '../../log/logger.js';
import { listRepoFiles, type RepoFileList } from '../repo/list-repo-files.js';
import { DEFAULT_NOTES_DIRECTORY, isInDirectories } from '../repo/excluded-directories.js';
import { MAX_FILE_BYTES } from '../repo/read-text-file.js';
import type { IndexedFile } from './analyze-file.js';
import { analyzeJob, blobHash, type AnalyzeJob, type AnalyzeOutcome } from './analyze-files.js';
import { analyzeInWorkers, defaultWorkerCount } from './analyze-in-workers.js';
import { TermDictionary } from './term-dictionary.js';
import { loadIndexCache, saveIndexCache } from './index-cache.js';
import { SearchSnapshot, type SnapshotTables } from './search-snapshot.js';

export interface RepoIndexOptions {
  repoRoot: string;
  /** Where the on-disk cache lives; undefined disables it. */
  cacheDir?: string | undefined;
  /** Repo-relative paths never indexed nor listed (default: codex-ctx's notes in docs/codex-ctx). */
  excluded?: ((path: string) => boolean) | undefined;
  /** Read the cache but never write it. */
  readOnly?: boolean | undefined;
  logger?: Logger | undefined;
  /** A refresh within this many ms of the previous one is skipped. */
  refreshIntervalMs?: number | undefined;
  /** Worker threads for analysis (default: cores, at most 4); 0 analyses in-process. */
  workers?: number | undefined;
  /** Fewer files than this are analysed in-process (a worker's start-up would cost more). */
  workerThreshold?: number | undefined;
}

export type IndexState = 'idle' | 'building' | 'ready' | 'failed';

export interface RepoIndexStatus {
  state: IndexState;
  files: number;
  symbols: number;
  chunks: number;
  /** Files analysed by the last build (the rest came from the cache or the previous build unchanged). */
  filesAnalyzed: number;
  filesReused: number;
  /** Files the last build had to read (a file git knows unchanged by its blob id is not read). */
  filesRead: number;
  buildMs?: number | undefined;
  listMethod?: RepoFileList['method'] | undefined;
  /** While building: files analysed so far of those that need it (for a progress line). */
  progress?: { done: number; total: number } | undefined;
  /** Where the last build analysed files: worker threads, or the main thread in slices. */
  analyzedOn?: 'workers' | 'main-thread' | undefined;
  error?: string | undefined;
}

// Starting workers costs ~300 ms (each loads the analysers); below this many files the main thread,
// in slices, finishes first (319 files: 180 ms in-process vs 530 ms on workers).
const WORKER_THRESHOLD = 1500;
const SAVE_INTERVAL_MS = 60_000;
// The builder does synchronous work in slices this long, then lets requests run.
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pause point for long synchronous loops: yields once the current slice has run for SLICE_MS. */
function createSlicer(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
}

/**
 * The embedded symbol and term index of one repository. Built in the background; until it is ready
 * queries see no snapshot and retrieval uses the file list and grep only. Refreshes re-read only
 * files whose size or mtime changed (and re-analyse only those whose content hash changed).
 */
export class RepoIndex {
  private readonly logger: Logger;
  private readonly dictionary = new TermDictionary();
  private current: SearchSnapshot | undefined;
  private fileList: Promise<RepoFileList> | undefined;
  private building: Promise<void> | undefined;
  private lastBuildStarted = 0;
  private inProgress = false;
  private closed = false;
  private saving: Promise<void> = Promise.resolve();
  private lastSaved = 0;
  /** Puts the files' term pairs back (released after each build; unfilled from the cache, see loadIndexCache). */
  private fillCachedTermPairs: (() => void) | undefined;
  private analyzedOn: RepoIndexStatus['analyzedOn'];
  private readonly pause = createSlicer();
  private progress: { done: number; total: number } | undefined;
  private info: RepoIndexStatus = { state: 'idle', files: 0, symbols: 0, chunks: 0, filesAnalyzed: 0, filesReused: 0, filesRead: 0 };

  constructor(private readonly options: RepoIndexOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Starts the background build (once). */
  start(): Promise<void> {
    this.building ??= this.build(true);
    return this.building;
  }

  /** Resolves when the first build finished (successfully or not). */
  whenReady(): Promise<void> {
    return this.start();
  }

  /** The current file list (listing starts the build if needed). */
  listFiles(): Promise<RepoFileList> {
    void this.start();
    return this.listing();
  }

  /** The file list, asked of git once per build (shared with `listFiles`). */
  private listing(): Promise<RepoFileList> {
    this.fileList ??= listRepoFiles(this.options.repoRoot, { excluded: this.options.excluded ?? isInDirectories([DEFAULT_NOTES_DIRECTORY]) });
    return this.fileList;
  }

  snapshot(): SearchSnapshot | undefined {
    return this.current;
  }

  status(): RepoIndexStatus {
    return this.info.state === 'building' && this.progress ? { ...this.info, progress: { ...this.progress } } : { ...this.info };
  }

  /** Picks up edits made since the last build, in the background; coalesced and rate-limited. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.building && this.inProgress) return this.building;
    if (Date.now() - this.lastBuildStarted < (this.options.refreshIntervalMs ?? 2_000)) return this.building ?? Promise.resolve();
    this.fileList = undefined;
    this.building = this.build(false);
    return this.building;
  }

  /** Stops building; resolves when a pending cache write has finished. */
  close(): Promise<void> {
    this.closed = true;
    return this.saving;
  }

  private async build(initial: boolean): Promise<void> {
    this.lastBuildStarted = Date.now();
    this.inProgress = true;
    const started = performance.now();
    // A refresh keeps the state 'ready': the previous snapshot serves until the new one replaces it.
    if (!this.current) this.info = { ...this.info, state: 'building' };
    try {
      const previous = new Map<string, IndexedFile>();
      let savedTables: SnapshotTables | undefined;
      // git lists the files in its own processes while this one reads the cache (`ls-files -o` walks
      // the work tree: the slowest step of a reopen when run after the cache load, ~100 ms at 2.5k files).
      void this.listing();
      if (initial && this.options.cacheDir) {
        const cached = await loadIndexCache(this.options.cacheDir);
        if (cached) {
          savedTables = cached.tables;
          this.fillCachedTermPairs = cached.fillTermPairs;
          // Cached term ids are only meaningful with the cached dictionary, so adopt it first.
          this.dictionary.adopt(cached.terms, cached.sortedTermIds);
          for (const file of cached.files) previous.set(file.path, file);
        }
      } else {
        // Before any file is copied below: the copies must carry the real pairs, not the released ones.
        this.fillCachedTermPairs?.();
        for (const file of this.current?.files ?? []) previous.set(file.path, file);
      }

      const list = await this.listing();

      // A tracked, unmodified file whose blob was analysed before stands as it is (not even stat-ed:
      // a checkout or a fresh clone changes mtimes, not content). Everything else: unchanged size
      // and mtime means the previous analysis stands.
      const jobs: AnalyzeJob[] = [];
      const kept = new Map<string, IndexedFile>();
      let restamped = 0;
      for (const path of list.paths) {
        if (this.closed) return;
        await this.pause();
        const blob = list.blobs?.get(path);
        const known = blob === undefined ? undefined : previous.get(path);
        if (known && known.hash === blobHash(blob ?? '')) {
          kept.set(path, known);
          continue;
        }
        let info;
        try {
          info = lstatSync(join(this.options.repoRoot, path));
        } catch {
          continue;
        }
        // Symbolic links are not followed (they can point outside the repository); huge files are data.
        if (!info.isFile() || info.size > MAX_FILE_BYTES) continue;
        const before = previous.get(path);
        // Unchanged, and git knows this content by its blob id: remember that for the next reopen.
        if (before && before.size === info.size && before.mtimeMs === info.mtimeMs) {
          const hash = blob === undefined ? before.hash : blobHash(blob);
          if (hash !== before.hash) restamped++;
          kept.set(path, hash === before.hash ? before : { ...before, hash });
        }
        else jobs.push({ path, size: info.size, mtimeMs: info.mtimeMs, previousHash: before?.hash, hash: blob === undefined ? undefined : blobHash(blob) });
      }

      let analyzed = 0;
      for (const outcome of await this.analyze(jobs)) {
        const before = previous.get(outcome.path);
        if (outcome.status === 'analyzed') {
          kept.set(outcome.path, outcome.file);
          analyzed++;
        } else if (outcome.status === 'unchanged' && before) {
          kept.set(outcome.path, { ...before, size: outcome.size, mtimeMs: outcome.mtimeMs });
        }
      }
      if (this.closed) return;
      const files = list.paths.flatMap((path) => kept.get(path) ?? []);
      const reused = files.length - analyzed;
      // Anything analysed, re-stamped or gone means the snapshot (and the cache) must be rebuilt.
      const changed = !initial || previous.size === 0 || jobs.length > 0 || reused !== previous.size;

      // Unchanged since the cache was written: its term tables are this snapshot's, no need to derive them.
      if (changed || !this.current) {
        // Deriving the tables reads every file's term pairs: the cached files' pairs must be real by then.
        if (changed || !savedTables) this.fillCachedTermPairs?.();
        this.current = await SearchSnapshot.build(files, this.dictionary, this.pause, changed ? undefined : savedTables);
      }
      this.dictionary.releaseBuildCache();
      // The postings now hold the term pairs transposed: keep one copy (and drop the cache's buffer).
      this.fillCachedTermPairs = this.current.releaseTermPairs();
      this.info = {
        state: 'ready',
        files: files.length,
        symbols: this.current.symbolCount,
        chunks: this.current.chunkCount,
        filesAnalyzed: analyzed,
        filesReused: reused,
        filesRead: jobs.filter((job) => job.hash === undefined || job.hash !== job.previousHash).length,
        buildMs: Math.round(performance.now() - started),
        listMethod: list.method,
        analyzedOn: jobs.length > 0 ? this.analyzedOn : undefined,
      };
      this.logger.debug('context index ready', { ...this.info });
      const cacheDir = this.options.cacheDir;
      // Written after the index is usable, one write at a time; after a refresh at most once a minute
      // (files edited since are simply re-read at the next start).
      const due = initial || Date.now() - this.lastSaved > SAVE_INTERVAL_MS;
      if ((changed || restamped > 0) && due && cacheDir && !this.options.readOnly) {
        this.lastSaved = Date.now();
        const terms = [...this.dictionary.terms];
        const tables = this.current.tables();
        this.saving = this.saving
          .then(() => saveIndexCache(cacheDir, terms, files, this.pause, { ...tables, sortedTermIds: this.dictionary.sortedTermIds() }))
          .catch((error: unknown) => this.logger.warn('context index cache not written', { error: String(error) }));
      }
    } catch (error) {
      if (!this.current) this.info = { ...this.info, state: 'failed', error: String(error) };
      this.logger.warn('context index build failed', { error: String(error) });
    } finally {
      this.inProgress = false;
    }
  }

  /** Workers for a real amount of work; in-process (in slices) for a handful of files or if workers fail. */
  private async analyze(jobs: readonly AnalyzeJob[]): Promise<AnalyzeOutcome[]> {
    const workers = this.options.workers ?? defaultWorkerCount();
    if (workers > 0 && jobs.length >= (this.options.workerThreshold ?? WORKER_THRESHOLD)) {
      try {
        const outcomes = await analyzeInWorkers(this.options.repoRoot, jobs, this.dictionary, { workers, isCancelled: () => this.closed });
        this.analyzedOn = 'workers';
        return outcomes;
      } catch (error) {
        this.logger.warn('context index workers failed; indexing in-process', { error: String(error) });
      }
    }
    this.analyzedOn = 'main-thread';
    const outcomes: AnalyzeOutcome[] = [];
    this.progress = { done: 0, total: jobs.length };
    for (const job of jobs) {
      if (this.closed) break;
      await this.pause();
      outcomes.push(analyzeJob(this.options.repoRoot, job, this.dictionary));
      this.progress.done++;
    }
    return outcomes;
  }
}
