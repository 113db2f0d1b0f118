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

// `url-alphabet/index.js` is the url-alphabet module: its directory is its name.
const ENTRY_FILE = /^(?:index|main|mod|lib|__init__)\.[a-z0-9]+$/i;

function stemsOf(segment: string): Set<string> {
  return new Set(splitIdentifier(segment.replace(/\.[a-z0-9]+$/i, '')).filter((part) => part.length >= 2).map(stemWord));
}

/** A file's name and the directories above it. */
function splitPath(path: string): { name: string; dirs: string[] } {
  const dirs = path.split('/');
  let name = dirs.pop() ?? '';
  if (ENTRY_FILE.test(name) && dirs.length > 0) name = dirs.pop() ?? name;
  return { name, dirs };
}

// A stem is its word's start, but for `-ies` → `-y` ("libraries" → "library"): compare without the y.
const probeOf = (stem: string) => (stem.length > 3 && stem.endsWith('y') ? stem.slice(0, -1) : stem);

/**
 * Files whose whole name is words of the question (the user's own, not synonyms), best first. No table
 * is kept: a substring test over the paths finds the few files worth splitting (~1 ms at 10k files),
 * where stemming every path up front cost 10–20 ms on the first question of a dry run.
 */
export function rankPaths(snapshot: SearchSnapshot, terms: readonly WeightedTerm[], limit: number): Array<{ path: string; score: number }> {
  const own = terms.filter((term) => term.weight >= 0.5 && !term.translates);
  if (own.length === 0) return [];
  const probes = own.map(({ term }) => probeOf(term));
  const total = snapshot.files.length;
  const idf = (count: number) => Math.log(1 + (total - count + 0.5) / (count + 0.5));

  const named: Array<{ path: string; name: Set<string>; dirs: string[] }> = [];
  const dirCounts = new Map<string, number>();
  for (const { path } of snapshot.files) {
    const lower = path.toLowerCase();
    if (!probes.some((probe) => lower.includes(probe))) continue;
    const { name, dirs } = splitPath(path);
    for (const [index, probe] of probes.entries()) {
      const term = own[index]?.term ?? '';
      if (dirs.some((dir) => dir.toLowerCase().includes(probe) && stemsOf(dir).has(term))) dirCounts.set(term, (dirCounts.get(term) ?? 0) + 1);
    }
    if (probes.some((probe) => name.toLowerCase().includes(probe))) named.push({ path, name: stemsOf(name), dirs });
  }

  const nameCounts = new Map<string, number>();
  for (const file of named) for (const { term } of own) if (file.name.has(term)) nameCounts.set(term, (nameCounts.get(term) ?? 0) + 1);
  const scored: Array<{ path: string; score: number }> = [];
  for (const file of named) {
    // A name the question covers only in part ("merge" for mergeMap.ts) is not this file's name.
    const covered = own.filter(({ term }) => file.name.has(term));
    if (covered.length === 0 || covered.length < file.name.size) continue;
    let score = covered.reduce((sum, { term, weight }) => sum + weight * idf(nameCounts.get(term) ?? 1), 0);
    // Directories then tell apart the files of one name (services/inventory/Dockerfile).
    const dirStems = new Set(file.dirs.flatMap((dir) => [...stemsOf(dir)]));
    for (const { term, weight } of own) if (dirStems.has(term) && !file.name.has(term)) score += weight * idf(dirCounts.get(term) ?? 1);
    scored.push({ path: file.path, score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, limit);
}
