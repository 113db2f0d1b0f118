import type { LineMatch } from '../search/line-match.js';
import type { SourceHit } from './source-hit.js';

// Matches this close together are one place in the code.
const CLUSTER_GAP = 12;

/**
 * Ranks grep lines (ours or the bridge's): clusters nearby lines of a file, then scores each cluster by
 * the distinct search terms it contains, rarer terms (fewer files) counting more. A cluster that uses
 * three of the words beats one that repeats a single common word.
 */
export function rankLineMatches(matches: readonly LineMatch[], terms: readonly string[], identifiers: readonly string[]): SourceHit[] {
  if (matches.length === 0 || terms.length === 0) return [];
  const lowered = terms.map((term) => term.toLowerCase());
  const identifierSet = new Set(identifiers.map((identifier) => identifier.toLowerCase()));

  const termsOfLine = matches.map((match) => {
    const text = match.text.toLowerCase();
    return lowered.flatMap((term, index) => (text.includes(term) ? [index] : []));
  });
  const filesPerTerm = lowered.map(() => new Set<string>());
  matches.forEach((match, index) => termsOfLine[index]?.forEach((term) => filesPerTerm[term]?.add(match.path)));
  const fileCount = new Set(matches.map((match) => match.path)).size;
  const weight = lowered.map((term, index) => {
    const idf = Math.log(1 + fileCount / Math.max(1, filesPerTerm[index]?.size ?? 1));
    return identifierSet.has(term) ? idf * 1.5 : idf;
  });

  const byPath = new Map<string, number[]>();
  matches.forEach((match, index) => {
    const list = byPath.get(match.path);
    if (list) list.push(index);
    else byPath.set(match.path, [index]);
  });

  const scored: Array<{ hit: SourceHit; score: number }> = [];
  for (const [path, indexes] of byPath) {
    indexes.sort((a, b) => (matches[a]?.line ?? 0) - (matches[b]?.line ?? 0));
    let cluster: number[] = [];
    const flush = () => {
      if (cluster.length === 0) return;
      const found = new Set<number>();
      let bestLine = matches[cluster[0] ?? 0]?.line ?? 1;
      let bestCount = -1;
      for (const index of cluster) {
        const lineTerms = termsOfLine[index] ?? [];
        lineTerms.forEach((term) => found.add(term));
        if (lineTerms.length > bestCount) {
          bestCount = lineTerms.length;
          bestLine = matches[index]?.line ?? bestLine;
        }
      }
      let score = 0.1 * Math.log(1 + cluster.length);
      for (const term of found) score += weight[term] ?? 0;
      const lines = cluster.map((index) => matches[index]?.line ?? 1);
      scored.push({ hit: { path, startLine: Math.min(...lines), endLine: Math.max(...lines), line: bestLine }, score });
      cluster = [];
    };
    for (const index of indexes) {
      const previous = cluster.at(-1);
      if (previous !== undefined && (matches[index]?.line ?? 0) - (matches[previous]?.line ?? 0) > CLUSTER_GAP) flush();
      cluster.push(index);
    }
    flush();
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.map(({ hit }) => hit);
}
