import type { WeightedTerm } from '../query/derive-search-terms.js';
import { splitIdentifier, stemWord } from '../query/text-tokens.js';
import type { SearchSnapshot } from './search-snapshot.js';

/**
 * Files found by their path: "which Dockerfile builds the inventory image?" is answered by
 * `services/inventory/Dockerfile`, whose text says neither word. Content search never lists such a
 * file, so the path priors in fusion would have nothing to boost; this list makes it a candidate.
 * Only files whose whole name is words of the question are listed (a directory word alone would list
 * every file under it, equally; one word of a long name says little), their directories breaking ties.
 */
interface PathTerms {
  /** Stem → files (slots) whose name holds it. */
  names: Map<string, number[]>;
  /** Per file: how many distinct stems its name has. */
  nameSizes: Int32Array;
  /** Stem → files whose directories hold it (and whose name does not). */
  dirs: Map<string, number[]>;
}

const cache = new WeakMap<SearchSnapshot, PathTerms>();
const ENTRY_FILE = /^(?:index|main|mod|lib|__init__)\.[a-z0-9]+$/i;

function stemsOf(segment: string): string[] {
  return [...new Set(splitIdentifier(segment.replace(/\.[a-z0-9]+$/i, '')).filter((part) => part.length >= 2).map(stemWord))];
}

function pathTermsOf(snapshot: SearchSnapshot): PathTerms {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const terms: PathTerms = { names: new Map(), nameSizes: new Int32Array(snapshot.files.length), dirs: new Map() };
  const add = (map: Map<string, number[]>, stem: string, slot: number) => {
    const slots = map.get(stem);
    if (slots) slots.push(slot);
    else map.set(stem, [slot]);
  };
  snapshot.files.forEach((file, slot) => {
    const segments = file.path.split('/');
    let base = segments.pop() ?? '';
    // `url-alphabet/index.js` is the url-alphabet module: its directory is its name.
    if (ENTRY_FILE.test(base) && segments.length > 0) base = segments.pop() ?? base;
    const name = new Set(stemsOf(base));
    terms.nameSizes[slot] = name.size;
    for (const stem of name) add(terms.names, stem, slot);
    for (const stem of new Set(segments.flatMap(stemsOf))) if (!name.has(stem)) add(terms.dirs, stem, slot);
  });
  cache.set(snapshot, terms);
  return terms;
}

/** Files whose whole name is words of the question (the user's own, not synonyms), best first. */
export function rankPaths(snapshot: SearchSnapshot, terms: readonly WeightedTerm[], limit: number): Array<{ path: string; score: number }> {
  const { names, nameSizes, dirs } = pathTermsOf(snapshot);
  const total = snapshot.files.length;
  const idf = (count: number) => Math.log(1 + (total - count + 0.5) / (count + 0.5));
  const scores = new Map<number, number>();
  const matched = new Map<number, number>();
  const own = terms.filter((term) => term.weight >= 0.5 && !term.translates);
  for (const { term, weight } of own) {
    const slots = names.get(term);
    if (!slots) continue;
    for (const slot of slots) {
      scores.set(slot, (scores.get(slot) ?? 0) + weight * idf(slots.length));
      matched.set(slot, (matched.get(slot) ?? 0) + 1);
    }
  }
  // A name the question covers only in part ("merge" for mergeMap.ts) is not this file's name.
  for (const [slot, count] of matched) if (count < (nameSizes[slot] ?? 0)) scores.delete(slot);
  // Directories then tell apart the files of one name (services/inventory/Dockerfile).
  for (const { term, weight } of own) {
    const slots = dirs.get(term);
    if (!slots) continue;
    for (const slot of slots) if (scores.has(slot)) scores.set(slot, (scores.get(slot) ?? 0) + weight * idf(slots.length));
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([slot, score]) => ({ path: snapshot.files[slot]?.path ?? '', score }));
}
