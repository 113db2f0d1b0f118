import { countTokens, loadTokenizer } from '../../tokens/tokenizer.js';
import type { ContextItem, ContextPack } from '../context-engine.js';
import type { FusedUnit } from '../rank/fuse-hits.js';
import { isRetrievablePath } from '../repo/is-retrievable-path.js';
import { createRepoFileReader, type RepoFileReader } from '../repo/read-text-file.js';
import type { SavedTokenCounts } from './saved-token-counts.js';
import { cutStartFor, skipImports } from './snippet-boundaries.js';
import { CONTEXT_BLOCK_FOOTER, CONTEXT_BLOCK_HEADER, formatContextBlock, formatContextItem } from './format-context-block.js';

export interface PackOptions {
  repoRoot: string;
  budgetTokens: number;
  query: string;
  /** Applied to every snippet (secret-shaped strings, the bridge token). */
  redact: (text: string) => string;
  /** Final gate on paths (ignored files, files not in the repository). */
  isAllowed?: ((path: string) => boolean) | undefined;
  /** Start lines of a file's definitions (from the index), where a long unit may be cut. */
  definitionStarts?: ((path: string) => readonly number[]) | undefined;
  /** Reads files (shared with the grep of the same retrieval, so each file is read once). */
  read?: RepoFileReader | undefined;
  /**
   * Counts measured in earlier runs: packing first tries with these alone and loads the tokenizer
   * only when a text was never counted (then it counts everything exactly and saves the new counts).
   */
  savedTokenCounts?: SavedTokenCounts | undefined;
}

/** A text whose count was never saved: the pass without the tokenizer gives up. */
class CountNotSaved extends Error {}

/** One snippet longer than this is cut around its focus: several places beat one long one. */
const MAX_ITEM_LINES = 80;
/** Overlapping or adjacent snippets of a file merge unless the result gets longer than this. */
const MAX_MERGED_LINES = 140;
/** Below this, a partial snippet is not worth its header. */
const MIN_USEFUL_TOKENS = 120;
const MAX_CANDIDATES = 40;
const MAX_ITEMS = 12;

interface Draft {
  path: string;
  startLine: number;
  endLine: number;
  source: ContextItem['source'];
  score: number;
}

function focusRange(unit: FusedUnit, lines: readonly string[], lineCount: number, definitionStarts: readonly number[]): { startLine: number; endLine: number } {
  const endLine = Math.min(lineCount, Math.max(unit.startLine, unit.endLine));
  let startLine = skipImports(lines, Math.max(1, unit.startLine), endLine);
  if (startLine > endLine) return { startLine, endLine }; // nothing but imports
  if (endLine - startLine + 1 > MAX_ITEM_LINES) {
    const focus = unit.focusLine !== undefined && unit.focusLine >= startLine && unit.focusLine <= endLine ? unit.focusLine : startLine;
    startLine = cutStartFor(lines, startLine, focus, definitionStarts);
    return { startLine, endLine: Math.min(endLine, startLine + MAX_ITEM_LINES - 1) };
  }
  return { startLine, endLine };
}

/**
 * Greedy packing in rank order to a token budget (counted with the GPT tokenizer on the exact text
 * injected, or the saved exact counts of the same texts): reads each file fresh, cuts long units around their focus, merges overlapping snippets
 * of one file, drops duplicates, and trims the last snippet that does not fit whole.
 */
export async function packContext(units: readonly FusedUnit[], options: PackOptions): Promise<ContextPack> {
  const saved = options.savedTokenCounts;
  if (saved) {
    const savedOnly = (text: string) => {
      const count = saved.get(text);
      if (count === undefined) throw new CountNotSaved();
      return count;
    };
    try {
      return await packWith(units, options, savedOnly);
    } catch (error) {
      if (!(error instanceof CountNotSaved)) throw error;
    }
  }
  await loadTokenizer();
  const counted = (text: string) => {
    const count = countTokens(text);
    saved?.set(text, count);
    return count;
  };
  return packWith(units, options, counted);
}

async function packWith(units: readonly FusedUnit[], options: PackOptions, countTokens: (text: string) => number): Promise<ContextPack> {
  const candidates: FusedUnit[] = [];
  for (const unit of units) {
    if (candidates.length >= MAX_CANDIDATES) break;
    if (isRetrievablePath(unit.path) && (options.isAllowed?.(unit.path) ?? true)) candidates.push(unit);
  }
  const read = options.read ?? createRepoFileReader(options.repoRoot);
  const files = new Map<string, string[] | undefined>();
  const linesOf = (path: string) => {
    if (!files.has(path)) files.set(path, read(path)?.text.replace(/\r\n/g, '\n').split('\n'));
    return files.get(path);
  };

  const frame = countTokens(CONTEXT_BLOCK_HEADER + CONTEXT_BLOCK_FOOTER);
  const drafts: Draft[] = [];
  const tokensOf = new Map<Draft, number>();
  const textOf = async (draft: Draft) => {
    const lines = (linesOf(draft.path)) ?? [];
    return options.redact(lines.slice(draft.startLine - 1, draft.endLine).join('\n'));
  };
  // Packing measures many candidate ranges (merges, trimming by bisection): count each line once and
  // add up; the finished block is counted exactly below. (Per-range tokenizing was ~1/5 of a warm
  // retrieval on the 10k-file benchmark.)
  const lineTokens = new Map<string, Int32Array>();
  const tokensOfLines = (path: string, startLine: number, endLine: number) => {
    const lines = linesOf(path) ?? [];
    let counts = lineTokens.get(path);
    if (!counts) lineTokens.set(path, (counts = new Int32Array(lines.length).fill(-1)));
    let total = 0;
    for (let line = startLine; line <= endLine; line++) {
      if ((counts[line - 1] ?? 0) < 0) counts[line - 1] = countTokens(`${options.redact(lines[line - 1] ?? '')}\n`);
      total += counts[line - 1] ?? 0;
    }
    return total;
  };
  const measure = async (draft: Draft, number: number) =>
    countTokens(formatContextItem(number, { ...draft, text: '' })) + tokensOfLines(draft.path, draft.startLine, draft.endLine);
  const used = () => frame + [...tokensOf.values()].reduce((total, tokens) => total + tokens, 0);

  let misses = 0;
  for (const unit of candidates) {
    if (drafts.length >= MAX_ITEMS || misses >= 3) break;
    const lines = linesOf(unit.path);
    if (!lines || lines.length === 0) continue;
    const lineCount = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    const range = focusRange(unit, lines, lineCount, options.definitionStarts?.(unit.path) ?? []);
    if (range.startLine > range.endLine) continue; // an import block alone helps nobody
    // Generated or data files can have enormous lines: shrink by characters before counting tokens.
    const characterLimit = options.budgetTokens * 6;
    const lengthOf = (end: number) => lines.slice(range.startLine - 1, end).reduce((total, line) => total + line.length + 1, 0);
    while (range.endLine > range.startLine && lengthOf(range.endLine) > characterLimit) range.endLine--;
    if (range.endLine < range.startLine || lengthOf(range.endLine) > characterLimit) continue;

    const overlapping = drafts.find(
      (draft) => draft.path === unit.path && range.startLine <= draft.endLine + 2 && range.endLine >= draft.startLine - 2,
    );
    if (overlapping) {
      const startLine = Math.min(overlapping.startLine, range.startLine);
      const endLine = Math.max(overlapping.endLine, range.endLine);
      if (startLine === overlapping.startLine && endLine === overlapping.endLine) continue; // duplicate
      if (endLine - startLine + 1 > MAX_MERGED_LINES) continue;
      const merged = { ...overlapping, startLine, endLine };
      const tokens = await measure(merged, drafts.indexOf(overlapping) + 1);
      if (used() - (tokensOf.get(overlapping) ?? 0) + tokens > options.budgetTokens) {
        misses++;
        continue;
      }
      tokensOf.delete(overlapping);
      drafts[drafts.indexOf(overlapping)] = merged;
      tokensOf.set(merged, tokens);
      continue;
    }

    const draft: Draft = { path: unit.path, ...range, source: unit.source, score: unit.score };
    const number = drafts.length + 1;
    let tokens = await measure(draft, number);
    const remaining = options.budgetTokens - used();
    if (tokens > remaining) {
      if (remaining < MIN_USEFUL_TOKENS) {
        misses++;
        continue;
      }
      // Trim from the end to the longest prefix that fits.
      let low = draft.startLine;
      let high = draft.endLine - 1;
      let best = -1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const size = await measure({ ...draft, endLine: middle }, number);
        if (size <= remaining) {
          best = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      if (best < draft.startLine) {
        misses++;
        continue;
      }
      draft.endLine = best;
      tokens = await measure(draft, number);
    }
    drafts.push(draft);
    tokensOf.set(draft, tokens);
  }

  const items: ContextItem[] = [];
  for (const [index, draft] of drafts.entries()) {
    const text = await textOf(draft);
    items.push({ ...draft, text, tokens: countTokens(formatContextItem(index + 1, { ...draft, text })) });
  }
  // Token counts of parts can differ from the whole by a boundary token; the whole is what counts.
  let block = items.length > 0 ? formatContextBlock(items) : '';
  let total = block ? countTokens(block) : 0;
  while (items.length > 0 && total > options.budgetTokens) {
    items.pop();
    block = items.length > 0 ? formatContextBlock(items) : '';
    total = block ? countTokens(block) : 0;
  }
  return { query: options.query, items, tokens: { used: total, budget: options.budgetTokens }, block };
}
