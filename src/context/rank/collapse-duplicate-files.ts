import type { SearchSnapshot } from '../index/search-snapshot.js';

/** Directories that hold another build of the same sources (ESM and CommonJS builds, type declarations). */
const BUILD_SEGMENTS = new Set(['dist', 'build', 'out', 'lib', 'src', 'esm', 'esm5', 'es2015', 'es', 'cjs', 'umd', 'types', 'bundle', 'bundles', 'module']);
const DECLARATION = /\.d\.[cm]?ts$/;
const SOURCE_EXTENSION = /(?:\.d)?\.[cm]?[jt]sx?$/;

/** `libs/rxjs/dist/cjs/internal/map.js` and `libs/rxjs/src/internal/map.ts` → `libs/rxjs/internal/map`. */
export function duplicateKeyOf(path: string): string | undefined {
  if (!SOURCE_EXTENSION.test(path)) return undefined;
  return path
    .replace(SOURCE_EXTENSION, '')
    .split('/')
    .filter((segment) => !BUILD_SEGMENTS.has(segment))
    .join('/');
}

/**
 * Same place in two builds, and (when both are indexed) mostly the same definitions. A `.d.ts` at the
 * same place always declares that module (its symbols are not comparable: members without bodies).
 */
function sameDefinitions(first: string, second: string, snapshot: SearchSnapshot | undefined): boolean {
  if (DECLARATION.test(first) !== DECLARATION.test(second)) return true;
  const a = snapshot?.fileOf(first);
  const b = snapshot?.fileOf(second);
  if (!a || !b) return true;
  const names = new Set(a.symbols.map((symbol) => symbol.name));
  const other = new Set(b.symbols.map((symbol) => symbol.name));
  if (names.size === 0 && other.size === 0) return true;
  let shared = 0;
  for (const name of other) if (names.has(name)) shared++;
  return shared / Math.max(1, Math.min(names.size, other.size)) >= 0.5;
}

/**
 * Near-duplicate files (one module shipped as ESM, CommonJS and `.d.ts`) count once: ranked units of
 * a copy whose better-ranked twin is already in the list are dropped, so five copies of one operator
 * never fill the budget. `ranked` is best first. The copy kept is the best-ranked one, except that an
 * implementation is kept over a `.d.ts`: it takes the declaration's place, since a question is about
 * the code behind an API, and the declaration only lists it.
 */
export function collapseDuplicateFiles<T extends { path: string; score: number }>(ranked: readonly T[], snapshot: SearchSnapshot | undefined): T[] {
  // Clusters of twins per key, in first-seen order.
  const clusters = new Map<string, string[][]>();
  const clusterOf = new Map<string, string[]>();
  for (const { path } of ranked) {
    const key = duplicateKeyOf(path);
    if (key === undefined || clusterOf.has(path)) continue;
    const known = clusters.get(key) ?? [];
    clusters.set(key, known);
    let cluster = known.find((paths) => sameDefinitions(paths[0]!, path, snapshot));
    if (!cluster) known.push((cluster = []));
    cluster.push(path);
    clusterOf.set(path, cluster);
  }
  const keeperOf = (cluster: string[]) => cluster.find((path) => !DECLARATION.test(path)) ?? cluster[0]!;

  const result: T[] = [];
  const moved = new Set<T>();
  const replaced = new Set<string[]>();
  for (const unit of ranked) {
    if (moved.has(unit)) continue;
    const cluster = clusterOf.get(unit.path);
    if (!cluster) {
      result.push(unit);
      continue;
    }
    const keeper = keeperOf(cluster);
    if (unit.path === keeper) {
      result.push(unit);
    } else if (unit.path === cluster[0] && !replaced.has(cluster)) {
      replaced.add(cluster);
      // The declaration ranked first: its place goes to the implementation's best unit.
      const best = ranked.find((other) => other.path === keeper && !moved.has(other));
      if (best) {
        moved.add(best);
        result.push({ ...best, score: Math.max(best.score, unit.score) });
      }
    }
  }
  return result;
}
