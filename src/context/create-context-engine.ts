import { resolve } from 'node:path';
import { silentLogger } from '../log/logger.js';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { createSecretRedactor } from '../log/redact-secrets.js';
import type { ResponsesRequest } from '../wire/responses-request-schema.js';
import { BridgeClient, type BridgeStatus } from './bridge/bridge-client.js';
import type { AugmentResult, ContextEngine, ContextPack, RequestMeta } from './context-engine.js';
import type { EmbeddingSource, EmbeddingStatus } from './embed/embedding-source.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_INDEX_WAIT_MS, resolveBudgetTokens, resolveCacheDir, type ContextEngineConfig } from './engine-config.js';
import type { RetrievalSources } from './gather-candidates.js';
import { RepoIndex, type RepoIndexStatus } from './index/repo-index.js';
import { deriveConversationTerms } from './query/derive-conversation-terms.js';
import { deriveSearchTerms, hasSearchTerms, type SearchTerms } from './query/derive-search-terms.js';
import { findCompactionSummary, findUserMessages } from './query/find-user-messages.js';
import { isInDirectories, notesDirectories } from './repo/excluded-directories.js';
import { SavedTokenCounts } from './pack/saved-token-counts.js';
import { retrieveContext } from './retrieve-context.js';
import { isRipgrepAvailable } from './search/ripgrep-search.js';
import { insertContextMessages, type ContextInsertion } from './turn/insert-context-messages.js';
import { readTurnMetadata } from './turn/read-turn-metadata.js';
import { hashText, TurnContextCache, type TurnOutcome } from './turn/turn-context-cache.js';

export type { ContextEngineConfig } from './engine-config.js';

export interface ContextEngineStatus {
  repoRoot: string;
  index: RepoIndexStatus;
  ripgrep: 'available' | 'unavailable' | 'disabled' | 'unknown';
  bridge?: BridgeStatus | undefined;
  /** The embedding source, when an embedding model is configured. */
  embeddings?: EmbeddingStatus | undefined;
  /** Configuration problems for the CLI to print (e.g. a rejected bridge token), each once. */
  warnings: string[];
}

export interface CodexCtxContextEngine extends ContextEngine {
  status(): ContextEngineStatus;
  /** Asks the bridge who we are (`/auth/me`): reachable? token accepted? For doctor/preflight. */
  checkBridge(): Promise<BridgeStatus | undefined>;
  /** Resolves when the first index build finished (dry runs and benchmarks wait; the proxy never does). */
  whenIndexed(): Promise<void>;
}

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

const empty = (query: string, budget: number): ContextPack => ({ query, items: [], tokens: { used: 0, budget }, block: '' });

/**
 * The context engine: an embedded index (built in the background), grep, and optionally the SmartGPT
 * Bridge, fused and packed per user turn.
 *
 * Earlier turns: each earlier turn's block is put back after its own user message (while the bounded
 * cache holds it), so the prompt prefix stays byte-identical from turn to turn — prompt caching keeps
 * working — and the model still sees what it cited. The context this adds is counted in the usage
 * Codex sees, so Codex's own auto-compaction bounds it; after a compaction only blocks of turns that
 * came after the summary are put back (the prefix changed there anyway, and the summary replaced what
 * came before). A proxy restart forgets the blocks: the prefix then changes once.
 */
export function createContextEngine(config: ContextEngineConfig): CodexCtxContextEngine {
  const repoRoot = resolve(config.repoRoot);
  const logger = config.logger ?? silentLogger;
  const deadlineMs = config.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const indexWaitMs = config.indexWaitMs ?? DEFAULT_INDEX_WAIT_MS;
  const redact = createSecretRedactor([config.bridge?.token]);
  // Packing needs the tokenizer; loading it now overlaps its ~300 ms with the first index build. A dry
  // run packs with saved counts instead when it can (see pack/saved-token-counts.ts).
  if (!config.oneShot) void loadTokenizer();
  const cacheDir = resolveCacheDir(repoRoot, config.cacheDir);
  let savedTokenCounts: Promise<SavedTokenCounts> | undefined;
  const excludedDirectories = notesDirectories(repoRoot, config.logDir ? [config.logDir] : []);
  const index = new RepoIndex({
    repoRoot,
    cacheDir,
    readOnly: config.readOnly,
    excluded: isInDirectories(excludedDirectories),
    logger,
  });
  void index.start();
  const bridge = config.bridge ? new BridgeClient(config.bridge, { logger }) : undefined;
  const useRipgrep = config.useRipgrep ?? true;
  let ripgrep: ContextEngineStatus['ripgrep'] = useRipgrep ? 'unknown' : 'disabled';
  if (useRipgrep && !config.oneShot) void isRipgrepAvailable().then((available) => (ripgrep = available ? 'available' : 'unavailable'));

  // The bridge's symbol table starts empty: fill it once, in the background, never on a request.
  if (bridge && (config.indexBridgeSymbols ?? !config.readOnly) && bridge.isUsable('symbolsIndex')) {
    void bridge.call<{ indexed?: number }>('symbolsIndex', {}, { deadline: Date.now() + 120_000 }).then((result) => {
      if (result.ok) logger.debug('bridge symbols indexed', { files: result.data.indexed });
    });
  }

  const sources: RetrievalSources = { repoRoot, index, bridge, useRipgrep, logger, excludedDirectories };
  // The embedding source's modules load only when an embedding model is configured (~5 ms of start-up
  // a dry run without one does not pay).
  let embedding: EmbeddingSource | undefined;
  const embedder = config.embedder;
  const embeddingLoaded = embedder
    ? import('./embed/embedding-source.js').then(({ EmbeddingSource }) => {
        sources.embedding = embedding = new EmbeddingSource({
          repoRoot,
          embedder,
          cacheDir,
          readOnly: config.readOnly,
          logger,
          snapshot: () => index.snapshot(),
          whenIndexed: () => index.whenReady(),
          background: !config.oneShot,
          job: config.embedJob,
        });
      })
    : undefined;
  const turns = new TurnContextCache();

  const retrieveTerms = async (terms: SearchTerms, options: { contextWindow?: number | undefined; signal?: AbortSignal | undefined }) => {
    if (embeddingLoaded) await embeddingLoaded;
    embedding?.noteActivity();
    const budgetTokens = resolveBudgetTokens(config.budgetTokens, options.contextWindow);
    if (!hasSearchTerms(terms)) return empty(terms.question, budgetTokens);
    try {
      // Early in a session the index may still be loading or building: a bounded wait for it beats
      // the grep fallback whenever it finishes in time (a reopen always does).
      if (!index.snapshot() && index.status().state !== 'failed') await waitAtMost(index.whenReady(), indexWaitMs);
      const counts = config.oneShot ? await (savedTokenCounts ??= SavedTokenCounts.load(cacheDir)) : undefined;
      const pack = await retrieveContext(terms, sources, { budgetTokens, deadlineMs, redact, signal: options.signal, savedTokenCounts: counts });
      if (counts && !config.readOnly) await counts.save().catch((error: unknown) => logger.debug('token counts not saved', { error: String(error) }));
      return pack;
    } catch (error) {
      logger.warn('context retrieval failed', { error: redact(String(error)) });
      return empty(terms.question, budgetTokens);
    }
  };

  const retrieve: ContextEngine['retrieve'] = (query, options = {}) =>
    retrieveTerms(options.earlierMessages?.length ? deriveConversationTerms([...options.earlierMessages, query]) : deriveSearchTerms(query), options);

  /** `conversation`: the thread's real user messages, oldest first; the last one is the turn's question. */
  const retrieveTurn = async (conversation: readonly string[], contextWindow: number | undefined): Promise<TurnOutcome> => {
    const terms = deriveConversationTerms(conversation);
    if (!hasSearchTerms(terms)) return { skipped: 'no-query' };
    // Pick up the agent's edits for the next turn, without waiting; then embed what changed.
    void index.refresh().then(() => embedding?.indexChanged());
    const pack = await retrieveTerms(terms, { contextWindow });
    return pack.items.length > 0 ? { pack } : { skipped: 'no-hits' };
  };

  const augmentResponsesRequest = async (request: ResponsesRequest, meta: RequestMeta): Promise<AugmentResult> => {
    // Every model request, cached turns included: the background embedding waits while the user works.
    embedding?.noteActivity();
    try {
      const turn = readTurnMetadata(meta.headers, request);
      if (turn.threadSource === 'thread_title') return { request, skipped: 'title-request' };
      if (turn.requestKind === 'compaction') return { request, skipped: 'compaction-request' };
      const messages = findUserMessages(request.input);
      const latest = messages.at(-1);
      if (!latest) return { request, skipped: 'no-query' };

      const thread = turn.threadId ?? '';
      const latestKey = `${thread}|${latest.ordinal}|${hashText(latest.text)}`;
      const turnKey = turn.turnId ? `${latestKey}|${turn.turnId}` : latestKey;
      const pending = turns.resolve(turnKey, () =>
        retrieveTurn(
          messages.map((message) => message.text),
          meta.contextWindow,
        ).then((outcome) => {
          if (outcome.pack) turns.rememberBlock(thread, latest.ordinal, latest.text, outcome.pack);
          return outcome;
        }),
      );
      const outcome = pending instanceof Promise ? await pending : pending;

      const insertions: ContextInsertion[] = [];
      const summary = findCompactionSummary(request.input);
      for (const message of messages.slice(0, -1)) {
        const earlier = message.index > summary ? turns.blockFor(thread, message.ordinal, message.text) : undefined;
        if (earlier) insertions.push({ afterIndex: message.index, block: earlier.block });
      }
      if (outcome.pack) insertions.push({ afterIndex: latest.index, block: outcome.pack.block });
      const augmented = insertContextMessages(request, insertions);
      return outcome.pack ? { request: augmented, context: outcome.pack } : { request: augmented, skipped: outcome.skipped ?? 'no-hits' };
    } catch (error) {
      logger.warn('context augmentation failed', { error: redact(String(error)) });
      return { request, skipped: 'error' };
    }
  };

  return {
    augmentResponsesRequest,
    retrieve,
    status: () => {
      const indexStatus = index.status();
      const warnings = [...(bridge?.warnings ?? [])];
      if (indexStatus.state === 'failed') warnings.push(`The repository index could not be built (${indexStatus.error}); context comes from grep only.`);
      return { repoRoot, index: indexStatus, ripgrep, bridge: bridge?.status(), embeddings: embedding?.status(), warnings };
    },
    checkBridge: async () => {
      if (!bridge) return undefined;
      await bridge.call('authMe', undefined, { deadline: Date.now() + 3_000, method: 'GET' });
      return bridge.status();
    },
    whenIndexed: () => index.whenReady(),
    close: async () => {
      if (embeddingLoaded) await embeddingLoaded;
      await embedding?.close();
      await index.close();
    },
  };
}
