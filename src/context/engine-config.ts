import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../log/logger.js';
import type { BridgeDialect } from './bridge/bridge-routes.js';
import type { TextEmbedder } from './embed/text-embedder.js';

export interface ContextEngineConfig {
  repoRoot: string;
  /** SmartGPT Bridge; without it the embedded retriever works alone. */
  bridge?: { url: string; dialect: BridgeDialect; token?: string | undefined } | undefined;
  /** Fixed context budget in tokens; default min(4096, window/8), at least 1024. */
  budgetTokens?: number | undefined;
  /** One deadline for all retrievers of a request (default 800 ms). */
  deadlineMs?: number | undefined;
  /**
   * How long a request that arrives before the index is ready waits for it before settling for the
   * grep fallback (default 1500 ms; see docs/architecture/context-engine.md for the measurements).
   */
  indexWaitMs?: number | undefined;
  /** Index cache directory; false disables the cache. */
  cacheDir?: string | false | undefined;
  /** false forces the pure-JS term search even when `rg` is installed. */
  useRipgrep?: boolean | undefined;
  logger?: Logger | undefined;
  /** Where session notes go (absolute or repo-relative): never retrieved, nor is the default docs/codex-ctx. */
  logDir?: string | undefined;
  /** Read the index cache but never write it. */
  readOnly?: boolean | undefined;
  /** Ask the bridge to (re)build its symbol table at start; false for one-shot runs (dry runs). */
  indexBridgeSymbols?: boolean | undefined;
  /**
   * A one-shot run (the dry run), where start-up is the whole cost: no tokenizer preload (packing uses
   * the exact counts earlier runs saved beside the index cache, loading the tokenizer only for texts
   * never counted), and no `rg --version` probe unless a search needs ripgrep.
   */
  oneShot?: boolean | undefined;
  /**
   * The user's embedding model (opt-in: `embedModel`), wired in by the CLI from the configured backend.
   * Adds the `embed` source; long-lived processes embed the index's chunks in the background, one-shot
   * runs use the vectors saved beside the index cache. Undefined: nothing is loaded, no job runs.
   */
  embedder?: TextEmbedder | undefined;
  /** Background embedding tuning (tests, benchmarks); see embed/embed-missing-chunks.ts. */
  embedJob?: { batchSize?: number; pauseMs?: number; saveIntervalMs?: number; backoffMs?: number; quietMs?: number } | undefined;
}

export const DEFAULT_DEADLINE_MS = 800;
export const DEFAULT_INDEX_WAIT_MS = 1_500;
const MIN_BUDGET = 1_024;
const MAX_BUDGET = 4_096;

/** Aider-style sizing: an eighth of the window, clamped to 1k–4k; more context is not better. */
export function resolveBudgetTokens(configured: number | undefined, contextWindow: number | undefined): number {
  if (configured !== undefined && configured > 0) return Math.floor(configured);
  if (!contextWindow || contextWindow <= 0) return MAX_BUDGET;
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, Math.floor(contextWindow / 8)));
}

/**
 * `<repo>/node_modules/.cache/codex-ctx` when the repository has node_modules (already ignored
 * everywhere), else `$XDG_CACHE_HOME/codex-ctx/<hash of the repo path>`.
 */
export function resolveCacheDir(repoRoot: string, configured: string | false | undefined): string | undefined {
  if (configured === false) return undefined;
  if (configured) return resolve(configured);
  const root = resolve(repoRoot);
  if (existsSync(join(root, 'node_modules'))) return join(root, 'node_modules', '.cache', 'codex-ctx');
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'codex-ctx', createHash('sha1').update(root).digest('hex').slice(0, 16));
}
