import type { WeightedTerm } from '../query/derive-search-terms.js';
import { segmentStems } from '../query/text-tokens.js';
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
  return new Set(segmentStems(segment.replace(/\.[a-z0-9]+$/i, '')));
}

/** A file's name and the directories above it. */
function splitPath(path: string): { name: string; dirs: string[] } {
  const dirs = path.split('/');
  let name = dirs.pop() ?? '';
  if (ENTRY_FILE.test(name) && dirs.length > 0) name = dirs.pop() ?? name;
  return { name, dirs };
}

/** Every path lower-cased in one string, once per snapshot, with where each starts. */
interface PathText {
  text: string;
  starts: Int32Array;
}
const pathTexts = new WeakMap<SearchSnapshot, PathText>();
function pathTextOf(snapshot: SearchSnapshot): PathText {
  let paths = pathTexts.get(snapshot);
  if (!paths) {
    // Offsets of the lower-cased paths: lower-casing can change a string's length (`İ`).
    const lower = snapshot.files.map((file) => file.path.toLowerCase());
    const starts = new Int32Array(lower.length);
    let offset = 0;
    lower.forEach((path, slot) => {
      starts[slot] = offset;
      offset += path.length + 1;
    });
    paths = { text: lower.join('\n'), starts };
    pathTexts.set(snapshot, paths);
  }
  return paths;
}

/**
 * Per probe, the slots of the files whose path contains it: one `indexOf` run per probe over all
 * paths (~0.1 ms at 10k files, where testing each path in turn cost ~2 ms).
 */
function slotsContaining(paths: PathText, probe: string): number[] {
  const slots: number[] = [];
  for (let at = paths.text.indexOf(probe); at >= 0; ) {
    let low = 0;
    let high = paths.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((paths.starts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    slots.push(low);
    const next = paths.starts[low + 1];
    if (next === undefined) break;
    at = paths.text.indexOf(probe, next);
  }
  return slots;
}

// A stem is its word's start, but for `-ies` → `-y` ("libraries" → "library"): compare without the y.
const probeOf = (stem: string) => (stem.length > 3 && stem.endsWith('y') ? stem.slice(0, -1) : stem);

/**
 * Files whose whole name is words of the question (the user's own, not synonyms), best first. No table
 * of stems is kept: a substring search over all paths finds the few files worth splitting, where
 * stemming every path up front cost 10–20 ms on the first question of a dry run.
 */
export function rankPaths(snapshot: SearchSnapshot, terms: readonly WeightedTerm[], limit: number): Array<{ path: string; score: number }> {
  const own = terms.filter((term) => term.weight >= 0.5 && !term.translates);
  if (own.length === 0) return [];
  const probes = own.map(({ term }) => probeOf(term));
  const total = snapshot.files.length;
  const idf = (count: number) => Math.log(1 + (total - count + 0.5) / (count + 0.5));

  // Directory names repeat across the matching paths: split and stem each once per question.
  const segmentStems = new Map<string, Set<string>>();
  const stemsOfDir = (dir: string) => {
    let stems = segmentStems.get(dir);
    if (!stems) segmentStems.set(dir, (stems = stemsOf(dir)));
    return stems;
  };
  const text = pathTextOf(snapshot);
  // How many paths hold each word (a little more than its directory count: enough for an idf).
  const pathCounts = new Map<string, number>();
  const candidates = new Set<number>();
  probes.forEach((probe, index) => {
    const slots = slotsContaining(text, probe);
    pathCounts.set(own[index]?.term ?? '', slots.length);
    for (const slot of slots) candidates.add(slot);
  });
  const named: Array<{ path: string; name: Set<string>; dirs: string[] }> = [];
  for (const slot of candidates) {
    const path = snapshot.files[slot]?.path ?? '';
    const { name, dirs } = splitPath(path);
    const lowerName = name.toLowerCase();
    if (probes.some((probe) => lowerName.includes(probe))) named.push({ path, name: stemsOf(name), dirs });
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
    const dirStems = new Set(file.dirs.flatMap((dir) => [...stemsOfDir(dir)]));
    for (const { term, weight } of own) if (dirStems.has(term) && !file.name.has(term)) score += weight * idf(pathCounts.get(term) ?? 1);
    scored.push({ path: file.path, score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, limit);
}
