import type { ContextPack } from './context-engine.js';
import { gatherCandidates, type RetrievalSources } from './gather-candidates.js';
import { packContext } from './pack/pack-context.js';
import type { SavedTokenCounts } from './pack/saved-token-counts.js';
import { createRepoFileReader, type RepoFileReader } from './repo/read-text-file.js';
import type { SearchSnapshot } from './index/search-snapshot.js';
import type { SearchTerms } from './query/derive-search-terms.js';
import { followSettingKeys } from './rank/follow-setting-keys.js';
import { fuseHits, type FusedUnit } from './rank/fuse-hits.js';
import { asksForSettings } from './rank/path-priors.js';

export interface RetrieveOptions {
  budgetTokens: number;
  deadlineMs: number;
  redact: (text: string) => string;
  signal?: AbortSignal | undefined;
  /** Exact counts saved by earlier runs, so packing may skip loading the tokenizer (see pack-context.ts). */
  savedTokenCounts?: SavedTokenCounts | undefined;
}

/** Search terms → candidates from every source → one fused ranking (no packing): what the eval measures. */
export async function rankContext(
  terms: SearchTerms,
  sources: RetrievalSources,
  options: { deadlineMs: number; signal?: AbortSignal | undefined; read?: RepoFileReader | undefined },
): Promise<{ units: FusedUnit[]; isAllowed: (path: string) => boolean; snapshot: SearchSnapshot | undefined }> {
  const candidates = await gatherCandidates(terms, sources, options);
  const { snapshot, isAllowed } = candidates;
  let units = fuseHits(candidates.lists, terms, snapshot);
  // A question about configuration gets the value beside the code that reads it.
  if (asksForSettings(terms.question)) units = followSettingKeys(units, { snapshot, read: options.read ?? createRepoFileReader(sources.repoRoot), isAllowed });
  return { units, isAllowed, snapshot };
}

/** Search terms → ranked units → a block packed to the budget. */
export async function retrieveContext(terms: SearchTerms, sources: RetrievalSources, options: RetrieveOptions): Promise<ContextPack> {
  // One reader per retrieval: the files grep scanned are the ones packing quotes, read once.
  const read = createRepoFileReader(sources.repoRoot);
  const { units, isAllowed, snapshot } = await rankContext(terms, sources, { ...options, read });
  return packContext(units, {
    read,
    definitionStarts: (path) => snapshot?.fileOf(path)?.symbols.map((symbol) => symbol.startLine) ?? [],
    repoRoot: sources.repoRoot,
    budgetTokens: options.budgetTokens,
    // The question goes into notes and previews too: a pasted secret is scrubbed there as well.
    query: options.redact(terms.question),
    redact: options.redact,
    isAllowed,
    savedTokenCounts: options.savedTokenCounts,
  });
}
