import type { ContextSource } from '../context-engine.js';
import type { SearchSnapshot } from '../index/search-snapshot.js';
import type { SearchTerms } from '../query/derive-search-terms.js';
import { segmentStems } from '../query/text-tokens.js';
import { collapseDuplicateFiles } from './collapse-duplicate-files.js';
import { pathPrior, queryIntentOf } from './path-priors.js';
import type { RankedHits, SourceHit } from './source-hit.js';

/** A place in the code after fusion: one definition (or window), scored across all sources. */
export interface FusedUnit {
  path: string;
  startLine: number;
  endLine: number;
  /** A line the hits pointed at (grep): long units are cut around it. */
  focusLine?: number | undefined;
  score: number;
  /** The source that contributed most. */
  source: ContextSource;
  /** Set when the unit is a definition. */
  definition?: string | undefined;
}

/** Reciprocal-rank fusion constant: small, so the first few places of each list dominate. */
const RRF_K = 10;

/**
 * How much each retriever's ranking counts (by list id). Whole-file BM25 counts most: a file that
 * matches the question as a whole must not be lost because no single chunk of it scores high (plain
 * whole-file BM25 beat the chunk-led ranking on unseen questions). Local grep counts least: it finds
 * the same words as the index, line by line, and mostly adds noise once the index is ready.
 */
const LIST_WEIGHTS: Record<string, number> = {
  'local-bm25': 1,
  'local-file': 2.5,
  'local-symbol': 0.9,
  'local-grep': 0.3,
  'local-path': 1,
  'bridge-semantic': 1,
  'local-embed': 1,
  'bridge-grep': 0.5,
  'bridge-symbol': 0.8,
};

const WINDOW_BUCKET = 40;
const EXTRA_CHUNK_DISCOUNT = 0.7;

interface UnitDraft extends FusedUnit {
  contributions: Map<ContextSource, number>;
  lists: Set<string>;
  exact: boolean;
  symbolHit: boolean;
}

function resolveUnit(hit: SourceHit, snapshot: SearchSnapshot | undefined): { key: string; startLine: number; endLine: number; definition?: string | undefined } {
  const anchor = hit.line ?? hit.startLine;
  const chunk = snapshot?.chunkAt(hit.path, anchor);
  if (chunk && chunk.endLine >= anchor - 1) {
    // A long range (a semantic chunk) belongs to the unit it overlaps most.
    let best = chunk;
    if (hit.line === undefined && hit.endLine - hit.startLine > 10) {
      const middle = snapshot?.chunkAt(hit.path, Math.floor((hit.startLine + hit.endLine) / 2));
      const overlap = (c: { startLine: number; endLine: number }) => Math.min(c.endLine, hit.endLine) - Math.max(c.startLine, hit.startLine);
      if (middle && overlap(middle) > overlap(best)) best = middle;
    }
    return { key: `${hit.path}:${best.startLine}`, startLine: best.startLine, endLine: best.endLine, definition: best.symbol?.name };
  }
  // Not indexed (yet): a window around the hit.
  const startLine = hit.line !== undefined ? Math.max(1, hit.line - 6) : hit.startLine;
  const endLine = hit.line !== undefined ? hit.line + 12 : hit.endLine;
  return { key: `${hit.path}:w${Math.floor(anchor / WINDOW_BUCKET)}`, startLine, endLine, definition: hit.definition };
}

function pathStems(path: string): Set<string> {
  const stems = new Set<string>();
  for (const segment of path.replace(/\.[a-z0-9]+$/i, '').split('/')) for (const stem of segmentStems(segment)) stems.add(stem);
  return stems;
}

/**
 * Merges every retriever's ranking into one list of units with weighted reciprocal-rank fusion, then
 * boosts definitions of what the query names, files whose path matches the query, and files the user
 * mentioned; tests are demoted unless the question is about tests.
 */
export function fuseHits(lists: readonly RankedHits[], terms: SearchTerms, snapshot: SearchSnapshot | undefined): FusedUnit[] {
  const units = new Map<string, UnitDraft>();
  // A file-level hit credits all of its file's units: found by path, not by scanning every unit.
  const unitsByPath = new Map<string, UnitDraft[]>();
  // Place-level lists first, so file-level priors can credit the units they created.
  const ordered = [...lists.filter((list) => !list.fileLevel), ...lists.filter((list) => list.fileLevel)];
  for (const list of ordered) {
    const weight = LIST_WEIGHTS[list.id] ?? 0.5;
    list.hits.forEach((hit, rank) => {
      const resolved = resolveUnit(hit, snapshot);
      let unit = units.get(resolved.key);
      if (!unit) {
        unit = {
          path: hit.path,
          startLine: resolved.startLine,
          endLine: resolved.endLine,
          focusLine: hit.line,
          score: 0,
          source: list.source,
          definition: resolved.definition,
          contributions: new Map(),
          lists: new Set(),
          exact: false,
          symbolHit: false,
        };
        units.set(resolved.key, unit);
        const siblings = unitsByPath.get(hit.path);
        if (siblings) siblings.push(unit);
        else unitsByPath.set(hit.path, [unit]);
      } else if (!snapshot?.hasFile(hit.path)) {
        unit.startLine = Math.min(unit.startLine, resolved.startLine);
        unit.endLine = Math.max(unit.endLine, resolved.endLine);
      }
      unit.focusLine ??= hit.line;
      if (hit.definition) {
        unit.symbolHit = true;
        unit.exact ||= hit.exact === true;
      }
      const contribution = weight / (RRF_K + rank + 1);
      const credited = list.fileLevel ? (unitsByPath.get(hit.path) ?? []) : [unit];
      for (const target of credited) {
        if (target.lists.has(list.id)) continue; // a list counts once per unit, at its best rank
        target.lists.add(list.id);
        target.score += contribution;
        target.contributions.set(list.source, (target.contributions.get(list.source) ?? 0) + contribution);
      }
    });
  }

  // The user's words (a follow-up's earlier messages included), not synonyms.
  const queryStems = new Set(terms.terms.filter((term) => term.weight >= 0.5).map((term) => term.term));
  const intent = queryIntentOf(terms.question, queryStems);
  const mentioned = terms.paths.map((path) => path.replace(/^\.\//, ''));
  const stemsByPath = new Map<string, Set<string>>();
  // Per path, not per unit: a file's chunks share its prior (a dozen regexes each).
  const priorByPath = new Map<string, number>();

  const fused: FusedUnit[] = [];
  for (const unit of units.values()) {
    let boost = 1;
    let stems = stemsByPath.get(unit.path);
    if (!stems) stemsByPath.set(unit.path, (stems = pathStems(unit.path)));
    let pathMatches = 0;
    for (const stem of stems) if (queryStems.has(stem)) pathMatches++;
    boost *= 1 + 0.25 * Math.min(pathMatches, 3);
    if (mentioned.some((path) => unit.path === path || unit.path.endsWith(`/${path}`))) boost *= 2;
    if (unit.exact) boost *= 1.5;
    else if (unit.symbolHit && unit.definition) boost *= 1.2;
    let prior = priorByPath.get(unit.path);
    if (prior === undefined) priorByPath.set(unit.path, (prior = pathPrior(unit.path, intent)));
    boost *= prior;

    let source = unit.source;
    let strongest = -1;
    for (const [kind, contribution] of unit.contributions) {
      if (contribution > strongest) {
        strongest = contribution;
        source = kind;
      }
    }
    fused.push({
      path: unit.path,
      startLine: unit.startLine,
      endLine: unit.endLine,
      focusLine: unit.focusLine,
      score: unit.score * boost,
      source,
      definition: unit.definition,
    });
  }
  // Code-point order for ties: localeCompare (ICU) cost ~90 ms per dry-run over thousands of units.
  const byScore = (a: FusedUnit, b: FusedUnit) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.startLine - b.startLine;
  fused.sort(byScore);
  // A file's second and later places are discounted, so the budget reaches more files.
  const placesOf = new Map<string, number>();
  for (const unit of fused) {
    const places = placesOf.get(unit.path) ?? 0;
    unit.score *= EXTRA_CHUNK_DISCOUNT ** places;
    placesOf.set(unit.path, places + 1);
  }
  fused.sort(byScore);
  return collapseDuplicateFiles(fused, snapshot);
}
