import type { Logger } from '../log/logger.js';
import type { BridgeClient } from './bridge/bridge-client.js';
import type { EmbeddingSource } from './embed/embedding-source.js';
import { searchBridge } from './bridge/search-bridge.js';
import { rankPaths } from './index/rank-paths.js';
import type { RepoIndex } from './index/repo-index.js';
import type { SearchSnapshot } from './index/search-snapshot.js';
import { definitionNames, type SearchTerms, type WeightedTerm } from './query/derive-search-terms.js';
import { alternationOf } from './query/escape-regex.js';
import { identifierTerms } from './query/text-tokens.js';
import { DEFAULT_NOTES_DIRECTORY, isInDirectories } from './repo/excluded-directories.js';
import type { RepoFileReader } from './repo/read-text-file.js';
import { rankLineMatches } from './rank/rank-line-matches.js';
import type { RankedHits } from './rank/source-hit.js';
import type { LineMatch } from './search/line-match.js';
import { isRipgrepAvailable, ripgrepSearch } from './search/ripgrep-search.js';
import { scanFilesSearch } from './search/scan-files-search.js';

export interface RetrievalSources {
  repoRoot: string;
  index: RepoIndex;
  bridge?: BridgeClient | undefined;
  /** false: always the pure-JS search (tests, machines where rg misbehaves). */
  useRipgrep: boolean;
  logger: Logger;
  /** Directories no source may quote (codex-ctx's notes); default: docs/codex-ctx. */
  excludedDirectories?: readonly string[] | undefined;
  /** The opt-in embedding source (an embedding model configured): the `local-embed` list. */
  embedding?: EmbeddingSource | undefined;
}

export interface Candidates {
  lists: RankedHits[];
  snapshot: SearchSnapshot | undefined;
  /** Paths retrieval may quote (the index's files, else the git file list). */
  isAllowed: (path: string) => boolean;
}

const MAX_GREP_KEYWORDS = 6;
const MAX_GREP_IDENTIFIERS = 4;
// Files the pure-JS search reads when the index can narrow them down.
const MAX_SCANNED_FILES = 60;

/**
 * What to grep for: identifiers as written, then the rarest plain words (by the index's chunk
 * frequencies when it is ready, by length before that). Common words only add noise to a grep.
 */
export function chooseGrepTerms(terms: SearchTerms, snapshot: SearchSnapshot | undefined): string[] {
  const identifiers = terms.identifiers.filter((identifier) => /^[\w$][\w$-]*$/.test(identifier)).slice(0, MAX_GREP_IDENTIFIERS);
  const keywords = terms.keywords.map((word) => (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
  const rarity = (word: string) => (snapshot ? snapshot.chunkFrequency(word) : 1 / word.length);
  const ranked = [...new Set(keywords)]
    .filter((word) => word.length >= 3 && (!snapshot || snapshot.chunkFrequency(word) < 0.2))
    .sort((a, b) => rarity(a) - rarity(b))
    .slice(0, MAX_GREP_KEYWORDS);
  // Literals only exist when the message has no words: then they are the whole query.
  return [...new Set([...identifiers, ...ranked, ...terms.literals])];
}

function withDeadline<T>(promise: Promise<T>, deadline: number, fallback: T): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve(fallback);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), remaining);
  });
  return Promise.race([promise.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}

async function localGrep(
  sources: RetrievalSources,
  read: RepoFileReader | undefined,
  grepTerms: string[],
  snapshot: SearchSnapshot | undefined,
  isAllowed: (path: string) => boolean,
  allPaths: readonly string[],
  signal: AbortSignal,
): Promise<LineMatch[]> {
  const pattern = alternationOf(grepTerms);
  // The index knows every ASCII word of every file: when it is ready and the terms are words, the
  // files it names are all grep could find (none: nothing to grep). Numbers, flags, punctuation and
  // other scripts need a real grep over the repository.
  const indexable = grepTerms.every((term) => /^[A-Za-z_$][\w$]*$/.test(term));
  const narrowed = indexable ? snapshot?.filesContaining(grepTerms.flatMap((term) => stemsOf(term)), MAX_SCANNED_FILES) : undefined;
  if (narrowed?.length === 0) return [];
  // With the index ready only a few hundred files can match, and reading those (already in the page
  // cache) costs less than starting a process; ripgrep does the repository-wide search before that.
  if (narrowed) return scanFilesSearch({ repoRoot: sources.repoRoot, pattern, signal, isAllowed, paths: narrowed, read });
  if (sources.useRipgrep && (await isRipgrepAvailable())) {
    return ripgrepSearch({ repoRoot: sources.repoRoot, pattern, signal, isAllowed, excludedDirectories: sources.excludedDirectories ?? [DEFAULT_NOTES_DIRECTORY] });
  }
  return scanFilesSearch({ repoRoot: sources.repoRoot, pattern, signal, isAllowed, paths: allPaths });
}

// A user's word in more than 1 % of the chunks is a word this code uses itself: no translation needed.
const MAX_TRANSLATED_WORD_FREQUENCY = 0.01;

/**
 * Code words from the everyday-words table only help where the repository does not speak the user's
 * word: "shrink" → `compress` in a codebase that never says shrink. Where it does (a `cut` command, a
 * `pieces` module), the translations only pull in unrelated code, so they are dropped.
 */
function dropNeedlessTranslations(terms: readonly WeightedTerm[], snapshot: SearchSnapshot): WeightedTerm[] {
  return terms.filter((term) => !term.translates || snapshot.chunkFrequency(term.translates) <= MAX_TRANSLATED_WORD_FREQUENCY);
}

function stemsOf(term: string): string[] {
  return [term.toLowerCase(), ...identifierTerms(term)];
}

/**
 * Runs every retriever at once (index BM25, index symbols, grep, and the bridge's three routes) under
 * one deadline; whatever has not answered by then is left out. A request that arrives before the
 * index is ready gets grep (and the bridge) only.
 */
export async function gatherCandidates(
  terms: SearchTerms,
  sources: RetrievalSources,
  options: { deadlineMs: number; signal?: AbortSignal | undefined; read?: RepoFileReader | undefined },
): Promise<Candidates> {
  const deadline = Date.now() + options.deadlineMs;
  const abort = new AbortController();
  // Stop local searches a little before the deadline so what they found so far still makes it.
  const timer = setTimeout(() => abort.abort(), Math.max(0, options.deadlineMs - 25));
  const onCallerAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    const snapshot = sources.index.snapshot();
    const grepTerms = chooseGrepTerms(terms, snapshot);
    const lists: Array<Promise<RankedHits | RankedHits[] | undefined>> = [];
    // Network first, so the bridge works while the local sources run.
    if (sources.bridge) lists.push(searchBridge(sources.bridge, terms, { deadline, grepTerms }));
    // The question embedded by the user's model and ranked by cosine: what meets a paraphrase that shares no word.
    if (snapshot && sources.embedding) lists.push(sources.embedding.rank(terms.question, snapshot, abort.signal));

    const list = await withDeadline(sources.index.listFiles(), deadline, undefined);
    // Only needed before the index is ready (a set of 10k paths per request cost ~3 ms otherwise).
    const listed = list && !snapshot ? new Set(list.paths) : undefined;
    // Both sets were built from already-filtered listings (no secret, ignored, binary or huge files).
    // The notes check is repeated here because the bridge indexes the repository on its own.
    const isExcluded = isInDirectories(sources.excludedDirectories ?? [DEFAULT_NOTES_DIRECTORY]);
    const isAllowed = (path: string) => !isExcluded(path) && (snapshot ? snapshot.hasFile(path) : listed ? listed.has(path) : false);
    if (grepTerms.length > 0 && (snapshot || listed)) {
      lists.push(
        localGrep(sources, options.read, grepTerms, snapshot, isAllowed, list?.paths ?? [], abort.signal).then((matches) => ({
          id: 'local-grep',
          source: 'grep' as const,
          hits: rankLineMatches(matches, grepTerms, terms.identifiers),
        })),
      );
    }

    if (snapshot) {
      const rankTerms = dropNeedlessTranslations(terms.terms, snapshot);
      const chunks = snapshot.rankChunks(rankTerms, 60);
      lists.push(
        Promise.resolve({
          id: 'local-bm25',
          source: 'index',
          hits: chunks.map((chunk) => ({ path: chunk.path, startLine: chunk.startLine, endLine: chunk.endLine, definition: chunk.symbol?.name })),
        }),
      );
      // File-level lists: whole-file BM25 as a prior, and files the question names. A file's place is
      // its best chunk (or its start).
      const bestChunk = new Map<string, (typeof chunks)[number]>();
      for (const chunk of chunks) if (!bestChunk.has(chunk.path)) bestChunk.set(chunk.path, chunk);
      const fileList = (id: string, files: Array<{ path: string }>): RankedHits => ({
        id,
        source: 'index',
        fileLevel: true,
        hits: files.map(({ path }) => {
          const chunk = bestChunk.get(path) ?? snapshot.chunkAt(path, 1);
          return { path, startLine: chunk?.startLine ?? 1, endLine: chunk?.endLine ?? 1, definition: chunk?.symbol?.name };
        }),
      });
      lists.push(Promise.resolve(fileList('local-file', snapshot.rankFiles(rankTerms, 30))));
      lists.push(Promise.resolve(fileList('local-path', rankPaths(snapshot, terms.terms, 20))));
      lists.push(
        Promise.resolve({
          id: 'local-symbol',
          source: 'index',
          hits: snapshot
            .findSymbols(definitionNames(terms), rankTerms, 30)
            .map(({ path, symbol, exact }) => ({ path, startLine: symbol.startLine, endLine: symbol.endLine, definition: symbol.name, exact })),
        }),
      );
    }

    const settled = await Promise.all(lists.map((promise) => withDeadline(promise, deadline, undefined)));
    const ranked = settled
      .flat()
      .filter((entry): entry is RankedHits => entry !== undefined)
      // Every source's hits pass the same gate: no secret-named, ignored or unknown file gets through.
      .map((entry) => ({ ...entry, hits: entry.hits.filter((hit) => isAllowed(hit.path)) }));
    return { lists: ranked, snapshot, isAllowed };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
